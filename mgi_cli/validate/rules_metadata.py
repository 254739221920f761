"""Rules on the matrix's head: country, locality, dates, catalogue and modules."""

from __future__ import annotations

from mgi_cli.problems import codes
from mgi_cli.problems.problem import Severity
from mgi_cli.suggest import did_you_mean
from mgi_cli.validate.rule_input import RuleContext

#: ISO 3166-1 alpha-3 codes reserved for users: examples and training matrices.
_USER_ASSIGNED = (("AAA", "AAZ"), ("QMA", "QZZ"), ("XAA", "XZZ"), ("ZZA", "ZZZ"))


def is_user_assigned(code: str) -> bool:
    return any(low <= code <= high for low, high in _USER_ASSIGNED)


def is_known_country(code: str) -> bool:
    if is_user_assigned(code):
        return True
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def check_metadata(ctx: RuleContext) -> None:
    matrix = ctx.matrix
    if not is_known_country(matrix.country):
        ctx.report(
            ("country",),
            codes.UNKNOWN_COUNTRY,
            f"{matrix.country!r} is not an ISO 3166-1 alpha-3 country code",
            hint="use the three-letter code, e.g. KEN; XAA-XZZ are free for examples",
        )
    if matrix.level == "local" and not (matrix.locality or "").strip():
        where = ("locality",) if matrix.locality is not None else ("level",)
        ctx.report(
            where,
            codes.MISSING_LOCALITY,
            "a local assessment must name its locality",
            hint="add `locality: <city or region>`",
        )
    if matrix.assessed_on > ctx.options.today:
        ctx.report(
            ("assessed_on",),
            codes.FUTURE_DATE,
            f"assessed_on {matrix.assessed_on} is in the future",
        )
    if matrix.assessment == "baseline" and matrix.baseline is not None:
        ctx.report(
            ("baseline",),
            codes.UNEXPECTED_BASELINE,
            "a baseline assessment does not point at a baseline; is this a follow_up?",
            severity=Severity.WARNING,
        )


def check_catalogue_choice(ctx: RuleContext) -> None:
    """The catalogue exists and the declared modules belong to it."""
    if ctx.catalogue is None:
        return
    known = ctx.catalogue.module_ids
    for index, module in enumerate(ctx.matrix.modules):
        if module not in known:
            ctx.report(
                ("modules", index),
                codes.UNKNOWN_MODULE,
                f"the catalogue {ctx.catalogue.ref} has no module {module!r}",
                hint=did_you_mean(module, known) or f"modules: {', '.join(known)}",
            )
    if ctx.catalogue.level != ctx.matrix.level:
        ctx.report(
            ("catalogue",),
            codes.CATALOGUE_LEVEL,
            f"{ctx.catalogue.ref} is a {ctx.catalogue.level} catalogue, but this is a "
            f"{ctx.matrix.level} assessment",
        )
