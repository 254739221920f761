"""`mgi fmt`: one canonical layout, every comment kept, never a change of meaning."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from mgi_cli.files.yamlread import parse_yaml
from mgi_cli.formatting.comments import comment_texts
from mgi_cli.formatting.fmt import format_text, same_data
from mgi_cli.formatting.layout import ANSWER_KEYS, MATRIX_KEYS, REFERENCE_KEYS
from mgi_cli.matrix.models import Answer, Matrix, Reference

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/matrices/valid/*.yaml")])

MESSY = """\
# Header comment
# yaml-language-server: $schema=x.json


answers:
  # about M1.01
  M1.01: {justification: "Short.", answer: "yes"}   # flow, eol
  M1.02:
    notes: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor {LONG}
    justification: >-
       Indented more.
    references:
    - url: https://a.example   # the url
      # before title
      title: A
    answer:    # nothing yet
modules:
  - standard
  - covid19
country: XAM      # aligned
format: mgi-matrix/1
# the end
""".replace("{LONG}", "incididunt ut labore.")  # a line longer than ruff allows

CANONICAL = """\
# Header comment
# yaml-language-server: $schema=x.json

format: mgi-matrix/1
country: XAM      # aligned
modules: [standard, covid19]
answers:
  # about M1.01
  M1.01:
    answer: "yes"                                   # flow, eol
    justification: "Short."
  M1.02:
    answer: null # nothing yet
    justification: Indented more.
    references:
      # before title
      - title: A
        url: https://a.example # the url
    notes: >-
      Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor
      incididunt ut labore.
# the end
"""


def test_messy_file_becomes_canonical() -> None:
    result = format_text(MESSY, "m.yaml")
    assert result.problems == []
    assert result.text == CANONICAL
    assert format_text(CANONICAL, "m.yaml").changed is False


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_formatting_real_files_keeps_data_and_comments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = format_text(text, str(path))
    assert result.problems == [] and result.text is not None
    assert same_data(parse_yaml(text, "a").data, parse_yaml(result.text, "b").data)
    assert comment_texts(result.text) == comment_texts(text)
    assert format_text(result.text, str(path)).changed is False  # twice changes nothing


def test_layout_keys_are_the_model_fields() -> None:
    assert set(MATRIX_KEYS) == set(Matrix.model_fields)
    assert set(ANSWER_KEYS) == set(Answer.model_fields)
    assert set(REFERENCE_KEYS) == set(Reference.model_fields)


SCALARS = (
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n\t #:"),
            max_size=120)
    | st.integers() | st.booleans() | st.none()
)  # fmt: skip
KEYS = st.sampled_from([*MATRIX_KEYS, *ANSWER_KEYS, *REFERENCE_KEYS, "x", "M1.01"])
# Lists hold scalars and mappings (as in a matrix); blank lines between the items of a
# list directly inside a list may move on the first formatting.
DATA = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner.filter(lambda v: not isinstance(v, list)), max_size=3)
        | st.dictionaries(KEYS, inner, max_size=5)
    ),
    max_leaves=25,
)
COMMENTS = st.lists(st.sampled_from(["", "# c", "#c:x", "#   spaced"]), max_size=2)


@st.composite
def commented_yaml(draw: Any) -> tuple[str, Any]:
    """YAML written by hand (JSON scalars are YAML), a comment here and there."""
    data = draw(st.dictionaries(KEYS, DATA, min_size=1, max_size=6))
    lines: list[str] = []

    def emit(node: Any, indent: int, lead: str) -> None:
        pad = " " * indent
        items = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        for index, (key, value) in enumerate(items):
            lines.extend(pad + c if c else "" for c in draw(COMMENTS))
            head = lead if index == 0 and lead else pad
            label = f"{head}{json.dumps(key)}:" if isinstance(node, dict) else f"{head}-"
            eol = draw(st.sampled_from(["", "  # e"]))
            if isinstance(value, (dict, list)) and value:
                lines.append(label + eol)
                emit(value, indent + 2, "")
            else:
                lines.append(f"{label} {json.dumps(value, ensure_ascii=False)}{eol}")

    emit(data, 0, "")
    return "\n".join(lines) + "\n", data


@settings(max_examples=60, deadline=None)
@given(commented_yaml())
def test_formatting_never_changes_meaning_or_comments(case: tuple[str, Any]) -> None:
    text, data = case
    parsed = parse_yaml(text, "in.yaml")
    assert parsed.problems == [] and same_data(parsed.data, data)
    result = format_text(text, "in.yaml")
    assert result.problems == [], result.problems
    assert result.text is not None
    assert same_data(parse_yaml(result.text, "out.yaml").data, data)
    assert comment_texts(result.text) == comment_texts(text)
    assert format_text(result.text, "out.yaml").changed is False


def test_same_data_tells_types_apart() -> None:
    assert same_data({"a": [1, "x"]}, {"a": [1, "x"]})
    assert not same_data({"a": 1}, {"a": True})
    assert not same_data({"a": 1}, {"a": 1.0})
    assert same_data(float("nan"), float("nan"))
    assert not same_data({"a": 1}, {"a": 1, "b": 2})


def test_fmt_check_lists_what_would_change(mgi: Mgi, tmp_path: Path) -> None:
    messy, tidy = tmp_path / "a.yaml", tmp_path / "sub" / "b.yml"
    tidy.parent.mkdir()
    messy.write_text(MESSY, encoding="utf-8")
    tidy.write_text(CANONICAL, encoding="utf-8")
    result = mgi("fmt", "--check", tmp_path)
    assert result.exit_code == 1
    assert result.stdout == f"would reformat {messy}\n1 file(s) would be reformatted, 1 unchanged\n"
    assert messy.read_text(encoding="utf-8") == MESSY
    assert mgi("fmt", "--check", tidy).exit_code == 0


def test_fmt_rewrites_in_place_once(mgi: Mgi, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(MESSY, encoding="utf-8")
    path.chmod(0o640)
    first = mgi("fmt", path)
    assert first.exit_code == 0, first.output
    assert first.stdout == f"reformatted {path}\n1 file(s) reformatted, 0 unchanged\n"
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert path.stat().st_mode & 0o777 == 0o640
    again = mgi("fmt", path)
    assert again.stdout == "0 file(s) reformatted, 1 unchanged\n"


def test_fmt_refuses_what_is_not_yaml(mgi: Mgi, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers: [1,\n", encoding="utf-8")
    result = mgi("fmt", path)
    assert result.exit_code == 1
    assert f"{path}:2:1: error yaml-syntax not valid YAML" in result.output
    assert "0 file(s) reformatted, 0 unchanged, 1 refused" in result.output
    assert path.read_text(encoding="utf-8") == "answers: [1,\n"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t.replace("XAM", "XAB"), "formatting would change the data"),
        (lambda t: t.replace("# the end\n", ""), "formatting would lose or alter a comment"),
    ],
)
def test_fmt_checks_its_own_output(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    damage: Callable[[str], str], message: str,
) -> None:  # fmt: skip
    from mgi_cli.formatting import fmt

    real = fmt.canonical_text
    monkeypatch.setattr(fmt, "canonical_text", lambda text: damage(real(text)))
    path = tmp_path / "a.yaml"
    path.write_text(MESSY, encoding="utf-8")
    result = mgi("fmt", path)
    assert result.exit_code == 1
    assert f"{path}: error fmt-refused {message}; file left as is" in result.output
    assert path.read_text(encoding="utf-8") == MESSY


TEXTS_MESSY = """\
format: mgi-matrix/1
country: XAM
level: national
title: {en: Republic of Xamaria, fr: République de Xamarie}
status: validated
language: en
answers:
  M1.01: {answer: "no", finding: {en: "Xamaria has no law on this yet, and this sentence goes past the width of the line."}, justification: None.}
profile:
  sub_areas:
    D1.health: Emergency care is open to every migrant, whatever their status, under the Public Health Act 2011.
  summary: |
    Para one.

    Para two.
process:
  validated: {by: Council of Ministers, date: 2018-10-01}
  consultations:
    - {participants: [Ministry of Labour], kind: workshop, date: 2018-06-01}
  focal_point: Ministry of the Interior
"""  # noqa: E501 (long lines to fold)
TEXTS_CANONICAL = """\
format: mgi-matrix/1
country: XAM
title:
  en: Republic of Xamaria
  fr: République de Xamarie
language: en
level: national
status: validated
process:
  focal_point: Ministry of the Interior
  consultations:
    - date: 2018-06-01
      kind: workshop
      participants:
        - Ministry of Labour
  validated:
    date: 2018-10-01
    by: Council of Ministers
profile:
  summary: |
    Para one.

    Para two.
  sub_areas:
    D1.health: >-
      Emergency care is open to every migrant, whatever their status, under the Public
      Health Act 2011.
answers:
  M1.01:
    answer: "no"
    justification: None.
    finding:
      en: >-
        Xamaria has no law on this yet, and this sentence goes past the width of the
        line.
"""


def test_profile_texts_and_the_process_record_have_their_place() -> None:
    result = format_text(TEXTS_MESSY, "m.yaml")
    assert result.problems == []
    assert result.text == TEXTS_CANONICAL
    assert format_text(TEXTS_CANONICAL, "m.yaml").changed is False


WORKFLOW = b"""\
name: ci
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
"""


@pytest.mark.parametrize("check", [False, True], ids=["fmt", "fmt --check"])
def test_fmt_refuses_a_file_that_is_not_a_matrix(mgi: Mgi, tmp_path: Path, check: bool) -> None:
    workflow = tmp_path / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_bytes(WORKFLOW)
    result = mgi("fmt", *(["--check"] if check else []), workflow)
    assert result.exit_code == 1
    assert (
        f"{workflow}: error not-a-matrix not an MGI matrix (no `format: mgi-matrix/1`); "
        "mgi fmt formats matrices only, file left as is\n"
    ) in result.output
    assert result.stdout.endswith("0 file(s) " + ("would be " if check else "")
                                  + "reformatted, 0 unchanged, 1 refused\n")  # fmt: skip
    assert workflow.read_bytes() == WORKFLOW


def test_fmt_refuses_a_catalogue(mgi: Mgi, tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.yaml"
    original = (ROOT / "indicators" / "mgi-national-1.0.yaml").read_bytes()
    catalogue.write_bytes(original)
    result = mgi("fmt", catalogue)
    assert result.exit_code == 1
    assert (
        f"{catalogue}: error not-a-matrix a catalogue, not an MGI matrix; mgi fmt formats "
        "matrices only, file left as is\n"
    ) in result.output
    assert catalogue.read_bytes() == original
