"""The "developments since the baseline" section of a follow-up profile, from the diff.

Changes of answers are listed as progress, regression or other changes, each with
the catalogue's finding sentence for the follow-up's answer (the question, for a
context-specific indicator). Changes of the indicators used are listed apart: a
context-specific indicator added or dropped, a catalogue indicator marked not used
(with the reason) or used again. In public output every change touching a
restricted answer, on either side, or an indicator of a protected sub-area, is left out.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mgi_cli.matrix.confidentiality import Disclosure, restricted_ids
from mgi_cli.matrix.indicators import CONTEXT_MODULE, find_indicator
from mgi_cli.output.i18n import format_date
from mgi_cli.render.sections import category_labels
from mgi_cli.render.texts import UNANSWERED, Localizer

if TYPE_CHECKING:
    from babel.support import Translations

    from mgi_cli.catalogue.models import Catalogue, Indicator
    from mgi_cli.diff.model import Diff, IndicatorChange
    from mgi_cli.matrix.models import Matrix

_ANSWER_KINDS = frozenset(
    {
        "added_to_catalogue",
        "retired_from_catalogue",
        "answer_changed",
        "newly_answered",
        "no_longer_answered",
    }
)
_SCOPE_KINDS = frozenset({"context_added", "context_removed", "marked_not_used", "used_again"})
_EVIDENCE_KINDS = frozenset({"justification_changed", "references_changed"})


def build_developments(
    diff: Diff,
    disclosure: Disclosure,
    baseline: Matrix | None,
    follow_up: Matrix,
    catalogue: Catalogue,
    loc: Localizer,
    tr: Translations,
) -> dict[str, Any]:
    hidden = (
        disclosure.restricted
        | disclosure.protected
        | (restricted_ids(baseline) if baseline else frozenset())
    )
    changes = [
        c
        for c in diff.changes
        if disclosure.audience == "government"
        or not (c.restricted or c.indicator in hidden or (c.replaced_from or "") in hidden)
    ]
    # A module answered for the first time is a section of its own, not 12 "changes".
    new_modules = set(follow_up.modules) - set(baseline.modules) if baseline else set()
    lists: dict[str, list[dict[str, Any]]] = {"progress": [], "regression": [], "neutral": []}
    scope: list[dict[str, Any]] = []
    evidence = 0
    sides = (baseline, follow_up)
    for change in changes:
        if change.module in new_modules and change.before is None:
            continue
        if change.kind in _SCOPE_KINDS:
            scope.append(_scope_item(change, disclosure, sides, catalogue, loc, tr))
        elif change.kind in _ANSWER_KINDS:
            lists.get(change.direction, lists["neutral"]).append(
                _item(change, disclosure, sides, catalogue, loc, tr)
            )
        elif change.kind in _EVIDENCE_KINDS:
            evidence += 1
    baseline_date = _date(diff.sides[0].assessed_on, loc.lang) if diff.sides else None
    return {
        "baseline_date": baseline_date,
        "follow_up_date": format_date(follow_up.assessed_on, loc.lang),
        "progress": lists["progress"],
        "regression": lists["regression"],
        "other": lists["neutral"],
        "scope": scope,
        "evidence_updated": evidence,
        "new_modules": [
            loc.text(m.name, f"module {m.id!r} name")
            for m in catalogue.modules
            if m.id in new_modules
        ],
    }


def _date(value: str, lang: str) -> str:
    try:
        return format_date(date.fromisoformat(value), lang)
    except ValueError:
        return value


def _indicator(
    change: IndicatorChange, sides: tuple[Matrix | None, Matrix], catalogue: Catalogue
) -> Indicator | None:
    """The follow-up's indicator (the catalogue's or its own), else the baseline's own."""
    found = find_indicator(sides[1], catalogue, change.indicator)
    if found is None and sides[0] is not None and change.module == CONTEXT_MODULE:
        found = find_indicator(sides[0], catalogue, change.indicator)
    return found


def _item(
    change: IndicatorChange,
    disclosure: Disclosure,
    sides: tuple[Matrix | None, Matrix],
    catalogue: Catalogue,
    loc: Localizer,
    tr: Translations,
) -> dict[str, Any]:
    labels = category_labels(tr)
    indicator = _indicator(change, sides, catalogue)
    after = change.after_standard
    if indicator is None:
        text = tr.gettext("%(indicator)s is no longer in the indicator catalogue.") % {
            "indicator": change.indicator
        }
    elif after in ("yes", "partial", "no") and (
        found := loc.finding(indicator, change.after or after)
    ):
        text = found
    else:
        text = loc.text(indicator.question, "question", indicator.id)
    return {
        "indicator": change.indicator,
        "section": _section(change, catalogue, loc),
        "text": text,
        "before": labels[change.before_standard or UNANSWERED],
        "after": labels[after or UNANSWERED],
        "context_specific": change.module == CONTEXT_MODULE,
        "restricted": change.restricted and not disclosure.is_public,
    }


def _section(change: IndicatorChange, catalogue: Catalogue, loc: Localizer) -> str:
    """The dimension's short name; an extra catalogue module's name for its indicators."""
    dimension = catalogue.dimension(change.domain)
    if change.module not in ("standard", CONTEXT_MODULE):
        module = next((m for m in catalogue.modules if m.id == change.module), None)
        return loc.text(module.name, f"module {module.id!r} name") if module else change.module
    if dimension is not None:
        return loc.text(dimension.short_name, f"dimension {dimension.id} short name")
    return change.domain


def _scope_item(
    change: IndicatorChange,
    disclosure: Disclosure,
    sides: tuple[Matrix | None, Matrix],
    catalogue: Catalogue,
    loc: Localizer,
    tr: Translations,
) -> dict[str, Any]:
    """A change of the indicators used, with the answer on the side that uses it."""
    item = _item(change, disclosure, sides, catalogue, loc, tr)
    kind = change.kind
    item["change"] = {
        "context_added": tr.gettext("context-specific indicator added"),
        "context_removed": tr.gettext("context-specific indicator dropped"),
        "marked_not_used": tr.gettext("no longer used in this context"),
        "used_again": tr.gettext("used again"),
    }[kind]
    if kind in ("context_added", "used_again"):
        item["before"] = None
    if kind in ("context_removed", "marked_not_used"):
        item["after"] = None
    item["reason"] = (change.not_used_after or "").strip() or None
    return item
