"""The README is a front page: short, and its taste of mgi runs as shown."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Mgi = Callable[..., Result]

README = Path(__file__).resolve().parents[2] / "README.md"


def taste() -> list[list[str]]:
    section = README.read_text(encoding="utf-8").partition("## A taste")[2].partition("\n## ")[0]
    return [shlex.split(line, comments=True) for line in re.findall(r"^\$ (.*)$", section, re.M)]


def test_the_readme_is_a_front_page() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    assert "python -m pytest" in text
    assert "pip install -e '.[test]' && mgi validate examples/matrices" in text
    assert 5 <= len(taste()) <= 10


def test_the_taste_runs(
    mgi: Mgi, tmp_path: Path, project_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(project_root / "examples")
    for words in taste():
        assert words[0] == "mgi"
        result = mgi(*words[1:])
        assert result.exit_code == 0, f"{' '.join(words)}\n{result.output}"
    assert (tmp_path / "profile.html").is_file()
    assert (tmp_path / "xam-matrices" / "mgi.toml").is_file()
