"""Every command explains itself (the docs pages of codes and commands: tests/docs)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import Result

import mgi_cli
from mgi_cli.cli import app

Mgi = Callable[..., Result]


def _walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    # Typer may bundle its own copy of click, so groups are told by their ``commands``.
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(typer.main.get_command(app), ()))
IDS = [" ".join(path) or "mgi" for path, _ in COMMANDS]


def test_the_core_commands_exist() -> None:
    names = {path for path, _ in COMMANDS}
    assert {("validate",), ("catalogue",), ("schema",)} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_command_has_help(path: tuple[str, ...], command: Any) -> None:
    assert (command.help or "").strip(), f"mgi {' '.join(path)} has no help text"
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            assert (param.help or "").strip(), f"mgi {' '.join(path)} {param.opts[0]}: no help"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_option_exits_0(mgi: Mgi, path: tuple[str, ...], command: Any) -> None:
    result = mgi(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert (command.help or "").split("\n")[0].strip()[:40] in " ".join(result.stdout.split())


def test_mgi_help_lists_the_commands(mgi: Mgi) -> None:
    result = mgi("--help")
    assert result.exit_code == 0
    for name in ("validate", "catalogue", "schema"):
        assert re.search(rf"^\s+{name}\s", result.stdout, re.MULTILINE), name


def test_mgi_without_arguments_shows_help(mgi: Mgi) -> None:
    result = mgi()
    assert result.exit_code in (0, 2)
    assert "Usage: " in result.output


def test_short_help_and_version_options(mgi: Mgi) -> None:
    assert mgi("-h").stdout.startswith("Usage: mgi [OPTIONS] COMMAND")
    assert mgi("validate", "-h").stdout.startswith("Usage: mgi validate")
    version = mgi("-V")
    assert (version.exit_code, version.stdout) == (0, f"mgi {mgi_cli.__version__}\n")


def test_shell_completion_is_offered(mgi: Mgi) -> None:
    text = mgi("--help").stdout
    assert "--install-completion" in text
    assert "--show-completion" in text


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`mgi catalogue | head -1`: no traceback and no error when the reader leaves."""
    command = f"{sys.executable} -m mgi_cli catalogue --lang pt | head -1 > {tmp_path / 'out'}"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "out").read_text(encoding="utf-8").strip()
