"""The command line as a whole: --color for every command, and the order of `mgi --help`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.commands import WORKFLOW_ORDER

Mgi = Callable[..., Result]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "matrices" / "XAM"
BASELINE = EXAMPLES / "2018-baseline.yaml"
FOLLOW_UP = EXAMPLES / "2022-follow_up.yaml"
ESC = "\x1b["

#: Each command that colours its text output, with arguments that give some.
COLOURING = {
    "validate": ["validate", BASELINE],
    "status": ["status", BASELINE],
    "diff": ["diff", FOLLOW_UP],
}


@pytest.mark.parametrize("command", sorted(COLOURING))
def test_color_always_and_never_as_a_command_option(mgi: Mgi, command: str) -> None:
    args = COLOURING[command]
    always = mgi(*args, "--color", "always")  # NO_COLOR=1: the option is above it
    assert always.exit_code == 0, always.output
    assert ESC in always.stdout
    never = mgi(*args, "--color", "never", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert (never.exit_code, ESC in never.stdout) == (0, False)
    if command != "status":  # status draws its table with rules in colour
        assert re.sub(r"\x1b\[[0-9;]*m", "", always.stdout) == never.stdout


@pytest.mark.parametrize("command", sorted(COLOURING))
def test_color_as_a_global_option(mgi: Mgi, command: str) -> None:
    result = mgi("--color", "always", *COLOURING[command])
    assert result.exit_code == 0, result.output
    assert ESC in result.stdout


def test_the_commands_own_color_wins_over_the_global_one(mgi: Mgi) -> None:
    result = mgi("--color", "always", "validate", BASELINE, "--color", "never")
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked, 0 warnings\n")
    assert ESC in mgi("--color", "never", "validate", BASELINE, "--color", "always").stdout


def test_auto_colours_no_pipe_unless_forced(mgi: Mgi) -> None:
    # CliRunner's output is no terminal: auto is plain, as in a pipe.
    plain = mgi("validate", BASELINE, env={"NO_COLOR": None, "FORCE_COLOR": None})
    assert plain.stdout == "OK: 1 file checked, 0 warnings\n"
    forced = mgi("validate", BASELINE, env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert forced.stdout == "\x1b[1;32mOK: 1 file checked, 0 warnings\x1b[0m\n"
    empty = mgi("validate", BASELINE, env={"NO_COLOR": None, "FORCE_COLOR": ""})
    assert ESC not in empty.stdout
    both = mgi("validate", BASELINE, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert ESC not in both.stdout  # NO_COLOR wins in auto


def test_a_color_choice_lasts_one_run(mgi: Mgi) -> None:
    assert ESC in mgi("--color", "always", "validate", BASELINE).stdout
    assert ESC in mgi("validate", BASELINE, "--color", "always").stdout
    after = mgi("validate", BASELINE, env={"NO_COLOR": None, "FORCE_COLOR": None})
    assert ESC not in after.stdout


@pytest.mark.parametrize("where", ["global", "command"])
def test_a_wrong_color_exits_2_naming_the_choices(mgi: Mgi, where: str) -> None:
    args = ["--color", "purple", "validate", BASELINE]
    if where == "command":
        args = ["validate", BASELINE, "--color", "purple"]
    result = mgi(*args)
    assert result.exit_code == 2
    assert "'purple' is not one of 'auto', 'always', 'never'" in result.stderr


def test_help_lists_the_commands_in_the_order_of_the_work(mgi: Mgi) -> None:
    text = mgi("--help").stdout
    listed = re.findall(r"^  ([a-z][a-z0-9-]*)  ", text.split("Commands:")[1], re.MULTILINE)
    assert listed == [
        "init",
        "new",
        "validate",
        "fmt",
        "status",
        "export",
        "import",
        "diff",
        "render",
        "report",
        "site",
        "catalogue",
        "schema",
    ]
    assert tuple(listed) == WORKFLOW_ORDER  # and no command is left out of the order
