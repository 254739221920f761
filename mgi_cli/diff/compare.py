"""Compare two matrices indicator by indicator, across catalogue versions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from mgi_cli.catalogue.models import Catalogue, Indicator, ScaleChoice
from mgi_cli.diff.action_progress import action_progress
from mgi_cli.diff.classify import direction, reference_changes, standard_answer
from mgi_cli.diff.model import (
    KINDS,
    PROGRESS,
    REGRESSION,
    UNCHANGED,
    Diff,
    IndicatorChange,
    Side,
    WordChange,
)
from mgi_cli.diff.rollup import roll_up
from mgi_cli.diff.texts import text_changes
from mgi_cli.diff.words import normalise, word_diff
from mgi_cli.errors import Refused, UsageError
from mgi_cli.languages import FALLBACK
from mgi_cli.matrix.indicators import context_indicators, find_indicator
from mgi_cli.matrix.models import Answer, Matrix


@dataclass(frozen=True)
class _Pair:
    """An indicator of the follow-up (or a retired one of the baseline) and its predecessor."""

    indicator: Indicator
    catalogue: Catalogue
    before_id: str | None
    after_id: str | None
    replaced_from: str | None = None
    kind: str | None = None  # added_to_catalogue | retired_from_catalogue | context_*


def check_comparable(
    baseline: Matrix,
    follow_up: Matrix,
    baseline_catalogue: Catalogue,
    follow_up_catalogue: Catalogue,
) -> None:
    """Refuse (``Refused``, exit 1) matrices that cannot be compared meaningfully."""
    for name in ("country", "level", "locality"):
        mine, theirs = getattr(baseline, name), getattr(follow_up, name)
        if mine != theirs:
            raise Refused(
                f"cannot compare matrices of different {name}: the baseline is for "
                f"{mine!r}, the follow-up for {theirs!r}"
            )
    old, new = baseline_catalogue, follow_up_catalogue
    if old.id != new.id and old.ref not in new.lineage and old.id not in new.lineage:
        raise Refused(
            f"cannot compare answers to unrelated catalogues: {new.ref} does not list "
            f"{old.ref} in its lineage"
        )


def diff_matrices(
    baseline: Matrix,
    follow_up: Matrix,
    baseline_catalogue: Catalogue,
    follow_up_catalogue: Catalogue,
    *,
    baseline_path: str,
    follow_up_path: str,
    include_unchanged: bool = False,
    dimension: str | None = None,
) -> Diff:
    """Compare ``baseline`` with ``follow_up``; see ``mgi_cli.diff`` for the result."""
    check_comparable(baseline, follow_up, baseline_catalogue, follow_up_catalogue)
    cats = (baseline_catalogue, follow_up_catalogue)
    if dimension is not None and all(c.dimension(dimension) is None for c in cats):
        known = ", ".join(d.id for d in follow_up_catalogue.dimensions)
        raise UsageError(f"no dimension {dimension!r} in {follow_up_catalogue.ref}; use {known}")
    pairs = _pairs(baseline, follow_up, baseline_catalogue, follow_up_catalogue)
    entries = [_entry(p, baseline, follow_up, baseline_catalogue) for p in pairs]
    entries.sort(key=_order(cats, [p.indicator.id for p in pairs]))
    if dimension is not None:
        entries = [e for e in entries if e.domain == dimension]
    domains, sub_areas, modules = roll_up(entries, cats)
    counts = Counter(e.kind for e in entries)
    diff = Diff(
        baseline=baseline_path,
        follow_up=follow_up_path,
        country=follow_up.country,
        level=follow_up.level,
        title=follow_up.title_in(FALLBACK) or baseline.title_in(FALLBACK),
        locality=follow_up.locality,
        sides=(_side(baseline, baseline_path), _side(follow_up, follow_up_path)),
        changes=entries,
        domains=domains,
        sub_areas=sub_areas,
        modules=modules,
        kind_counts={kind: counts[kind] for kind in (*KINDS, UNCHANGED)},
        progressed=sum(e.direction == PROGRESS for e in entries),
        regressed=sum(e.direction == REGRESSION for e in entries),
    )
    # Before unchanged indicators are dropped, so that they count as unchanged.
    diff.actions = action_progress(diff, baseline)
    order = [d.id for d in follow_up_catalogue.dimensions]
    order += [d.id for d in baseline_catalogue.dimensions if d.id not in order]
    diff.texts = text_changes(baseline, follow_up, entries, order, dimension)
    if not include_unchanged:
        diff.changes = [e for e in entries if e.changed]
    return diff


def _side(matrix: Matrix, path: str) -> Side:
    return Side(path, matrix.assessed_on.isoformat(), matrix.catalogue, matrix.status)


def _scope(matrix: Matrix, catalogue: Catalogue) -> set[str]:
    """The catalogue indicators a matrix takes part in: its declared modules but those it
    marks as not used, and whatever it answers."""
    declared = catalogue.in_modules(set(matrix.modules))
    ids = {i.id for i in declared if i.id not in matrix.not_used}
    return ids | {k for k in matrix.answers if catalogue.indicator(k) is not None}


def _answer(matrix: Matrix, indicator_id: str | None) -> Answer | None:
    return matrix.answers.get(indicator_id) if indicator_id is not None else None


def _pairs(b: Matrix, f: Matrix, bcat: Catalogue, fcat: Catalogue) -> list[_Pair]:
    """Follow the ``replaces`` links so a renumbered indicator meets its predecessor.

    Of several predecessors (a merge), the first the baseline answers is compared;
    the others are neither compared nor reported as retired.
    """
    b_scope, f_scope = _scope(b, bcat), _scope(f, fcat)
    consumed: set[str] = set()
    pairs: list[_Pair] = []
    for indicator in fcat.indicators:
        known = [p for p in indicator.replaces if bcat.indicator(p) is not None]
        consumed.update(known)
        before_id, replaced = None, None
        if bcat.indicator(indicator.id) is not None:
            before_id = indicator.id
        elif known:
            answered = [p for p in known if (a := _answer(b, p)) is not None and a.answer]
            before_id = replaced = (answered or known)[0]
        in_before = before_id is not None and before_id in b_scope
        if not (in_before or indicator.id in f_scope):
            continue
        kind = "added_to_catalogue" if before_id is None else None
        pairs.append(_Pair(indicator, fcat, before_id, indicator.id, replaced, kind))
    for indicator in bcat.indicators:
        retired = fcat.indicator(indicator.id) is None and indicator.id not in consumed
        if retired and indicator.id in b_scope:
            pairs.append(_Pair(indicator, bcat, indicator.id, None, kind="retired_from_catalogue"))
    return pairs + _context_pairs(b, f, bcat, fcat)


def _context_pairs(b: Matrix, f: Matrix, bcat: Catalogue, fcat: Catalogue) -> list[_Pair]:
    """Context-specific indicators are compared when both matrices define the same id."""
    before = {i.id: i for i in context_indicators(b, bcat)}
    after = context_indicators(f, fcat)
    pairs = [
        _Pair(i, fcat, i.id, i.id)
        if i.id in before
        else _Pair(i, fcat, None, i.id, kind="context_added")
        for i in after
    ]
    kept = {i.id for i in after}
    removed = [i for i in before.values() if i.id not in kept]
    return pairs + [_Pair(i, bcat, i.id, None, kind="context_removed") for i in removed]


def _not_used(matrix: Matrix, indicator_id: str | None) -> str | None:
    if indicator_id is None or indicator_id not in matrix.not_used:
        return None
    return matrix.not_used[indicator_id] or ""


def _scale(matrix: Matrix, catalogue: Catalogue, indicator_id: str | None) -> list[ScaleChoice]:
    indicator = find_indicator(matrix, catalogue, indicator_id) if indicator_id else None
    return catalogue.scale_of(indicator) if indicator is not None else []


def _entry(pair: _Pair, b: Matrix, f: Matrix, bcat: Catalogue) -> IndicatorChange:
    old, new = _answer(b, pair.before_id), _answer(f, pair.after_id)
    before = old.answer if old is not None else None
    after = new.answer if new is not None else None
    old_scale = _scale(b, bcat, pair.before_id)
    new_scale = pair.catalogue.scale_of(pair.indicator) if pair.after_id else []
    was_unused, now_unused = _not_used(b, pair.before_id), _not_used(f, pair.after_id)
    scope = (
        "marked_not_used"
        if was_unused is None and now_unused is not None
        else "used_again"
        if was_unused is not None and now_unused is None
        else None
    )
    # Not using an indicator any more explains its missing answer, and the reverse.
    explained = (scope == "marked_not_used" and after is None) or (
        scope == "used_again" and before is None
    )
    details: list[str] = []
    if pair.kind is not None:
        details.append(pair.kind)
    elif scope is not None:
        details.append(scope)
    if pair.kind is None and before != after and not explained:
        details.append(
            "newly_answered"
            if before is None
            else "no_longer_answered"
            if after is None
            else "answer_changed"
        )
    runs: tuple[WordChange, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    if old is not None and new is not None:
        if normalise(old.justification) != normalise(new.justification):
            details.append("justification_changed")
            runs = word_diff(old.justification, new.justification)
        added, removed, updated = reference_changes(old.references, new.references)
        if added or removed or updated:
            details.append("references_changed")
    return IndicatorChange(
        indicator=pair.indicator.id,
        domain=pair.indicator.dimension,
        sub_area=pair.indicator.sub_area,
        module=pair.indicator.module,
        kind=details[0] if details else UNCHANGED,
        before=before,
        after=after,
        direction=direction(before, after, old_scale, new_scale),
        details=tuple(details),
        replaced_from=pair.replaced_from,
        before_standard=standard_answer(before, old_scale),
        after_standard=standard_answer(after, new_scale),
        justification=runs,
        references_added=added,
        references_removed=removed,
        references_updated=updated,
        restricted=any(a is not None and a.restricted for a in (old, new)),
        not_used_before=was_unused,
        not_used_after=now_unused,
    )


def _order(
    cats: tuple[Catalogue, Catalogue], sequence: list[str]
) -> Callable[[IndicatorChange], tuple[int, bool, int]]:
    """Dimension by dimension, standard indicators first, in catalogue order."""
    dims = [d.id for d in cats[1].dimensions] + [d.id for d in cats[0].dimensions]
    position = {ident: index for index, ident in enumerate(sequence)}

    def key(entry: IndicatorChange) -> tuple[int, bool, int]:
        return (
            dims.index(entry.domain) if entry.domain in dims else len(dims),
            entry.module != "standard",
            position.get(entry.indicator, 0),
        )

    return key
