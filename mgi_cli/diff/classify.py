"""How the fields of one answer compare: the direction of a change, the references."""

from __future__ import annotations

from mgi_cli.catalogue.models import Catalogue, ScaleChoice
from mgi_cli.diff.model import NEUTRAL, PROGRESS, REGRESSION
from mgi_cli.diff.words import normalise
from mgi_cli.matrix.models import Reference

#: The order of the standard answers, best first, for indicators whose scale changed.
_STANDARD_ORDER = ("yes", "partial", "no")


def scale_of(catalogue: Catalogue, indicator_id: str | None) -> list[ScaleChoice]:
    indicator = catalogue.indicator(indicator_id) if indicator_id else None
    return catalogue.scale_of(indicator) if indicator is not None else []


def standard_answer(answer: str | None, scale: list[ScaleChoice]) -> str | None:
    return next((c.counts_as for c in scale if c.id == answer), None)


def direction(
    before: str | None, after: str | None, old: list[ScaleChoice], new: list[ScaleChoice]
) -> str:
    """Towards the top of the scale is progress; anything involving not_applicable is neutral."""
    was, now = standard_answer(before, old), standard_answer(after, new)
    if was is None or now is None or "not_applicable" in (was, now) or before == after:
        return NEUTRAL
    ids = [c.id for c in new]
    if before in ids and after in ids:
        then, later = ids.index(before), ids.index(after)
    else:  # the scale changed between catalogue versions: compare the standard answers
        then, later = _STANDARD_ORDER.index(was), _STANDARD_ORDER.index(now)
    if later == then:
        return NEUTRAL
    return PROGRESS if later < then else REGRESSION


def _reference_key(reference: Reference) -> str:
    return (reference.url or "").strip() or normalise(reference.title).casefold()


def _reference_value(reference: Reference) -> tuple[object, ...]:
    return (
        normalise(reference.title),
        (reference.url or "").strip(),
        reference.publisher,
        reference.published,
        reference.accessed,
    )


def reference_changes(
    old: list[Reference], new: list[Reference]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Titles of the references added, removed and updated (same source, other details)."""
    before = {_reference_key(r): r for r in old}
    after = {_reference_key(r): r for r in new}
    added = tuple(normalise(r.title) for k, r in after.items() if k not in before)
    removed = tuple(normalise(r.title) for k, r in before.items() if k not in after)
    updated = tuple(
        normalise(r.title)
        for k, r in after.items()
        if k in before and _reference_value(r) != _reference_value(before[k])
    )
    return added, removed, updated
