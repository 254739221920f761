"""``--select`` / ``--ignore`` (and mgi.toml's ``select`` / ``ignore``): which codes count.

Unlike ``--quiet``, which only hides warnings from the text, a code left out here is
not reported at all: not in any output, not in the summary, not in the exit status.
"""

from __future__ import annotations

from collections.abc import Iterable

from mgi_cli.errors import UsageError
from mgi_cli.validate.result import Report


def parse_codes(values: Iterable[str], option: str) -> tuple[str, ...]:
    """Comma-separated codes (the option may be repeated); an unknown code is a usage error."""
    from mgi_cli.problems.codes import CODES
    from mgi_cli.suggest import did_you_mean

    codes = tuple(c.strip() for value in values for c in value.split(",") if c.strip())
    for code in codes:
        if code not in CODES:
            suggestion = did_you_mean(code, CODES)
            raise UsageError(
                f"{option} {code}: not a problem code (docs/codes.md lists them)"
                + (f"; {suggestion}" if suggestion else "")
            )
    return codes


def select_problems(report: Report, select: Iterable[str], ignore: Iterable[str]) -> Report:
    """The report with only the ``select``ed codes (all when empty), less the ``ignore``d."""
    chosen, dropped = set(select), set(ignore)
    report.problems = [
        p for p in report.problems if (not chosen or p.code in chosen) and p.code not in dropped
    ]
    return report
