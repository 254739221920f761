"""The report core functions on small matrices of the mini catalogue: GCM, SDG 10.7.2
(rule file included), themes, scoring and the action plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.diff.action_progress import action_progress
from mgi_cli.errors import Refused, UsageError
from mgi_cli.matrix.action_plan import is_overdue, overdue_items
from mgi_cli.matrix.models import Matrix
from mgi_cli.reports.common import ReportSource, load_source
from mgi_cli.reports.gcm import gcm_report
from mgi_cli.reports.scoring import ScoringRule, load_scoring_rule, score_change, score_matrix
from mgi_cli.reports.sdg_config import SdgConfig, default_config_path, load_sdg_config
from mgi_cli.reports.themes import ThinCoverage, themes_report

TODAY = date(2026, 1, 1)
ALL_YES = dict.fromkeys(("M1.01", "M1.02", "M2.01", "M2.02", "M3.01"), "yes") | {"M1.03": "at_once"}


def write_matrix(folder: Path, answers: dict[str, str], name: str = "m.yaml", **head: Any) -> Path:
    """A mini@1.0 matrix; every answer has a justification and a reference."""
    fields = {
        "format": "mgi-matrix/1", "country": "XAM", "level": "national",
        "assessment": "baseline", "catalogue": "mini@1.0", "modules": "[standard]",
        "assessed_on": "2018-09-30", "status": "validated", "confidentiality": "public",
    } | {k: str(v) for k, v in head.items() if k != "extra"}  # fmt: skip
    lines = [f"{key}: {value}" for key, value in fields.items()] + ["answers:"]
    for indicator, answer in answers.items():
        restricted = answer.endswith("!")
        lines += [
            f"  {indicator}:",
            f'    answer: "{answer.rstrip("!")}"',
            "    justification: Because the law says so.",
            "    references: [{title: An act, accessed: 2018-05-01}]",
            f"    restricted: {'true' if restricted else 'false'}",
        ]
    path = folder / name
    extra = head.get("extra", "")
    # Last, so the lines of the answers and of `extra` stay where tests expect them.
    record = "process: {validated: {date: 2018-09-30, by: Council of Ministers}}\n"
    path.write_text("\n".join(lines) + "\n" + extra + record, encoding="utf-8")
    return path


@pytest.fixture
def source(tmp_path: Path, test_library: CatalogueLibrary) -> Any:
    def make(answers: dict[str, str], audience: str = "public", **head: Any) -> ReportSource:
        path = write_matrix(tmp_path, answers, **head)
        return load_source(path, test_library, audience=audience, today=TODAY)

    return make


# --- GCM ---


def test_gcm_lists_all_23_objectives_even_without_names(source: Any) -> None:
    report = gcm_report(source(ALL_YES | {"M1.02": "no"}), "en")
    assert [o["number"] for o in report["objectives"]] == list(range(1, 24))
    assert report["objectives"][0]["name"] == "Objective 1"
    by_number = {o["number"]: o for o in report["objectives"]}
    assert [r["id"] for r in by_number[6]["indicators"]] == ["M1.02"]
    assert by_number[6]["counts"] == {
        "in_place": 0, "partial": 0, "missing": 1, "not_applicable": 0, "unanswered": 0,
    }  # fmt: skip
    assert report["linked"] == 4


def test_gcm_public_leaves_restricted_answers_out(source: Any) -> None:
    answers = ALL_YES | {"M1.01": "yes!"}
    public = gcm_report(source(answers), "en")
    government = gcm_report(source(answers, audience="government"), "en")
    ids = {r["id"] for o in public["objectives"] for r in o["indicators"]}
    assert "M1.01" not in ids
    assert public["withheld"] == 0  # no output says how many answers are restricted
    # An objective drawing on the sub-area of M1.01 is withheld whole.
    withheld = [o for o in public["objectives"] if o["withheld"]]
    assert withheld and all(o["indicators"] == [] for o in withheld)
    assert not any(o["withheld"] for o in government["objectives"])
    assert "M1.01" in {r["id"] for o in government["objectives"] for r in o["indicators"]}


def test_public_reports_refuse_drafts(source: Any) -> None:
    with pytest.raises(Refused):
        source(ALL_YES, status="draft")
    assert source(ALL_YES, status="draft", audience="government").matrix.status == "draft"


# --- SDG 10.7.2 ---


def test_the_packaged_rule_file_holds_the_documented_defaults() -> None:
    assert load_sdg_config(default_config_path()) == SdgConfig()


# The value, its category and its display: tests/reports/test_sdg.py.


def test_a_rule_file_overrides_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "rule.toml"
    path.write_text(
        "[credit]\npartial = 0.0\n[thresholds]\npartially_meets = 0.25\n"
        '[all_domains]\nrule = "lowest"\nbreakdown = "PD_ALL"\n',
        encoding="utf-8",
    )
    config = load_sdg_config(path)
    assert config.credit == {"partial": 0.0}
    assert config.thresholds == (0.25, 0.8, 1.0)
    assert (config.all_domains, config.all_domains_breakdown) == ("lowest", "PD_ALL")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[credit]\nyse = 1\n", "2: unknown key 'yse' in credit; did you mean 'yes'?"),
        ("[thresholds]\nmeets = 0.3\n", "1: thresholds: they must rise: 0 < partially_meets"),
        ("[credit]\nyes = 2\n", "2: credit.yes is the number 2; it must be at most 1"),
        ('[all_domains]\nrule = "max"\n', "2: all_domains.rule is 'max'; it must be one of"),
        ("[credit]\nno = false\n", "2: credit.no should be a number, not the boolean false"),
        ("series = [", "not valid TOML"),
    ],
)
def test_a_broken_rule_file_is_a_usage_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rule.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load_sdg_config(path)
    assert message in _said(error.value)


def _said(error: UsageError) -> str:
    """The error and its problems as lines "LINE: MESSAGE"."""
    return "\n".join([error.message, *(f"{p.line}: {p.message}" for p in error.problems)])


# --- Themes ---


def test_themes_flag_thin_coverage(source: Any) -> None:
    report = themes_report(source(ALL_YES | {"M1.02": "no"}), ThinCoverage(), "en")
    themes = {t["id"]: t for t in report["themes"]}
    assert (len(themes["rights"]["indicators"]), themes["rights"]["in_place_share"]) == (2, 0.5)
    assert themes["rights"]["reasons"] == ["few_indicators"]
    assert themes["gender"]["reasons"] == ["few_indicators", "few_in_place"]
    assert themes["environment"]["indicators"] == []
    assert themes["environment"]["thin"]
    relaxed = themes_report(source(ALL_YES), ThinCoverage(min_indicators=1), "en")
    assert [t["thin"] for t in relaxed["themes"]] == [False, False, True]


def test_unanswered_indicators_make_a_theme_thin(source: Any) -> None:
    report = themes_report(source({"M1.02": "yes"}, status="draft", audience="government"),
                           ThinCoverage(min_indicators=0), "en")  # fmt: skip
    rights = report["themes"][0]
    assert (rights["answered_share"], rights["reasons"]) == (0.5, [])
    strict = themes_report(source({"M1.02": "yes"}, status="draft", audience="government"),
                           ThinCoverage(min_indicators=0, min_answered=0.75), "en")  # fmt: skip
    assert strict["themes"][0]["reasons"] == ["few_answered"]


# --- Scoring ---


def _matrix(s: ReportSource) -> tuple[Matrix, Any]:
    return s.matrix, s.catalogue


def test_scores_average_indicators_into_sub_areas_and_sub_areas_into_dimensions(
    source: Any,
) -> None:
    matrix, catalogue = _matrix(source(ALL_YES | {"M1.02": "partial", "M1.03": "never",
                                                  "M2.02": "not_applicable"}))  # fmt: skip
    score = score_matrix(matrix, catalogue, ScoringRule())
    d1 = score.dimension("D1")
    assert d1 is not None
    assert [(a.id, a.score, a.counted) for a in d1.sub_areas] == [("health", 100.0, 1),
                                                                 ("work", 25.0, 2)]  # fmt: skip
    assert d1.score == 62.5
    by_indicator = score_matrix(matrix, catalogue, ScoringRule(dimension_from="indicators"))
    assert by_indicator.dimension("D1").score == 50.0  # type: ignore[union-attr]
    d2 = score.dimension("D2")
    assert d2 is not None
    assert [(a.id, a.score) for a in d2.sub_areas] == [("data", 100.0), ("strategy", None)]
    hidden = score_matrix(matrix, catalogue, ScoringRule(), frozenset({"M1.01"}))
    assert hidden.dimension("D1").score == 25.0  # type: ignore[union-attr]


def test_score_change_is_follow_up_minus_baseline(source: Any) -> None:
    before = score_matrix(*_matrix(source(ALL_YES | {"M3.01": "no"})), ScoringRule())
    after = score_matrix(*_matrix(source(ALL_YES | {"M3.01": "partial"})), ScoringRule())
    assert score_change(before, after) == {"D1": 0.0, "D2": 0.0, "D3": 50.0}


def test_a_scoring_rule_file(tmp_path: Path) -> None:
    path = tmp_path / "score.toml"
    path.write_text('[scoring]\nvalues = {yes = 1, partial = 0.5, no = 0}\n'
                    'dimension_from = "indicators"\n', encoding="utf-8")  # fmt: skip
    assert load_scoring_rule(path) == ScoringRule({"yes": 1.0, "partial": 0.5, "no": 0.0},
                                                  ("standard",), "indicators")  # fmt: skip
    path.write_text('[scoring]\nmodule = ["standard"]\n', encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load_scoring_rule(path)
    assert "2: unknown key 'module' in scoring; did you mean 'modules'?" in _said(error.value)


# --- Action plan ---

PLAN = """action_plan:
  - {id: A1, indicators: [M1.01], action: Amend the act., due: 2020-06-30, status: planned}
  - {id: A2, indicators: [M1.02], action: Adopt rules., due: 2020-01-31, status: in_progress}
  - {id: A3, indicators: [M2.01], action: Publish data., due: 2019-12-31, status: done}
  - {id: A4, indicators: [M3.01], action: Join the process., status: planned}
  - {id: A5, indicators: [M2.02], action: Draft a strategy., due: 2020-06-30, status: dropped}
"""


def test_overdue_items_are_open_and_past_due(source: Any) -> None:
    matrix = source(ALL_YES, extra=PLAN).matrix
    assert [i.id for i in overdue_items(matrix, date(2020, 6, 30))] == ["A2"]
    assert [i.id for i in overdue_items(matrix, date(2020, 7, 1))] == ["A2", "A1"]
    assert not is_overdue(matrix.action_plan[2], date(2030, 1, 1))
    assert overdue_items(matrix, date(2019, 1, 1)) == []


def test_action_progress_follows_the_diff(tmp_path: Path, test_library: CatalogueLibrary) -> None:
    from mgi_cli.diff.compare import diff_matrices
    from mgi_cli.matrix.load import load_matrix

    base = load_matrix(write_matrix(tmp_path, ALL_YES | {"M1.01": "no", "M1.02": "partial",
                                                         "M2.01": "no"},
                                    "b.yaml", extra=PLAN)).matrix  # fmt: skip
    after = load_matrix(write_matrix(tmp_path, ALL_YES | {"M1.02": "no", "M2.01": "yes"},
                                     "f.yaml", assessed_on="2022-09-30")).matrix  # fmt: skip
    assert base is not None and after is not None
    catalogue = test_library.get("mini@1.0")
    assert catalogue is not None
    diff = diff_matrices(base, after, catalogue, catalogue, baseline_path="b",
                         follow_up_path="f", include_unchanged=True)  # fmt: skip
    outcomes = {p.item: p.outcome for p in action_progress(diff, base)}
    assert outcomes == {"A1": "progressed", "A2": "regressed", "A3": "progressed",
                        "A4": "unchanged", "A5": "unchanged"}  # fmt: skip
    only_changes = diff_matrices(base, after, catalogue, catalogue, baseline_path="b",
                                 follow_up_path="f")  # fmt: skip
    progress = action_progress(only_changes, base.action_plan)
    assert progress[3].outcome == "not_compared"
    assert progress[0].as_json() == {
        "item": "A1", "indicators": [{"indicator": "M1.01", "direction": "progress"}],
        "outcome": "progressed",
    }  # fmt: skip


def test_context_indicators_are_reported_and_may_be_linked(source: Any) -> None:
    extra = """context_indicators:
  - id: X.01
    dimension: D1
    sub_area: work
    question: {en: "Do fishing crews have written contracts?"}
    tags: [gender]
    gcm: [6]
action_plan:
  - {id: A1, indicators: [X.01], action: Register crew contracts.}
"""
    made = source(ALL_YES | {"X.01": "partial"}, extra=extra)
    gcm = {o["number"]: o for o in gcm_report(made, "en")["objectives"]}
    assert [r["id"] for r in gcm[6]["indicators"]] == ["M1.02", "X.01"]
    themes = {t["id"]: t for t in themes_report(made, ThinCoverage(), "en")["themes"]}
    assert [r["id"] for r in themes["gender"]["indicators"]] == ["M1.02", "X.01"]
    from mgi_cli.reports.actions import actions_report

    rows = actions_report(made, TODAY, "en")["actions"][0]["indicators"]
    assert [(r["id"], r["status"]) for r in rows] == [("X.01", "partial")]
