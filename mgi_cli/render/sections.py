"""One section of a profile: the counts, the chart and the key findings of a set of
indicators (a dimension, or a module such as COVID-19), grouped by sub-area or dimension.

Each finding is worded as the answer given: the answer's own ``finding:`` (the
matrix's public wording, naming the law or body) when there is one, else the
catalogue's sentence for that answer value, so a partial answer is worded as partial,
never as fully in place. Partial answers are listed among the areas with potential
for further development.

In public output the indicators of a protected sub-area (one holding a restricted
answer, mgi_cli/matrix/confidentiality.py) are not here at all: the profile shows
that sub-area through its narrative only.

A matrix's own (context-specific) indicators have no finding sentences: their
question is the finding, marked as context-specific, with the answer's label when
the indicator has a scale of its own. They are counted like the catalogue's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mgi_cli.catalogue.models import Indicator
from mgi_cli.matrix.confidentiality import Disclosure
from mgi_cli.output.charts import bar_chart
from mgi_cli.problems import codes
from mgi_cli.render.sources import reference_view
from mgi_cli.render.texts import CATEGORIES, UNANSWERED, Localizer, is_context_specific

if TYPE_CHECKING:
    from babel.support import Translations

Grouping = Callable[[Indicator], tuple[str, str]]


def category_labels(tr: Translations) -> dict[str, str]:
    return {
        "yes": tr.gettext("Yes"),
        "partial": tr.gettext("Partially"),
        "no": tr.gettext("No"),
        "not_applicable": tr.gettext("Not applicable"),
        UNANSWERED: tr.gettext("Not answered"),
    }


def build_section(
    *,
    anchor: str,
    heading: str,
    name: str,
    indicators: list[Indicator],
    grouping: Grouping,
    disclosure: Disclosure,
    loc: Localizer,
    tr: Translations,
) -> dict[str, Any]:
    hidden = disclosure.protected | disclosure.restricted if disclosure.is_public else frozenset()
    shown = [i for i in indicators if i.id not in hidden]
    labels = category_labels(tr)
    tally = dict.fromkeys(CATEGORIES, 0)
    well: dict[str, dict[str, Any]] = {}
    further: dict[str, dict[str, Any]] = {}
    listing = []
    own = 0
    for indicator in shown:
        entry = disclosure.answers.get(indicator.id)
        category = loc.category(indicator, entry)
        tally[category] = tally.get(category, 0) + 1
        own += is_context_specific(indicator)
        finding = _finding(indicator, category, disclosure, loc, tr)
        if finding is not None:
            target = well if category == "yes" else further
            group_id, group_name = grouping(indicator)
            target.setdefault(group_id, {"name": group_name, "findings": []})
            target[group_id]["findings"].append(finding)
        if disclosure.listing:
            listing.append(_listing_item(indicator, category, disclosure, loc, labels))
    counts = [
        {"key": key, "label": labels[key], "count": tally[key]}
        for key in (*CATEGORIES, UNANSWERED)
        if key in CATEGORIES or tally.get(key)
    ]
    description = "; ".join(f"{c['label']}: {c['count']}" for c in counts)
    chart_title = tr.gettext("Answers: %(section)s") % {"section": heading}
    return {
        "id": anchor,
        "heading": heading,
        "name": name,
        "counts": counts,
        "total": sum(c["count"] for c in counts),
        "context_specific": own,
        "chart": bar_chart(f"chart-{anchor}", chart_title, counts, description),
        "well_developed": list(well.values()),
        "further_development": list(further.values()),
        "indicators": listing,
    }


def _answer_value(disclosure: Disclosure, indicator: Indicator, category: str) -> str:
    """The answer given, as the indicator's scale names it (the category if unknown)."""
    entry = disclosure.answers.get(indicator.id)
    return entry.answer if entry is not None and entry.answer is not None else category


def _authored(indicator: Indicator, disclosure: Disclosure, loc: Localizer) -> str | None:
    """The answer's own public wording (``finding:``) in the reader's language, if any."""
    entry = disclosure.answers.get(indicator.id)
    if entry is None or entry.finding is None:
        return None
    return loc.authored(entry.finding, f"the finding of {indicator.id}", indicator.id) or None


def _finding(
    indicator: Indicator, category: str, disclosure: Disclosure, loc: Localizer, tr: Translations
) -> dict[str, Any] | None:
    if category not in ("yes", "partial", "no"):
        return None
    own = is_context_specific(indicator)
    answer = None
    found: str | None = None
    if own:  # the matrix's own question: it has no finding sentences, by design
        text = loc.text(indicator.question, "question", indicator.id)
        if indicator.scale is not None:
            answer = loc.answer_label(indicator, disclosure.answers.get(indicator.id))
    elif (found := _authored(indicator, disclosure, loc)) is not None:
        text = found
    elif (found := loc.finding(indicator, _answer_value(disclosure, indicator, category))) is None:
        loc.warn(
            codes.MISSING_FINDINGS,
            f"the catalogue has no finding sentences for {indicator.id}; its question is "
            "used instead",
            indicator.id,
        )
        text = loc.text(indicator.question, "question", indicator.id)
    else:
        text = found
    # The supporting detail, only where this output may show it.
    detail = disclosure.answers.get(indicator.id) if disclosure.details else None
    return {
        "indicator": indicator.id,
        "text": text,
        # A catalogue sentence for a partial answer says what is missing; a question
        # standing in for a finding needs the qualifier.
        "qualifier": (
            tr.gettext("partially in place") if category == "partial" and found is None else None
        ),
        "context_specific": own,
        "answer": answer,
        "restricted": indicator.id in disclosure.restricted,
        "justification": (detail.justification or None) if detail else None,
        "references": [reference_view(r, loc.lang) for r in detail.references] if detail else [],
    }


def _listing_item(
    indicator: Indicator,
    category: str,
    disclosure: Disclosure,
    loc: Localizer,
    labels: dict[str, str],
) -> dict[str, Any]:
    entry = disclosure.answers.get(indicator.id)
    return {
        "indicator": indicator.id,
        "question": loc.text(indicator.question, "question", indicator.id),
        "answer": loc.answer_label(indicator, entry) or labels[UNANSWERED],
        "category": category,
        "context_specific": is_context_specific(indicator),
        "restricted": indicator.id in disclosure.restricted,
        "justification": (entry.justification or None) if entry else None,
        "references": [reference_view(r, loc.lang) for r in entry.references] if entry else [],
    }
