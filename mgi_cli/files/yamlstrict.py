"""Catch the YAML that libyaml accepts although the YAML spec does not.

libyaml (the fast C parser) lets through a few malformed inputs: a comment glued
to a closing quote or bracket (``"a"# c``), continuation lines of a flow
collection or quoted text that are not indented under their key, a lone ``-``
inside brackets, and block scalars whose leading blank lines are deeper than
their text. Editors and other YAML tools reject these, so ``mgi`` reports them as
``yaml-syntax`` too. The token walk runs only when a cheap text search finds a
pattern that could be one of these cases; ordinary matrices never pay for it.
"""

from __future__ import annotations

import re
from typing import Any

# Each pattern starts at a rare character so the search stays linear and cheap.
_SUSPECTS = (
    ("#", re.compile(r"[\"'\]},]#|[|>][-+0-9]*#")),  # a comment glued to a quote, bracket...
    ("\t", None),  # tabs, which may not indent
    ("%", re.compile(r"^%", re.MULTILINE)),  # a directive
    ("[", re.compile(r"[\[{][^\]}\n]*\n|[\[{,]\s*-\s*[\]},]")),  # open flow, lone dash
    ("{", re.compile(r"[\[{][^\]}\n]*\n|[\[{,]\s*-\s*[\]},]")),
    ('"', re.compile(r"[:-][ \t]+\"[^\"\n]*\n")),  # quoted text left open at a line end
    ("'", re.compile(r"[:-][ \t]+'[^'\n]*\n")),
    (">", re.compile(r">[-+]?[ \t]*\n[ \t]+\n")),  # block scalar starting with blank lines
    ("|", re.compile(r"\|[-+]?[ \t]*\n[ \t]+\n")),
)


def _suspect(text: str) -> bool:
    return any(
        marker in text and (pattern is None or pattern.search(text) is not None)
        for marker, pattern in _SUSPECTS
    )


_UNDER_INDENTED = "this continuation line must be indented more than its key"
_LONE_DASH = "a plain '-' cannot start a value inside brackets"
_DEEP_BLANKS = "blank lines at the start of a block scalar are indented deeper than its text"
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")


def strictness_problems(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for each spec violation libyaml let through; 1-based."""
    if not _suspect(text):
        return []
    try:
        return _walk_tokens(text)
    except (MemoryError, RecursionError):
        raise  # cli.py says these plainly
    except Exception:
        return []


def _walk_tokens(text: str) -> list[tuple[int, int, str]]:
    from ruamel.yaml import tokens as t
    from ruamel.yaml.cyaml import CSafeLoader

    lines = text.split("\n")
    found: list[tuple[int, int, str]] = []
    indents: list[int] = []
    flow = 0
    last_line = -1
    parser: Any = CSafeLoader(text)
    try:
        while True:
            token = parser.get_token()
            kind = type(token)
            start, end = token.start_mark, token.end_mark
            indent = indents[-1] if indents else -1
            if kind is t.StreamEndToken:
                break
            if kind in (t.BlockMappingStartToken, t.BlockSequenceStartToken):
                indents.append(start.column)
            elif kind is t.BlockEndToken and indents:
                indents.pop()
            elif kind in (t.FlowSequenceStartToken, t.FlowMappingStartToken):
                flow += 1
            elif kind in (t.FlowSequenceEndToken, t.FlowMappingEndToken):
                flow = max(0, flow - 1)
            if flow and start.line != last_line and last_line >= 0:
                _check_indent(lines, start.line, indent, found)
            glued = kind in (
                t.FlowEntryToken,
                t.FlowSequenceEndToken,
                t.FlowMappingEndToken,
                t.DirectiveToken,
            )
            if kind is t.ScalarToken:
                glued = _check_scalar(token, lines, indent, flow, found)
            if glued and _char_at(lines, end.line, end.column) == "#":
                found.append((end.line + 1, end.column + 1, "a comment needs a space before '#'"))
            last_line = end.line
    finally:
        parser.dispose()
    return found


def _char_at(lines: list[str], line: int, column: int) -> str:
    return lines[line][column : column + 1] if line < len(lines) else ""


def _check_indent(
    lines: list[str], line: int, indent: int, found: list[tuple[int, int, str]]
) -> None:
    if line >= len(lines) or not lines[line].strip():
        return
    spaces = len(lines[line]) - len(lines[line].lstrip(" "))
    if spaces <= indent:
        found.append((line + 1, spaces + 1, _UNDER_INDENTED))


def _check_scalar(
    token: Any, lines: list[str], indent: int, flow: int, found: list[tuple[int, int, str]]
) -> bool:
    """Checks one scalar; True when a comment may not follow it directly."""
    start, end = token.start_mark, token.end_mark
    style = token.style
    if style in ('"', "'"):
        if not flow:
            for line in range(start.line + 1, end.line + 1):
                _check_indent(lines, line, indent, found)
        return True
    if style in ("|", ">"):
        header = _BLOCK_HEADER.match(lines[start.line], start.column)
        after = _char_at(lines, start.line, header.end()) if header else ""
        if after == "#":
            found.append(
                (
                    start.line + 1,
                    header.end() + 1 if header else 1,
                    "a comment needs a space before '#'",
                )
            )
        if header and not any(c.isdigit() for c in header.group()):
            _check_leading_blanks(lines, start.line, indent, found)
        return False
    if flow and (token.value == "-" or token.value.startswith(("- ", "-\t"))):
        found.append((start.line + 1, start.column + 1, _LONE_DASH))
    return False


def _check_leading_blanks(
    lines: list[str], header: int, indent: int, found: list[tuple[int, int, str]]
) -> None:
    deepest = 0
    for number in range(header + 1, len(lines)):
        line = lines[number]
        if line.strip(" "):
            first = len(line) - len(line.lstrip(" "))
            if first > indent and deepest > first:
                found.append(
                    (
                        number + 1,
                        first + 1,
                        _DEEP_BLANKS,
                    )
                )
            return
        deepest = max(deepest, len(line))
