"""Rules on the process record (``process:``): consultation kinds, dates in order, and
institutions rather than persons.

The order of dates: every consultation comes on or before the validation, and no date
is after today. The validation is not compared with ``assessed_on``: teams date a matrix
by the state of the data (before validation) or by its final version (after a
validation that asked for corrections), and both are right.

The record names institutions, never persons: the profile that shows it is public, and
donors ask which bodies took part, not who. A name cannot be told from an institution's
by its form, but an e-mail address or a personal title (Mr, Dr, Mme, Sra. ...) can.
"""

from __future__ import annotations

import re
from typing import Any

from mgi_cli.matrix.models import CONSULTATION_KINDS, PUBLISHABLE
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Severity
from mgi_cli.suggest import did_you_mean
from mgi_cli.validate.rule_input import RuleContext

_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+")
#: Personal titles in English, French, Spanish and Portuguese, as written before a name:
#: at the start or after a separator, and followed by a name.
_TITLE = re.compile(
    r"(?:^|(?<=[\s,;:(/]))"
    r"(?:Mr|MR|Mrs|MRS|Ms|MS|Miss|Dr|DR|Dra|Prof|PROF|Mme|MME|Mlle|Sr|Sra|Srta|Dña)\.?"
    r"(?=\s+[A-ZÀ-Þ])"
    r"|(?:^|(?<=[\s,;:(/]))M\.(?=\s*[A-ZÀ-Þ])"
)


def person_marker(text: str) -> str | None:
    """What in ``text`` shows a person rather than an institution, or None."""
    if found := _EMAIL.search(text):
        return f"the e-mail address {found.group()!r}"
    if found := _TITLE.search(text):
        return f"the personal title {found.group()!r}"
    return None


def check_process(ctx: RuleContext) -> None:
    matrix, process = ctx.matrix, ctx.matrix.process
    if process is None or process.validated is None:
        if matrix.status in PUBLISHABLE:
            ctx.report(
                ("process",) if process is not None else ("status",),
                codes.MISSING_VALIDATION_RECORD,
                f"the matrix is {matrix.status} but `process:` does not record the validation",
                severity=Severity.WARNING,
                key=process is not None,
                hint="add `process: {validated: {date: YYYY-MM-DD, by: <the validating body>}}`",
            )
        if process is None:
            return
    if process.focal_point is not None:
        _institution(ctx, ("process", "focal_point"), process.focal_point)
    today, validated = ctx.options.today, process.validated
    for index, consultation in enumerate(process.consultations):
        where = ("process", "consultations", index)
        if consultation.kind not in CONSULTATION_KINDS:
            ctx.report(
                (*where, "kind"),
                codes.PROCESS_KIND,
                f"a consultation's kind is {consultation.kind!r}; it is one of "
                f"{', '.join(CONSULTATION_KINDS)}",
                hint=did_you_mean(consultation.kind, CONSULTATION_KINDS),
            )
        if consultation.date > today:
            ctx.report(
                (*where, "date"),
                codes.FUTURE_DATE,
                f"the consultation on {consultation.date} is in the future",
            )
        elif validated is not None and consultation.date > validated.date:
            ctx.report(
                (*where, "date"),
                codes.PROCESS_DATE_ORDER,
                f"a consultation on {consultation.date} comes after the validation "
                f"on {validated.date}",
            )
        for position, participant in enumerate(consultation.participants):
            _institution(ctx, (*where, "participants", position), participant)
    if validated is not None:
        if validated.date > today:
            ctx.report(
                ("process", "validated", "date"),
                codes.FUTURE_DATE,
                f"the validation on {validated.date} is in the future",
            )
        _institution(ctx, ("process", "validated", "by"), validated.by)


def _institution(ctx: RuleContext, path: tuple[Any, ...], name: str) -> None:
    marker = person_marker(name)
    if marker is not None:
        ctx.report(
            path,
            codes.PROCESS_PERSON,
            f"{'.'.join(str(p) for p in path)} names a person ({marker}); the process "
            "record names institutions only",
            hint="write the body, e.g. Ministry of Labour, Directorate of Migration",
        )
