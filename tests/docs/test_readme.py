"""The README is a front page: short, and its taste of mgi (and the docs home's) runs as shown."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Mgi = Callable[..., Result]

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
HOME = ROOT / "docs" / "index.md"


def taste(page: Path) -> list[tuple[list[str], list[str]]]:
    """The ``$ mgi ...`` lines of the page's "A taste" section, each with the output shown."""
    section = page.read_text(encoding="utf-8").partition("## A taste")[2].partition("\n## ")[0]
    block = section.partition("```console\n")[2].partition("```")[0]
    sessions: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            sessions.append((shlex.split(line[2:], comments=True), []))
        else:
            sessions[-1][1].append(line)
    return sessions


def test_the_readme_is_a_front_page() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    assert "python -m pytest" in text
    assert "pip install -e '.[test]' && mgi validate examples/matrices" in text
    assert 5 <= len(taste(README)) <= 10


@pytest.mark.parametrize("page", [README, HOME], ids=["README", "docs-home"])
def test_the_taste_runs_as_shown(
    page: Path, mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    for words, shown in taste(page):
        assert words[0] == "mgi"
        result = mgi(*words[1:])
        assert result.exit_code == 0, f"{' '.join(words)}\n{result.output}"
        lines = result.stdout.splitlines()
        for line in shown:
            if line.strip() != "...":
                assert line in lines, f"$ {' '.join(words)}: {line!r} not in its output"
    assert (tmp_path / "profile.html").is_file()
