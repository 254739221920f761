"""Geometry of the SVG bar charts, computed here so templates only draw.

Two kinds share one layout (``Frame``: a label column, then one bar per row):
``bar_chart``, a bar per answer category scaled to the largest count (the profile's
per-dimension charts), and ``stacked_chart``, one bar per row split into its answers
(the summary's charts by dimension and by GCM objective).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: What suppressed cells hold together, drawn as one grey segment.
SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Frame:
    """Where the rows of a chart go: labels right-aligned before ``label_width``."""

    width: int
    label_width: int
    bar_space: int
    row: int
    bar: int = 16

    @property
    def label_x(self) -> int:
        return self.label_width - 8

    def top(self, index: int) -> int:
        return 4 + index * self.row

    def bar_y(self, index: int) -> int:
        return self.top(index) + (self.row - self.bar) // 2

    def text_y(self, index: int) -> int:
        return self.top(index) + self.row // 2 + 5

    def height(self, rows: int) -> int:
        return 8 + rows * self.row

    def length(self, value: float, whole: float) -> float:
        """The length of ``value`` when ``whole`` fills the bar space."""
        return round(self.bar_space * value / whole, 1)


#: The profile's per-dimension charts.
BARS = Frame(width=400, label_width=150, bar_space=200, row=26)
#: The summary's stacked charts: longer labels (dimension and objective names).
STACKED = Frame(width=640, label_width=230, bar_space=380, row=24)


def bar_chart(
    chart_id: str, title: str, counts: list[dict[str, Any]], description: str
) -> dict[str, Any]:
    """A horizontal bar per answer category; widths scaled to the largest count.

    ``counts`` items have ``key``, ``label`` and ``count``. The title and the
    description are the chart's text alternative (SVG ``<title>``/``<desc>``).
    """
    frame = BARS
    largest = max((int(c["count"]) for c in counts), default=0) or 1
    bars = []
    for index, item in enumerate(counts):
        width = frame.length(int(item["count"]), largest)
        bars.append(
            {
                "key": item["key"],
                "label": item["label"],
                "count": item["count"],
                "bar_x": frame.label_width,
                "bar_y": frame.bar_y(index),
                "bar_width": width,
                "bar_height": frame.bar,
                "label_x": frame.label_x,
                "text_y": frame.text_y(index),
                "count_x": frame.label_width + width + 6,
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "width": frame.width,
        "height": frame.height(len(bars)),
        "bars": bars,
    }


def stacked_chart(
    chart_id: str, title: str, rows: list[dict[str, Any]], names: dict[str, str]
) -> dict[str, Any]:
    """One bar per row, 100% of the row's shown total, a segment per shown answer count.

    ``rows`` have ``label``, ``counts`` ({answer: int | None}) and ``total`` (int |
    None); ``names`` are the answers' display names, in the order of the segments,
    plus one for ``suppressed``. What suppressed cells hold together is one grey
    segment (their sum is already known from the total, so drawing it gives nothing
    away). A row whose total is suppressed has no bar.
    """
    frame = STACKED
    bars = [
        {
            "label": row["label"],
            "label_x": frame.label_x,
            "text_y": frame.text_y(index),
            "segments": _segments(frame, row, frame.bar_y(index), names),
            "total": row["total"],
        }
        for index, row in enumerate(rows)
    ]
    return {
        "id": chart_id,
        "title": title,
        "width": frame.width,
        "height": frame.height(len(bars)),
        "bars": bars,
    }


def _segments(
    frame: Frame, row: dict[str, Any], y: int, names: dict[str, str]
) -> list[dict[str, Any]]:
    total = row["total"]
    if not total:
        return []
    answers = [key for key in names if key != SUPPRESSED]
    parts = [(key, row["counts"][key]) for key in answers if row["counts"].get(key)]
    hidden = total - sum(value for _, value in parts)
    if hidden > 0:
        parts.append((SUPPRESSED, hidden))
    segments = []
    x = float(frame.label_width)
    for key, value in parts:
        width = frame.length(value, total)
        shown = names[key] if key == SUPPRESSED else f"{names[key]}: {value}"
        segments.append(
            {
                "key": key,
                "x": round(x, 1),
                "y": y,
                "width": width,
                "height": frame.bar,
                "title": shown,
            }
        )
        x += width
    return segments
