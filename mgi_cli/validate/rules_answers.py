"""Rules on answers: known indicators, declared modules, scales, completeness."""

from __future__ import annotations

from mgi_cli.matrix.indicators import CONTEXT_MODULE, is_context_id
from mgi_cli.matrix.urls import web_url
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Severity
from mgi_cli.validate.rule_input import RuleContext


def check_answers(ctx: RuleContext) -> None:
    catalogue = ctx.catalogue
    if catalogue is None:
        return
    matrix = ctx.matrix
    declared = {*matrix.modules, CONTEXT_MODULE}
    ids = [i.id for i in catalogue.indicators] + [i.id for i in matrix.context_indicators]
    for indicator_id, entry in matrix.answers.items():
        where = ("answers", indicator_id)
        indicator = ctx.indicator(indicator_id)
        if indicator is None:
            _unknown_indicator(ctx, indicator_id, ids)
            continue
        if indicator.module not in declared:
            ctx.report(
                where,
                codes.UNDECLARED_MODULE,
                f"{indicator_id} belongs to the module {indicator.module!r}, which this "
                "matrix does not declare",
                key=True,
                hint=f"add {indicator.module} to `modules:` or remove the answer",
            )
        if entry is None or entry.answer is None:
            continue
        choices = [c.id for c in catalogue.scale_of(indicator)]
        if entry.answer not in choices:
            ctx.report(
                (*where, "answer"),
                codes.INVALID_ANSWER,
                f"{entry.answer!r} is not an answer to {indicator_id}; it takes "
                + ", ".join(choices),
                hint=_answer_hint(entry.answer, choices),
            )
        elif not (entry.justification or "").strip():
            ctx.report(
                (*where, "answer"),
                codes.MISSING_JUSTIFICATION,
                f"{indicator_id} is answered without a justification",
                severity=ctx.completeness(),
                hint="say why, naming the law, policy or body",
            )
    _check_missing(ctx)
    _check_unreviewed(ctx)


def _answer_hint(answer: str, choices: list[str]) -> str | None:
    """The choice meant by `Yes` or `“yes”`: what to write instead."""
    from mgi_cli.files.yamlhints import SMART_QUOTES

    bare = answer.strip(SMART_QUOTES + "'\" ")
    if bare in choices:
        return f"write {bare} without the typographic quotes"
    if bare.lower() in choices:
        return f"answers are written in lower case: write {bare.lower()}"
    return None


def _unknown_indicator(ctx: RuleContext, indicator_id: str, ids: list[str]) -> None:
    assert ctx.catalogue is not None
    match = ctx.suggestions.nearest(indicator_id, ids, cutoff=0.5)
    hint = f"did you mean {match!r}?" if match else None
    message = f"{ctx.catalogue.ref} has no indicator {indicator_id!r}"
    if is_context_id(indicator_id):
        message = f"{indicator_id} is not defined under `context_indicators:`"
        hint = hint or "define it under `context_indicators:` with its dimension and question"
    ctx.report(("answers", indicator_id), codes.UNKNOWN_INDICATOR, message, key=True, hint=hint)


def _check_missing(ctx: RuleContext) -> None:
    """Every indicator the matrix must answer (not those marked ``not_used``) is answered."""
    answers = ctx.matrix.answers
    for indicator in ctx.expected_indicators():
        if indicator.id in ctx.loaded.broken_answers:
            continue
        entry = answers.get(indicator.id)
        if entry is not None and entry.answer is not None:
            continue
        present = indicator.id in answers
        ctx.report(
            ("answers", indicator.id) if present else ("answers",),
            codes.MISSING_ANSWER,
            f"{indicator.id} has no answer" if present else f"{indicator.id} is missing",
            severity=ctx.completeness(),
            key=True,
        )


def _check_unreviewed(ctx: RuleContext) -> None:
    waiting = [k for k, a in ctx.matrix.answers.items() if a is not None and not a.reviewed]
    if waiting:
        ctx.report(
            ("answers",),
            codes.UNREVIEWED_ANSWERS,
            f"{len(waiting)} answer(s) carried over from the baseline still need review "
            f"(first: {waiting[0]})",
            severity=ctx.completeness(),
            key=True,
            hint="check each one and remove `reviewed: false`",
        )


def check_references(ctx: RuleContext) -> None:
    """Evidence: yes/partial answers cite sources; sources are http(s) and dated sanely."""
    matrix = ctx.matrix
    today = ctx.options.today
    for indicator_id, entry in matrix.answers.items():
        if entry is None:
            continue
        where = ("answers", indicator_id)
        indicator = ctx.indicator(indicator_id)
        if indicator is not None and entry.answer is not None and not entry.references:
            counts = {c.id: c.counts_as for c in ctx.catalogue.scale_of(indicator)}  # type: ignore[union-attr]
            if counts.get(entry.answer) in ("yes", "partial"):
                ctx.report(
                    (*where, "answer"),
                    codes.MISSING_REFERENCE,
                    f"{indicator_id} is answered {entry.answer!r} without a reference",
                    severity=ctx.completeness(),
                    hint="add the law, policy or page that shows it under `references:`",
                )
        for index, reference in enumerate(entry.references):
            here = (*where, "references", index)
            if reference.url is not None and web_url(reference.url) is None:
                ctx.report(
                    (*here, "url"),
                    codes.REFERENCE_URL,
                    f"the reference URL {reference.url[:80]!r} is not an http(s) address",
                    hint="only http:// and https:// links are allowed",
                )
            for name in ("published", "accessed"):
                value = getattr(reference, name)
                if value is not None and value > today:
                    ctx.report((*here, name), codes.FUTURE_DATE, f"{name} {value} is in the future")
            if reference.accessed and reference.accessed > matrix.assessed_on:
                ctx.report(
                    (*here, "accessed"),
                    codes.ACCESSED_AFTER_ASSESSMENT,
                    f"accessed {reference.accessed} is after the assessment date "
                    f"{matrix.assessed_on}",
                )
            if (
                reference.published
                and reference.accessed
                and (reference.published > reference.accessed)
            ):
                ctx.report(
                    (*here, "published"),
                    codes.PUBLISHED_AFTER_ACCESSED,
                    f"published {reference.published} is after accessed {reference.accessed}",
                )
            _check_age(ctx, here, reference.accessed)


def _check_age(ctx: RuleContext, here: tuple[object, ...], accessed: object) -> None:
    from datetime import date

    if not isinstance(accessed, date):
        ctx.report(
            here,
            codes.UNDATED_REFERENCE,
            "the reference has no `accessed` date",
            severity=Severity.WARNING,
            hint="add `accessed: YYYY-MM-DD` so readers can see how fresh it is",
        )
        return
    age = (ctx.matrix.assessed_on - accessed).days
    if age > ctx.options.stale_after_days:
        ctx.report(
            (*here, "accessed"),
            codes.STALE_REFERENCE,
            f"the reference was last accessed {age // 365} year(s) before the assessment "
            f"({accessed}); data go stale",
            severity=Severity.WARNING,
            hint="check the source again and update `accessed`",
        )
