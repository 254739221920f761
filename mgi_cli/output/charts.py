"""Geometry of the per-dimension bar charts, computed here so templates only draw."""

from __future__ import annotations

from typing import Any

WIDTH = 400
LABEL_WIDTH = 150
BAR_SPACE = 200
ROW = 26
BAR = 16


def bar_chart(
    chart_id: str, title: str, counts: list[dict[str, Any]], description: str
) -> dict[str, Any]:
    """A horizontal bar per answer category; widths scaled to the largest count.

    ``counts`` items have ``key``, ``label`` and ``count``. The title and the
    description are the chart's text alternative (SVG ``<title>``/``<desc>``).
    """
    largest = max((int(c["count"]) for c in counts), default=0) or 1
    bars = []
    for row, item in enumerate(counts):
        top = 4 + row * ROW
        width = round(BAR_SPACE * int(item["count"]) / largest, 1)
        bars.append(
            {
                "key": item["key"],
                "label": item["label"],
                "count": item["count"],
                "bar_x": LABEL_WIDTH,
                "bar_y": top + (ROW - BAR) // 2,
                "bar_width": width,
                "bar_height": BAR,
                "label_x": LABEL_WIDTH - 8,
                "text_y": top + ROW // 2 + 5,
                "count_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": 8 + len(bars) * ROW,
        "bars": bars,
    }
