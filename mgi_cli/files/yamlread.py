"""Read a YAML file into plain Python data plus the line and column of every node.

The file is parsed once, from libyaml's event stream (ruamel.yaml's C parser where
installed), into dicts, lists and scalars. Walking events instead of composing a node
tree keeps the stack in Python's heap, so hostile nesting cannot crash the C
composer, and it gives every node's position without a round-trip load. Scalars
resolve by the YAML 1.2 core schema, so ``answer: yes`` stays the string ``"yes"``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi_cli.files.read import line_col, read_text
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, shown_path

YamlPath = tuple[Any, ...]
Mark = tuple[int, int]

MAX_DEPTH = 200
#: Positions are kept for nodes this deep at most: a problem deeper is placed at its
#: nearest kept ancestor. Each kept position is keyed by the node's whole path, so
#: keeping all of them at 200 levels would cost memory in the square of the depth.
#: The matrix format's deepest node (a label of a scale choice of a context-specific
#: indicator) is 6 deep.
MAX_MARK_DEPTH = 16
#: Nodes that aliases may add on top of the ones written out ("billion laughs").
MAX_ALIAS_EXPANSION = 100_000

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class ParsedYaml:
    """Plain data, where each node sits in the file, and the problems met reading it."""

    path: str
    data: Any = None
    marks: dict[YamlPath, Mark] = field(default_factory=dict)
    key_marks: dict[YamlPath, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def mark(self, path: YamlPath, *, key: bool = False) -> Mark | None:
        """Where the node at ``path`` starts; the nearest ancestor's place if absent."""
        table = self.key_marks if key else self.marks
        for end in range(len(path), -1, -1):
            # A key's own place first; else where its value (or the document) starts.
            found = table.get(path[:end]) or (self.marks.get(path[:end]) if key else None)
            if found is not None:
                return found
        return None

    def problem(
        self, path: YamlPath, code: str, message: str, *, key: bool = False, **extra: Any
    ) -> Problem:
        mark = self.mark(path, key=key)
        line, column = mark if mark else (None, None)
        return Problem(self.path, code, message, line=line, column=column, **extra)


def load_yaml_file(path: Path, display: str | None = None) -> ParsedYaml:
    """Read, decode and parse one YAML file; never raises for bad content."""
    shown = display if display is not None else shown_path(path)
    text = read_text(path, shown)
    if isinstance(text, Problem):
        return ParsedYaml(shown, problems=[text])
    return parse_yaml(text, shown)


def parse_yaml(text: str, display: str) -> ParsedYaml:
    """Parse YAML text; syntax errors become problems with the parser's position."""
    result = ParsedYaml(display)
    if not text.strip():
        result.problems.append(
            Problem(display, codes.FILE_EMPTY, "the file is empty", line=1, column=1)
        )
        return result
    builder = _Builder(result)
    try:
        builder.run(text)
    except _Stop:
        result.data = None
    except (MemoryError, RecursionError):
        raise  # not a problem in the file: cli.py says it plainly
    except Exception as error:  # any parser error is a problem in the file
        result.data = None
        result.problems.append(_syntax_problem(error, text, display))
    else:
        _add_strictness_problems(result, text)
    return result


def _add_strictness_problems(result: ParsedYaml, text: str) -> None:
    from mgi_cli.files.yamlstrict import strictness_problems

    found = strictness_problems(text)
    for line, column, message in found:
        result.problems.append(
            Problem(
                result.path,
                codes.YAML_SYNTAX,
                f"not valid YAML: {message}",
                line=line,
                column=column,
            )
        )
    if found:
        result.data = None


class _Stop(Exception):
    """Raised inside the builder once a problem makes further reading pointless."""


def _syntax_problem(error: Exception, text: str, display: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem_text = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(getattr(error, "position", None), int):
        line, column = line_col(text[: error.position])  # type: ignore[attr-defined]
    else:
        line, column = None, None
    if problem_text:
        message = f"{context}: {problem_text}" if context else str(problem_text)
    else:
        message = str(error).split("\n", 1)[0]
    character = getattr(error, "character", None)
    if character is not None:
        code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
        message = f"the character U+{code:04X} is not allowed in YAML"
        # libyaml reports where its reader's buffer stood, which may be lines later;
        # the character itself says where it is.
        where = text.find(chr(code))
        if where >= 0:
            line, column = line_col(text[:where])
    explained = _explained(error, text, line, column)
    if explained is not None:
        return Problem(
            display,
            codes.YAML_SYNTAX,
            f"not valid YAML: {explained.message}",
            line=explained.line,
            column=explained.column,
            hint=explained.hint,
        )
    return Problem(
        display, codes.YAML_SYNTAX, f"not valid YAML: {message}", line=line, column=column
    )


def _explained(error: Exception, text: str, line: int | None, column: int | None) -> Any:
    """The common mistake behind a parser error, in plain words (files/yamlhints.py)."""
    from mgi_cli.files.yamlhints import ParserError, explain

    if line is None or column is None:
        return None
    context_mark = getattr(error, "context_mark", None)
    return explain(
        text,
        ParserError(
            str(getattr(error, "problem", None) or ""),
            str(getattr(error, "context", None) or ""),
            line,
            column,
            context_mark.line + 1 if context_mark is not None else None,
            context_mark.column + 1 if context_mark is not None else None,
        ),
    )


def _new_parser(text: str) -> Any:
    try:
        from ruamel.yaml.cyaml import CSafeLoader

        return CSafeLoader(text)
    except ImportError:  # pragma: no cover - only where the C extension is missing
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        return yaml.get_constructor_parser(text)[1]


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_mark", "path", "weight")

    def __init__(self, container: Any, path: YamlPath, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_mark: Mark = (0, 0)
        self.weight = 1


_NO_KEY = object()


class _Builder:
    """Turns the event stream into plain data, recording every node's position."""

    def __init__(self, result: ParsedYaml) -> None:
        self.result = result
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.expansion = 0
        self.documents = 0

    def fail(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        self.result.problems.append(
            Problem(
                self.result.path,
                code,
                message,
                line=mark.line + 1,
                column=mark.column + 1,
                hint=hint,
            )
        )
        raise _Stop

    def run(self, text: str) -> None:
        from ruamel.yaml import events

        scalar_t, alias_t = events.ScalarEvent, events.AliasEvent
        map_t, seq_t = events.MappingStartEvent, events.SequenceStartEvent
        end_t = (events.MappingEndEvent, events.SequenceEndEvent)
        doc_t, stream_end_t = events.DocumentStartEvent, events.StreamEndEvent
        parser = _new_parser(text)
        try:
            while True:
                event = parser.get_event()
                kind = type(event)
                if kind is scalar_t:
                    self.add(self.scalar(event), event, 1)
                elif kind is map_t or kind is seq_t:
                    self.open(event, {} if kind is map_t else [])
                elif kind in end_t:
                    self.close()
                elif kind is alias_t:
                    self.alias(event)
                elif kind is doc_t:
                    self.documents += 1
                    if self.documents > 1:
                        self.fail(
                            event.start_mark,
                            codes.YAML_MULTIPLE_DOCUMENTS,
                            "the file holds more than one YAML document; a matrix is one document",
                            hint="split the documents into separate files",
                        )
                elif kind is stream_end_t:
                    break
        finally:
            dispose = getattr(parser, "dispose", None)
            if dispose is not None:
                dispose()
        if self.documents == 0:
            self.result.problems.append(
                Problem(
                    self.result.path,
                    codes.FILE_EMPTY,
                    "the file holds no YAML content",
                    line=1,
                    column=1,
                )
            )

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is not None and tag != "!":
            return self.tagged(event, tag)
        if not event.implicit[0] or event.style:
            return value
        special = _SPECIAL.get(value, _NO_KEY)
        if special is not _NO_KEY:
            return special
        if value[0] in "0123456789+-.":
            if _INT.fullmatch(value):
                return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
            if _FLOAT.fullmatch(value):
                return float(value)
        return value

    def tagged(self, event: Any, tag: str) -> Any:
        value: str = event.value
        short = tag.replace("tag:yaml.org,2002:", "!!")
        try:
            if short == "!!str":
                return value
            if short == "!!int":
                return int(value, 0)
            if short == "!!float":
                return float(value)
            if short == "!!bool":
                return {"true": True, "false": False}[value.lower()]
            if short == "!!null":
                return None
        except (ValueError, KeyError):
            self.fail(event.start_mark, codes.YAML_SYNTAX, f"{value!r} is not a valid {short}")
        self.fail(
            event.start_mark,
            codes.YAML_UNSUPPORTED,
            f"the tag {short} is not supported in a matrix",
            hint="remove the tag; values are plain strings, numbers, dates and lists",
        )
        return None  # pragma: no cover - fail() raises

    def open(self, event: Any, container: Any) -> None:
        if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            self.fail(
                event.start_mark,
                codes.YAML_UNSUPPORTED,
                f"the tag {event.tag} is not supported in a matrix",
            )
        if len(self.stack) >= MAX_DEPTH:
            self.fail(
                event.start_mark,
                codes.YAML_TOO_DEEP,
                f"the document nests deeper than {MAX_DEPTH} levels",
            )
        path = self.attach(container, event)
        self.stack.append(_Frame(container, path, event.anchor))

    def close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.weight)
        if self.stack:
            self.stack[-1].weight += frame.weight

    def alias(self, event: Any) -> None:
        anchor = event.anchor
        if anchor not in self.anchors:
            self.fail(
                event.start_mark, codes.YAML_SYNTAX, f"the alias *{anchor} has no anchor &{anchor}"
            )
        value, weight = self.anchors[anchor]
        self.expansion += weight
        if self.expansion > MAX_ALIAS_EXPANSION:
            self.fail(
                event.start_mark,
                codes.YAML_ALIAS_EXPANSION,
                f"aliases expand the document beyond {MAX_ALIAS_EXPANSION:,} nodes "
                "(an alias bomb?)",
                hint="write the repeated content out, or use fewer nested aliases",
            )
        self.add(value, event, weight)

    def add(self, value: Any, event: Any, weight: int) -> None:
        self.attach(value, event)
        if self.stack:
            self.stack[-1].weight += weight
        if event.anchor is not None and not isinstance(value, (dict, list)):
            self.anchors[event.anchor] = (value, 1)

    def attach(self, value: Any, event: Any) -> YamlPath:
        """Put ``value`` in the open container; returns the path it now has."""
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.result.data = value
            self.result.marks[()] = mark
            return ()
        frame = self.stack[-1]
        container = frame.container
        # Below MAX_MARK_DEPTH nothing is recorded, and a node's path is its deepest
        # kept ancestor's (one tuple shared by the whole subtree).
        deep = len(frame.path) >= MAX_MARK_DEPTH
        if isinstance(container, list):
            container.append(value)
            if deep:
                return frame.path
            path = (*frame.path, len(container) - 1)
            self.result.marks[path] = mark
            return path
        if frame.key is _NO_KEY:
            self.take_key(frame, value, event, mark)
            return frame.path if deep else (*frame.path, frame.key)
        key = frame.key
        frame.key = _NO_KEY
        container[key] = value
        if deep:
            return frame.path
        path = (*frame.path, key)
        self.result.marks[path] = mark
        self.result.key_marks[path] = frame.key_mark
        return path

    def take_key(self, frame: _Frame, key: Any, event: Any, mark: Mark) -> None:
        if isinstance(key, (dict, list)):
            self.fail(
                event.start_mark,
                codes.YAML_UNSUPPORTED,
                "a mapping key must be a plain value, not a list or mapping",
            )
        if isinstance(key, float) and math.isnan(key):  # NaN keys cannot be looked up
            key = str(key)
        if key in frame.container:
            first = self.result.key_marks.get((*frame.path, key))
            where = f" (first at line {first[0]})" if first else ""
            self.result.problems.append(
                Problem(
                    self.result.path,
                    codes.YAML_DUPLICATE_KEY,
                    f"the key {key!r} appears more than once in this mapping{where}; "
                    "the last one would silently win",
                    line=mark[0],
                    column=mark[1],
                    hint=f"keep one {key!r} (merge what the two hold) and delete the other",
                )
            )
        frame.key = key
        frame.key_mark = mark
