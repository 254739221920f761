"""Print `mgi status`: one matrix by dimension, or several in one table; or JSON."""

from __future__ import annotations

import json
from typing import Any, TextIO

from mgi_cli.authoring.status import MatrixStatus, Tally

_HEAD = ("answered", "unreviewed", "no ref", "stale refs")


def write_json(statuses: list[MatrixStatus], stream: TextIO) -> None:
    json.dump({"matrices": [s.as_json() for s in statuses]}, stream, indent=2,
              ensure_ascii=False)  # fmt: skip
    stream.write("\n")


def write_text(statuses: list[MatrixStatus], stream: TextIO, rich: bool) -> None:
    if len(statuses) == 1 and statuses[0].matrix is not None:
        one = statuses[0]
        stream.write(_describe(one) + "\n\n")
        rows = [[d.id, d.name, *_cells(d.tally)] for d in one.dimensions]
        rows.append(["", "all", *_cells(one.tally)])
        _table(["dimension", "", *_HEAD], rows, stream, rich)
        return
    rows = []
    for status in statuses:
        m = status.matrix
        if m is None:
            rows.append([status.path, "-", "-", *["-"] * 4, f"not a matrix: {status.error}"])
            continue
        rows.append([status.path, m.status, m.assessed_on.isoformat(), *_cells(status.tally),
                     f"{status.errors} error(s), {status.warnings} warning(s)"])  # fmt: skip
    _table(["matrix", "status", "assessed on", *_HEAD, "validate"], rows, stream, rich)


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
    if rich:
        _rich_table(head, rows, stream)
        return
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        cells = [
            cell.rjust(width) if head[i] in _HEAD else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        stream.write("  ".join(cells).rstrip() + "\n")


def _rich_table(head: list[str], rows: list[list[str]], stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    for name in head:
        table.add_column(name, justify="right" if name in _HEAD else "left")
    for row in rows:
        table.add_row(*row)
    console: Any = Console(file=stream, force_terminal=True)
    console.print(table)
