"""Small-group suppression (mgi_cli/reports/suppression.py), on any table hypothesis finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mgi_cli.reports.suppression import Cell, Total, recoverable, suppress

COUNTRIES = [f"C{n}" for n in range(12)]


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[Cell]], list[Cell], list[Cell], int]:
    """Rows of cells, each cell holding answers from some countries, with row and column
    totals like the summary's indicator rows and dimension roll-ups."""
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 4))
    rows = []
    for _ in range(n_rows):
        row = []
        for _ in range(n_cols):
            cell = Cell()
            for country in draw(st.lists(st.sampled_from(COUNTRIES), max_size=8, unique=True)):
                cell.add(country)
            row.append(cell)
        rows.append(row)
    row_totals = [_sum(row) for row in rows]
    column_totals = [_sum([row[c] for row in rows]) for c in range(n_cols)]
    return rows, row_totals, column_totals, draw(st.integers(2, 6))


def _sum(cells: list[Cell]) -> Cell:
    total = Cell()
    for cell in cells:
        total.value += cell.value
        total.contributors |= cell.contributors
    return total


@settings(max_examples=200, deadline=None)
@given(tables())
def test_no_small_group_is_shown_and_none_can_be_subtracted(
    table: tuple[list[list[Cell]], list[Cell], list[Cell], int],
) -> None:
    rows, row_totals, column_totals, min_group = table
    lines = [Total(t, row) for t, row in zip(row_totals, rows, strict=True)]
    lines += [Total(t, [row[c] for row in rows]) for c, t in enumerate(column_totals)]
    cells = [c for row in rows for c in row] + row_totals + column_totals
    suppress(cells, lines, min_group)
    for cell in cells:
        assert cell.suppressed or not 0 < len(cell.contributors) < min_group
    assert recoverable(lines, min_group) == []
    for line in lines:  # beside a small total, shown zeros would tell what the few answered
        if 0 < len(line.total.contributors) < min_group:
            assert all(p.suppressed for p in line.parts)


def test_a_lone_part_equal_to_its_total_hides_the_total() -> None:
    small, zero = Cell(), Cell()
    small.add("A")
    total = Cell(1, {"A", "B", "C"})  # a total from more countries than its one part
    suppress([small, zero, total], [Total(total, [small, zero])], 3)
    assert small.suppressed
    assert total.suppressed
    assert not zero.suppressed


def test_zeros_beside_a_small_total_are_hidden() -> None:
    answered, nobody = Cell(), Cell()
    answered.add("A")
    answered.add("B")
    total = Cell(2, {"A", "B"})
    suppress([answered, nobody, total], [Total(total, [answered, nobody])], 3)
    assert nobody.suppressed, "a zero here would say what A and B answered"


def test_shown_cells_keep_their_value() -> None:
    big = Cell()
    for country in COUNTRIES[:6]:
        big.add(country)
    suppress([big], [], 5)
    assert big.shown() == 6
