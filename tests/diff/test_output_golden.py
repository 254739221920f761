"""Golden files for every output format of `mgi diff`, on the examples and the test data.

Refresh them after an intended change with `pytest tests/diff/test_output_golden.py --update-golden`
and review the result with `git diff tests/golden/diff`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "diff"
EXAMPLE = "examples/matrices/XAM/2022-follow_up.yaml"
SYNTHETIC = "tests/diff_data/XDT-2022-follow_up.yaml"
SYNTHETIC_CATALOGUES = (
    "--catalogue", "tests/diff_data/difftest-1.0.yaml",
    "--catalogue", "tests/diff_data/difftest-2.0.yaml",
)  # fmt: skip
SUFFIX = {"text": "txt", "md": "md", "json": "json", "html": "html"}
CASES = {"xam": (EXAMPLE,), "difftest": (SYNTHETIC, *SYNTHETIC_CATALOGUES)}


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in the outputs are as typed, relative to the checkout: the same everywhere."""
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("case", list(CASES))
def test_golden(mgi: Callable[..., Result], update_golden: bool, case: str, fmt: str) -> None:
    result = mgi("diff", *CASES[case], "--format", fmt)
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{case}.{SUFFIX[fmt]}"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), f"{golden} is missing: run pytest --update-golden"
    assert result.stdout == golden.read_text(encoding="utf-8")


@pytest.mark.usefixtures("at_root")
def test_the_example_follow_up_shows_exactly_its_policy_changes(
    mgi: Callable[..., Result],
) -> None:
    result = mgi("diff", EXAMPLE, "--format", "json", "--only", "answers")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    moved = {
        (c["indicator"], c["before"], c["after"], c["direction"])
        for c in changes
        if c["kind"] == "answer_changed"
    }
    by_domain: dict[str, list[str]] = {}
    for indicator, _, _, direction in sorted(moved):
        by_domain.setdefault(indicator.split(".")[0], []).append(direction)
    assert by_domain == {
        "D1": ["progress", "progress"],
        "D2": ["progress", "progress"],
        "D3": ["progress"],
        "D4": ["progress", "progress"],
        "D5": ["progress"],
        "D6": ["progress", "regression"],
    }
    assert {
        ("D2.10", "no", "partial", "progress"),
        ("D2.18", "partial", "yes", "progress"),
    } <= moved
    others = [c for c in changes if c["kind"] != "answer_changed"]
    assert {(c["kind"], c["module"], c["before"]) for c in others} == {
        ("newly_answered", "covid19", None)
    }
    assert len(others) == 12
    assert mgi("diff", EXAMPLE, "--fail-on", "regression").exit_code == 1
