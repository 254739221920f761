"""Every command explains itself (the docs pages of codes and commands: tests/docs)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import typer
from typer.testing import Result

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
