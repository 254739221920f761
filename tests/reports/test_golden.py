"""Golden files for every `mgi report` in every format, on the examples.

The action plan report reads the 2018 example with its own plan replaced by ``ACTION_PLAN``
(a plan made to exercise every outcome, status and the restricted case). Refresh after an
intended change with `pytest tests/reports/test_golden.py --update-golden` and review
`git diff tests/golden/reports`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "reports"
EXAMPLES = ROOT / "examples" / "matrices" / "XAM"
FOLLOW_UP = EXAMPLES / "2022-follow_up.yaml"
BASELINE = EXAMPLES / "2018-baseline.yaml"
FORMATS = ("md", "html", "json")
Mgi = Callable[..., Result]

#: A plan drawn up after the 2018 baseline: AP-2 progressed by 2022, AP-3 is mixed,
#: AP-4 regressed, AP-1 did not move, and AP-5 touches a restricted answer (D6.09).
ACTION_PLAN = """\
action_plan:
  - id: AP-1
    indicators: [D1.05]
    action: Fund classes in the language of instruction for pupils who speak another one.
    responsible: Ministry of Education
    due: 2020-09-01
    status: in_progress
    progress: A pilot has run in 12 schools since 2019.
    notes: The budget line is still to be agreed with the Treasury.
  - id: AP-2
    indicators: [D1.12, D1.22]
    action: Amend the Nationality Act and the Local Government Act.
    responsible: Ministry of Justice
    due: 2021-06-30
    status: done
  - id: AP-3
    indicators: [D6.07, D6.08]
    action: Open a regularisation window and review detention alternatives.
    responsible: Immigration Service
    due: 2022-12-31
    status: planned
  - id: AP-4
    indicators: [D6.08]
    action: Train border officials on screening & referral <safeguards>.
    due: 2019-12-31
    status: dropped
  - id: AP-5
    indicators: [D6.09]
    action: Restricted follow-up on returns.
    responsible: Ministry of the Interior
    due: 2020-03-31
    status: planned
"""
TODAY = "2021-01-01"


def with_action_plan(folder: Path, confidentiality: str = "restricted") -> Path:
    """The 2018 example with ``ACTION_PLAN`` in place of its own plan, written in ``folder``."""
    text = BASELINE.read_text(encoding="utf-8").replace(
        "confidentiality: restricted", f"confidentiality: {confidentiality}"
    )
    text = text[: text.index("\naction_plan:") + 1]  # the example's plan is the last key
    path = folder / "2018-baseline.yaml"
    path.write_text(text + ACTION_PLAN, encoding="utf-8")
    return path


def check_golden(name: str, text: str, update: bool) -> None:
    golden = GOLDEN / name
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), f"{golden} is missing: run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("report", ["gcm", "sdg-10-7-2", "themes", "score"])
def test_golden_report(mgi: Mgi, update_golden: bool, report: str, fmt: str) -> None:
    result = mgi("report", report, FOLLOW_UP, "--format", fmt)
    assert result.exit_code == 0, result.output
    check_golden(f"{report}.{fmt}", result.stdout, update_golden)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("audience", ["public", "government"])
def test_golden_actions(
    mgi: Mgi, tmp_path: Path, update_golden: bool, audience: str, fmt: str
) -> None:
    # A public action plan needs a matrix the government agreed to publish.
    matrix = with_action_plan(tmp_path, "public" if audience == "public" else "restricted")
    result = mgi(
        "report", "actions", matrix, "--today", TODAY, "--audience", audience, "--format", fmt
    )
    assert result.exit_code == 0, result.output
    check_golden(f"actions-{audience}.{fmt}", result.stdout, update_golden)


def test_golden_open_sdg_export(mgi: Mgi, tmp_path: Path, update_golden: bool) -> None:
    target = tmp_path / "indicator_10-7-2.csv"
    result = mgi("report", "sdg-10-7-2", FOLLOW_UP, "--export", "open-sdg", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    check_golden("indicator_10-7-2.csv", target.read_text(encoding="utf-8"), update_golden)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_golden_translated_gcm(mgi: Mgi, update_golden: bool, lang: str) -> None:
    result = mgi("report", "gcm", FOLLOW_UP, "--lang", lang)
    assert result.exit_code == 0, result.output
    check_golden(f"gcm.{lang}.md", result.stdout, update_golden)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_government_themes(mgi: Mgi, update_golden: bool, fmt: str) -> None:
    """For the authorities: every answer as written on its scale, restricted ones included."""
    result = mgi("report", "themes", FOLLOW_UP, "--audience", "government", "--format", fmt)
    assert result.exit_code == 0, result.output
    check_golden(f"themes-government.{fmt}", result.stdout, update_golden)
