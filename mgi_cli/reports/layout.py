"""Lay a report out: JSON as it is, Markdown and HTML through the packaged templates
(``templates/report_<name>.<fmt>.j2``, ``templates/summary.<fmt>.j2``), rendered by
the output layer (``mgi_cli.output.templates.render``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2.runtime import Context


def render_report(data: dict[str, Any], fmt: str, lang: str) -> str:
    """``data`` is a report's core result; its ``report`` key names the template."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from mgi_cli.output.templates import render

    name = data["report"]
    template = f"summary.{fmt}.j2" if name == "summary" else f"report_{name}.{fmt}.j2"
    context = {"data": data, "lang": lang, **_escaped_gettext(lang)}
    if name == "summary" and fmt == "html":
        context["charts"] = _summary_charts(data, lang)
    return render(template, context, lang=lang, tidy=fmt == "md")


def _escaped_gettext(lang: str) -> dict[str, Any]:
    """``_``, ``gettext``, ``ngettext`` and ``pgettext`` for the report templates, in
    their context, where they shadow the shared environment's.

    They differ from the environment's (Jinja's newstyle gettext, as the profile
    templates use it) in one way: in HTML a translation is escaped like any other text
    (``country&#39;s``), where Jinja passes it through as markup (``country's``). The
    report words were plain strings before they were gettext, and the reports' HTML
    keeps every byte it had (tests/golden/reports). NOTE for the output layer
    (mgi_cli/output/templates.py): should the shared environment ever escape
    translations, or take an option to, this goes.
    """
    from jinja2 import pass_context
    from markupsafe import escape

    from mgi_cli.output.i18n import translations

    tr = translations(lang)

    def finish(context: Context, text: str, variables: dict[str, Any]) -> str:
        # As Jinja does: the text is always a %-format; in HTML, Markup escapes the values.
        return (escape(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        return finish(context, tr.gettext(message), variables)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        return finish(context, tr.ngettext(singular, plural, num), variables)

    @pass_context
    def pgettext(context: Context, msgctxt: str, message: str, **variables: Any) -> str:
        return finish(context, str(tr.pgettext(msgctxt, message)), variables)

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext}


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
