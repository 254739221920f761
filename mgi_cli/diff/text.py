"""The text report of a diff: summary first, then tables; colour only when asked for."""

from __future__ import annotations

import textwrap
from typing import Any, TextIO

from mgi_cli.diff.model import Diff
from mgi_cli.diff.present import diff_context

WIDTH = 100
_DIRECTIONS = ("progress", "regression")
_COLOURS = {"progress": "green", "regression": "red", "insert": "green", "delete": "red"}


def write_text(diff: Diff, stream: TextIO, color: bool) -> None:
    from rich.text import Text

    from mgi_cli.output.console import make_console, table

    ctx = diff_context(diff)
    sides = [
        [
            side["label"],
            f"{side['path']}  (assessed {side['assessed_on']}, {side['catalogue']}, "
            f"{side['status']})",
        ]
        for side in ctx["sides"]
    ]
    out: list[Any] = [
        Text(ctx["title"], "bold"),
        table([], sides, indent=2, gap=1, min_widths={0: 10}),
    ]
    if ctx["reversed"]:
        out += ["", *(Text(line, "bold") for line in textwrap.wrap(ctx["reversed"], WIDTH))]
    out += ["", Text("Summary", "bold"), *(f"  {line}" for line in ctx["summary"])]
    if ctx["restricted"]:
        out.append(
            f"  {ctx['restricted']} of the changes listed concern restricted answers: keep this "
            "document within the team"
        )
    out += _rollups(ctx)
    labels = (ctx["before_label"], ctx["after_label"])
    out += _changes("Answers that changed", ctx["answer_rows"], labels)
    out += _changes(
        "Justification or references updated, answer unchanged", ctx["evidence_rows"], labels
    )
    if ctx["unchanged_rows"]:
        ids = " ".join(
            r["indicator"] + (f" (was {r['replaced_from']})" if r["replaced_from"] else "")
            for r in ctx["unchanged_rows"]
        )
        wrapped = textwrap.wrap(ids, WIDTH, initial_indent="  ", subsequent_indent="  ")
        out += ["", Text("Unchanged", "bold"), *wrapped]
    out += _actions(ctx["action_rows"])
    out += _texts(ctx["text_rows"])
    console = make_console(stream, color=color)
    out += _details(ctx["detail_rows"], console)
    _print(console, out)


def _print(console: Any, items: list[Any]) -> None:
    """Lines (text) and tables in order; consecutive lines in one print, which is what
    costs with rich."""
    from rich.text import Text

    lines: list[Any] = []
    for item in [*items, None]:
        if isinstance(item, str | Text):
            lines.append(item)
            continue
        if lines:
            console.print(Text("\n").join(Text(x) if isinstance(x, str) else x for x in lines))
            lines = []
        if item is not None:
            console.print(item)


def _rollups(ctx: dict[str, Any]) -> list[Any]:
    from rich.text import Text

    from mgi_cli.output.console import table

    if not ctx["domains"] and not ctx["modules"]:
        return []
    header = ["dimension", *ctx["count_labels"], "progress", "regression"]
    rows: list[list[str]] = []
    for domain in ctx["domains"]:
        rows.append(_rollup_cells(f"{domain['id']} {domain['name']}", domain))
        rows += [_rollup_cells(f"  {s['name']}", s) for s in domain["sub_areas"]]
    rows += [_rollup_cells(f"{m['name']} ({m['id']})", m) for m in ctx["modules"]]
    title = (
        f"Answers by dimension and sub-area ({ctx['before_label']}→{ctx['after_label']}; "
        "other modules apart)"
    )
    return ["", Text(title, "bold"), table(header, rows, indent=2)]


def _rollup_cells(name: str, rollup: dict[str, Any]) -> list[str]:
    counts = [
        f"{c['before']}→{c['after']}" if c["changed"] else str(c["after"]) for c in rollup["counts"]
    ]
    return [name, *counts, str(rollup["progressed"]), str(rollup["regressed"])]


def _changes(title: str, rows: list[dict[str, Any]], sides: tuple[str, str]) -> list[Any]:
    from rich.text import Text

    from mgi_cli.output.console import table

    if not rows:
        return []
    header = ["indicator", "dim", *sides, "change", "direction", "notes"]
    cells = [
        [
            r["indicator"],
            r["domain"],
            r["before"],
            r["after"],
            r["kind_label"],
            _marked(r["direction"]),
            r["notes"],
        ]
        for r in rows
    ]
    return ["", Text(f"{title} ({len(rows)})", "bold"), table(header, cells, indent=2)]


def _actions(rows: list[dict[str, Any]]) -> list[Any]:
    from rich.text import Text

    from mgi_cli.output.console import table

    if not rows:
        return []
    cells = [[r["item"], r["outcome_label"], r["indicators"]] for r in rows]
    title = f"Action plan of the baseline: did its indicators progress? ({len(rows)})"
    return ["", Text(title, "bold"), table(["item", "outcome", "indicators"], cells, indent=2)]


def _texts(rows: list[dict[str, Any]]) -> list[Any]:
    from rich.text import Text

    from mgi_cli.output.console import table

    if not rows:
        return []
    cells = [
        [r["key"], r["change"], r["languages"], "restricted" if r["restricted"] else ""]
        for r in rows
    ]
    title = f"Authored texts ({len(rows)})"
    return [
        "",
        Text(title, "bold"),
        table(["text", "change", "languages", "notes"], cells, indent=2),
    ]


def _marked(cell: str) -> Any:
    """A direction in its colour: progress green, regression red."""
    from rich.text import Text

    return Text(cell, _COLOURS[cell]) if cell in _DIRECTIONS else cell


def _details(rows: list[dict[str, Any]], console: Any) -> list[Any]:
    from rich.text import Text

    if not rows:
        return []
    out: list[Any] = ["", Text("Justifications and references, word by word", "bold")]
    for row in rows:
        flags = "; ".join(f for f in (row["kind_label"], row["notes"]) if f)
        out.append(Text.assemble("  ", (row["indicator"], "bold"), f" ({flags})"))
        if row["runs"]:
            words = Text(" ").join(_run(r) for r in row["runs"])
            out += _wrap(console, words, "    ")
        marks = {"added": "+", "removed": "-", "updated": "~"}
        for ref in row["references"]:
            out.append(f"    {marks[ref['mark']]} reference {ref['mark']}: {ref['title']}")
    return out


def _wrap(console: Any, words: Any, indent: str) -> list[Any]:
    """``words`` in lines of at most WIDTH characters, colours kept across the breaks."""
    from rich.text import Text

    lines = words.wrap(console, WIDTH - len(indent), overflow="fold")
    for line in lines:
        line.rstrip()  # in place: the space the line was broken at
    return [Text(indent) + line for line in lines]


def _run(run: dict[str, str]) -> Any:
    from rich.text import Text

    if run["op"] == "delete":
        return Text(f"[-{run['text']}-]", _COLOURS["delete"])
    if run["op"] == "insert":
        return Text(f"{{+{run['text']}+}}", _COLOURS["insert"])
    return Text(run["text"])
