"""`mgi new --follow-up-of BASELINE`: a follow-up draft that starts from the baseline.

Every answer the baseline gave is carried over, with its justification and references,
and marked ``reviewed: false`` until someone checks it again. When the follow-up uses
another catalogue version, an indicator that ``replaces`` older ones takes the answer
of the first of them the baseline answered. The baseline's context-specific indicators,
``not_used`` marks, ``subdivision`` and ``context`` come along; its action plan stays with
it (the follow-up makes its own).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli.errors import UsageError

if TYPE_CHECKING:
    from mgi_cli.catalogue.models import Catalogue, Indicator
    from mgi_cli.matrix.models import Answer, Matrix


@dataclass
class FollowUp:
    """The draft's text, and what happened to the baseline's answers."""

    text: str
    carried: list[str] = field(default_factory=list)
    #: (new id, baseline id) pairs carried through ``replaces`` links.
    mapped: list[tuple[str, str]] = field(default_factory=list)
    #: Baseline answers no indicator of the follow-up takes over.
    dropped: list[str] = field(default_factory=list)
    #: Carried answers that are not on the new indicator's scale (left empty).
    off_scale: list[str] = field(default_factory=list)


def relative_to(target: Path, output: Path) -> str:
    """``target`` as a matrix at ``output`` names it: relative to its folder."""
    return Path(os.path.relpath(target.resolve(), output.resolve().parent)).as_posix()


def follow_up(
    baseline: Matrix,
    paths: tuple[Path, Path],
    catalogue: Catalogue,
    *,
    modules: tuple[str, ...] | None = None,
    assessed_on: date,
    lang: str = "en",
) -> FollowUp:
    """The follow-up draft of ``baseline``; ``paths``: the baseline's file and the new one."""
    from mgi_cli.formatting.document import matrix_text
    from mgi_cli.matrix.indicators import context_indicators
    from mgi_cli.matrix.models import FORMAT
    from mgi_cli.repository.editor import schema_line_for

    chosen = modules or tuple(m for m in baseline.modules if m in catalogue.module_ids)
    unknown = [m for m in chosen if m not in catalogue.module_ids]
    if unknown or not chosen:
        raise UsageError(
            f"{catalogue.ref} has no module {unknown[0] if unknown else '(none chosen)'}; "
            f"modules: {', '.join(catalogue.module_ids)}"
        )
    if catalogue.level != baseline.level:
        raise UsageError(
            f"{catalogue.ref} is a {catalogue.level} catalogue; the baseline is {baseline.level}"
        )
    moved = catalogue.ref != baseline.catalogue
    result = FollowUp(text="")
    answers: dict[str, Any] = {}
    used: set[str] = set()
    declared = [i for i in catalogue.in_modules(set(chosen)) if i.id not in baseline.not_used]
    for indicator in [*declared, *context_indicators(baseline, catalogue)]:
        source = _source(indicator, baseline, moved)
        answers[indicator.id] = None
        if source is None:
            continue
        used.add(source)
        answers[indicator.id] = _carry(
            indicator, source, baseline.answers[source], catalogue, result
        )
    result.dropped = [k for k, v in baseline.answers.items() if _has_content(v) and k not in used]
    baseline_file, output = paths
    known = {i.id for i in catalogue.in_modules(set(chosen))}
    head = {
        "format": FORMAT,
        "country": baseline.country,
        "title": baseline.title,
        "level": baseline.level,
        "locality": baseline.locality,
        "subdivision": baseline.subdivision,
        "context": baseline.context
        and relative_to(baseline_file.parent / baseline.context, output),
        "assessment": "follow_up",
        "baseline": relative_to(baseline_file, output),
        "catalogue": catalogue.ref,
        "modules": list(chosen),
        "assessed_on": assessed_on,
        "status": "draft",
        "confidentiality": baseline.confidentiality,
        "context_indicators": [
            c.model_dump(exclude_defaults=True) for c in baseline.context_indicators
        ],
        "not_used": {k: v for k, v in baseline.not_used.items() if k in known},
    }
    result.text = matrix_text(
        head, answers, catalogue, lang, schema=schema_line_for(output, catalogue.level)
    )
    return result


def _has_content(entry: Answer | None) -> bool:
    from mgi_cli.matrix.models import Answer

    return entry is not None and entry.model_copy(update={"reviewed": True}) != Answer()


def _source(indicator: Indicator, baseline: Matrix, moved: bool) -> str | None:
    """The baseline answer this indicator starts from, if any."""
    if _has_content(baseline.answers.get(indicator.id)):
        return indicator.id
    if moved:
        for old in indicator.replaces:
            if _has_content(baseline.answers.get(old)):
                return old
    return None


def _carry(
    indicator: Indicator,
    source: str,
    entry: Answer | None,
    catalogue: Catalogue,
    result: FollowUp,
) -> dict[str, Any]:
    assert entry is not None
    carried = entry.model_dump(exclude_defaults=True)
    carried["references"] = [r.model_dump(exclude_none=True) for r in entry.references]
    carried["reviewed"] = False
    notes = [entry.notes] if entry.notes else []
    result.carried.append(indicator.id)
    if source != indicator.id:
        result.mapped.append((indicator.id, source))
        notes.append(
            f"Carried over from the baseline's answer to {source}, which "
            f"{indicator.id} replaces; check it against the new question."
        )
    choices = {c.id for c in catalogue.scale_of(indicator)}
    if entry.answer is not None and entry.answer not in choices:
        result.off_scale.append(indicator.id)
        carried["answer"] = None
        notes.append(
            f"The baseline answered {entry.answer!r}, which is not on this indicator's scale."
        )
    if notes:
        carried["notes"] = " ".join(notes)
    return carried
