"""`mgi report` through the CLI: exit statuses, refusals, options, output files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.reports.test_golden import BASELINE, FOLLOW_UP, with_action_plan
from tests.reports.test_reports import ALL_YES, PLAN, write_matrix

MINI = Path(__file__).resolve().parents[1] / "catalogues" / "mini-1.0.yaml"
REPORTS = ("gcm", "sdg-10-7-2", "themes", "actions", "score")
Mgi = Callable[..., Result]


@pytest.mark.parametrize("report", REPORTS)
def test_a_public_report_of_a_draft_is_refused(mgi: Mgi, tmp_path: Path, report: str) -> None:
    draft = write_matrix(tmp_path, ALL_YES, status="draft")
    refused = mgi("report", report, draft, "--catalogue", MINI)
    assert refused.exit_code == 1
    assert "needs a validated or published matrix" in refused.stderr
    allowed = mgi("report", report, draft, "--catalogue", MINI, "--audience", "government")
    assert allowed.exit_code == 0, allowed.output


@pytest.mark.parametrize("report", REPORTS)
def test_an_invalid_matrix_is_refused_with_its_problems(
    mgi: Mgi, tmp_path: Path, report: str
) -> None:
    broken = write_matrix(tmp_path, ALL_YES | {"M9.99": "yes"})
    result = mgi("report", report, broken, "--catalogue", MINI)
    assert result.exit_code == 1
    assert "is not valid; fix it first" in result.stderr
    assert "error unknown-indicator" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("gcm", FOLLOW_UP, "--format", "pdf"), "'pdf' is not one of 'md', 'html', 'json'"),
        (("gcm", FOLLOW_UP, "--lang", "de"), "'de' is not one of 'en', 'fr', 'es'"),
        (("themes", FOLLOW_UP, "--audience", "press"), "'press' is not one of 'public'"),
        (("sdg-10-7-2", FOLLOW_UP, "--export", "sdmx"), "'sdmx' is not one of 'open-sdg'"),
        (("score", FOLLOW_UP, "--format", "xml"), "'xml' is not one of 'md', 'html', 'json'"),
        (("actions", FOLLOW_UP, "--today", "1 May"), "--today '1 May' is not a date"),
        (("gcm", "no-such-file.yaml"), "does not exist"),
    ],
)
def test_wrong_use_exits_2(mgi: Mgi, args: tuple[str | Path, ...], message: str) -> None:
    result = mgi("report", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_json_is_the_contract_shape(mgi: Mgi) -> None:
    gcm = json.loads(mgi("report", "gcm", FOLLOW_UP, "--format", "json").stdout)
    assert len(gcm["objectives"]) == 23
    assert {"number", "name", "indicators"} <= set(gcm["objectives"][0])
    sdg = json.loads(mgi("report", "sdg-10-7-2", FOLLOW_UP, "--format", "json").stdout)
    assert [d["code"] for d in sdg["domains"]] == [f"PD_{n}" for n in range(1, 7)]
    themes = json.loads(mgi("report", "themes", FOLLOW_UP, "--format", "json").stdout)
    assert [t["id"] for t in themes["themes"]] == ["rights", "gender", "environment"]
    assert themes["themes"][2]["reasons"] == ["few_indicators"]


def test_public_reports_show_no_restricted_answer(mgi: Mgi) -> None:
    restricted = {"D1.15", "D2.10", "D3.03", "D6.09"}  # restricted: true in the 2018 example
    for report in ("gcm", "themes", "sdg-10-7-2"):
        data = json.loads(mgi("report", report, BASELINE, "--format", "json").stdout)
        groups = (
            data.get("objectives")
            or data.get("themes")
            or [s for d in data["domains"] for s in d["sub_categories"]]
        )
        shown = {r["id"] for g in groups for r in g["indicators"]}
        assert shown.isdisjoint(restricted), report
        # No public output says how many answers are restricted (docs/format.md).
        assert data["withheld"] == 0, report


def test_open_sdg_export_to_stdout_is_csv(mgi: Mgi, tmp_path: Path) -> None:
    rule = tmp_path / "rule.toml"
    rule.write_text('[all_domains]\nrule = "none"\n', encoding="utf-8")
    # For the authorities: the public report withholds domains drawing on protected sub-areas.
    result = mgi("report", "sdg-10-7-2", FOLLOW_UP, "--export", "open-sdg", "--config", rule,
                 "--audience", "government")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["COMPOSITE_BREAKDOWN"] for r in rows] == [f"PD_{n}" for n in range(1, 7)]
    # Never the official series code (docs/sdg-10-7-2.md).
    assert {(r["Year"], r["SERIES"]) for r in rows} == {("2022", "MGI_PROXY_10_7_2")}


def test_a_broken_rule_file_exits_2(mgi: Mgi, tmp_path: Path) -> None:
    rule = tmp_path / "rule.toml"
    rule.write_text("[thresholds]\nmeets = 2\n", encoding="utf-8")
    result = mgi("report", "sdg-10-7-2", FOLLOW_UP, "--config", rule)
    assert result.exit_code == 2
    assert (
        f"{rule}:2:1: error invalid-value thresholds.meets is the number 2; it must be at most 1"
        in result.stderr
    )


def test_output_file_replaces_the_old_one(mgi: Mgi, tmp_path: Path) -> None:
    target = tmp_path / "gcm.html"
    target.write_text("old", encoding="utf-8")
    result = mgi("report", "gcm", FOLLOW_UP, "--format", "html", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["gcm.html"]


def test_themes_thresholds_are_options(mgi: Mgi) -> None:
    result = mgi("report", "themes", FOLLOW_UP, "--format", "json", "--thin-below", "2",
                 "--min-in-place", "0")  # fmt: skip
    assert [t["thin"] for t in json.loads(result.stdout)["themes"]] == [False, False, False]


def test_scores_of_different_countries_are_refused(mgi: Mgi, tmp_path: Path) -> None:
    one = write_matrix(tmp_path, ALL_YES, "one.yaml")
    other = write_matrix(tmp_path, ALL_YES, "other.yaml", country="XAB")
    result = mgi("report", "score", one, other, "--catalogue", MINI)
    assert result.exit_code == 1
    assert "the MGI is not a ranking" in result.stderr


def test_scores_of_a_follow_up_include_its_baseline(mgi: Mgi) -> None:
    data = json.loads(mgi("report", "score", FOLLOW_UP, "--format", "json").stdout)
    assert [a["year"] for a in data["assessments"]] == [2018, 2022]
    both = mgi("report", "score", FOLLOW_UP, BASELINE, "--format", "json")
    assert json.loads(both.stdout)["assessments"] == data["assessments"]


def test_actions_flag_overdue_items_relative_to_today(mgi: Mgi, tmp_path: Path) -> None:
    matrix = write_matrix(tmp_path, ALL_YES, extra=PLAN)
    result = mgi("report", "actions", matrix, "--catalogue", MINI, "--today", "2020-07-01",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(a["id"], a["overdue"], a["days_overdue"]) for a in data["actions"]] == [
        ("A1", True, 1), ("A2", True, 152), ("A3", False, 0), ("A4", False, 0),
        ("A5", False, 0),
    ]  # fmt: skip
    assert data["overdue"] == 2


def test_validate_checks_the_action_plan(mgi: Mgi, tmp_path: Path) -> None:
    plan = PLAN + "  - {id: A1, indicators: [M1.1], action: Twice., due: 2017-01-01}\n"
    matrix = write_matrix(tmp_path, ALL_YES, extra=plan)
    result = mgi("validate", matrix, "--catalogue", MINI, "--format", "json")
    assert result.exit_code == 1
    codes = [(p["code"], p["line"], p["indicator"]) for p in json.loads(result.stdout)["problems"]]
    assert codes == [
        ("action-duplicate-id", 47, None),
        ("action-unknown-indicator", 47, "M1.1"),
        ("action-due-before-assessment", 47, None),
    ]


def test_the_action_plan_of_a_restricted_matrix_is_not_public(mgi: Mgi, tmp_path: Path) -> None:
    matrix = with_action_plan(tmp_path)
    result = mgi("report", "actions", matrix)
    assert result.exit_code == 1
    assert "is for the authorities; use --audience government" in result.stderr
    assert result.stdout == ""


def test_public_reports_of_a_restricted_matrix_give_standard_answers_only(mgi: Mgi) -> None:
    public = json.loads(mgi("report", "gcm", FOLLOW_UP, "--format", "json").stdout)
    rows = [r for o in public["objectives"] for r in o["indicators"]]
    assert not public["listing"]
    assert {r["answer"] for r in rows} == {None}
    assert {r["answer_label"] for r in rows} == {None}
    government = mgi("report", "gcm", FOLLOW_UP, "--format", "json", "--audience", "government")
    rows = [r for o in json.loads(government.stdout)["objectives"] for r in o["indicators"]]
    assert "some_series" in {r["answer"] for r in rows}


def test_open_sdg_rows_are_for_countries(mgi: Mgi) -> None:
    local = (
        Path(__file__).resolve().parents[2]
        / "examples/matrices/XAM/local/port-selen/2021-baseline.yaml"
    )
    result = mgi("report", "sdg-10-7-2", local, "--export", "open-sdg")
    assert result.exit_code == 1
    assert "SDG 10.7.2 is reported for countries" in result.stderr


def test_status_can_show_one_countrys_scores(mgi: Mgi, tmp_path: Path) -> None:
    result = mgi("status", FOLLOW_UP, BASELINE, "--score")
    assert result.exit_code == 0, result.output
    assert "Scores of the country's own progress: Republic of Xamaria" in result.stdout
    assert "2018 baseline  2022 follow-up" in result.stdout
    other = write_matrix(tmp_path, ALL_YES, country="XAB")
    refused = mgi("status", FOLLOW_UP, other, "--score", "--catalogue", MINI)
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert "the MGI is not a ranking" in refused.stderr
    json_refused = mgi("status", FOLLOW_UP, "--score", "--format", "json")
    assert json_refused.exit_code == 2


def test_working_notes_never_appear(mgi: Mgi, tmp_path: Path) -> None:
    matrix = with_action_plan(tmp_path)
    for fmt in ("md", "html", "json"):
        result = mgi("report", "actions", matrix, "--audience", "government", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "Treasury" not in result.stdout
