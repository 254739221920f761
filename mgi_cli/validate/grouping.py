"""What text output shows of a report: errors only (``--quiet``), runs of one code grouped.

A fresh draft has one ``missing-answer`` per indicator; listed one a line they fill
several screens and hide the one error that matters. So in text output the problems
of one code in one file, when there are more than ``GROUP_ABOVE``, become one line at
the first of them, with the count and the first few lines. The JSON and GitHub outputs
always list every problem: they are read by programs, and annotations sit at lines.
"""

from __future__ import annotations

from dataclasses import replace

from mgi_cli.problems.problem import Problem, Severity

#: More problems than this of one code in one file are shown as one line.
GROUP_ABOVE = 3
#: How many of a group's lines that line names.
GROUP_LINES = 5


def shown_problems(
    problems: list[Problem], *, quiet: bool = False, show_all: bool = False
) -> list[Problem]:
    """The problems as text output lists them, in the report's order (by file and line)."""
    if quiet:
        problems = [p for p in problems if p.severity is Severity.ERROR]
    if show_all:
        return problems
    runs: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        runs.setdefault((problem.path, problem.code), []).append(problem)
    shown: list[Problem] = []
    for problem in problems:
        run = runs[(problem.path, problem.code)]
        if len(run) <= GROUP_ABOVE:
            shown.append(problem)
        elif run[0] is problem:
            shown.append(_grouped(run))
    return shown


def _grouped(run: list[Problem]) -> Problem:
    first = run[0]
    lines = [str(p.line) for p in run if p.line is not None]
    named = ", ".join(lines[:GROUP_LINES])
    rest = len(lines) - GROUP_LINES
    where = f"lines {named}" + (f" and {rest} more" if rest > 0 else "") if lines else "no line"
    hints = {p.hint for p in run}
    return replace(
        first,
        message=f"{len(run)} times, at {where}; the first: {first.message} (--show-all lists each)",
        # One hint for the group when every problem has the same.
        hint=first.hint if len(hints) == 1 else None,
    )
