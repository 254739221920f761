"""Confidentiality of rendered profiles (docs/format.md, "Confidentiality").

A copy of the examples gets unique markers in every field of every restricted
answer, and in every answer's notes; no public profile, in any format or
language, may contain one of them, nor a finding sentence drawn from a restricted
answer. Government reports show restricted answers, marked; notes never appear.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.commands.common import catalogue_library
from mgi_cli.errors import Refused
from mgi_cli.matrix.confidentiality import disclose
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Matrix, Reference
from mgi_cli.render.profile_data import build_profile_context
from mgi_cli.render.run import render_profile_file

Mgi = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM"
NAMES = ("2018-baseline", "2022-follow_up")
TODAY = date(2026, 1, 1)
SECRET = "ZQXSECRET"
NOTE = "ZQXNOTE"


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    return yaml


def edit_matrix(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    yaml = _yaml()
    data = yaml.load(path)
    change(data)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def plant_markers(data: dict[str, Any]) -> None:
    """Markers in every field of restricted answers; notes on every answer.

    Two more answers are restricted than the examples have: the first ``yes`` of
    the standard module (its finding would otherwise be a well-developed area)
    and the first ``no``.
    """
    answers = data["answers"]
    extra = [
        next(k for k, a in answers.items() if a.get("answer") == value and not k.startswith("C"))
        for value in ("yes", "no")
    ]
    for key, entry in answers.items():
        tag = key.replace(".", "")
        entry["notes"] = f"{NOTE}{tag} internal remark"
        if not (entry.get("restricted") or key in extra):
            continue
        entry["restricted"] = True
        entry["justification"] = f"{SECRET}J{tag} confidential reasoning"
        entry["references"] = [
            {
                "title": f"{SECRET}T{tag} confidential memo",
                "url": f"https://{SECRET.lower()}u{tag.lower()}.example/memo",
                "publisher": f"{SECRET}P{tag} Cabinet office",
                "published": date(2015, 1, 1),
                "accessed": date(2015, 2, 1),
            }
        ]


@pytest.fixture(scope="module")
def library() -> CatalogueLibrary:
    return catalogue_library()


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("planted")
    for name in NAMES:
        shutil.copy(EXAMPLES / f"{name}.yaml", folder / f"{name}.yaml")
        edit_matrix(folder / f"{name}.yaml", plant_markers)
    return folder


def _matrix(path: Path) -> Matrix:
    matrix = load_matrix(path).matrix
    assert matrix is not None
    return matrix


def _restricted_texts(matrix: Matrix, library: CatalogueLibrary) -> list[str]:
    """Finding sentences and questions of restricted answers, in every language."""
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None
    texts = []
    for key, entry in matrix.answers.items():
        if entry is None or not entry.restricted:
            continue
        indicator = catalogue.indicator(key)
        assert indicator is not None
        texts += list(indicator.question.values())
        for sentence in (indicator.findings or {}).values():
            texts += [s for s in sentence.values() if "{" not in s]
    return texts


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_public_profiles_contain_nothing_restricted(
    planted: Path, library: CatalogueLibrary, name: str, lang: str, fmt: str
) -> None:
    path = planted / f"{name}.yaml"
    text = render_profile_file(path, library, fmt=fmt, audience="public", lang=lang, today=TODAY)
    assert SECRET not in text
    assert SECRET.lower() not in text
    assert NOTE not in text
    for sentence in _restricted_texts(_matrix(path), library):
        assert sentence not in text, sentence
        # the Markdown escapes punctuation: compare without it too
        assert sentence.replace("'", "") not in text.replace("\\", "").replace("'", "")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_government_reports_show_restricted_answers_marked_but_never_notes(
    planted: Path, library: CatalogueLibrary, fmt: str
) -> None:
    path = planted / "2022-follow_up.yaml"
    text = render_profile_file(
        path, library, fmt=fmt, audience="government", lang="en", today=TODAY
    )
    assert f"{SECRET}JD3" in text
    assert f"{SECRET}TD3" in text
    assert "Restricted" in text
    assert NOTE not in text


def test_public_counts_leave_protected_sub_areas_out(
    planted: Path, library: CatalogueLibrary
) -> None:
    """Public output never says how many answers are restricted; every answer of a
    sub-area holding a restricted one is left out (docs/format.md, "Confidentiality")."""
    matrix = _matrix(planted / "2022-follow_up.yaml")
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None
    context = build_profile_context(matrix, catalogue, audience="public", lang="en")
    shown = sum(s["total"] for s in context["dimensions"] + context["modules"])
    restricted = sum(1 for a in matrix.answers.values() if a is not None and a.restricted)
    protected = disclose(matrix, "public", catalogue).protected
    in_use = catalogue.in_modules(set(matrix.modules))
    assert context["withheld"] == 0
    assert restricted >= 7
    assert len({i.id for i in in_use} & protected) > restricted
    assert shown + len({i.id for i in in_use} & protected) == len(in_use)
    government = build_profile_context(matrix, catalogue, audience="government", lang="en")
    assert sum(s["total"] for s in government["dimensions"] + government["modules"]) == len(in_use)
    assert government["withheld"] == 0


def test_public_profile_of_a_restricted_matrix_has_no_listing_nor_justifications(
    planted: Path, library: CatalogueLibrary
) -> None:
    matrix = _matrix(planted / "2018-baseline.yaml")
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None and matrix.confidentiality == "restricted"
    context = build_profile_context(matrix, catalogue, audience="public", lang="en")
    assert context["listing"] is False
    for section in context["dimensions"]:
        assert section["indicators"] == []
        for group in section["well_developed"] + section["further_development"]:
            for finding in group["findings"]:
                assert finding["justification"] is None
                assert finding["references"] == []
    some = next(a for a in matrix.answers.values() if a and not a.restricted and a.justification)
    assert some.justification is not None
    text = render_profile_file(
        planted / "2018-baseline.yaml", library, fmt="md", audience="public", lang="en",
        today=TODAY,
    )  # fmt: skip
    assert " ".join(some.justification.split())[:60] not in text


def test_a_public_matrix_lists_indicators_but_still_not_restricted_answers(
    planted: Path, library: CatalogueLibrary, tmp_path: Path
) -> None:
    for name in NAMES:
        shutil.copy(planted / f"{name}.yaml", tmp_path / f"{name}.yaml")
    path = tmp_path / "2022-follow_up.yaml"
    edit_matrix(path, lambda data: data.__setitem__("confidentiality", "public"))
    matrix = _matrix(path)
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None
    context = build_profile_context(matrix, catalogue, audience="public", lang="en")
    listed = {i["indicator"] for s in context["dimensions"] for i in s["indicators"]}
    restricted = {k for k, a in matrix.answers.items() if a is not None and a.restricted}
    assert context["listing"] is True
    assert listed and not listed & restricted
    for fmt in ("md", "html"):
        text = render_profile_file(
            path, library, fmt=fmt, audience="public", lang="en", today=TODAY
        )
        assert SECRET not in text and NOTE not in text
        assert "Indicators, answers and justifications" in text


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_public_output_of_an_unvalidated_matrix_is_refused(
    library: CatalogueLibrary, status: str
) -> None:
    matrix = _matrix(EXAMPLES / "2018-baseline.yaml").model_copy(update={"status": status})
    with pytest.raises(Refused, match=f"validated or published.*{status}"):
        disclose(matrix, "public")
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None
    with pytest.raises(Refused):
        build_profile_context(matrix, catalogue, audience="public", lang="en")
    assert disclose(matrix, "government").listing is True


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_the_command_refuses_a_public_profile_of_an_unvalidated_matrix(
    mgi: Mgi, tmp_path: Path, status: str
) -> None:
    path = tmp_path / "matrix.yaml"
    shutil.copy(EXAMPLES / "2018-baseline.yaml", path)
    edit_matrix(path, lambda data: data.__setitem__("status", status))
    out = tmp_path / "profile.md"
    result = mgi("render", "profile", path, "--audience", "public", "-o", out)
    assert result.exit_code == 1, result.output
    assert "validated or published" in result.stderr
    assert status in result.stderr
    assert not out.exists()
    government = mgi("render", "profile", path, "--audience", "government")
    assert government.exit_code == 0, government.output


def test_disclose_strips_notes_for_every_audience(planted: Path) -> None:
    matrix = _matrix(planted / "2018-baseline.yaml")
    for audience in ("public", "government"):
        shown = disclose(matrix, audience)
        assert all(a is None or a.notes is None for a in shown.answers.values())
    public = disclose(matrix, "public")
    assert not public.restricted & set(public.answers)
    assert public.withheld == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_restricted_subset_stays_out_of_the_public_context(
    library: CatalogueLibrary, data: st.DataObject
) -> None:
    matrix = _matrix(EXAMPLES / "2022-follow_up.yaml")
    ids = sorted(k for k, a in matrix.answers.items() if a is not None)
    chosen = data.draw(st.sets(st.sampled_from(ids), max_size=20))
    answers = {}
    for key, entry in matrix.answers.items():
        assert entry is not None
        secret = {
            "restricted": True,
            "justification": f"{SECRET} {key}",
            "references": [Reference(title=f"{SECRET} {key}", url=f"https://{key}.example/x")],
        }
        answers[key] = entry.model_copy(update=secret if key in chosen else {"restricted": False})
    matrix = matrix.model_copy(update={"answers": answers, "confidentiality": "public"})
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None
    context = build_profile_context(matrix, catalogue, audience="public", lang="en")
    dumped = json.dumps(context, default=str)
    assert SECRET not in dumped
    assert context["withheld"] == 0
    protected = disclose(matrix, "public", catalogue).protected
    assert set(chosen) <= protected
    shown = sum(s["total"] for s in context["dimensions"] + context["modules"])
    assert shown == len(set(ids) - protected)
    for key in chosen:
        indicator = catalogue.indicator(key)
        assert indicator is not None and indicator.findings is not None
        for sentence in indicator.findings.values():
            assert sentence["en"] not in dumped
        assert indicator.question["en"] not in dumped
