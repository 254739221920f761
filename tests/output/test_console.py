"""The console: colour only when chosen and NO_COLOR unset; tables byte-stable as text."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from rich.text import Text

from mgi_cli.output.console import WIDTH, make_console, table, to_text, wants_color, write_styled


def test_a_table_is_lined_up_with_no_space_at_the_ends_of_lines() -> None:
    grid = table(["name", "n", "note"], [["alpha", "1", "x"], ["b", "22", ""]], right={1}, indent=2)
    assert to_text(grid) == "  name    n  note\n  alpha   1  x\n  b      22\n"


def test_widths_gap_and_no_header() -> None:
    grid = table([], [["D1.01", "question"], ["D10.100", "q"]], gap=1, min_widths={0: 8})
    assert to_text(grid) == "D1.01    question\nD10.100  q\n"
    cut = table(["", "2018"], [["a long name indeed", "1.0"]], widths={0: 6}, right={1})
    assert to_text(cut) == "        2018\na long   1.0\n"


def test_a_table_wider_than_the_console_is_not_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")  # off a terminal, the width is fixed anyway
    long = "word " * 40
    text = to_text(table(["a", "b"], [["x", long.strip()]]))
    assert text.splitlines()[1] == "x  " + long.strip()
    assert len(text.splitlines()[1]) > WIDTH


def test_lines_are_written_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    stream = StringIO()
    make_console(stream, color=False).print("[bold]x[/] :smile: " + "y" * 150)
    assert stream.getvalue() == "[bold]x[/] :smile: " + "y" * 150 + "\n"


def test_colour_only_when_chosen_and_no_color_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    pieces: list[str | tuple[str, str]] = [("error", "red"), " in ", ("file.yaml", "bold"), "\n"]
    plain, coloured = StringIO(), StringIO()
    write_styled(plain, pieces, color=False)
    write_styled(coloured, pieces, color=True)
    assert plain.getvalue() == "error in file.yaml\n"
    assert coloured.getvalue() == "\x1b[31merror\x1b[0m in \x1b[1mfile.yaml\x1b[0m\n"
    grid = table(["a"], [[Text("regression", "red")]])
    stream = StringIO()
    make_console(stream, color=True).print(grid)
    assert "\x1b[31mregression\x1b[0m" in stream.getvalue()
    # NO_COLOR is read where the choice is made (wants_color), below the writers.
    monkeypatch.setenv("NO_COLOR", "")  # set, whatever its value
    quiet = StringIO()
    color = wants_color("auto", _Terminal(), os.environ)
    write_styled(quiet, pieces, color=color)
    make_console(quiet, color=color).print(grid)
    assert "\x1b[" not in quiet.getvalue()


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "environ", "terminal", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, False),  # set, whatever its value
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": ""}, False, False),  # empty: not set (force-color.org)
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),  # the user's word for this run
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_wants_color(choice: str, environ: dict[str, str], terminal: bool, expected: bool) -> None:
    stream = _Terminal() if terminal else StringIO()
    assert wants_color(choice, stream, environ) is expected
