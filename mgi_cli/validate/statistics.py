"""``mgi validate --statistics``: how many problems of each code, as ``ruff --statistics``."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from mgi_cli.problems.problem import Severity
from mgi_cli.validate.result import Report


def statistics(report: Report) -> list[tuple[int, str, Severity]]:
    """(count, code, severity) for each code found, the commonest first, then by code."""
    counts = Counter((p.code, p.severity) for p in report.problems)
    return sorted(
        ((count, code, severity) for (code, severity), count in counts.items()),
        key=lambda row: (-row[0], row[1], row[2]),
    )


def write_statistics(report: Report, stream: TextIO) -> None:
    """One line per code (count, code, severity), then the summary line."""
    from mgi_cli.validate.output import summary_line

    rows = statistics(report)
    count_width = max((len(str(count)) for count, _, _ in rows), default=1)
    code_width = max((len(code) for _, code, _ in rows), default=0)
    for count, code, severity in rows:
        stream.write(f"{count:>{count_width}}  {code:<{code_width}}  {severity}\n")
    if rows:
        stream.write("\n")
    stream.write(summary_line(report) + "\n")
