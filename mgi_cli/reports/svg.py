"""Geometry of the summary's stacked bar charts, computed here so templates only draw.

Each bar is 100% of a shown total; every shown answer count is a segment, and what
suppressed cells hold together is one grey segment (their sum is already known from
the total, so drawing it gives nothing away). A row whose total is suppressed has no bar.
"""

from __future__ import annotations

from typing import Any

from mgi_cli.reports.common import CATEGORIES

WIDTH = 640
LABEL_WIDTH = 230
BAR_SPACE = 380
ROW = 24
BAR = 16
SUPPRESSED = "suppressed"


def stacked_chart(
    chart_id: str, title: str, rows: list[dict[str, Any]], names: dict[str, str]
) -> dict[str, Any]:
    """``rows`` have ``label``, ``counts`` ({answer: int | None}) and ``total`` (int | None);
    ``names`` are the answers' display names, plus one for ``suppressed``."""
    bars = []
    for index, row in enumerate(rows):
        top = 4 + index * ROW
        bars.append(
            {
                "label": row["label"],
                "label_x": LABEL_WIDTH - 8,
                "text_y": top + ROW // 2 + 5,
                "segments": _segments(row, top + (ROW - BAR) // 2, names),
                "total": row["total"],
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "width": WIDTH,
        "height": 8 + len(bars) * ROW,
        "bars": bars,
    }


def _segments(row: dict[str, Any], y: int, names: dict[str, str]) -> list[dict[str, Any]]:
    total = row["total"]
    if not total:
        return []
    parts = [(c, row["counts"][c]) for c in CATEGORIES if row["counts"][c]]
    hidden = total - sum(v for _, v in parts)
    if hidden > 0:
        parts.append((SUPPRESSED, hidden))
    segments = []
    x = float(LABEL_WIDTH)
    for key, value in parts:
        width = round(BAR_SPACE * value / total, 1)
        shown = names[key] if key == SUPPRESSED else f"{names[key]}: {value}"
        segments.append(
            {"key": key, "x": round(x, 1), "y": y, "width": width, "height": BAR, "title": shown}
        )
        x += width
    return segments
