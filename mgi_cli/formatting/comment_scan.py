"""Find the comments of a YAML text by position, as the YAML scanner sees them.

A comment is a ``#`` at the start of a line or after a blank, outside every scalar; the
scalars' places come from the parser's own marks, so a ``#`` inside a quoted or block
scalar is never taken for one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")


@dataclass(frozen=True)
class SourceComment:
    line: int  # 0-based, as ruamel's marks
    column: int
    text: str
    own_line: bool


def scan(text: str) -> tuple[list[SourceComment], list[int]]:
    """Every comment in ``text`` and the blank lines outside scalars (0-based)."""
    lines = text.split("\n")
    spans = _scalar_spans(text, lines)
    comments: list[SourceComment] = []
    blanks: list[int] = []
    for number, line in enumerate(lines):
        covered = spans.get(number, [])
        if not line.strip():
            if not covered:
                blanks.append(number)
            continue
        for match in re.finditer("#", line):
            at = match.start()
            if (at == 0 or line[at - 1] in " \t") and not any(s <= at < e for s, e in covered):
                own = not line[:at].strip()
                comments.append(SourceComment(number, at, line[at:].rstrip(), own))
                break
    return comments, blanks


def comment_texts(text: str) -> list[str]:
    """The comments of ``text`` as a sorted list, to check none was lost or changed."""
    return sorted(c.text for c in scan(text)[0])


def _scalar_spans(text: str, lines: list[str]) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    end_of_line = sys.maxsize
    for event in _events(text):
        if type(event).__name__ != "ScalarEvent":
            continue
        first, first_col = event.start_mark.line, event.start_mark.column
        last, last_col = event.end_mark.line, event.end_mark.column
        if event.style in ("|", ">"):
            # The header line may carry a comment after the indicator.
            header = _BLOCK_HEADER.match(lines[first], first_col)
            spans.setdefault(first, []).append(
                (first_col, header.end() if header else first_col + 1)
            )
        elif first == last:
            spans.setdefault(first, []).append((first_col, last_col))
            continue
        else:
            spans.setdefault(first, []).append((first_col, end_of_line))
        for middle in range(first + 1, last):
            spans.setdefault(middle, []).append((0, end_of_line))
        if last > first and last_col > 0:
            spans.setdefault(last, []).append((0, last_col))
    return spans


def _events(text: str) -> Iterator[Any]:
    try:
        from ruamel.yaml.cyaml import CSafeLoader
    except ImportError:  # pragma: no cover - only where the C extension is missing
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CSafeLoader(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()
