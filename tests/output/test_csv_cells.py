"""CSV cells open as text in a spreadsheet: no formula, no row broken by a lone CR."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from mgi_cli.output.csv_cells import FORMULA_STARTS, csv_cell, csv_text


def test_a_formula_gets_an_apostrophe_and_import_takes_it_off() -> None:
    assert csv_cell('=HYPERLINK("https://x.example")') == '\'=HYPERLINK("https://x.example")'
    assert (
        csv_cell("-2 Has the government adopted a strategy?")
        == "'-2 Has the government adopted a strategy?"
    )
    assert csv_cell("'=1") == "''=1"
    assert csv_text("''=1") == "'=1"
    assert csv_text("'-2 x") == "-2 x"
    assert csv_cell("It's fine") == "It's fine"
    assert csv_text("'quoted'") == "'quoted'"


def test_numbers_and_other_values_are_left_alone() -> None:
    assert csv_cell(-0.5) == -0.5
    assert csv_cell(None) is None
    assert csv_cell("") == ""


def test_a_lone_carriage_return_becomes_a_newline() -> None:
    assert csv_cell("a\rb") == "a\nb"
    assert csv_cell("a\r\nb") == "a\nb"
    assert csv_cell("\r-2") == "\n-2"


def _written(cells: list[object]) -> str:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerow(cells)
    return stream.getvalue()


@given(
    st.text(
        alphabet=st.sampled_from(
            ["a", " ", "-", "=", "+", "@", "'", "\r", "\n", "\t", '"', ",", "2"]
        )
    )
)
def test_every_text_reads_back_as_one_cell_that_is_no_formula(text: str) -> None:
    written = _written([csv_cell(text), "end"])
    # A spreadsheet program, like Python's universal newlines, ends a row at a lone CR.
    rows = list(csv.reader(io.StringIO(written, newline=None)))
    assert len(rows) == 1 and len(rows[0]) == 2 and rows[0][1] == "end"
    cell = rows[0][0]
    assert not cell.startswith(FORMULA_STARTS)
    assert csv_text(cell) == text.replace("\r\n", "\n").replace("\r", "\n")
