"""The YAML reader: plain data, 1-based positions, YAML 1.2 scalars, and limits."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgi_cli.files.read import MAX_BYTES
from mgi_cli.files.yamlread import (
    MAX_ALIAS_EXPANSION,
    MAX_DEPTH,
    ParsedYaml,
    load_yaml_file,
    parse_yaml,
)
from mgi_cli.problems.problem import Problem

TEXT = """\
# a comment
format: mgi-matrix/1
answers:
  D1.01:
    answer: yes
    references:
      - title: Act
        url: https://example.org
  D1.02: {answer: "no", justification: ''}
"""


def parse(text: str) -> ParsedYaml:
    return parse_yaml(text, "m.yaml")


def codes(parsed: ParsedYaml) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.column) for p in parsed.problems]


def test_data_and_positions() -> None:
    parsed = parse(TEXT)
    assert parsed.ok
    assert parsed.data == {
        "format": "mgi-matrix/1",
        "answers": {
            "D1.01": {
                "answer": "yes",
                "references": [{"title": "Act", "url": "https://example.org"}],
            },
            "D1.02": {"answer": "no", "justification": ""},
        },
    }
    assert parsed.marks[()] == (2, 1)
    assert parsed.marks[("format",)] == (2, 9)
    assert parsed.key_marks[("format",)] == (2, 1)
    assert parsed.marks[("answers", "D1.01", "answer")] == (5, 13)
    assert parsed.key_marks[("answers", "D1.01", "answer")] == (5, 5)
    assert parsed.marks[("answers", "D1.01", "references", 0)] == (7, 9)
    assert parsed.marks[("answers", "D1.01", "references", 0, "url")] == (8, 14)
    assert parsed.marks[("answers", "D1.02", "justification")] == (9, 40)


def test_mark_falls_back_to_the_nearest_ancestor() -> None:
    parsed = parse(TEXT)
    # An absent value: where its parent's value starts; an absent key: its parent's key.
    assert parsed.mark(("answers", "D1.01", "justification")) == (5, 5)
    assert parsed.mark(("answers", "D1.01", "justification"), key=True) == (4, 3)
    # A key missing at the top level points at the start of the document.
    assert parsed.mark(("status",), key=True) == (2, 1)
    # A missing key inside a list item points at the item, which has no key of its own.
    assert parsed.mark(("answers", "D1.01", "references", 0, "published"), key=True) == (7, 9)


def test_problem_is_placed_at_the_mark() -> None:
    problem = parse(TEXT).problem(("answers", "D1.02"), "x", "message", key=True)
    assert problem == Problem("m.yaml", "x", "message", line=9, column=3)


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("+7", 7),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("-.inf", -math.inf),
        ("2018-09-30", "2018-09-30"),
        ("0017", 17),
        ("1_000", "1_000"),
        ("'true'", "true"),
        ('"12"', "12"),
        ("!!str 12", "12"),
        ("!!int '12'", 12),
        ("!!float 1", 1.0),
        ("!!bool 'yes'", None),  # not a YAML 1.2 boolean: see below
        ("D1.01", "D1.01"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(scalar: str, value: object) -> None:
    parsed = parse(f"key: {scalar}\n")
    if scalar == "!!bool 'yes'":
        assert codes(parsed) == [("yaml-syntax", 1, 6)]
        return
    assert parsed.ok
    assert parsed.data == {"key": value}
    assert type(parsed.data["key"]) is type(value)


def test_nan_is_read() -> None:
    assert math.isnan(parse("key: .nan\n").data["key"])


def test_block_scalars_keep_their_text() -> None:
    parsed = parse("a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n")
    assert parsed.data == {"a": "line one\nline two\n", "b": "folded text"}


def test_anchors_and_aliases_share_the_value() -> None:
    parsed = parse("a: &x {k: [1, 2]}\nb: *x\nc: &s text\nd: *s\n")
    assert parsed.ok
    assert parsed.data == {"a": {"k": [1, 2]}, "b": {"k": [1, 2]}, "c": "text", "d": "text"}
    assert parsed.marks[("b",)] == (2, 4)


def test_undefined_alias() -> None:
    parsed = parse("a: *nowhere\n")
    assert parsed.data is None
    assert codes(parsed) == [("yaml-syntax", 1, 4)]


def test_duplicate_keys_are_reported_where_they_repeat() -> None:
    parsed = parse("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert codes(parsed) == [("yaml-duplicate-key", 4, 3), ("yaml-duplicate-key", 5, 1)]
    assert parsed.problems[0].message == (
        "the key 'c' appears more than once in this mapping (first at line 3); "
        "the last one would silently win"
    )
    assert parsed.data == {"a": 3, "b": {"c": 2}}


def test_same_key_in_different_mappings_is_fine() -> None:
    assert parse("a: {k: 1}\nb: {k: 2}\n").ok


def test_multiple_documents() -> None:
    parsed = parse("a: 1\n---\nb: 2\n")
    assert codes(parsed) == [("yaml-multiple-documents", 2, 1)]
    assert parsed.problems[0].hint == "split the documents into separate files"


def test_one_explicit_document_is_fine() -> None:
    assert parse("---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty(text: str) -> None:
    parsed = parse(text)
    assert parsed.data is None
    assert codes(parsed) == [("file-empty", 1, 1)]


def test_syntax_error_has_the_parser_position() -> None:
    parsed = parse("a: [1, 2\nb: 3\n")
    assert parsed.data is None
    ((code, line, column),) = codes(parsed)
    assert code == "yaml-syntax"
    assert (line, column) == (2, 2)
    assert parsed.problems[0].message.startswith("not valid YAML: ")


def test_control_characters_are_named() -> None:
    parsed = parse("a: b\x07c\n")
    assert codes(parsed) == [("yaml-syntax", 1, 5)]
    assert (
        parsed.problems[0].message == "not valid YAML: the character U+0007 is not allowed in YAML"
    )


def test_unsupported_tags_and_complex_keys() -> None:
    assert codes(parse("a: !!binary aGk=\n")) == [("yaml-unsupported", 1, 4)]
    assert codes(parse("a: !custom x\n")) == [("yaml-unsupported", 1, 4)]
    assert codes(parse("? [a, b]\n: c\n")) == [("yaml-unsupported", 1, 3)]


def test_nesting_limit() -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    too_deep = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert parse(ok).ok
    assert codes(parse(too_deep)) == [("yaml-too-deep", 1, 3 + MAX_DEPTH)]


def test_very_deep_nesting_stops_early_without_recursion() -> None:
    parsed = parse("[" * 100_000 + "]" * 100_000)
    assert [p.code for p in parsed.problems] == ["yaml-too-deep"]


def test_alias_expansion_limit() -> None:
    # Each level repeats the one before ten times: 10**6 nodes in five lines.
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcde", "bcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    parsed = parse("\n".join(lines) + "\n")
    assert [p.code for p in parsed.problems] == ["yaml-alias-expansion"]
    assert parsed.data is None
    assert MAX_ALIAS_EXPANSION == 100_000


def test_crlf_and_bom_keep_positions(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    windows = tmp_path / "windows.yaml"
    plain.write_bytes(TEXT.encode())
    windows.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode())
    first, second = load_yaml_file(plain), load_yaml_file(windows)
    assert second.ok
    assert second.data == first.data
    assert second.marks == first.marks
    assert second.key_marks == first.key_marks


def test_load_yaml_file_problems(tmp_path: Path) -> None:
    missing = load_yaml_file(tmp_path / "nope.yaml", "shown.yaml")
    assert [(p.path, p.code) for p in missing.problems] == [("shown.yaml", "file-unreadable")]
    assert [p.code for p in load_yaml_file(tmp_path).problems] == ["file-unreadable"]
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert [p.code for p in load_yaml_file(big).problems] == ["file-too-large"]


# --- Properties: any text gives data or problems, never an exception; JSON round-trips.

# libyaml reads \uXXXX escapes but not the surrogate pairs JSON writes for other planes;
# YAML limits an implicit key to 1024 characters (up to 6 per escaped character here).
bmp = st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"])
bmp_text = st.text(bmp)
json_keys = st.text(bmp, max_size=100)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | bmp_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(json_keys, children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_gives_problems(text: str) -> None:
    parsed = parse(text)
    assert parsed.ok or parsed.problems
    for problem in parsed.problems:
        assert problem.path == "m.yaml"
        assert problem.line is None or problem.line >= 1
        assert problem.column is None or problem.column >= 1


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_json_is_yaml(value: Any) -> None:
    for text in (json.dumps(value), json.dumps(value, indent=2)):
        parsed = parse(text + "\n")
        assert parsed.problems == []
        assert parsed.data == value
