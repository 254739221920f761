"""No public output leaks restricted content (docs/format.md, "Confidentiality").

Unique markers go into every restricted field of the examples (justification,
references' title, url and publisher of answers with ``restricted: true``, two more
answers made restricted), into the notes of every answer, and into every field of
action-plan items that touch a restricted answer (and the notes of all items). No
public output may contain one of them, in any format or language.

Covered elsewhere, not repeated here: `render profile --audience public` of the
national examples in md/html and en/fr/es (test_render_confidentiality.py) and
`render summary` in English (test_summary.py). Here: every public report (`report
gcm|sdg-10-7-2|themes|actions|score`, the Open SDG export), the local example's
public profile, and the public summary in French and Spanish.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.render.test_confidentiality import NOTE, SECRET, edit_matrix, plant_markers
from tests.reports.test_summary import make_folder, secrets

Mgi = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM"
NAMES = ("2018-baseline", "2022-follow_up")
LOCAL = Path("local") / "port-selen" / "2021-baseline.yaml"
ACTION = "ZQXACTION"
REPORTS = ("gcm", "sdg-10-7-2", "themes", "actions", "score")


def plant_everywhere(data: dict[str, Any], confidentiality: str) -> None:
    """The markers of test_render_confidentiality, plus an action plan holding them."""
    data["confidentiality"] = confidentiality
    plant_markers(data)
    restricted = [k for k, a in data["answers"].items() if a and a.get("restricted")]
    open_ = [k for k, a in data["answers"].items() if a and not a.get("restricted")]
    assert restricted and open_
    data["action_plan"] = [
        {
            "id": f"{ACTION}I{n}",
            "indicators": [key] if n % 2 else [open_[n], key],
            "action": f"{ACTION}A{n} confidential plan",
            "responsible": f"{ACTION}R{n} ministry",
            "due": data["assessed_on"],
            "status": "in_progress",
            "progress": f"{ACTION}P{n} progress",
            "notes": f"{ACTION}N{n} note",
        }
        for n, key in enumerate(restricted[:4])
    ] + [
        {
            "id": "open-item",
            "indicators": [open_[0]],
            "action": "Publish the migration strategy",
            "status": "planned",
            "notes": f"{NOTE}ACTIONNOTE working note",
        }
    ]


def assert_no_marker(text: str, where: str) -> None:
    lowered = text.lower()
    for marker in (SECRET, NOTE, ACTION):
        assert marker not in text, f"{marker} leaked into {where}"
        assert marker.lower() not in lowered, f"{marker} leaked into {where}"


@pytest.fixture(scope="module", params=["restricted", "public"])
def planted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples with markers; matrix-level confidentiality restricted, then public."""
    folder = tmp_path_factory.mktemp(f"planted-{request.param}")
    for source in [*(EXAMPLES / f"{n}.yaml" for n in NAMES), EXAMPLES / LOCAL]:
        target = folder / source.relative_to(EXAMPLES)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        edit_matrix(target, lambda data: plant_everywhere(data, request.param))
    return folder


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_public_reports_leak_nothing(mgi: Mgi, planted: Path, report: str, lang: str) -> None:
    # Every format in English; in French and Spanish (other templates' texts, same data)
    # the follow-up, which brings its baseline (developments, score changes), in HTML.
    for name in NAMES if lang == "en" else NAMES[1:]:
        matrix = planted / f"{name}.yaml"
        for fmt in ("md", "html", "json") if lang == "en" else ("html",):
            result = mgi("report", report, matrix, "--format", fmt, "--lang", lang)
            assert result.exit_code == 0 or refused_plan(report, result), result.output
            assert_no_marker(result.output, f"report {report} {fmt} {lang} of {name}")
    government = mgi("report", report, planted / "2022-follow_up.yaml", "--audience",
                     "government", "--format", "json")  # fmt: skip
    assert government.exit_code == 0, government.output
    if report == "actions":  # the markers are there to be found
        assert f"{ACTION}A0" in government.stdout


def refused_plan(report: str, result: Result) -> bool:
    """The action plan of a restricted matrix is refused outright in public."""
    return report == "actions" and "is for the authorities" in result.stderr


def test_public_reports_written_with_o_leak_nothing(
    mgi: Mgi, planted: Path, tmp_path: Path
) -> None:
    for report in REPORTS:
        out = tmp_path / f"{report}.html"
        result = mgi("report", report, planted / "2022-follow_up.yaml", "--format", "html",
                     "-o", out)  # fmt: skip
        if refused_plan(report, result):
            assert not out.exists()
            continue
        assert result.exit_code == 0, result.output
        assert_no_marker(out.read_text(encoding="utf-8") + result.output, f"{out.name}")


def test_the_open_sdg_export_leaks_nothing(mgi: Mgi, planted: Path) -> None:
    for name in NAMES:
        result = mgi("report", "sdg-10-7-2", planted / f"{name}.yaml", "--export", "open-sdg")
        assert result.exit_code == 0, result.output
        assert_no_marker(result.output, f"open-sdg export of {name}")


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_public_profile_of_a_local_assessment_leaks_nothing(
    mgi: Mgi, planted: Path, fmt: str, lang: str
) -> None:
    """With the national comparison too, which reads the (planted) national matrix."""
    for extra in ([], ["--compare-national"]):
        result = mgi("render", "profile", planted / LOCAL, "--format", fmt, "--lang", lang,
                     *extra)  # fmt: skip
        assert result.exit_code == 0, result.output
        assert_no_marker(result.output, f"local profile {fmt} {lang} {extra}")
    assert "no-national-comparison" not in result.stderr


@pytest.fixture(scope="module")
def summary_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("summary")
    written = make_folder(folder)
    return folder, secrets(written)


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_the_public_summary_in_every_language_leaks_nothing(
    mgi: Mgi, summary_folder: tuple[Path, list[str]], fmt: str, lang: str
) -> None:
    folder, markers = summary_folder
    result = mgi("render", "summary", folder, "--format", fmt, "--lang", lang,
                 "--include-restricted")  # fmt: skip
    assert result.exit_code == 0, result.output
    lowered = result.output.lower()  # country codes are upper case: "xam" is in "examen"
    assert [m for m in markers if m in result.output] == []
    assert [m for m in markers if m.startswith("zq") and m in lowered] == []


def test_public_outputs_are_all_covered() -> None:
    """Every command with a public audience is in this file or the two named above."""
    import typer.main

    from mgi_cli.cli import app

    root: Any = typer.main.get_command(app)
    public = set()
    for name, command in root.commands.items():
        for sub, leaf in [*getattr(command, "commands", {}).items(), (None, command)]:
            params = {p.name for p in getattr(leaf, "params", [])}
            if "audience" in params:
                public.add(f"{name} {sub}" if sub else name)
    covered = {f"report {r}" for r in REPORTS} | {"render profile", "render summary"}
    assert public == covered, f"public outputs without a leak test: {public - covered}"
