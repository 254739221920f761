"""Lay a report out: JSON as it is, Markdown and HTML through the packaged templates
(``templates/report_<name>.<fmt>.j2``, ``templates/summary.<fmt>.j2``), rendered by
the output layer (``mgi_cli.output.templates.render``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def render_report(
    data: dict[str, Any], fmt: str, lang: str, template_dir: Path | None = None
) -> str:
    """``data`` is a report's core result; its ``report`` key names the template.

    ``template_dir``: the user's templates, used before the packaged ones (sandboxed).
    """
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from mgi_cli.output.templates import render

    name = data["report"]
    template = f"summary.{fmt}.j2" if name == "summary" else f"report_{name}.{fmt}.j2"
    context = {"data": data, "lang": lang}
    if name == "summary" and fmt == "html":
        context["charts"] = _summary_charts(data, lang)
    # The report words were plain strings before they were gettext: in HTML they are
    # escaped as they were (tests/golden/reports keeps every byte).
    return render(
        template,
        context,
        lang=lang,
        template_dir=template_dir,
        tidy=fmt == "md",
        escape_translations=True,
    )


def _summary_charts(data: dict[str, Any], lang: str) -> dict[str, Any]:
    from mgi_cli.output.charts import stacked_chart
    from mgi_cli.output.i18n import translations

    tr = translations(lang)
    names = {
        "yes": tr.gettext("Yes"),
        "partial": tr.gettext("Partially"),
        "no": tr.gettext("No"),
        "not_applicable": tr.gettext("Not applicable"),
        "suppressed": tr.gettext("suppressed"),
    }
    dimensions = [
        {"label": f"{d['number']}. {d['short_name']}", "counts": d["counts"], "total": d["total"]}
        for d in data["dimensions"]
    ]
    objectives = [
        {"label": _short(f"{o['number']}. {o['name']}"), "counts": o["counts"], "total": o["total"]}
        for o in data["objectives"]
        if o["indicators"]
    ]
    return {
        "dimensions": stacked_chart(
            "chart-dimensions", tr.gettext("By dimension"), dimensions, names
        ),
        "objectives": stacked_chart(
            "chart-objectives", tr.gettext("By GCM objective"), objectives, names
        ),
    }


def _short(text: str, width: int = 36) -> str:
    """A chart label that fits beside its bar; the table below gives the full name."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
