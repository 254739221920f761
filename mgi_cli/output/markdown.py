"""Escaping matrix text for Markdown, so it stays text under any CommonMark renderer."""

from __future__ import annotations

import re

# Backslash-escapable punctuation that could start markup inline: emphasis, code,
# links and images, raw HTML, entities, table cells, strikethrough and math.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$!])")
# What would open a block if it began a line or list item: headings, lists, quotes.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


_SPACES = re.compile(r"[ \t\n\r\f\v]+")
WIDTH = 80
# Lines left as they are: headings, table rows, rules, fences, indented code.
_UNWRAPPED = re.compile(r"^(#|\||---|```|~~~| {4,}(?![-*+] |\d+[.)] ))")
_LIST_ITEM = re.compile(r"^ *(?:[-*+]|\d{1,9}[.)]) +")
_QUOTE = re.compile(r"^> ?")
# A word that would open a block if a line started with it.
_OPENS_BLOCK = re.compile(r"^(?:[-*+]|\d{1,9}[.)]|#{1,6}|=+|-+|>.*|`{3,}.*|~{3,}.*)$")


def one_line(value: object) -> str:
    """Runs of ASCII whitespace (newlines too) as one space; no-break spaces are kept."""
    return _SPACES.sub(" ", str(value)).strip(" ")


def escape_markdown(value: object) -> str:
    """One line of literal text: whitespace runs collapsed, markup characters escaped."""
    text = one_line(value)
    text = _INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + _escape_block(m.group(2)), text)


def escape_markdown_inline(value: object) -> str:
    """Literal text where no block can start: after ``#`` in a heading, in a table cell."""
    return _INLINE.sub(r"\\\1", one_line(value))


def tidy_markdown(text: str, width: int = WIDTH) -> str:
    """One blank line between blocks, prose wrapped at ``width``, one newline at the end.

    Whatever a template's whitespace, the result passes markdownlint's defaults: a
    line is only broken between words, and never so that the next line would open a
    list, heading or code block.
    """
    kept: list[str] = []
    for line in (raw.rstrip() for raw in text.splitlines()):
        if not line and (not kept or not kept[-1]):
            continue
        kept.extend(_wrap(line, width) if line else [line])
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) + "\n"


def _wrap(line: str, width: int) -> list[str]:
    if len(line) <= width or _UNWRAPPED.match(line):
        return [line]
    item = _LIST_ITEM.match(line)
    quote = None if item else _QUOTE.match(line)
    first = item.group(0) if item else quote.group(0) if quote else ""
    rest = " " * len(first) if item else "> " if quote else ""
    words = line[len(first) :].split(" ")
    lines: list[str] = []
    current = first + words[0]
    for word in words[1:]:
        if not word or len(current) + 1 + len(word) <= width:
            current += " " + word
        elif not _OPENS_BLOCK.match(word):
            lines.append(current)
            current = rest + word
        else:  # "... section 41." must not put "41." first: take the word before along
            head, _, previous = current.rpartition(" ")
            if len(head) > len(first) and not _OPENS_BLOCK.match(previous):
                lines.append(head)
                current = f"{rest}{previous} {word}"
            else:
                current += " " + word
    lines.append(current)
    return lines


def _escape_block(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def escape_link_target(url: object) -> str:
    """An http(s) address as a Markdown link destination (``<...>`` form)."""
    text = str(url)
    return text.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
