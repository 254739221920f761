"""Problems are data: small frozen values that rules return and reporters print."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

# What a file name may hold that would break a line of text or drive a terminal: C0 and
# C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
_CONTROL_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown_path(path: object) -> str:
    """A file name as problems and messages show it, on one line: newline, carriage
    return and tab as ``\\n``, ``\\r``, ``\\t``, other control characters as ``\\uXXXX``
    (a name may hold any character but ``/`` and NUL). Plain names are unchanged."""
    text = str(path)
    if _CONTROL_IN_NAME.search(text) is None:
        return text
    return _CONTROL_IN_NAME.sub(lambda m: _NAMED.get(m.group()) or f"\\u{ord(m.group()):04x}", text)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column where known."""

    path: str
    code: str
    message: str
    severity: Severity = Severity.ERROR
    line: int | None = None
    column: int | None = None
    indicator: str | None = None
    hint: str | None = None

    def at(self, path: str) -> Problem:
        return replace(self, path=path)

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
            "indicator": self.indicator,
        }

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.column or 0, self.code, self.message)
