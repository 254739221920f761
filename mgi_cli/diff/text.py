"""The text report of a diff: summary first, then tables; colour only when asked for."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, TextIO

from mgi_cli.diff.model import Diff
from mgi_cli.diff.present import diff_context

WIDTH = 100
_DIRECTIONS = ("progress", "regression")
_COLOURS = {"progress": "32", "regression": "31", "insert": "32", "delete": "31"}


class _Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled and text else text

    def bold(self, text: str) -> str:
        return self("1", text)

    def mark(self, name: str, text: str) -> str:
        return self(_COLOURS[name], text) if name in _COLOURS else text


def write_text(diff: Diff, stream: TextIO, color: bool) -> None:
    style = _Style(color)
    ctx = diff_context(diff)
    out: list[str] = [style.bold(ctx["title"])]
    for side in ctx["sides"]:
        out.append(
            f"  {side['label']:<10} {side['path']}  (assessed {side['assessed_on']}, "
            f"{side['catalogue']}, {side['status']})"
        )
    out += ["", style.bold("Summary"), *(f"  {line}" for line in ctx["summary"])]
    if ctx["restricted"]:
        out.append(
            f"  {ctx['restricted']} of the changes listed concern restricted answers: keep this "
            "document within the team"
        )
    out += _rollups(ctx, style)
    out += _changes("Answers that changed", ctx["answer_rows"], style)
    out += _changes(
        "Justification or references updated, answer unchanged", ctx["evidence_rows"], style
    )
    if ctx["unchanged_rows"]:
        ids = " ".join(
            r["indicator"] + (f" (was {r['replaced_from']})" if r["replaced_from"] else "")
            for r in ctx["unchanged_rows"]
        )
        wrapped = textwrap.wrap(ids, WIDTH, initial_indent="  ", subsequent_indent="  ")
        out += ["", style.bold("Unchanged"), *wrapped]
    out += _actions(ctx["action_rows"], style)
    out += _details(ctx["detail_rows"], style)
    stream.write("\n".join(out) + "\n")


def _rollups(ctx: dict[str, Any], style: _Style) -> list[str]:
    if not ctx["domains"] and not ctx["modules"]:
        return []
    header = ["dimension", *ctx["count_labels"], "progress", "regression"]
    rows: list[list[str]] = []
    for domain in ctx["domains"]:
        rows.append(_rollup_cells(f"{domain['id']} {domain['name']}", domain))
        rows += [_rollup_cells(f"  {s['name']}", s) for s in domain["sub_areas"]]
    rows += [_rollup_cells(f"{m['name']} ({m['id']})", m) for m in ctx["modules"]]
    title = "Answers by dimension and sub-area (before→after; other modules apart)"
    return ["", style.bold(title), *_table(header, rows, style)]


def _rollup_cells(name: str, rollup: dict[str, Any]) -> list[str]:
    counts = [
        f"{c['before']}→{c['after']}" if c["changed"] else str(c["after"]) for c in rollup["counts"]
    ]
    return [name, *counts, str(rollup["progressed"]), str(rollup["regressed"])]


def _changes(title: str, rows: list[dict[str, Any]], style: _Style) -> list[str]:
    if not rows:
        return []
    header = ["indicator", "dim", "before", "after", "change", "direction", "notes"]
    cells = [
        [
            r["indicator"],
            r["domain"],
            r["before"],
            r["after"],
            r["kind_label"],
            r["direction"],
            r["notes"],
        ]
        for r in rows
    ]
    return ["", style.bold(f"{title} ({len(rows)})"), *_table(header, cells, style)]


def _actions(rows: list[dict[str, Any]], style: _Style) -> list[str]:
    if not rows:
        return []
    cells = [[r["item"], r["outcome_label"], r["indicators"]] for r in rows]
    title = f"Action plan of the baseline: did its indicators progress? ({len(rows)})"
    return ["", style.bold(title), *_table(["item", "outcome", "indicators"], cells, style)]


def _table(header: Sequence[str], rows: list[list[str]], style: _Style) -> list[str]:
    widths = [max(len(r[i]) for r in [list(header), *rows]) for i in range(len(header))]

    def line(cells: Sequence[str], styled: bool) -> str:
        parts = []
        for cell, width in zip(cells, widths, strict=True):
            padded = cell.ljust(width)
            parts.append(style.mark(cell, padded) if styled and cell in _DIRECTIONS else padded)
        return ("  " + "  ".join(parts)).rstrip()

    return [style.bold(line(header, False)), *(line(r, True) for r in rows)]


def _details(rows: list[dict[str, Any]], style: _Style) -> list[str]:
    if not rows:
        return []
    out = ["", style.bold("Justifications and references, word by word")]
    for row in rows:
        flags = "; ".join(f for f in (row["kind_label"], row["notes"]) if f)
        out.append(f"  {style.bold(row['indicator'])} ({flags})")
        if row["runs"]:
            words = " ".join(_run(r, style) for r in row["runs"])
            out += textwrap.wrap(
                words,
                WIDTH,
                initial_indent="    ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
        marks = {"added": "+", "removed": "-", "updated": "~"}
        for ref in row["references"]:
            out.append(f"    {marks[ref['mark']]} reference {ref['mark']}: {ref['title']}")
    return out


def _run(run: dict[str, str], style: _Style) -> str:
    if run["op"] == "delete":
        return style.mark("delete", f"[-{run['text']}-]")
    if run["op"] == "insert":
        return style.mark("insert", f"{{+{run['text']}+}}")
    return run["text"]
