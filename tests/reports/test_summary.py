"""`mgi render summary`: aggregated views that name no country and show no small group.

``make_folder`` writes a dozen matrices made from the examples, each with its own
user-assigned country code, answers varied per country, and unique marker strings
planted in every country, locality, title, justification, reference and note field.
The public summary of that folder must contain none of them, and every figure it shows
must come from at least ``--min-group`` countries (recomputed here independently).
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import Result

from mgi_cli.catalogue.models import Catalogue
from mgi_cli.commands.common import catalogue_library
from mgi_cli.reports.common import CATEGORIES, standard_answer
from tests.reports.test_golden import check_golden

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "matrices" / "XAM"
CODES = [f"QM{letter}" for letter in "ABCDEFGHIJKL"]
DRAFT, RESTRICTED, WITH_FOLLOW_UP = "QML", "QMK", "QMA"
FORMATS = ("md", "html", "json")
Mgi = Callable[..., Result]


def marker(field: str, code: str) -> str:
    return f"zq{field}{code.lower()}mark"


def _plant(data: dict[str, Any], code: str, seed: int) -> None:
    rng = random.Random(seed)
    data["country"] = code
    data["title"] = f"Republic {marker('title', code)}"
    data["locality"] = marker("locality", code)
    for entry in data["answers"].values():
        if entry is None:
            continue
        if entry["answer"] in ("yes", "partial", "no") and rng.random() < 0.35:
            entry["answer"] = rng.choice(["yes", "partial", "no"])
        entry["justification"] = f"{marker('justification', code)} {entry['justification']}"
        entry["notes"] = marker("notes", code)
        references = entry.setdefault("references", [])
        if not references:
            references.append({"title": "x", "accessed": data["assessed_on"]})
        for reference in references:
            reference["title"] = f"{marker('reference', code)} {reference['title']}"
            reference["url"] = f"https://{marker('url', code)}.example/law"
            reference["publisher"] = marker("publisher", code)


def make_folder(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Write the matrices; returns each country's counted data (its latest assessment)."""
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    written: dict[str, list[dict[str, Any]]] = {}
    for index, code in enumerate(CODES):
        sources = [EXAMPLES / "2018-baseline.yaml"]
        if code == WITH_FOLLOW_UP:
            sources.append(EXAMPLES / "2022-follow_up.yaml")
        for source in sources:
            data = yaml.load(source.read_text(encoding="utf-8"))
            _plant(data, code, index * 10 + len(written.get(code, [])))
            data["status"] = "draft" if code == DRAFT else data["status"]
            data["confidentiality"] = "restricted" if code == RESTRICTED else "public"
            target = folder / code / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            buffer = io.StringIO()
            yaml.dump(data, buffer)
            target.write_text(buffer.getvalue(), encoding="utf-8")
            written.setdefault(code, []).append(data)
    return written


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("summary") / "matrices"
    return path, make_folder(path)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    found = catalogue_library().get("mgi-national@1.0")
    assert found is not None
    return found


def secrets(written: dict[str, Any]) -> list[str]:
    fields = ("title", "locality", "justification", "notes", "reference", "url", "publisher")
    return [*CODES, "Xamaria", "XAM", *(marker(f, c) for f in fields for c in written)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_public_summary_names_no_country(
    mgi: Mgi, folder: tuple[Path, dict[str, Any]], fmt: str
) -> None:
    path, written = folder
    result = mgi("render", "summary", path, "--format", fmt, "--include-restricted")
    assert result.exit_code == 0, result.output
    assert [s for s in secrets(written) if s in result.stdout] == []
    assert [s for s in secrets(written) if s.startswith("zq") and s in result.stdout.lower()] == []
    assert "suppressed" in result.stdout or "null" in result.stdout


def _expected(written: dict[str, Any], catalogue: Catalogue, excluded: set[str]) -> Any:
    """Independently: per indicator and answer, the countries giving it (public rules)."""
    by_cell: dict[tuple[str, str], set[str]] = {}
    for code, assessments in written.items():
        if code in excluded:
            continue
        latest = assessments[-1]
        for indicator in catalogue.indicators:
            raw = latest["answers"].get(indicator.id)
            if raw is None or raw.get("restricted"):
                continue
            entry = type("E", (), {"answer": raw["answer"]})()
            category = standard_answer(catalogue, indicator, entry)  # type: ignore[arg-type]
            by_cell.setdefault((indicator.id, category), set()).add(code)
    return by_cell


def _check_group(
    shown: dict[str, Any], members: list[str], by_cell: Any, min_group: int, parts: Any = None
) -> None:
    """Every shown figure is right and comes from enough countries; no lone hidden part."""
    for category in CATEGORIES:
        value = shown["counts"][category]
        countries = set().union(*(by_cell.get((i, category), set()) for i in members))
        if value is not None:
            assert value == sum(len(by_cell.get((i, category), set())) for i in members)
            assert value == 0 or len(countries) >= min_group, (members, category)
    everyone = set().union(*(by_cell.get((i, c), set()) for i in members for c in CATEGORIES))
    if 0 < len(everyone) < min_group:  # zeros beside it would tell what the few answered
        assert set(shown["counts"].values()) == {None}, members
    if shown["total"] is not None:
        hidden = [c for c in CATEGORIES if shown["counts"][c] is None]
        _check_hidden(shown["total"] - sum(shown["counts"][c] or 0 for c in CATEGORIES),
                      len(hidden), min_group)  # fmt: skip
    for category in CATEGORIES if parts else ():
        if shown["counts"][category] is not None:
            hidden = [p for p in parts if p["counts"][category] is None]
            held = shown["counts"][category] - sum(p["counts"][category] or 0 for p in parts)
            _check_hidden(held, len(hidden), min_group)


def _check_hidden(held: int, hidden: int, min_group: int) -> None:
    """What a shown total's hidden parts hold together is nothing, or several of them and
    at least ``min_group``: subtraction gives no small group away."""
    assert hidden == 0 or (hidden >= 2 and held >= min_group), (held, hidden)


@pytest.mark.parametrize("min_group", [5, 7])
def test_no_group_below_the_minimum_is_shown(
    mgi: Mgi, folder: tuple[Path, dict[str, Any]], catalogue: Catalogue, min_group: int
) -> None:
    path, written = folder
    result = mgi("render", "summary", path, "--format", "json", "--min-group", str(min_group))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_cell = _expected(written, catalogue, {DRAFT, RESTRICTED})
    assert data["assessments"] == len(CODES) - 2
    rows = {}
    for dimension in data["dimensions"]:
        for row in dimension["indicators"]:
            rows[row["id"]] = row
            _check_group(row, [row["id"]], by_cell, min_group)
        members = [row["id"] for row in dimension["indicators"]]
        _check_group(dimension, members, by_cell, min_group, dimension["indicators"])
    for objective in data["objectives"]:
        parts = [rows[i] for i in objective["indicators"]]
        _check_group(objective, objective["indicators"], by_cell, min_group, parts)
    cells = [v for row in rows.values() for v in row["counts"].values()]
    assert None in cells, "the test data should need suppression"
    assert any(v is not None and v >= min_group for v in cells)


def test_who_is_left_out_is_said_in_numbers_only(
    mgi: Mgi, folder: tuple[Path, dict[str, Any]]
) -> None:
    path, written = folder
    result = mgi("render", "summary", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "mgi: files left out of the summary: draft or under review: 1; confidentiality "
        "restricted (--include-restricted counts them): 1; an earlier assessment of a place "
        "already counted: 1\n"
    )
    assert not [s for s in secrets(written) if s in result.stderr]


def test_government_summary_counts_drafts_and_restricted_answers(
    mgi: Mgi, folder: tuple[Path, dict[str, Any]]
) -> None:
    path, _ = folder
    public = json.loads(mgi("render", "summary", path, "--format", "json").stdout)
    government = mgi("render", "summary", path, "--format", "json", "--audience", "government")
    assert government.exit_code == 0, government.output
    assert public["assessments"] == 10
    assert json.loads(government.stdout)["assessments"] == 11


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_summary(
    mgi: Mgi, folder: tuple[Path, dict[str, Any]], update_golden: bool, fmt: str
) -> None:
    path, _ = folder
    result = mgi("render", "summary", path, "--format", fmt, "--include-restricted")
    assert result.exit_code == 0, result.output
    check_golden(f"summary.{fmt}", result.stdout, update_golden)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_summary_of_the_examples_shows_nothing(
    mgi: Mgi, update_golden: bool, fmt: str
) -> None:
    """One country: every figure is suppressed, and the output says why."""
    result = mgi("render", "summary", EXAMPLES, "--format", fmt, "--include-restricted")
    assert result.exit_code == 0, result.output
    check_golden(f"summary-examples.{fmt}", result.stdout, update_golden)
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["assessments"] is None
        rows = [*data["dimensions"], *data["objectives"]]
        rows += [i for d in data["dimensions"] for i in d["indicators"]]
        assert {v for r in rows for v in [*r["counts"].values(), r["total"]]} == {None}


def test_restricted_matrices_need_the_flag(mgi: Mgi) -> None:
    result = mgi("render", "summary", EXAMPLES)
    assert result.exit_code == 1
    assert "nothing to summarise" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--min-group", "2"), "--min-group 2 would let single countries be read off"),
        # Typer checks the choices (mgi_cli/choices.py) and names them.
        (("--format", "pdf"), "'pdf' is not one of 'md', 'html', 'json'"),
        (("--audience", "press"), "'press' is not one of 'public', 'government'"),
        (("--lang", "de"), "'de' is not one of 'en', 'fr', 'es'"),
    ],
)
def test_bad_options_exit_2(mgi: Mgi, args: tuple[str, ...], message: str) -> None:
    result = mgi("render", "summary", EXAMPLES, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_html_is_self_contained(mgi: Mgi, folder: tuple[Path, dict[str, Any]]) -> None:
    path, _ = folder
    html = mgi("render", "summary", path, "--format", "html").stdout
    assert "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    assert html.count("<svg") == 2


def test_output_file_is_written(
    mgi: Mgi, folder: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path, _ = folder
    target = tmp_path / "summary.md"
    target.write_text("old", encoding="utf-8")
    result = mgi("render", "summary", path, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# Migration governance")
    assert [p.name for p in tmp_path.iterdir()] == ["summary.md"]


def test_the_summary_uses_the_template_dir_sandboxed(
    mgi: Mgi, folder: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path, _ = folder
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.joinpath("summary.md.j2").write_text(
        "# Our summary of {{ data.assessments }} assessments\n", encoding="utf-8"
    )
    result = mgi("render", "summary", path, "--template-dir", mine)
    assert result.exit_code == 0, result.output
    assert result.stdout == "# Our summary of 10 assessments\n"
    mine.joinpath("summary.md.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    result = mgi("render", "summary", path, "--template-dir", mine)
    assert result.exit_code == 1
    assert "the sandbox forbids" in result.stderr


def test_a_draft_baseline_adds_nothing_to_the_public_summary(
    mgi: Mgi, folder: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """The summary counts each place's latest publishable assessment by its own answers
    only: whatever a follow-up's draft baseline says (a planted marker, other answers)
    changes no byte of the public summary."""
    import shutil

    path, _ = folder
    before = {fmt: mgi("render", "summary", path, "--format", fmt).stdout for fmt in FORMATS}
    copy = tmp_path / "matrices"
    shutil.copytree(path, copy)
    baseline = copy / WITH_FOLLOW_UP / "2018-baseline.yaml"
    data = YAML(typ="safe").load(baseline.read_text(encoding="utf-8"))
    data["status"] = "draft"
    for entry in data["answers"].values():
        if entry is not None and entry["answer"] == "yes":
            entry.update(answer="no", justification=f"ZQDRAFTMARK {entry['justification']}")
    buffer = io.StringIO()
    YAML(typ="safe").dump(data, buffer)
    baseline.write_text(buffer.getvalue(), encoding="utf-8")
    for fmt in FORMATS:
        result = mgi("render", "summary", copy, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert result.stdout == before[fmt]
        assert "ZQDRAFTMARK" not in result.output
