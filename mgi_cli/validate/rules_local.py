"""Rules on a matrix's context: where a local assessment sits (``subdivision``, ``context``),
the indicators a matrix adds for itself (``context_indicators``) and the catalogue
indicators it does not use (``not_used``).

Answers to context-specific indicators are checked by the answer rules like any other
(rules_answers.py, through ``RuleContext.indicator`` and ``expected_indicators``).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from mgi_cli.catalogue.models import Catalogue
from mgi_cli.files.read import Unread
from mgi_cli.matrix.indicators import CONTEXT_MODULE, is_context_id
from mgi_cli.matrix.linked import load_linked
from mgi_cli.matrix.models import ContextIndicator
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Severity
from mgi_cli.suggest import did_you_mean
from mgi_cli.validate.rule_input import RuleContext
from mgi_cli.validate.rules_metadata import is_user_assigned


def check_context(ctx: RuleContext) -> None:
    _check_place(ctx)
    _check_context_indicators(ctx)
    _check_not_used(ctx)


# --- Where a local assessment sits -------------------------------------------------


def _check_place(ctx: RuleContext) -> None:
    matrix = ctx.matrix
    if matrix.level == "national":
        for key in ("subdivision", "context"):
            if getattr(matrix, key) is not None:
                ctx.report(
                    (key,),
                    codes.UNEXPECTED_LOCAL_KEY,
                    f"`{key}` describes a local assessment; this matrix is national",
                    severity=Severity.WARNING,
                    key=True,
                    hint=f"remove `{key}`",
                )
        return
    if matrix.subdivision is not None:
        _check_subdivision(ctx, matrix.subdivision)
    if matrix.context is not None:
        _check_context_matrix(ctx, matrix.context)


def _check_subdivision(ctx: RuleContext, code: str) -> None:
    country = ctx.matrix.country
    if is_user_assigned(country):
        if re.fullmatch(rf"{country}-[A-Z0-9]{{1,3}}", code) is None:
            ctx.report(
                ("subdivision",),
                codes.UNKNOWN_SUBDIVISION,
                f"{code!r} is not a subdivision code of the user-assigned country {country}",
                hint=f"write {country}- and 1 to 3 capital letters or digits, e.g. {country}-01",
            )
        return
    import pycountry

    nation = pycountry.countries.get(alpha_3=country)
    if nation is None:
        return  # unknown-country says it
    subdivisions: Any = pycountry.subdivisions  # untyped in pycountry
    found = subdivisions.get(code=code)
    if found is None or found.code != code:
        known = sorted(s.code for s in subdivisions.get(country_code=nation.alpha_2) or [])
        hint = (
            f"write it as {found.code}"
            if found is not None
            else f"{nation.name}'s codes run {known[0]} ... {known[-1]}"
            if known
            else f"ISO 3166-2 lists no subdivisions of {nation.name}; remove `subdivision`"
        )
        ctx.report(
            ("subdivision",),
            codes.UNKNOWN_SUBDIVISION,
            f"{code!r} is not an ISO 3166-2 subdivision code",
            hint=hint,
        )
        if found is None or found.country_code == nation.alpha_2:
            return
    if found.country_code != nation.alpha_2:
        owner = pycountry.countries.get(alpha_2=found.country_code)
        ctx.report(
            ("subdivision",),
            codes.SUBDIVISION_MISMATCH,
            f"{found.code} ({found.name}) is in {owner.name if owner else found.country_code}, "
            f"not in {nation.name} ({country})",
        )


def _check_context_matrix(ctx: RuleContext, context: str) -> None:
    """``context`` names a readable national matrix of the same country."""
    linked = load_linked(ctx.loaded.path, context, root=ctx.root)
    target, other = linked.path, linked.loaded
    where = ("context",)
    if isinstance(other, Unread):
        ctx.report(
            where,
            codes.CONTEXT_UNREADABLE,
            _unreadable(other, context, target),
            hint=(
                "name the national matrix inside the repository, relative to this file"
                if other.kind == "outside"
                else None
            ),
        )
        return
    if other.matrix is None:
        detail = ""
        if other.problems:
            first = other.problems[0]
            detail = f" ({first.code}" + (f" at line {first.line})" if first.line else ")")
        ctx.report(
            where,
            codes.CONTEXT_UNREADABLE,
            f"the context {context!r} cannot be read as a matrix{detail}",
            hint=f"run `mgi validate {target}`",
        )
        return
    national, country = other.matrix.level, other.matrix.country
    if national != "national":
        ctx.report(
            where,
            codes.CONTEXT_MISMATCH,
            f"the context {context!r} is a {national} matrix; name the national matrix",
        )
    if country != ctx.matrix.country:
        ctx.report(
            where,
            codes.CONTEXT_MISMATCH,
            f"the context {context!r} is for country {country!r}, this matrix for "
            f"{ctx.matrix.country!r}",
        )


def _unreadable(refused: Unread, context: str, target: Path) -> str:
    if refused.kind == "outside":
        return f"the context {context!r} leads outside the repository; it was not read"
    if refused.kind == "missing":
        return f"the context matrix {context!r} does not exist (looked for {target})"
    if refused.kind in ("folder", "special"):
        kind = "a folder" if refused.kind == "folder" else "a device, pipe or socket"
        return f"the context {context!r} is {kind}, not a matrix file; it was not read"
    return f"the context matrix {context!r} cannot be read ({refused.reason}) (looked for {target})"


# --- Indicators a matrix defines for itself -----------------------------------------


def _check_context_indicators(ctx: RuleContext) -> None:
    defined = ctx.matrix.context_indicators
    first: dict[str, int] = {}
    for index, indicator in enumerate(defined):
        here = ("context_indicators", index)
        ident = indicator.id
        if not is_context_id(ident):
            _report(
                ctx,
                (*here, "id"),
                codes.CONTEXT_INDICATOR_ID,
                f"{ident!r} is outside the namespace of context-specific indicators",
                ident,
                hint="name it X.<name>, e.g. X.01 or X.port-authority",
            )
        if ident in first:
            _report(
                ctx,
                (*here, "id"),
                codes.CONTEXT_INDICATOR_DUPLICATE,
                f"{ident} is already defined (context indicator {first[ident] + 1})",
                ident,
                hint="give each context-specific indicator its own id",
            )
        else:
            first[ident] = index
        if ctx.catalogue is not None:
            _check_links(ctx, ctx.catalogue, indicator, here)
        choices = [c.id for c in indicator.scale or []]
        for choice, count in Counter(choices).items():
            if count > 1:
                _report(
                    ctx,
                    (*here, "scale"),
                    codes.CONTEXT_INDICATOR_DUPLICATE,
                    f"{ident}: the scale choice {choice!r} repeats",
                    ident,
                )


def _check_links(
    ctx: RuleContext, catalogue: Catalogue, indicator: ContextIndicator, here: tuple[Any, ...]
) -> None:
    ident = indicator.id
    if catalogue.indicator(ident) is not None:
        _report(
            ctx,
            (*here, "id"),
            codes.CONTEXT_INDICATOR_DUPLICATE,
            f"the catalogue {catalogue.ref} already has an indicator {ident!r}",
            ident,
            hint="context-specific ids are X.<name>",
        )
    dimension = catalogue.dimension(indicator.dimension)
    if dimension is None:
        known = [d.id for d in catalogue.dimensions]
        _report(
            ctx,
            (*here, "dimension"),
            codes.CONTEXT_INDICATOR_LINK,
            f"{ident}: the catalogue {catalogue.ref} has no dimension {indicator.dimension!r}",
            ident,
            hint=did_you_mean(indicator.dimension, known) or f"use {', '.join(known)}",
        )
    elif indicator.sub_area is not None:
        areas = [s.id for s in dimension.sub_areas]
        if indicator.sub_area not in areas:
            _report(
                ctx,
                (*here, "sub_area"),
                codes.CONTEXT_INDICATOR_LINK,
                f"{ident}: dimension {dimension.id} has no sub-area {indicator.sub_area!r}",
                ident,
                hint=did_you_mean(indicator.sub_area, areas) or f"use {', '.join(areas)}",
            )
    themes = [t.id for t in catalogue.themes]
    for position, tag in enumerate(indicator.tags):
        if tag not in themes:
            _report(
                ctx,
                (*here, "tags", position),
                codes.CONTEXT_INDICATOR_LINK,
                f"{ident}: the catalogue {catalogue.ref} has no theme {tag!r}",
                ident,
                hint=did_you_mean(tag, themes) or f"themes: {', '.join(themes) or 'none'}",
            )


# --- Catalogue indicators not used in this context -----------------------------------


def _check_not_used(ctx: RuleContext) -> None:
    matrix, catalogue = ctx.matrix, ctx.catalogue
    for ident, reason in matrix.not_used.items():
        where = ("not_used", ident)
        if not (reason or "").strip():
            _report(
                ctx,
                where,
                codes.NOT_USED_REASON,
                f"{ident} is marked not used without a reason",
                ident,
                hint=f'say why: `{ident}: "<reason>"`',
            )
        entry = matrix.answers.get(ident)
        if entry is not None and entry.answer is not None:
            ctx.report(
                ("answers", ident),
                codes.NOT_USED_ANSWERED,
                f"{ident} is marked not used (`not_used:`) but has an answer",
                severity=Severity.WARNING,
                key=True,
                hint="remove the answer, or remove the indicator from `not_used:`",
            )
        if catalogue is None:
            continue
        indicator = ctx.indicator(ident)
        if indicator is None or indicator.module not in matrix.modules:
            _report(
                ctx,
                where,
                codes.NOT_USED_UNKNOWN,
                _not_used_message(ctx, ident),
                ident,
                key=True,
                hint=_not_used_hint(ctx, ident),
            )


def _not_used_message(ctx: RuleContext, ident: str) -> str:
    assert ctx.catalogue is not None
    indicator = ctx.indicator(ident)
    if indicator is None:
        return f"{ctx.catalogue.ref} has no indicator {ident!r} to mark as not used"
    if indicator.module == CONTEXT_MODULE:
        return f"{ident} is this matrix's own indicator; only catalogue indicators are not used"
    return f"{ident} belongs to the module {indicator.module!r}, which this matrix does not declare"


def _not_used_hint(ctx: RuleContext, ident: str) -> str | None:
    assert ctx.catalogue is not None
    indicator = ctx.indicator(ident)
    if indicator is not None and indicator.module == CONTEXT_MODULE:
        return "remove it from `context_indicators:` instead"
    if indicator is not None:
        return "remove it from `not_used:`"
    return ctx.suggestions.did_you_mean(ident, [i.id for i in ctx.catalogue.indicators])


def _report(
    ctx: RuleContext,
    path: tuple[Any, ...],
    code: str,
    message: str,
    indicator: str,
    *,
    key: bool = False,
    hint: str | None = None,
) -> None:
    """Like ``ctx.report``, naming the indicator of a problem outside ``answers``."""
    ctx.problems.append(
        ctx.loaded.parsed.problem(path, code, message, key=key, hint=hint, indicator=indicator)
    )
