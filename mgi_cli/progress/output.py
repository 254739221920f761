"""Print `mgi status`: one matrix by dimension, or several in one table; or JSON."""

from __future__ import annotations

import json
from typing import Any, TextIO

from mgi_cli.progress.measure import MatrixStatus, Tally

_HEAD = ("answered", "unreviewed", "no ref", "stale refs")
#: Open action plan items past their due date (a column of the table of several matrices).
_OVERDUE = "overdue"


def write_json(statuses: list[MatrixStatus], stream: TextIO) -> None:
    json.dump({"matrices": [s.as_json() for s in statuses]}, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_text(statuses: list[MatrixStatus], stream: TextIO, rich: bool) -> None:
    if len(statuses) == 1 and statuses[0].matrix is not None:
        one = statuses[0]
        stream.write(_describe(one) + "\n\n")
        rows = [[d.id, d.name, *_cells(d.tally)] for d in one.dimensions]
        rows.append(["", "all", *_cells(one.tally)])
        _table(["dimension", "", *_HEAD], rows, stream, rich)
        stream.write(_overdue(one))
        stream.write(_untranslated(one))
        return
    rows = []
    for status in statuses:
        m = status.matrix
        if m is None:
            rows.append([status.path, "-", "-", *["-"] * 5, f"not a matrix: {status.error}"])
            continue
        rows.append(
            [
                status.path,
                m.status,
                m.assessed_on.isoformat(),
                *_cells(status.tally),
                str(len(status.overdue)),
                f"{status.errors} error(s), {status.warnings} warning(s)",
            ]
        )
    _table(["matrix", "status", "assessed on", *_HEAD, _OVERDUE, "validate"], rows, stream, rich)


def _overdue(status: MatrixStatus) -> str:
    """The overdue items of the action plan, under the table of one matrix."""
    if not status.overdue:
        return ""
    lines = [f"\noverdue action items ({len(status.overdue)}):"]
    for item in status.overdue:
        who = f", {item.responsible}" if item.responsible else ""
        lines.append(
            f"  {item.id}  due {item.due}, {status.days_overdue(item)} days overdue "
            f"({item.status.replace('_', ' ')}{who}); {', '.join(item.indicators)}: {item.action}"
        )
    return "\n".join(lines) + "\n"


def _untranslated(status: MatrixStatus) -> str:
    """The authored texts missing in a language the matrix's texts use."""
    if not status.untranslated:
        return ""
    lines = [f"\nuntranslated texts ({len(status.untranslated)}):"]
    lines += [f"  {text}: {', '.join(missing)}" for text, missing in status.untranslated]
    return "\n".join(lines) + "\n"


def _describe(status: MatrixStatus) -> str:
    m = status.matrix
    assert m is not None
    where = m.country + (f" ({m.locality})" if m.locality else "")
    lines = [
        f"{status.path}: {where}, {m.level} {m.assessment}, {m.catalogue}",
        f"status {m.status}, assessed on {m.assessed_on}"
        + (f", references last accessed {status.last_accessed}" if status.last_accessed else ""),
        f"validate: {status.errors} error(s), {status.warnings} warning(s)",
    ]
    if m.action_plan:
        lines.append(f"action plan: {len(m.action_plan)} item(s), {len(status.overdue)} overdue")
    if m.baseline:
        lines.insert(1, f"baseline {m.baseline}")
    return "\n".join(lines)


def _cells(tally: Tally) -> list[str]:
    return [
        f"{tally.answered}/{tally.total}",
        str(tally.unreviewed),
        str(tally.without_references),
        str(tally.stale_references),
    ]


def _table(head: list[str], rows: list[list[str]], stream: TextIO, rich: bool) -> None:
    """Columns lined up as text, or on a terminal a rich table that fits its width."""
    from mgi_cli.output.console import make_console, table

    figures = {i for i, name in enumerate(head) if name in (*_HEAD, _OVERDUE)}
    console = make_console(stream, color=rich)
    if rich:
        console.print(_fitted_table(head, rows, figures), soft_wrap=False)
    else:
        console.print(table(head, rows, right=figures))


def _fitted_table(head: list[str], rows: list[list[str]], figures: set[int]) -> Any:
    from rich.table import Table

    fitted = Table(show_edge=False, header_style="bold")
    for index, name in enumerate(head):
        if index in figures:  # short figures: let the paths wrap instead
            fitted.add_column(name, justify="right", no_wrap=True, min_width=len(name))
        else:
            fitted.add_column(name, justify="left")
    for row in rows:
        fitted.add_row(*row)
    return fitted
