"""Turn a Diff into a plain context (strings, numbers, lists) for the reporters and templates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgi_cli.diff.model import (
    ANSWER_KINDS,
    COUNTED,
    Diff,
    IndicatorChange,
    Summary,
    TextChange,
    WordChange,
)
from mgi_cli.matrix.indicators import CONTEXT_MODULE

if TYPE_CHECKING:
    from mgi_cli.diff.action_progress import ActionProgress

KIND_LABELS = {
    # A new catalogue indicator has no earlier answer: the follow-up assesses it for
    # the first time (a module new in the catalogue version, say).
    "added_to_catalogue": "newly assessed",
    "retired_from_catalogue": "retired from catalogue",
    "context_added": "context-specific indicator added",
    "context_removed": "context-specific indicator removed",
    "marked_not_used": "marked not used",
    "used_again": "used again",
    "answer_changed": "answer changed",
    "newly_answered": "newly answered",
    "no_longer_answered": "no longer answered",
    "justification_changed": "justification changed",
    "references_changed": "references changed",
    "unchanged": "unchanged",
}
COUNT_LABELS = {
    "yes": "yes",
    "partial": "partial",
    "no": "no",
    "not_applicable": "n/a",
    "unanswered": "unanswered",
}
NONE = "-"
#: Words of unchanged text kept on each side of a change in a word diff.
CONTEXT_WORDS = 6


def diff_context(diff: Diff) -> dict[str, Any]:
    rows = [_row(c) for c in diff.changes]
    counts = diff.kind_counts
    before, after = _date_labels(diff)
    evidence = counts.get("justification_changed", 0) + counts.get("references_changed", 0)
    return {
        "title": _title(diff),
        "sides": [
            {"label": label, **side.as_json()}
            for label, side in zip(_side_labels(diff), diff.sides, strict=True)
        ],
        # The two sides by their dates, wherever the output says before and after.
        "before_label": before,
        "after_label": after,
        "reversed": _reversed_notice(diff),
        "summary": _summary_text(diff, evidence),
        "progressed": diff.progressed,
        "regressed": diff.regressed,
        "count_labels": [COUNT_LABELS[k] for k in COUNTED],
        "domains": [
            {**_rollup(d), "sub_areas": [_rollup(s) for s in diff.sub_areas if s.domain == d.id]}
            for d in diff.domains
        ],
        "modules": [_rollup(m) for m in diff.modules],
        "answer_rows": [r for r in rows if r["kind"] in ANSWER_KINDS],
        "evidence_rows": [
            r for r in rows if r["kind"] in ("justification_changed", "references_changed")
        ],
        "unchanged_rows": [r for r in rows if r["kind"] == "unchanged"],
        "detail_rows": [r for r in rows if r["runs"] or r["references"]],
        "restricted": sum(1 for c in diff.changes if c.restricted and c.changed)
        + len({t.key for t in diff.texts if t.restricted}),
        "action_rows": [_action_row(a) for a in diff.actions],
        "text_rows": text_rows(diff.texts),
    }


def text_rows(texts: list[TextChange]) -> list[dict[str, Any]]:
    """One row per text and kind of change, with the languages it concerns: a summary
    added in four languages is one row, not four."""
    rows: list[dict[str, Any]] = []
    for text in texts:
        last = rows[-1] if rows else None
        if last is not None and (last["key"], last["change"]) == (text.key, text.change):
            last["languages"] += f", {text.language}"
            continue
        rows.append(
            {
                "key": text.key,
                "change": text.change,
                "languages": text.language or "",
                "restricted": text.restricted,
            }
        )
    return rows


def _action_row(progress: ActionProgress) -> dict[str, Any]:
    """An item of the baseline's action plan and what its indicators did by the follow-up."""
    return {
        "item": progress.item,
        "outcome": progress.outcome,
        "outcome_label": progress.outcome.replace("_", " "),
        "indicators": ", ".join(
            f"{indicator} ({direction or 'not compared'})"
            for indicator, direction in progress.indicators
        ),
    }


def _title(diff: Diff) -> str:
    place = diff.title or diff.country
    if diff.title:
        place = f"{diff.title} ({diff.country})"
    if diff.locality:
        place = f"{diff.locality}, {place}"
    if diff.reversed:
        before, after = _date_labels(diff)
        return f"{place}, {diff.level} MGI: changes from {before} to {after}"
    return f"{place}, {diff.level} MGI: changes since the baseline"


def _date_labels(diff: Diff) -> tuple[str, str]:
    """What the output calls the two sides: ``before`` and ``after`` (the baseline and the
    follow-up), or their assessment dates when the sides look reversed, since "before"
    would then name the later matrix."""
    if not diff.reversed:
        return ("before", "after")
    first, second = (side.assessed_on for side in diff.sides)
    return (first, second)


def _side_labels(diff: Diff) -> tuple[str, str]:
    if diff.reversed:
        return ("first (later)", "second (earlier)")
    return ("baseline", "follow-up")


def _reversed_notice(diff: Diff) -> str | None:
    if not diff.reversed:
        return None
    before, after = _date_labels(diff)
    return (
        f"The sides look reversed: the first matrix is the later assessment. The changes "
        f"read from {before} to {after}; give the baseline first to see the changes since it."
    )


def _summary_text(diff: Diff, evidence: int) -> list[str]:
    k = diff.kind_counts
    answers = k.get("answer_changed", 0)
    lines = [
        f"{_n(answers, 'answer')} changed: {diff.progressed} progress, "
        f"{diff.regressed} regression, {answers - diff.progressed - diff.regressed} neutral",
        f"{k.get('newly_answered', 0)} newly answered, "
        f"{k.get('no_longer_answered', 0)} no longer answered",
    ]
    catalogue = k.get("added_to_catalogue", 0) + k.get("retired_from_catalogue", 0)
    if catalogue:
        lines.append(
            f"{k.get('added_to_catalogue', 0)} newly assessed (new in the catalogue), "
            f"{k.get('retired_from_catalogue', 0)} retired from the catalogue"
        )
    own = k.get("context_added", 0) + k.get("context_removed", 0)
    if own:
        lines.append(
            f"{k.get('context_added', 0)} context-specific indicator(s) added and "
            f"{k.get('context_removed', 0)} removed"
        )
    scope = k.get("marked_not_used", 0) + k.get("used_again", 0)
    if scope:
        lines.append(
            f"{k.get('marked_not_used', 0)} indicator(s) marked not used and "
            f"{k.get('used_again', 0)} used again"
        )
    lines.append(f"{_n(evidence, 'indicator')} with only the justification or references updated")
    lines.append(f"{k.get('unchanged', 0)} unchanged")
    return lines


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _rollup(summary: Summary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "name": summary.name,
        "counts": [
            {
                "before": summary.before[k],
                "after": summary.after[k],
                "changed": summary.before[k] != summary.after[k],
            }
            for k in COUNTED
        ],
        "progressed": summary.progressed,
        "regressed": summary.regressed,
        "changed": summary.changed,
        "indicators": summary.indicators,
    }


def _row(change: IndicatorChange) -> dict[str, Any]:
    remarks = [f"was {change.replaced_from}"] if change.replaced_from else []
    if change.module == CONTEXT_MODULE and not change.kind.startswith("context_"):
        remarks.insert(0, "context-specific")  # the kinds context_* say it already
    if change.not_used_after is not None:
        remarks.append(f"not used: {change.not_used_after}".rstrip(": "))
    elif change.not_used_before is not None:
        remarks.append(f"was not used: {change.not_used_before}".rstrip(": "))
    also = [KIND_LABELS[d] for d in change.details[1:]]
    if also:
        remarks.append("also " + " and ".join(also))
    notes = ["restricted", *remarks] if change.restricted else remarks
    references = [
        (mark, title)
        for mark, titles in (
            ("added", change.references_added),
            ("removed", change.references_removed),
            ("updated", change.references_updated),
        )
        for title in titles
    ]
    return {
        "indicator": change.indicator,
        "domain": change.domain,
        "module": change.module,
        "before": change.before or NONE,
        "after": change.after or NONE,
        "kind": change.kind,
        "kind_label": KIND_LABELS[change.kind],
        "direction": change.direction,
        "restricted": change.restricted,
        "replaced_from": change.replaced_from,
        #: Replacement, restricted answer, other kinds of change; ``remarks`` without
        #: "restricted", for layouts that mark it apart.
        "notes": "; ".join(notes),
        "remarks": "; ".join(remarks),
        "runs": [{"op": r.op, "text": r.text} for r in elide(change.justification)],
        "references": [{"mark": m, "title": t} for m, t in references],
    }


def elide(runs: tuple[WordChange, ...], keep: int = CONTEXT_WORDS) -> list[WordChange]:
    """Shorten long unchanged runs to ``keep`` words next to each change, with an ellipsis."""
    shown: list[WordChange] = []
    last = len(runs) - 1
    for index, run in enumerate(runs):
        words = run.text.split()
        if run.op != "equal" or len(words) <= 2 * keep + 1:
            shown.append(run)
            continue
        head = " ".join(words[:keep]) if index > 0 else ""
        tail = " ".join(words[-keep:]) if index < last else ""
        shown.append(WordChange("equal", " ".join(p for p in (head, "…", tail) if p)))
    return shown
