"""'Did you mean': indicator ids typed without their zero padding find the padded id."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from mgi_cli.suggest import Suggestions, did_you_mean, id_key, nearest, same_id

IDS = ["D1.01", "D1.04", "D1.10", "D1.14", "D1.40", "D2.04", "M1.01"]


def test_the_zero_padded_id_wins_over_closer_spellings() -> None:
    assert nearest("D1.4", IDS) == "D1.04"
    assert nearest("d1.4", IDS) == "D1.04"
    assert did_you_mean("D1.4", IDS) == "did you mean 'D1.04'?"
    assert Suggestions().nearest("D2.4", IDS) == "D2.04"


def test_padding_inside_a_number_is_kept() -> None:
    assert id_key("D1.10") == "d1.10"
    assert id_key("D01.004") == "d1.4"
    assert same_id("D1.1", IDS) == "D1.01"  # not D1.10: "1" is "01", never "10"
    assert same_id("D1.0", IDS) is None


def test_no_padded_match_falls_back_to_spelling() -> None:
    assert same_id("D1.15", IDS) is None
    assert nearest("D1.15", IDS) in {"D1.14", "D1.10"}
    assert nearest("Z9.99", IDS) is None


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
  D1.4:
    answer: null
"""


def test_validate_suggests_the_padded_id(mgi: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "matrix.yaml"
    path.write_text(MATRIX, encoding="utf-8")
    result = mgi("validate", "--select", "unknown-indicator", path)
    assert result.output.splitlines()[:2] == [
        f"{path}:12:3: error unknown-indicator mgi-national@1.0 has no indicator 'D1.4'",
        "    hint: did you mean 'D1.04'?",
    ]
