"""The HTML profile in a real browser: headless Chromium renders it, logs no console
message, and a script planted in a justification does not run.

Skipped where Debian's `chromium` is not installed (.ci/run installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from mgi_cli.commands.common import catalogue_library
from mgi_cli.render.run import render_profile_file

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM"
PLANTED = (
    "<script>document.title='PWNED';console.error('planted ran')</script>"
    "<img src=x onerror=\"document.title='PWNED'\">"
)


def dump_dom(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The DOM after load, and the browser's console messages."""
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
            "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


def _plant(path: Path) -> None:
    yaml = YAML()
    yaml.width = 4096
    data: Any = yaml.load(path)
    first = next(k for k, a in data["answers"].items() if not a.get("restricted"))
    data["answers"][first]["justification"] += " " + PLANTED
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def test_the_control_page_shows_the_console_is_read(tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        "<!DOCTYPE html><html lang=en><title>t</title>"
        "<script>console.error('control message')</script></html>",
        encoding="utf-8",
    )
    _dom, console = dump_dom(page, tmp_path / "browser")
    assert any("control message" in line for line in console)


def test_the_profile_renders_with_no_console_message_and_no_planted_script(
    tmp_path: Path,
) -> None:
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    matrix = tmp_path / "2022-follow_up.yaml"
    _plant(matrix)
    html = render_profile_file(
        matrix, catalogue_library(), fmt="html", audience="government", lang="fr", charts=True,
        today=date(2026, 1, 1),
    )  # fmt: skip
    page = tmp_path / "profile.html"
    page.write_text(html, encoding="utf-8")
    dom, console = dump_dom(page, tmp_path / "browser")
    assert console == []
    assert "<title>Rapport de gouvernance des migrations" in dom
    assert "PWNED</title>" not in dom
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title='PWNED'" in dom  # shown as text
    assert "<h1>République de Xamarie</h1>" in dom  # the title in French
    assert dom.count("<svg") >= 6
