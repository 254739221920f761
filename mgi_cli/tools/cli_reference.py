"""The command-line reference page (docs/cli.md), from the commands' own help.

Each command's ``--help`` is what a user sees, so the page shows exactly that, at a
fixed width so the page does not depend on the terminal it was generated in.
Regenerate with ``python -m mgi_cli.tools.cli_reference > docs/cli.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

#: Columns of the help text in the page (the width of the site's code blocks).
WIDTH = 88

HEADER = """\
# Command line

Every command and option of `mgi`, as `--help` shows them. This page is generated
from the commands themselves (`python -m mgi_cli.tools.cli_reference > docs/cli.md`);
a test fails when it is out of date.

Exit statuses are the same for every command: 0 done, 1 the data has problems or the
command refused, 2 the command was used wrongly (see
[the format](format.md#exit-status-every-command)).
"""


def _commands(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    # Typer bundles its own click: a group is told by its ``commands``. Listed in the
    # order ``mgi --help`` lists them.
    names = command.list_commands(None) if hasattr(command, "list_commands") else []
    for name in names:
        sub = command.commands[name]
        if not sub.hidden:
            yield from _commands(sub, (*path, name))


def _help(path: tuple[str, ...]) -> str:
    from typer.testing import CliRunner

    from mgi_cli.cli import app

    result = CliRunner().invoke(
        app,
        [*path, "--help"],
        prog_name="mgi",
        terminal_width=WIDTH,
        env={"NO_COLOR": "1", "COLUMNS": None, "GITHUB_ACTIONS": None},
    )
    if result.exit_code != 0:
        raise RuntimeError(f"mgi {' '.join(path)} --help exited {result.exit_code}")
    return result.stdout.rstrip("\n")


def _summary(command: Any) -> str:
    first = (command.short_help or command.help or "").strip().split("\n\n")[0]
    return " ".join(first.split()).replace("|", "\\|")


def cli_reference() -> str:
    """The page, as Markdown."""
    import typer

    from mgi_cli.cli import app

    commands = list(_commands(typer.main.get_command(app), ()))
    index = ["| command | what it does |", "| --- | --- |"]
    sections = []
    for path, command in commands:
        name = " ".join(("mgi", *path))
        anchor = "-".join(("mgi", *path))
        if path:
            index.append(f"| [`{name}`](#{anchor}) | {_summary(command)} |")
        sections.append(f"## {name} {{#{anchor}}}\n\n```text\n{_help(path)}\n```\n")
    return "\n".join([HEADER, *index, "", *sections])


if __name__ == "__main__":
    sys.stdout.write(cli_reference())
