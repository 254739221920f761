"""Markdown output: matrix text stays literal text, and wrapping never changes meaning."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mgi_cli.output.markdown import (
    escape_markdown,
    escape_markdown_inline,
    one_line,
    tidy_markdown,
)

MD = MarkdownIt("commonmark").enable("table")
# Printable text, including markup characters, digits and non-ASCII letters.
TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
        whitelist_characters=" \n\t",
    ),
    max_size=200,
)
MARKUP = st.text(alphabet="<>&*_`[]()!#|~$\\-+=.1234567890 abcxyz:/\n", max_size=120)


def _inline_texts(source: str) -> list[tuple[str, str]]:
    """(block type, plain text) of every inline run, soft breaks read as spaces."""
    found = []
    tokens = MD.parse(source)
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            assert child.type in ("text", "softbreak"), (source, child.type)
            parts.append(" " if child.type == "softbreak" else child.content)
        found.append((tokens[index - 1].type, "".join(parts)))
    return found


def _block_types(source: str) -> list[str]:
    return [t.type for t in MD.parse(source) if t.type != "inline"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, MARKUP))
@example("<script>alert(1)</script>")
@example("[x](javascript:alert(1))")
@example("1. not a list")
@example("# not a heading")
@example("--- not a rule")
@example("&amp; &#106;avascript:")
@example("trailing backslash \\")
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    wanted = one_line(text)
    if not wanted.strip():
        return
    source = f"- {escape_markdown(text)}\n"
    assert _block_types(source) == [
        "bullet_list_open", "list_item_open", "paragraph_open", "paragraph_close",
        "list_item_close", "bullet_list_close",
    ]  # fmt: skip
    assert _inline_texts(source) == [("paragraph_open", wanted.strip())]


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXT, MARKUP))
def test_escaped_text_in_a_table_cell_stays_in_its_cell(text: str) -> None:
    wanted = one_line(text).strip()
    source = f"| a | b |\n| --- | --- |\n| {escape_markdown_inline(text)} | z |\n"
    cells = [t for _, t in _inline_texts(source)]
    assert cells == ["a", "b", wanted, "z"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TEXT, MARKUP), min_size=1, max_size=8), st.sampled_from(["", "- "]))
@example(["offer may switch without leaving Xamaria under regulation 41." * 2], "- ")
@example(["word " * 15 + "- " + "x " * 30], "")
def test_wrapping_changes_line_lengths_only(texts: list[str], prefix: str) -> None:
    line = prefix + escape_markdown(" ".join(texts))
    if not one_line(" ".join(texts)).strip():
        return
    wrapped = tidy_markdown(line + "\n")
    assert _block_types(wrapped) == _block_types(line + "\n")
    assert _inline_texts(wrapped) == _inline_texts(line + "\n")
    for row in wrapped.splitlines():
        assert len(row) <= 80 or " " not in row.strip()[1:] or _long_words(row)


def _long_words(row: str) -> bool:
    """A line may run past 80 only where it cannot be broken (a long word, a kept pair)."""
    words = row.split()
    return any(len(w) > 30 for w in words) or len(row) <= 80 + max(len(w) for w in words) + 1


def test_tidy_markdown_leaves_headings_and_tables_whole_and_one_blank_line() -> None:
    heading = "## " + "long heading " * 10
    row = "| " + " | ".join(["cell"] * 30) + " |"
    text = f"\n\n{heading}\n\n\n\npara\n{row}\n\n\n"
    assert tidy_markdown(text) == f"{heading.rstrip()}\n\npara\n{row}\n"


def test_no_break_spaces_are_kept() -> None:
    french: Any = "Pays\u00a0: Xamaria\n  et\tplus"
    assert one_line(french) == "Pays\u00a0: Xamaria et plus"
