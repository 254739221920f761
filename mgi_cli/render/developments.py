"""The "developments since the baseline" section of a follow-up profile, from the diff.

Changes of answers are listed as progress, regression or other changes, each with
the catalogue's finding sentence for the follow-up's answer. In public output every
change touching a restricted answer, on either side, is left out.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mgi_cli.render.confidentiality import Disclosure, restricted_ids
from mgi_cli.render.i18n import format_date
from mgi_cli.render.sections import category_labels
from mgi_cli.render.texts import UNANSWERED, Localizer

if TYPE_CHECKING:
    from babel.support import Translations

    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.diff.model import Diff, IndicatorChange
    from mgi_cli.matrix.models import Matrix

_ANSWER_KINDS = frozenset(
    {"added_to_catalogue", "retired_from_catalogue", "answer_changed", "newly_answered",
     "no_longer_answered"}
)  # fmt: skip
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
    hidden = disclosure.restricted | (restricted_ids(baseline) if baseline else frozenset())
    changes = [
        c for c in diff.changes
        if disclosure.audience == "government"
        or not (c.restricted or c.indicator in hidden or (c.replaced_from or "") in hidden)
    ]  # fmt: skip
    # A module answered for the first time is a section of its own, not 12 "changes".
    new_modules = set(follow_up.modules) - set(baseline.modules) if baseline else set()
    lists: dict[str, list[dict[str, Any]]] = {"progress": [], "regression": [], "neutral": []}
    evidence = 0
    for change in changes:
        if change.module in new_modules and change.before is None:
            continue
        if change.kind in _ANSWER_KINDS:
            lists.get(change.direction, lists["neutral"]).append(
                _item(change, disclosure, catalogue, loc, tr)
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


def _item(
    change: IndicatorChange,
    disclosure: Disclosure,
    catalogue: Catalogue,
    loc: Localizer,
    tr: Translations,
) -> dict[str, Any]:
    labels = category_labels(tr)
    indicator = catalogue.indicator(change.indicator)
    after = change.after_standard
    if indicator is None:
        text = tr.gettext("%(indicator)s is no longer in the indicator catalogue.") % {
            "indicator": change.indicator
        }
    elif indicator.findings is not None and after in ("yes", "partial", "no"):
        which = indicator.findings.not_in_place if after == "no" else indicator.findings.in_place
        field = "not_in_place" if after == "no" else "in_place"
        text = loc.text(which, f"finding ({field})", indicator.id)
    else:
        text = loc.text(indicator.question, "question", indicator.id)
    dimension = catalogue.dimension(change.domain)
    if change.module != "standard":
        module = next((m for m in catalogue.modules if m.id == change.module), None)
        section = loc.text(module.name, f"module {module.id!r} name") if module else change.module
    elif dimension is not None:
        section = loc.text(dimension.short_name, f"dimension {dimension.id} short name")
    else:
        section = change.domain
    return {
        "indicator": change.indicator,
        "section": section,
        "text": text,
        "before": labels[change.before_standard or UNANSWERED],
        "after": labels[after or UNANSWERED],
        "restricted": change.restricted and not disclosure.is_public,
    }
