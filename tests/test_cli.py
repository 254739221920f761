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


# --- A run builds only the command it names (start-up time) ------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["validate", "x.yaml"], "validate"),
        (["--color", "never", "status"], "status"),
        (["--debug", "--color=always", "catalogue", "diff", "a", "b"], "catalogue"),
        (["--color", "validate"], None),  # `validate` is --color's value: click says so
        (["--help"], None),
        ([], None),
        (["validat"], None),  # a typo: every command, for click's did-you-mean
        (["-V"], None),
    ],
)
def test_the_command_a_run_names(args: list[str], expected: str | None) -> None:
    from mgi_cli.cli import named_command

    assert named_command(args) == expected


def _main(args: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    from mgi_cli.cli import main

    monkeypatch.setattr("sys.argv", ["mgi", *args])
    with pytest.raises(SystemExit) as done:
        main()
    return int(done.value.code or 0)


def test_main_runs_the_named_command_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert _main(["validate", str(BASELINE)], monkeypatch) == 0
    assert capsys.readouterr().out == "OK: 1 file checked, 0 warnings\n"
    assert _main(["catalogue", "diff", "mgi-national@1.0", "mgi-national@1.1"], monkeypatch) == 0
    assert capsys.readouterr().out.startswith("mgi-national@1.0 -> mgi-national@1.1\n")
    assert _main(["validat"], monkeypatch) == 2
    assert "Did you mean 'validate'?" in capsys.readouterr().err


def test_main_help_lists_every_command(
    mgi: Mgi, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def words(text: str) -> list[str]:  # the width of the lines is the terminal's
        return text.split()

    assert _main(["--help"], monkeypatch) == 0
    listed = re.findall(r"^  ([a-z]+)  ", capsys.readouterr().out.split("Commands:")[1], re.M)
    assert tuple(listed) == WORKFLOW_ORDER
    assert _main(["report", "gcm", "--help"], monkeypatch) == 0
    assert words(capsys.readouterr().out) == words(mgi("report", "gcm", "--help").stdout)
