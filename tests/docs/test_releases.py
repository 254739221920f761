"""Releases: the changelog lists them, and the docs install only versions it lists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADING = re.compile(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", re.MULTILINE)


def _versions() -> list[tuple[str, str]]:
    return HEADING.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))


def test_the_changelog_has_unreleased_then_dated_versions_newest_first() -> None:
    versions = _versions()
    assert versions[0] == ("Unreleased", "")
    released = versions[1:]
    assert released, "no release in CHANGELOG.md"
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) and date for v, date in released)
    numbers = [tuple(int(n) for n in v.split(".")) for v, _ in released]
    assert numbers == sorted(numbers, reverse=True)
    assert [d for _, d in released] == sorted((d for _, d in released), reverse=True)


def test_the_docs_install_released_versions() -> None:
    released = {v for v, _ in _versions()[1:]}
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for page in pages:
        for tag in re.findall(r"@v(\d+\.\d+\.\d+)\b", page.read_text(encoding="utf-8")):
            assert tag in released, f"{page.relative_to(ROOT)} installs v{tag}, not a release"
