"""Lay a report out: JSON as it is, Markdown and HTML through the packaged templates
(``templates/report_<name>.<fmt>.j2``, ``templates/summary.<fmt>.j2``).

The environment is the project's one builder (``templating.template_environment``);
template names end in ``.j2``, so HTML autoescaping is switched on by name here.
"""

from __future__ import annotations

import json
from typing import Any

from mgi_cli.reports.labels import answer_names, labels
from mgi_cli.reports.svg import stacked_chart

FORMATS = ("md", "html", "json")


def render_report(data: dict[str, Any], fmt: str, lang: str) -> str:
    """``data`` is a report's core result; its ``report`` key names the template."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from jinja2 import select_autoescape

    from mgi_cli.output.markdown import escape_markdown, escape_markdown_inline, tidy_markdown
    from mgi_cli.output.templates import template_environment

    env = template_environment()
    env.autoescape = select_autoescape(
        enabled_extensions=("html.j2", "html"), default_for_string=False
    )
    env.filters["md"] = escape_markdown
    env.filters["md_inline"] = escape_markdown_inline
    env.filters["percent"] = _percent
    name = data["report"]
    template = f"summary.{fmt}.j2" if name == "summary" else f"report_{name}.{fmt}.j2"
    context = {"data": data, "t": labels(lang), "lang": lang}
    if name == "summary" and fmt == "html":
        context["charts"] = _summary_charts(data, lang)
    text = env.get_template(template).render(context)
    return tidy_markdown(text) if fmt == "md" else text


def _percent(value: float | None) -> str:
    return "\u2013" if value is None else f"{value * 100:.0f}%"


def _summary_charts(data: dict[str, Any], lang: str) -> dict[str, Any]:
    names = answer_names(lang)
    t = labels(lang)
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
            "chart-dimensions", t["summary_by_dimension"], dimensions, names
        ),
        "objectives": stacked_chart(
            "chart-objectives", t["summary_by_objective"], objectives, names
        ),
    }


def _short(text: str, width: int = 36) -> str:
    """A chart label that fits beside its bar; the table below gives the full name."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
