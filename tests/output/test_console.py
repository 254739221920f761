"""The console: colour only when chosen and NO_COLOR unset; tables byte-stable as text."""

from __future__ import annotations

from io import StringIO

import pytest
from rich.text import Text

from mgi_cli.output.console import WIDTH, make_console, table, to_text, write_styled


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
    monkeypatch.setenv("NO_COLOR", "")  # set, whatever its value
    quiet = StringIO()
    write_styled(quiet, pieces, color=True)
    make_console(quiet, color=True).print(grid)
    assert "\x1b[" not in quiet.getvalue()
