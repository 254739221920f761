"""The ten commonest YAML mistakes, through `mgi validate`: the message at the mistake's
line and column, and a hint that says what to type (files/yamlhints.py and the rules)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.files.yamlhints import ParserError, explain, quoted

Mgi = Callable[..., Result]

MATRIX = """\
format: mgi-matrix/1
country: XAM
title: Test
level: national
assessment: baseline
catalogue: mgi-national@1.0
modules: [standard]
assessed_on: 2018-09-30
status: draft
confidentiality: restricted
answers:
  D1.01:
    answer: yes
    justification: The law says so.
    references: []
"""

#: (name, what replaces what in MATRIX, the problem's line, its hint).
CASES = [
    (
        "tab indentation",
        ("    answer: yes", "\tanswer: yes"),
        "13:1: error yaml-syntax not valid YAML: line 13 is indented with a tab; "
        "YAML indents with spaces only",
        "replace the tab with spaces (set your editor to insert spaces for Tab)",
    ),
    (
        "no space after a colon",
        ("answer: yes", "answer:partial"),
        "13:11: error yaml-syntax not valid YAML: `answer:partial` needs a space after the colon",
        "write `answer: partial`",
    ),
    (
        "an unquoted colon in a justification",
        ("justification: The law", "justification: Note: the law"),
        "14:24: error yaml-syntax not valid YAML: the text of `justification:` holds ': ', "
        "which YAML reads as the start of another key",
        'put the text in quotes: justification: "Note: the law says so."',
    ),
    (
        "a list item's key not under the item",
        (
            "    references: []",
            "    references:\n      - title: Act\n      url: https://a.example",
        ),
        "17:7: error yaml-syntax not valid YAML: line 17 does not line up with the list "
        "that starts on line 16",
        "start each item with '- ' at column 7, and write an item's other keys under its "
        "first one, at column 9",
    ),
    (
        "a list item's key indented too deep",
        (
            "    references: []",
            "    references:\n      - title: Act\n         url: https://a.example",
        ),
        "17:10: error yaml-syntax not valid YAML: `url:` is indented deeper than `title:` "
        "on line 16",
        "line `url:` up with `title:` (column 9), or indent it less if it belongs further out; "
        "if it is more text of `title:`, put that whole text in quotes",
    ),
    (
        "a colon in the next line of a text",
        ("justification: The law says so.", "justification: The law\n      says: so."),
        "15:7: error yaml-syntax not valid YAML: `says:` is indented deeper than "
        "`justification:` on line 14",
        "line `says:` up with `justification:` (column 5), or indent it less if it belongs "
        "further out; if it is more text of `justification:`, put that whole text in quotes",
    ),
    (
        "a list item out of line",
        (
            "    references: []",
            "    references:\n      - title: Act\n        url: https://a.example\n"
            "       - title: Decree",
        ),
        "18:8: error yaml-syntax not valid YAML: line 18 does not line up with the list "
        "that starts on line 16",
        "start each item with '- ' at column 7, and write an item's other keys under its "
        "first one, at column 9",
    ),
    (
        "a quote never closed",
        ("justification: The law", 'justification: "The law'),
        '14:20: error yaml-syntax not valid YAML: the quote " on line 14 is never closed',
        'end the text with " too, or remove the " (to keep a " in a text, put the text '
        "in ' quotes)",
    ),
    (
        "a quote inside a quoted text",
        ("justification: The law says so.", "justification: 'It isn't.'"),
        "14:28: error yaml-syntax not valid YAML: the text of `justification:` goes on "
        "after its closing quote '",
        'quote the whole text once: justification: "It isn\'t."',
    ),
    (
        "a quoted start of a text",
        ("justification: The law says so.", 'justification: "The law" says so.'),
        "14:30: error yaml-syntax not valid YAML: the text of `justification:` goes on "
        'after its closing quote "',
        "quote the whole text once: justification: '\"The law\" says so.'",
    ),
    (
        "an unclosed bracket",
        ("modules: [standard]", "modules: [standard"),
        "8:12: error yaml-syntax not valid YAML: the [ on line 7 is never closed",
        "close it on the same line: modules: [standard]",
    ),
    (
        "a duplicate key",
        ("    answer: yes", "    answer: yes\n    answer: no"),
        "14:5: error yaml-duplicate-key the key 'answer' appears more than once in this "
        "mapping (first at line 13); the last one would silently win",
        "keep one 'answer' (merge what the two hold) and delete the other",
    ),
    (
        "Windows smart quotes",
        ("justification: The law says so.", "justification: \u201cNote: the law.\u201d"),
        "14:20: error yaml-syntax not valid YAML: \u201c is a typographic quote, which YAML "
        "does not read as a quote",
        "type straight quotes instead: \" or ' (word processors put typographic ones as you type)",
    ),
    (
        "a smart-quoted answer",
        ("answer: yes", "answer: \u201cyes\u201d"),
        "13:13: error invalid-answer '\u201cyes\u201d' is not an answer to D1.01; it takes "
        "yes, partial, no, not_applicable",
        "write yes without the typographic quotes",
    ),
    (
        "Yes instead of yes",
        ("answer: yes", "answer: Yes"),
        "13:13: error invalid-answer 'Yes' is not an answer to D1.01; it takes yes, "
        "partial, no, not_applicable",
        "answers are written in lower case: write yes",
    ),
    (
        "True instead of yes",
        ("answer: yes", "answer: True"),
        "13:13: error wrong-type answers.D1.01.answer should be a text, not the boolean true",
        "YAML reads true/false/on/off as booleans; write yes or no, or quote it",
    ),
    (
        "references left empty",
        ("references: []", "references:"),
        "15:16: error wrong-type answers.D1.01.references should be a list, not nothing (null)",
        "write `references: []` for none, or list them below it, each after '- '",
    ),
    (
        "no space after a colon, read as a text",
        ("    answer: yes\n    justification: The law says so.\n    references: []\n", ""),
        "13:5: error wrong-type answers.D1.01 should be a mapping (key: value lines), "
        "not 'answer:partial'",
        "put a space after the colon: `answer: partial`",
    ),
]


@pytest.mark.parametrize(
    ("change", "problem", "hint"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_common_mistake_says_what_to_type(
    mgi: Mgi, tmp_path: Path, change: tuple[str, str], problem: str, hint: str
) -> None:
    old, new = change
    assert old in MATRIX
    text = MATRIX.replace(old, new, 1)
    if not new:  # the last case: the answer's mapping became one glued line
        text += "    answer:partial\n"
    path = tmp_path / "matrix.yaml"
    path.write_text(text, encoding="utf-8")
    result = mgi("validate", "--quiet", path)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{path}:{problem}"
    assert lines[1] == f"    hint: {hint}"
    assert lines[2] == ""
    assert lines[3].startswith("FAILED: 1 error,")


def test_a_utf16_file_without_bom_says_to_save_it_as_utf8(mgi: Mgi, tmp_path: Path) -> None:
    path = tmp_path / "matrix.yaml"
    path.write_bytes(MATRIX.encode("utf-16-le"))
    result = mgi("validate", "--quiet", path)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"{path}:1:1: error encoding the file looks encoded as UTF-16 (without BOM), not UTF-8",
        "    hint: save the file as UTF-8",
    ]


def test_an_unrecognised_error_keeps_the_parser_words() -> None:
    error = ParserError("found undefined alias", "while parsing", 1, 1)
    assert explain("a: *x\n", error) is None


def test_a_url_glued_to_its_key_is_placed_at_the_colon() -> None:
    text = "a:\n  url:https://x.example\n  b: c\n"
    error = ParserError("mapping values are not allowed in this context", "", 3, 4)
    explained = explain(text, error)
    assert explained is not None
    assert (explained.line, explained.column) == (2, 6)
    assert explained.hint == "write `url: https://x.example`"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Note: yes", '"Note: yes"'),
        ('say "no": now', "'say \"no\": now'"),
        ("it's: 'x' and \"y\"", "'it''s: ''x'' and \"y\"'"),
        ("x" * 61, '"..."'),
    ],
)
def test_quoted(value: str, expected: str) -> None:
    assert quoted(value) == expected
