"""Read a TOML settings file (mgi.toml, a report's rule file) into a pydantic model.

Its errors read like a matrix's: one problem per error, at the line of the key where it
can be found, naming the key path, with a "did you mean" for a misspelt key
(``files.positioned_errors``). The TOML parser gives no positions, so lines are found
by reading the file's table headers and ``key =`` lines; a key not found that way
(inside an inline table, say) gives the line of the nearest enclosing one, or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mgi_cli.errors import UsageError
from mgi_cli.files.positioned_errors import problems_from_validation
from mgi_cli.files.read import Unread, read_regular_file
from mgi_cli.files.tomlread import load_toml
from mgi_cli.problems.problem import Problem, shown_path

M = TypeVar("M", bound=BaseModel)

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"[^"\\]*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"\s*\[\s*({_KEY})\s*\]\s*(?:#.*)?$")
#: An array of tables; its keys are not placed (mgi's files have none).
_ARRAY_HEADER = re.compile(r"\s*\[\[")
_ASSIGNMENT = re.compile(rf"(\s*)({_KEY})\s*=")


def load_toml_model(path: Path, model: type[M], *, what: str) -> M:
    """``model`` read from the TOML file at ``path``; see ``toml_model``."""
    return toml_model(load_toml(path), path, model, what=what)


def toml_model(
    data: object, path: Path, model: type[M], *, what: str, at: tuple[str, ...] = ()
) -> M:
    """``model`` from ``data``, read from the TOML file at ``path`` (from its table
    ``at``, if given).

    Raises ``UsageError`` (exit 2) naming the file as a ``what`` (e.g. "settings file"),
    with one problem per error.
    """
    try:
        return model.model_validate(data)
    except ValidationError as error:
        places = TomlPlaces(str(path), _key_lines(_text(path)))
        problems = problems_from_validation(error, places, model, at, syntax="toml")
        # The error printer (cli.py) shows no hints: the "did you mean" joins the message.
        said = [
            replace(p, message=f"{p.message}; {p.hint}", hint=None) if p.hint else p
            for p in sorted(problems, key=Problem.sort_key)
        ]
        raise UsageError(f"{shown_path(path)} is not a valid {what}", problems=said) from None


@dataclass(frozen=True)
class TomlPlaces:
    """The lines of a TOML file's keys, for ``problems_from_validation``."""

    path: str
    #: Each key path (table headers and ``key =`` lines) and its line and column.
    lines: dict[tuple[str, ...], tuple[int, int]] = field(default_factory=dict)

    def problem(
        self, path: tuple[Any, ...], code: str, message: str, *, key: bool = False, **extra: Any
    ) -> Problem:
        del key  # a TOML key and its value share a line
        keys = tuple(str(part) for part in path)
        for end in range(len(keys), 0, -1):
            found = self.lines.get(keys[:end])
            if found is not None:
                return Problem(self.path, code, message, line=found[0], column=found[1], **extra)
        return Problem(self.path, code, message, **extra)


def _text(path: Path) -> str:
    """The file's text again, only to find lines (load_toml read and checked it), read
    as safely: it may have been replaced by a pipe since."""
    raw = read_regular_file(path)
    return "" if isinstance(raw, Unread) else raw.decode("utf-8", errors="replace")


def _key_lines(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Where each key is defined; a key seen twice (only in a multi-line string, say)
    is dropped rather than guessed."""
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    seen_twice: set[tuple[str, ...]] = set()
    table: tuple[str, ...] = ()
    in_string = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            in_string = _toggles_multiline(line, in_string)
            continue
        if _ARRAY_HEADER.match(line):
            table = ("[[",)
            continue
        header = _HEADER.match(line)
        assignment = None if header else _ASSIGNMENT.match(line)
        if header:
            table = _split_key(header.group(1))
            keys, column = table, line.index("[") + 1
        elif assignment:
            keys = (*table, *_split_key(assignment.group(2)))
            column = len(assignment.group(1)) + 1
        else:
            continue
        if keys in found:
            seen_twice.add(keys)
        found[keys] = (number, column)
        in_string = _toggles_multiline(line, in_string)
    return {keys: place for keys, place in found.items() if keys not in seen_twice}


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(rf"{_BARE}|{_QUOTED}", text)
    return tuple(part[1:-1] if part[0] in "\"'" else part for part in parts)


def _toggles_multiline(line: str, inside: bool) -> bool:
    """Whether a multi-line string is open after ``line``."""
    count = line.count('"""') + line.count("'''")
    return inside if count % 2 == 0 else not inside
