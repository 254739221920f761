"""Print a validation Report as text, JSON or GitHub annotations, chosen by name."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from mgi_cli.problems.problem import Problem, Severity
from mgi_cli.validate.result import Report

Reporter = Callable[[Report, TextIO, bool], None]


def _location(problem: Problem) -> str:
    if problem.line is None:
        return problem.path
    return f"{problem.path}:{problem.line}:{problem.column or 1}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    files = len(report.files)
    # Under --strict a file with only warnings fails too.
    failing = len(
        {p.path for p in report.problems if report.strict or p.severity is Severity.ERROR}
    )
    parts = [_plural(report.errors, "error"), _plural(report.warnings, "warning")]
    line = f"{', '.join(parts)} in {failing} of {_plural(files, 'file')}"
    if report.skipped:
        line += f" ({report.skipped} unchanged skipped)"
    if report.ok:
        return f"OK: {_plural(files, 'file')} checked, {_plural(report.warnings, 'warning')}" + (
            f" ({report.skipped} unchanged skipped)" if report.skipped else ""
        )
    return f"FAILED: {line}"


def write_text(report: Report, stream: TextIO, color: bool) -> None:
    from mgi_cli.output.console import write_styled

    pieces: list[str | tuple[str, str]] = []
    previous = None
    for problem in report.shown():
        if previous is not None and problem.path != previous:
            pieces.append("\n")
        previous = problem.path
        severity = "red" if problem.severity is Severity.ERROR else "yellow"
        pieces += [
            (_location(problem), "bold"),
            ": ",
            (str(problem.severity), severity),
            " ",
            (problem.code, "dim"),
            f" {problem.message}\n",
        ]
        if problem.hint:
            pieces += ["    ", ("hint:", "dim"), f" {problem.hint}\n"]
    if report.shown():
        pieces.append("\n")
    pieces += [(summary_line(report), "bold green" if report.ok else "bold red"), "\n"]
    write_styled(stream, pieces, color=color)


def write_json(report: Report, stream: TextIO, color: bool) -> None:  # noqa: ARG001
    json.dump(report.as_json(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    level = "error" if problem.severity is Severity.ERROR else "warning"
    props = [f"file={_escape_property(problem.path)}"]
    if problem.line is not None:
        props += [f"line={problem.line}", f"col={problem.column or 1}"]
    props.append(f"title={_escape_property(problem.code)}")
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def write_github(report: Report, stream: TextIO, color: bool) -> None:  # noqa: ARG001
    for problem in report.problems:
        stream.write(github_line(problem) + "\n")
    stream.write(summary_line(report) + "\n")


REPORTERS: dict[str, Reporter] = {"text": write_text, "json": write_json, "github": write_github}


def resolve_format(name: str, *, github_actions: bool) -> str:
    if name == "auto":
        return "github" if github_actions else "text"
    return name
