"""GCM and themes reports across the modules a matrix answers (the 2026 example answers
mgi-national@1.1's standard set, the COVID-19 module and the environment module)."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

from tests.reports.test_golden import EXAMPLES

Mgi = Callable[..., Result]
ON_1_1 = EXAMPLES / "2026-follow_up.yaml"


def _report(mgi: Mgi, name: str) -> dict[str, object]:
    result = mgi("report", name, ON_1_1, "--audience", "government", "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _prefixes(rows: list[dict[str, str]]) -> set[str]:
    return {r["id"].split(".")[0] for r in rows}


def test_gcm_lists_all_23_objectives_with_indicators_of_every_answered_module(mgi: Mgi) -> None:
    objectives: list[dict[str, object]] = _report(mgi, "gcm")["objectives"]  # type: ignore[assignment]
    assert [o["number"] for o in objectives] == list(range(1, 24))
    assert all(o["indicators"] for o in objectives), "every objective is informed"
    rows = [r for o in objectives for r in o["indicators"]]  # type: ignore[attr-defined]
    assert _prefixes(rows) == {"D1", "D2", "D3", "D4", "D5", "D6", "C19", "ENV"}
    # Objective 8 (saving lives, missing migrants) is informed by the environment module.
    by_number = {o["number"]: o for o in objectives}
    assert "ENV.07" in {r["id"] for r in by_number[8]["indicators"]}  # type: ignore[attr-defined]


def test_the_environment_theme_covers_the_environment_module(mgi: Mgi) -> None:
    themes = {t["id"]: t for t in _report(mgi, "themes")["themes"]}  # type: ignore[attr-defined]
    environment = themes["environment"]
    assert _prefixes(environment["indicators"]) == {"D5", "ENV"}
    assert "few_indicators" not in environment["reasons"]


def test_the_sdg_mapping_serves_catalogue_1_1(mgi: Mgi) -> None:
    data = _report(mgi, "sdg-10-7-2")
    assert data["catalogue"] == "mgi-national@1.1"
    domains: list[dict[str, object]] = data["domains"]  # type: ignore[assignment]
    assert all(d["value"] is not None for d in domains)
