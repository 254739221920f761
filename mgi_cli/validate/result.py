"""The result of a validation run: which files were checked and every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field

from mgi_cli.problems.problem import Problem, Severity


@dataclass
class Report:
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    strict: bool = False
    #: Files left out of an incremental run (``--changed-since``).
    skipped: int = 0
    #: What text output lists instead of ``problems`` (validate/grouping.py): errors
    #: only, runs grouped. The summary and the outcome still count every problem.
    display: list[Problem] | None = None

    def shown(self) -> list[Problem]:
        return self.problems if self.display is None else self.display

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    @property
    def ok(self) -> bool:
        return self.errors == 0 and not (self.strict and self.warnings)

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "files": self.files,
            "problems": [p.as_json() for p in self.problems],
        }
