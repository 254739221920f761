"""Plain words, and what to type, for the YAML mistakes people new to YAML make most.

libyaml says where it stopped and what it found ("mapping values are not allowed in
this context"), which is often a line after the mistake and never says what to type.
Each rule here recognises one common mistake from the parser's words and the text
around its position, and returns a message placed at the mistake itself with a hint
that says what to write instead. An error no rule recognises keeps libyaml's words.
docs/format.md ("YAML mistakes") lists them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

#: Quotes a word processor or a phone keyboard types instead of ' and ".
SMART_QUOTES = "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb"
#: `key:value`: a key glued to its value (a URL's `https://` is not one).
_GLUED = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w.-]*):([^\s:/\\#][^\n]*)$")
#: `key: value`, the value starting at group 3's start.
_KEY_LINE = re.compile(r"^(\s*(?:- )?)([^\s#:'\"\-][^:#]*?):(?:[ \t]+(.*))?$")
_ITEM = re.compile(r"^(\s*)- ")
#: A value shown whole in a hint up to this length; longer ones as "...".
_SHOWN = 60


@dataclass(frozen=True)
class Explained:
    """A recognised mistake: what to say, where (1-based), and what to type."""

    message: str
    line: int
    column: int
    hint: str


@dataclass(frozen=True)
class ParserError:
    """libyaml's words and positions (1-based), as its exception gives them."""

    problem: str
    context: str
    line: int
    column: int
    context_line: int | None = None
    context_column: int | None = None


def explain(text: str, error: ParserError) -> Explained | None:
    """The commonest mistake that explains ``error``, or None."""
    lines = text.split("\n")
    for rule in _RULES:
        found = rule(lines, error)
        if found is not None:
            return found
    return None


def _line(lines: list[str], number: int | None) -> str:
    return lines[number - 1] if number is not None and 0 < number <= len(lines) else ""


def _tab(lines: list[str], error: ParserError) -> Explained | None:
    for number in (error.line, error.context_line):
        text = _line(lines, number)
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        if number is not None and "\t" in indent:
            return Explained(
                f"line {number} is indented with a tab; YAML indents with spaces only",
                number,
                indent.index("\t") + 1,
                "replace the tab with spaces (set your editor to insert spaces for Tab)",
            )
    return None


def _smart_quote(lines: list[str], error: ParserError) -> Explained | None:
    for number in (error.line, error.context_line):
        text = _line(lines, number)
        where = next((i for i, c in enumerate(text) if c in SMART_QUOTES), -1)
        if number is not None and where >= 0:
            return Explained(
                f"{text[where]} is a typographic quote, which YAML does not read as a quote",
                number,
                where + 1,
                "type straight quotes instead: \" or ' (word processors put typographic "
                "ones as you type)",
            )
    return None


def _missing_space(lines: list[str], error: ParserError) -> Explained | None:
    """`answer:partial`: a plain text runs on from the glued line to where libyaml stops."""
    if "mapping values" not in error.problem and "expected ':'" not in error.problem:
        return None
    for number in range(error.line, max(0, error.line - 20), -1):
        text = _line(lines, number)
        glued = _GLUED.match(text)
        if glued:
            key, value = glued.group(2), glued.group(3).rstrip()
            return Explained(
                f"`{key}:{value}` needs a space after the colon",
                number,
                glued.end(2) + 1,
                f"write `{key}: {value}`",
            )
        if number != error.line and _KEY_LINE.match(text):
            return None
    return None


def _unquoted_colon(lines: list[str], error: ParserError) -> Explained | None:
    if "mapping values" not in error.problem:
        return None
    text = _line(lines, error.line)
    found = _KEY_LINE.match(text)
    if found is None or found.group(3) is None or error.column <= found.start(3) + 1:
        return None
    key, value = found.group(2), found.group(3).rstrip()
    return Explained(
        f"the text of `{key}:` holds ': ', which YAML reads as the start of another key",
        error.line,
        error.column,
        f"put the text in quotes: {key}: {quoted(value)}",
    )


def _over_indented(lines: list[str], error: ParserError) -> Explained | None:
    """A key indented deeper than the key above it, as if it continued that value."""
    if "mapping values" not in error.problem:
        return None
    text = _line(lines, error.line)
    found = _KEY_LINE.match(text)
    if found is None:
        return None
    previous = _previous_content(lines, error.line)
    above = _KEY_LINE.match(_line(lines, previous)) if previous else None
    column = len(found.group(1)) + 1
    if above is None or column <= len(above.group(1)) + 1:
        return None
    hint = (
        f"line `{found.group(2)}:` up with `{above.group(2)}:` (column "
        f"{len(above.group(1)) + 1}), or indent it less if it belongs further out"
    )
    if above.group(3):  # the deeper line may be meant as more of that line's text
        hint += f"; if it is more text of `{above.group(2)}:`, put that whole text in quotes"
    return Explained(
        f"`{found.group(2)}:` is indented deeper than `{above.group(2)}:` on line {previous}",
        error.line,
        column,
        hint,
    )


def _list_indent(lines: list[str], error: ParserError) -> Explained | None:
    text = _line(lines, error.line)
    if "expected '-' indicator" not in error.problem and not (
        "expected key" in error.problem and _ITEM.match(text)
    ):
        return None
    start = error.context_line if "block collection" in error.context else None
    if start is None or not _ITEM.match(_line(lines, start)):
        start = next(
            (n for n in range(error.line - 1, 0, -1) if _ITEM.match(_line(lines, n))), None
        )
    if start is None:
        return None
    item = _ITEM.match(_line(lines, start))
    assert item is not None
    dash = len(item.group(1)) + 1
    return Explained(
        f"line {error.line} does not line up with the list that starts on line {start}",
        error.line,
        len(text) - len(text.lstrip(" ")) + 1,
        f"start each item with '- ' at column {dash}, and write an item's other keys under "
        f"its first one, at column {dash + 2}",
    )


def _unclosed_quote(lines: list[str], error: ParserError) -> Explained | None:
    if "quoted scalar" not in error.context or "end of stream" not in error.problem:
        return None
    if error.context_line is None or error.context_column is None:
        return None
    quote = _line(lines, error.context_line)[error.context_column - 1 : error.context_column]
    other = "'" if quote == '"' else '"'
    return Explained(
        f"the quote {quote} on line {error.context_line} is never closed",
        error.context_line,
        error.context_column,
        f"end the text with {quote} too, or remove the {quote} (to keep a {quote} in a text, "
        f"put the text in {other} quotes)",
    )


def _after_closing_quote(lines: list[str], error: ParserError) -> Explained | None:
    """`'It isn't.'` or `"The law" says so`: text goes on after the closing quote."""
    if "expected key" not in error.problem and "block end" not in error.problem:
        return None
    text = _line(lines, error.line)
    before = text[: error.column - 1].rstrip()
    found = _KEY_LINE.match(text)
    if not before or before[-1] not in "'\"" or found is None or found.group(3) is None:
        return None
    key, value = found.group(2), found.group(3).rstrip()
    inner = value[1:-1] if len(value) > 1 and value[0] == value[-1] else value
    return Explained(
        f"the text of `{key}:` goes on after its closing quote {before[-1]}",
        error.line,
        error.column,
        f"quote the whole text once: {key}: {quoted(inner)}",
    )


def _unclosed_bracket(lines: list[str], error: ParserError) -> Explained | None:
    if "flow sequence" in error.context:
        opening, closing = "[", "]"
    elif "flow mapping" in error.context:
        opening, closing = "{", "}"
    else:
        return None
    if error.context_line is None or error.context_column is None:
        return None
    text = _line(lines, error.context_line)
    if closing in text[error.context_column :]:
        return None
    # Placed where the parser stopped, as ever: the message names the bracket's line.
    return Explained(
        f"the {opening} on line {error.context_line} is never closed",
        error.line,
        error.column,
        f"close it on the same line: {text.strip()}{closing}",
    )


def glued_key(text: str) -> tuple[str, str] | None:
    """(key, value) when ``text`` is `key:value`, a key glued to its value."""
    found = _GLUED.match(text)
    return (found.group(2), found.group(3).rstrip()) if found and not found.group(1) else None


def quoted(value: str) -> str:
    """``value`` as a YAML quoted text: double quotes unless it holds one."""
    if len(value) > _SHOWN:
        return '"..."'
    if '"' in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def _previous_content(lines: list[str], number: int) -> int | None:
    for previous in range(number - 1, 0, -1):
        stripped = _line(lines, previous).strip()
        if stripped and not stripped.startswith("#"):
            return previous
    return None


# In order: a tab or a typographic quote explains whatever libyaml says next to it.
_RULES = (
    _tab,
    _smart_quote,
    _missing_space,
    _unquoted_colon,
    _over_indented,
    _unclosed_quote,
    _after_closing_quote,
    _list_indent,
    _unclosed_bracket,
)
