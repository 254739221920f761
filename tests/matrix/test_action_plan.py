"""The action plan where users look for it: the government profile, `mgi status`, `mgi diff`.

The 2018 example carries a plan (AP-1..AP-4, linked to D2.10, D6.07, D1.22, D4.06);
the diff cases use ``ACTION_PLAN`` of the report goldens, which has every outcome.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.commands.common import catalogue_library
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Matrix
from mgi_cli.progress.measure import matrix_status
from mgi_cli.progress.output import write_json, write_text
from mgi_cli.render.profile_data import build_profile_context
from mgi_cli.render.run import render_profile_file
from mgi_cli.validate.rule_input import ValidationOptions
from tests.reports.test_golden import BASELINE, FOLLOW_UP, with_action_plan

Mgi = Callable[..., Result]
#: AP-1 (due 2021-06-30, in progress) is overdue; AP-4 (due 2021-12-31) not yet.
TODAY = date(2021, 7, 1)


@pytest.fixture(scope="module")
def library() -> CatalogueLibrary:
    return catalogue_library()


def _baseline(confidentiality: str = "restricted", tmp_path: Path | None = None) -> Matrix:
    path = BASELINE
    if tmp_path is not None:
        path = tmp_path / "2018-baseline.yaml"
        text = BASELINE.read_text(encoding="utf-8").replace(
            "confidentiality: restricted", f"confidentiality: {confidentiality}"
        )
        path.write_text(text, encoding="utf-8")
    matrix = load_matrix(path).matrix
    assert matrix is not None
    return matrix


# --- 1. The government profile ---


def test_the_government_profile_holds_the_plan(library: CatalogueLibrary) -> None:
    matrix = _baseline()
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None
    context = build_profile_context(matrix, catalogue, audience="government", lang="en",
                                    today=TODAY)  # fmt: skip
    plan = context["action_plan"]
    assert (plan["today"], plan["today_label"], plan["overdue"]) == ("2021-07-01", "1 July 2021", 1)
    rows = [
        (a["id"], [r["id"] for r in a["indicators"]], a["responsible"], a["due_label"],
         a["status_label"], a["overdue"])
        for a in plan["actions"]
    ]  # fmt: skip
    assert rows == [
        ("AP-1", ["D2.10"], "Ministry of Interior", "30 June 2021", "In progress", True),
        ("AP-2", ["D6.07"], "Directorate-General of Migration and Borders (DGMB)",
         "31 December 2020", "Done", False),
        ("AP-3", ["D1.22"], "Ministry of Foreign Affairs and Diaspora", "31 December 2019",
         "Done", False),
        ("AP-4", ["D4.06"], "Ministry of Labour and Social Protection", "31 December 2021",
         "In progress", False),
    ]  # fmt: skip
    # The date comes from the caller: without one, the plan is left out.
    no_date = build_profile_context(matrix, catalogue, audience="government", lang="en")
    assert no_date["action_plan"] is None


def test_the_rendered_section(library: CatalogueLibrary) -> None:
    text = render_profile_file(BASELINE, library, fmt="md", audience="government", lang="en",
                               today=TODAY)  # fmt: skip
    section = text[text.index("## Post-assessment action plan") :]
    section = section[: section.index("\n## ")]
    assert (
        "As of 1 July 2021, 1 item is overdue: still planned or in progress after its due\ndate."
        in section
    )
    assert (
        "| AP-1 | D2.10 | Adopt a data protection law that covers the DGMB, with an independent "
        "supervisory authority, and add data protection safeguards to the 2016 memoranda with "
        "Ardenia and Belmora. | Ministry of Interior | 30 June 2021 **Overdue** | In progress | "
        "The Data Protection Act 2021 came into force on 1 January 2022 and applies to the DGMB; "
        "the memoranda with Ardenia and Belmora are being renegotiated. |"
    ) in section
    assert section.count("**Overdue**") == 1
    early = render_profile_file(BASELINE, library, fmt="md", audience="government", lang="en",
                                today=date(2019, 1, 1))  # fmt: skip
    assert "As of 1 January 2019, no item is overdue." in early
    html = render_profile_file(BASELINE, library, fmt="html", audience="government", lang="fr",
                               today=TODAY)  # fmt: skip
    assert "<li><a href=\"#action-plan\">Plan d'action consécutif à l'évaluation</a></li>" in html
    assert '<tr class="overdue"><th scope="row">AP-1</th><td>D2.10</td>' in html
    assert "30 juin 2021 <strong>En retard</strong></td><td>En cours</td>" in html
    es = render_profile_file(BASELINE, library, fmt="md", audience="government", lang="es",
                             today=TODAY)  # fmt: skip
    assert "## Plan de acción posterior a la evaluación" in es
    assert "Al 1 de julio de 2021, 1 acción está vencida" in es


@pytest.mark.parametrize("confidentiality", ["restricted", "public"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_public_profiles_leave_the_plan_out(
    library: CatalogueLibrary, tmp_path: Path, confidentiality: str, fmt: str
) -> None:
    matrix = _baseline(confidentiality, tmp_path)
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None and matrix.action_plan
    context = build_profile_context(matrix, catalogue, audience="public", lang="en", today=TODAY)
    assert context["action_plan"] is None
    text = render_profile_file(tmp_path / "2018-baseline.yaml", library, fmt=fmt,
                               audience="public", lang="en", today=TODAY)  # fmt: skip
    assert "Post-assessment action plan" not in text
    assert "action-plan" not in text and "Adopt a data protection law" not in text


# --- 2. mgi status ---


def test_status_lists_the_overdue_items(library: CatalogueLibrary) -> None:
    status = matrix_status(BASELINE, library, ValidationOptions(today=TODAY))
    assert [i.id for i in status.overdue] == ["AP-1"]
    stream = StringIO()
    write_json([status], stream)
    assert json.loads(stream.getvalue())["matrices"][0]["overdue_actions"] == [
        {"id": "AP-1", "indicators": ["D2.10"], "action": status.overdue[0].action,
         "responsible": "Ministry of Interior", "due": "2021-06-30", "status": "in_progress",
         "days_overdue": 1},
    ]  # fmt: skip
    stream = StringIO()
    write_text([status], stream, rich=False)
    text = stream.getvalue()
    assert "\naction plan: 4 item(s), 1 overdue\n" in text
    assert text.endswith(
        "\noverdue action items (1):\n"
        "  AP-1  due 2021-06-30, 1 days overdue (in progress, Ministry of Interior); D2.10: "
        + status.overdue[0].action
        + "\n"
    )
    later = matrix_status(BASELINE, library, ValidationOptions(today=date(2022, 1, 1)))
    assert [(i.id, later.days_overdue(i)) for i in later.overdue] == [("AP-1", 185), ("AP-4", 1)]


def test_status_table_counts_overdue_items_per_matrix(mgi: Mgi) -> None:
    result = mgi("status", BASELINE, FOLLOW_UP)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[-2:] == ["overdue", "validate"]
    column = 7  # path, status, assessed on, answered, unreviewed, no ref, stale refs
    today = date.today()
    late = sum(1 for d in (date(2021, 6, 30), date(2021, 12, 31)) if d < today)
    assert lines[1].split()[column] == str(late)  # the 2018 baseline's plan
    assert lines[2].split()[column] == "0"  # the follow-up has no plan
    data = json.loads(mgi("status", FOLLOW_UP, "--format", "json").stdout)
    assert data["matrices"][0]["overdue_actions"] == []


# --- 3. mgi diff ---

#: What ACTION_PLAN's items did by 2022 (see test_report_golden.py).
OUTCOMES = [
    {"item": "AP-1", "indicators": [{"indicator": "D1.05", "direction": "neutral"}],
     "outcome": "unchanged"},
    {"item": "AP-2", "indicators": [{"indicator": "D1.12", "direction": "progress"},
                                    {"indicator": "D1.22", "direction": "progress"}],
     "outcome": "progressed"},
    {"item": "AP-3", "indicators": [{"indicator": "D6.07", "direction": "progress"},
                                    {"indicator": "D6.08", "direction": "regression"}],
     "outcome": "mixed"},
    {"item": "AP-4", "indicators": [{"indicator": "D6.08", "direction": "regression"}],
     "outcome": "regressed"},
    {"item": "AP-5", "indicators": [{"indicator": "D6.09", "direction": "neutral"}],
     "outcome": "unchanged"},
]  # fmt: skip


def test_diff_json_reports_each_item(mgi: Mgi, tmp_path: Path) -> None:
    base = with_action_plan(tmp_path)
    result = mgi("diff", base, FOLLOW_UP, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["baseline", "follow_up", "country", "level", "locality", "title",
                          "sides", "summary", "changes", "domains", "sub_areas", "modules",
                          "actions", "texts"]  # fmt: skip
    assert data["actions"] == OUTCOMES
    # Hiding unchanged indicators does not turn them into "not compared" ...
    only = json.loads(mgi("diff", base, FOLLOW_UP, "--format", "json", "--only", "changed").stdout)
    assert only["actions"] == OUTCOMES
    # ... but a dimension left out is not compared.
    d1 = json.loads(mgi("diff", base, FOLLOW_UP, "--format", "json", "--dimension", "D1").stdout)
    assert [a["outcome"] for a in d1["actions"]] == [
        "unchanged",
        "progressed",
        "not_compared",
        "not_compared",
        "not_compared",
    ]
    assert d1["actions"][3]["indicators"] == [{"indicator": "D6.08", "direction": None}]


def test_diff_text_md_html(mgi: Mgi, tmp_path: Path) -> None:
    base = with_action_plan(tmp_path)
    text = mgi("diff", base, FOLLOW_UP).stdout
    assert (
        "\nAction plan of the baseline: did its indicators progress? (5)\n"
        "  item  outcome     indicators\n"
        "  AP-1  unchanged   D1.05 (neutral)\n"
        "  AP-2  progressed  D1.12 (progress), D1.22 (progress)\n"
        "  AP-3  mixed       D6.07 (progress), D6.08 (regression)\n"
        "  AP-4  regressed   D6.08 (regression)\n"
        "  AP-5  unchanged   D6.09 (neutral)\n"
    ) in text
    md = mgi("diff", base, FOLLOW_UP, "--format", "md").stdout
    assert (
        "### Action plan of the baseline: did its indicators progress? (5)\n\n"
        "| item | outcome | indicators |\n| --- | --- | --- |\n"
        "| AP-1 | unchanged | D1.05 (neutral) |\n"
    ) in md
    assert "| AP-3 | mixed | D6.07 (progress), D6.08 (regression) |\n" in md
    html = mgi("diff", base, FOLLOW_UP, "--format", "html").stdout
    assert "<h2>Action plan of the baseline: did its indicators progress? (5)</h2>" in html
    assert (
        '<tr><td>AP-4</td><td class="regressed">regressed</td><td>D6.08 (regression)</td></tr>'
    ) in html
    d1 = mgi("diff", base, FOLLOW_UP, "--dimension", "D1").stdout
    assert "  AP-5  not compared  D6.09 (not compared)\n" in d1


def test_a_baseline_without_a_plan_gives_no_section(mgi: Mgi, tmp_path: Path) -> None:
    base = with_action_plan(tmp_path)
    base.write_text(base.read_text(encoding="utf-8").split("\naction_plan:")[0] + "\n",
                    encoding="utf-8")  # fmt: skip
    assert json.loads(mgi("diff", base, FOLLOW_UP, "--format", "json").stdout)["actions"] == []
    assert "Action plan" not in mgi("diff", base, FOLLOW_UP).stdout
