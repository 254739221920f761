"""Profiles of local matrices and of matrices with context-specific indicators.

Context-specific indicators sit in their dimension, marked and counted; indicators not
used are listed with their reason and counted nowhere; a local profile speaks of the
city; `--compare-national` sets the local counts beside the national matrix's; the
developments list the new kinds of change. Confidentiality holds for all of it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.catalogue.models import Catalogue, ScaleChoice
from mgi_cli.commands.common import catalogue_library
from mgi_cli.diff.compare import diff_matrices
from mgi_cli.errors import MgiError
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Answer, ContextIndicator, Matrix
from mgi_cli.problems.problem import Problem
from mgi_cli.render.national import load_national
from mgi_cli.render.profile_data import build_profile_context
from mgi_cli.render.run import render_profile_file

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NATIONAL = EXAMPLES / "matrices" / "XAM" / "2018-baseline.yaml"
FOLLOW_UP = EXAMPLES / "matrices" / "XAM" / "2022-follow_up.yaml"
PORT_SELEN = EXAMPLES / "matrices" / "XAM" / "local" / "port-selen" / "2021-baseline.yaml"
WITH_CONTEXT = EXAMPLES / "context" / "XAM-2022-follow_up-context.yaml"
TODAY = date(2026, 1, 1)
SECRET = "ZQXSECRET"


@pytest.fixture(scope="module")
def library() -> CatalogueLibrary:
    return catalogue_library()


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of examples/, so that relative `baseline:` and `context:` paths still hold."""
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("parts"))
    return tmp_path / "examples"


def _load(path: Path) -> Matrix:
    matrix = load_matrix(path).matrix
    assert matrix is not None
    return matrix


def _catalogue(library: CatalogueLibrary, matrix: Matrix) -> Catalogue:
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None
    return catalogue


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(path)
    change(data)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def _render(path: Path, library: CatalogueLibrary, **options: Any) -> str:
    settings: dict[str, Any] = {"fmt": "md", "audience": "public", "lang": "en"} | options
    return render_profile_file(path, library, today=TODAY, **settings)


def _findings(section: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """indicator -> (well_developed | further_development, group name, finding)."""
    return {
        f["indicator"]: (kind, group["name"], f)
        for kind in ("well_developed", "further_development")
        for group in section[kind]
        for f in group["findings"]
    }


# --- Context-specific indicators --------------------------------------------------------


def test_context_indicators_sit_in_their_dimension_marked_and_counted(
    library: CatalogueLibrary,
) -> None:
    matrix, plain = _load(WITH_CONTEXT), _load(FOLLOW_UP)
    catalogue = _catalogue(library, matrix)
    problems: list[Problem] = []
    context = build_profile_context(
        matrix, catalogue, audience="public", lang="en", problems=problems
    )
    before = build_profile_context(plain, catalogue, audience="public", lang="en")
    d4 = context["dimensions"][3]
    kind, group, finding = _findings(d4)["X.01"]
    assert (kind, group) == ("further_development", "Labour migration management")
    assert finding["context_specific"] is True
    assert finding["text"] == matrix.context_indicators[0].question["en"]
    assert finding["qualifier"] == "partially in place"
    assert d4["context_specific"] == 1
    assert d4["total"] == before["dimensions"][3]["total"] + 1
    assert "X.02" in _findings(context["dimensions"][4])
    assert context["intro"]["context_specific"] == 2
    assert context["intro"]["indicators"] == before["intro"]["indicators"] + 2
    environment = {t["id"]: t["total"] for t in context["themes"]}["environment"]
    assert environment == {t["id"]: t["total"] for t in before["themes"]}["environment"] + 1
    assert not [p for p in problems if p.code == "missing-findings"]
    catalogue_ones = [f for f in _findings(d4).values() if f[2]["indicator"] != "X.01"]
    assert not any(f[2]["context_specific"] for f in catalogue_ones)


def test_a_context_indicator_without_sub_area_has_a_group_of_its_own_last(
    library: CatalogueLibrary,
) -> None:
    matrix = _load(WITH_CONTEXT)
    scale = [
        ScaleChoice(id="monthly", counts_as="yes", label={"en": "Monthly", "fr": "Chaque mois"}),
        ScaleChoice(id="never", counts_as="no", label={"en": "Never", "fr": "Jamais"}),
    ]
    own = ContextIndicator(
        id="X.port", dimension="D2", question={"en": "How often are crew arrivals published?"},
        scale=scale,
    )  # fmt: skip
    answers = dict(matrix.answers) | {"X.port": Answer(answer="monthly", justification="Yes.")}
    matrix = matrix.model_copy(
        update={"context_indicators": [*matrix.context_indicators, own], "answers": answers}
    )
    problems: list[Problem] = []
    context = build_profile_context(
        matrix, _catalogue(library, matrix), audience="government", lang="fr",
        problems=problems, source="m.yaml",
    )  # fmt: skip
    d2 = context["dimensions"][1]
    assert d2["well_developed"][-1]["name"] == "Indicateurs propres au contexte"
    finding = d2["well_developed"][-1]["findings"][0]
    assert (finding["indicator"], finding["answer"]) == ("X.port", "Chaque mois")
    listed = {i["indicator"]: i for i in d2["indicators"]}
    assert listed["X.port"]["context_specific"] is True
    assert listed["X.port"]["answer"] == "Chaque mois"
    missing = [p for p in problems if p.indicator == "X.port"]
    assert [(p.path, p.code) for p in missing] == [("m.yaml", "missing-translation")]
    assert "the matrix has no 'fr' text for its context-specific indicator" in missing[0].message


def test_the_government_report_lists_context_indicators_marked(library: CatalogueLibrary) -> None:
    text = _render(WITH_CONTEXT, library, audience="government")
    assert "#### X.01\n\n*Context-specific indicator:* Do migrant crew members" in text
    html = _render(WITH_CONTEXT, library, audience="government", fmt="html")
    assert '<span class="ind">X.02</span> <span class="context-tag">Context-specific' in html


# --- Confidentiality ----------------------------------------------------------------------


def _plant_in_context_answers(data: dict[str, Any]) -> None:
    """X.01 restricted, with markers in its answer and its question in every language."""
    data["context_indicators"][0]["question"] = {
        lang: f"{SECRET}Q{lang} what the crews are paid?" for lang in ("en", "fr", "es")
    }
    entry = data["answers"]["X.01"]
    entry["restricted"] = True
    entry["justification"] = f"{SECRET}J confidential reasoning"
    entry["references"] = [
        {"title": f"{SECRET}T memo", "url": f"https://{SECRET.lower()}.example/m",
         "publisher": f"{SECRET}P"}
    ]  # fmt: skip


@pytest.mark.parametrize("confidentiality", ["restricted", "public"])
def test_restricted_context_answers_never_reach_public_output(
    library: CatalogueLibrary, examples: Path, confidentiality: str
) -> None:
    path = examples / "context" / WITH_CONTEXT.name
    _edit(path, _plant_in_context_answers)
    _edit(path, lambda data: data.__setitem__("confidentiality", confidentiality))
    for fmt in ("md", "html"):
        for lang in ("en", "fr", "es"):
            text = _render(path, library, fmt=fmt, lang=lang)
            assert SECRET not in text and SECRET.lower() not in text, (fmt, lang)
    matrix = _load(path)
    context = build_profile_context(matrix, _catalogue(library, matrix), audience="public",
                                    lang="en")  # fmt: skip
    assert SECRET not in json.dumps(context, default=str)
    assert context["dimensions"][3]["context_specific"] == 0
    assert context["withheld"] == 0  # no output says how many answers are restricted
    government = _render(path, library, audience="government")
    assert f"{SECRET}J" in government and f"{SECRET}Qen" in government


# --- Indicators not used ------------------------------------------------------------------


REASON = "International students may not work under the Aliens Act; the question does not arise."


def _not_used(data: dict[str, Any]) -> None:
    data["not_used"] = {"D4.07": REASON}
    del data["answers"]["D4.07"]


def test_indicators_not_used_are_listed_with_their_reason_and_not_counted(
    library: CatalogueLibrary, examples: Path
) -> None:
    path = examples / "matrices" / "XAM" / "2022-follow_up.yaml"
    _edit(path, _not_used)
    matrix, plain = _load(path), _load(FOLLOW_UP)
    catalogue = _catalogue(library, matrix)
    context = build_profile_context(matrix, catalogue, audience="public", lang="en")
    before = build_profile_context(plain, catalogue, audience="public", lang="en")
    assert context["not_used"] == [
        {"indicator": "D4.07", "section": "Well-being of migrants",
         "question": catalogue.indicator("D4.07").question["en"],  # type: ignore[union-attr]
         "reason": REASON}
    ]  # fmt: skip
    assert context["dimensions"][3]["total"] == before["dimensions"][3]["total"] - 1
    assert all(c["key"] != "unanswered" for c in context["dimensions"][3]["counts"])
    assert context["intro"]["not_used"] == 1
    assert context["intro"]["indicators"] == before["intro"]["indicators"] - 1
    text = _render(path, library)
    assert "## Indicators not used in this context" in text
    assert "*Reason: International students may not work under the Aliens Act; the" in text
    assert "1 indicator of the catalogue is not used in this context" in text
    html = _render(path, library, fmt="html", lang="es")
    assert '<section id="not-used">' in html and '<a href="#not-used">' in html
    assert "Motivo: International students" in html


def test_a_restricted_answer_to_an_indicator_not_used_keeps_it_out_of_public_lists(
    library: CatalogueLibrary,
) -> None:
    matrix = _load(FOLLOW_UP)
    answers = dict(matrix.answers)
    answers["D4.07"] = Answer(restricted=True, justification="internal")
    matrix = matrix.model_copy(update={"not_used": {"D4.07": REASON}, "answers": answers})
    catalogue = _catalogue(library, matrix)
    public = build_profile_context(matrix, catalogue, audience="public", lang="en")
    assert public["not_used"] == []
    government = build_profile_context(matrix, catalogue, audience="government", lang="en")
    assert [i["indicator"] for i in government["not_used"]] == ["D4.07"]


# --- The local profile ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "document", "status", "about"),
    [
        ("en", "Local migration governance profile", "Validated by the local authority",
         "## About the Local Migration Governance Indicators"),
        ("fr", "Profil local de gouvernance des migrations", "Validé par l'autorité locale",
         "## À propos des Indicateurs locaux de gouvernance des migrations"),
        ("es", "Perfil local de gobernanza de la migración", "Validado por la autoridad local",
         "## Acerca de los Indicadores Locales de Gobernanza de la Migración"),
    ],
)  # fmt: skip
def test_a_local_profile_speaks_of_the_city(
    library: CatalogueLibrary, lang: str, document: str, status: str, about: str
) -> None:
    matrix = _load(PORT_SELEN)
    context = build_profile_context(matrix, _catalogue(library, matrix), audience="public",
                                    lang=lang)  # fmt: skip
    assert context["local"] is True
    assert context["document"] == document
    assert context["title"].endswith(": Port Selen")
    place = {"en": "City of Port Selen", "fr": "Ville de Port Selen", "es": "Ciudad de Port Selen"}
    assert context["place"] == place[lang]  # the title in the profile's language
    text = _render(PORT_SELEN, library, lang=lang)
    assert text.startswith(f"# {place[lang]}\n\n**{document}**")
    assert status in text and about in text
    assert "Validated by the government" not in text
    assert "help governments take stock" not in text


def test_a_local_profile_names_the_country_from_the_national_matrix(
    library: CatalogueLibrary,
) -> None:
    text = _render(PORT_SELEN, library)
    assert "- **Country:** Republic of Xamaria\n- **Locality:** Port Selen" in text
    assert "- **Region (ISO 3166-2):** XAM-PS" in text
    assert "Beside the national assessment" not in text  # the comparison is an option


def test_the_national_profiles_keep_their_wording(library: CatalogueLibrary) -> None:
    text = _render(NATIONAL, library, lang="fr")
    assert text.startswith("# République de Xamarie\n\n**Profil de gouvernance des migrations**")
    assert "gouvernance des migrations (IGM) aident les gouvernements" in text.replace("\n", " ")


# --- The comparison with the national matrix -----------------------------------------------


def _comparison(path: Path, library: CatalogueLibrary, audience: str = "public") -> Any:
    matrix = _load(path)
    national = load_national(path, matrix, library)
    return build_profile_context(
        matrix, _catalogue(library, matrix), audience=audience, lang="en", national=national,
        compare_national=True,
    )["comparison"]  # fmt: skip


def test_the_comparison_counts_each_dimension_on_both_sides(library: CatalogueLibrary) -> None:
    # Counts are for the government; the national side leaves out protected sub-areas whole
    # (those holding a restricted answer) and says nothing of how many answers are restricted.
    comparison = _comparison(PORT_SELEN, library, "government")
    national = _load(NATIONAL)
    catalogue = _catalogue(library, national)
    restricted = {k for k, a in national.answers.items() if a is not None and a.restricted}
    assert len(restricted) == 4
    assert comparison["withheld"] == 0
    areas = {(i.dimension, i.sub_area) for i in catalogue.indicators if i.id in restricted}
    restricted |= {i.id for i in catalogue.indicators if (i.dimension, i.sub_area) in areas}
    assert [r["number"] for r in comparison["rows"]] == [1, 2, 3, 4, 5, 6]
    for row in comparison["rows"]:
        wanted = {"yes": 0, "partial": 0, "no": 0, "not_applicable": 0}
        for indicator in catalogue.indicators:
            entry = national.answers.get(indicator.id)
            dimension = catalogue.dimension(indicator.dimension)
            if entry is None or indicator.id in restricted or dimension is None:
                continue
            counts_as = {c.id: c.counts_as for c in catalogue.scale_of(indicator)}
            if dimension.number == row["number"] and entry.answer is not None:
                wanted[counts_as[entry.answer]] += 1
        assert {c["key"]: c["count"] for c in row["national"]["counts"]} == wanted
        assert row["national"]["total"] == sum(wanted.values())
    first = comparison["rows"][0]["local"]
    shares = [(c["count"], c["share"]) for c in first["counts"]]
    assert shares == [(8, "40%"), (8, "40%"), (3, "15%"), (1, "5%")]
    assert comparison["national"] == "Republic of Xamaria"
    protected = {a["name"] for row in comparison["rows"] for a in row["protected"]}
    assert protected == {"Right to work", "Legal framework", "Regional cooperation",
                         "Return and reintegration"}  # fmt: skip
    assert all(a["paragraphs"] == [] for row in comparison["rows"] for a in row["protected"])


def test_a_public_comparison_gives_the_national_findings_and_no_counts(
    library: CatalogueLibrary,
) -> None:
    """Not a ranking: a public profile counts nothing, on either side."""
    comparison = _comparison(PORT_SELEN, library)
    assert comparison["counts"] is False and comparison["withheld"] == 0
    for row in comparison["rows"]:
        assert "local" not in row and "national" not in row
        assert row["well_developed"] or row["further_development"]
    text = _render(PORT_SELEN, library, compare_national=True)
    section = text[text.index("## Beside the national assessment") :]
    assert "| Indicators |" not in section and "%" not in section
    assert "restricted" not in section.lower()
    neutral = "The findings in this area are not set out indicator by indicator"
    assert f"#### Right to work\n\n{neutral}" in section


@pytest.mark.parametrize("audience", ["public", "government"])
def test_a_restricted_national_answer_does_not_change_the_comparison(
    library: CatalogueLibrary, examples: Path, audience: str
) -> None:
    local = examples / "matrices" / "XAM" / "local" / "port-selen" / "2021-baseline.yaml"
    national = examples / "matrices" / "XAM" / "2018-baseline.yaml"
    before = _comparison(local, library, audience)

    def flip(data: dict[str, Any]) -> None:
        for key in ("D1.15", "D2.10", "D3.03", "D6.09"):  # the restricted ones
            assert data["answers"][key]["restricted"] is True
            data["answers"][key]["answer"] = "not_applicable"
            data["answers"][key]["justification"] = f"{SECRET} national memo"

    _edit(national, flip)
    assert _comparison(local, library, audience) == before
    text = _render(local, library, compare_national=True, fmt="html")
    assert SECRET not in text
    # and an answer that is not restricted does count
    _edit(national, lambda data: data["answers"]["D1.01"].__setitem__("answer", "no"))
    assert _comparison(local, library, audience) != before


def test_a_protected_national_sub_area_is_shown_by_the_national_narrative(
    library: CatalogueLibrary, examples: Path
) -> None:
    local = examples / "matrices" / "XAM" / "local" / "port-selen" / "2021-baseline.yaml"
    national = examples / "matrices" / "XAM" / "2018-baseline.yaml"
    _edit(national, lambda data: data.__setitem__(
        "profile", {"sub_areas": {"D1.work": {"fr": "Le droit au travail ZQXNARRATIVE."}}}
    ))  # fmt: skip
    problems: list[Problem] = []
    text = render_profile_file(
        local,
        library,
        fmt="md",
        audience="public",
        lang="en",
        today=TODAY,
        problems=problems,
        compare_national=True,
    )
    section = text[text.index("## Beside the national assessment") :]
    assert "#### Right to work\n\nLe droit au travail ZQXNARRATIVE." in section
    # The narrative is in French only: said on standard error, naming the national matrix.
    fallback = [p for p in problems if "profile.sub_areas.D1.work" in p.message]
    assert [Path(str(p.path)).resolve() for p in fallback] == [national.resolve()]


def test_a_public_comparison_needs_a_validated_national_matrix(
    library: CatalogueLibrary, examples: Path, mgi: Mgi
) -> None:
    local = examples / "matrices" / "XAM" / "local" / "port-selen" / "2021-baseline.yaml"
    _edit(examples / "matrices" / "XAM" / "2018-baseline.yaml",
          lambda data: data.__setitem__("status", "in_review"))  # fmt: skip
    result = mgi("render", "profile", local, "--compare-national")
    assert result.exit_code == 0, result.output
    assert "Beside the national assessment" not in result.stdout
    assert "warning no-national-comparison" in result.stderr
    assert "'in_review'" in result.stderr and "validated or published" in result.stderr
    government = mgi("render", "profile", local, "--compare-national", "--audience", "government")
    assert government.exit_code == 0, government.output
    assert "## Beside the national assessment" in government.stdout
    assert "status: In review" in government.stdout
    assert "no-national-comparison" not in government.stderr


def test_the_comparison_is_an_option_of_the_command(mgi: Mgi) -> None:
    shown = mgi("render", "profile", PORT_SELEN, "--compare-national", "--format", "html")
    assert shown.exit_code == 0, shown.output
    assert '<section id="national">' in shown.stdout and shown.stderr == ""
    national = mgi("render", "profile", NATIONAL, "--compare-national")
    assert national.exit_code == 0, national.output
    assert national.stderr.startswith(f"{NATIONAL}: warning no-national-comparison")
    assert "the matrix is national" in national.stderr


def test_a_national_matrix_that_cannot_be_read_is_reported(
    library: CatalogueLibrary, tmp_path: Path
) -> None:
    matrix = _load(PORT_SELEN)
    here = tmp_path / "local.yaml"
    (tmp_path / "folder").mkdir()
    (tmp_path / "broken.yaml").write_text("format: [\n", encoding="utf-8")
    cases = {
        "missing.yaml": "cannot be read",
        "folder": "is not a regular file",
        "broken.yaml": "cannot be read as a matrix",
        str(PORT_SELEN): "is not a national matrix of XAM",
    }
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")  # never opened: reading it would hang
        cases["pipe.yaml"] = "is not a regular file"
    for context, message in cases.items():
        with pytest.raises(MgiError, match=message):
            load_national(here, matrix.model_copy(update={"context": context}), library)
    with pytest.raises(MgiError, match="names no national matrix"):
        load_national(here, matrix.model_copy(update={"context": None}), library)


# --- Developments: the indicators used ------------------------------------------------------


def test_developments_list_changes_of_the_indicators_used(library: CatalogueLibrary) -> None:
    baseline, follow_up = _load(NATIONAL), _load(WITH_CONTEXT)
    catalogue = _catalogue(library, follow_up)
    old = ContextIndicator(id="X.old", dimension="D3", question={"en": "An old own question?"})
    kept = follow_up.context_indicators[1]  # X.02, answered on both sides
    baseline = baseline.model_copy(update={
        "context_indicators": [old, kept],
        "not_used": {"D2.05": "Not relevant then."},
        "answers": dict(baseline.answers) | {
            "X.old": Answer(answer="yes", justification="x"),
            "X.02": Answer(answer="no", justification="x"),
        },
    })  # fmt: skip
    answers = {k: v for k, v in follow_up.answers.items() if k != "D4.07"}
    follow_up = follow_up.model_copy(update={"not_used": {"D4.07": REASON}, "answers": answers})
    diff = diff_matrices(baseline, follow_up, catalogue, catalogue,
                         baseline_path="b.yaml", follow_up_path="f.yaml")  # fmt: skip
    developments = build_profile_context(
        follow_up, catalogue, audience="government", lang="en", diff=diff, baseline=baseline
    )["developments"]
    scope = {i["indicator"]: i for i in developments["scope"]}
    assert scope["X.01"]["change"] == "context-specific indicator added"
    assert (scope["X.01"]["before"], scope["X.01"]["after"]) == (None, "Partially")
    assert scope["X.old"]["change"] == "context-specific indicator dropped"
    assert scope["X.old"]["text"] == "An old own question?"
    assert (scope["X.old"]["before"], scope["X.old"]["after"]) == ("Yes", None)
    assert scope["D4.07"]["change"] == "no longer used in this context"
    assert scope["D4.07"]["reason"] == REASON
    assert scope["D2.05"]["change"] == "used again"
    assert scope["X.01"]["section"] == "Well-being of migrants"
    progress = {i["indicator"]: i for i in developments["progress"]}
    assert progress["X.02"]["text"] == kept.question["en"]
    assert progress["X.02"]["section"] == "Mobility dimensions of crises"
    assert progress["X.02"]["context_specific"] is True
    # A public profile leaves out a change that touches a restricted answer.
    restricted = dict(follow_up.answers)
    restricted["X.01"] = restricted["X.01"].model_copy(update={"restricted": True})  # type: ignore[union-attr]
    follow_up = follow_up.model_copy(update={"answers": restricted})
    diff = diff_matrices(baseline, follow_up, catalogue, catalogue,
                         baseline_path="b.yaml", follow_up_path="f.yaml")  # fmt: skip
    public = build_profile_context(
        follow_up, catalogue, audience="public", lang="en", diff=diff, baseline=baseline
    )["developments"]
    assert {i["indicator"] for i in public["scope"]} == {"X.old", "D4.07", "D2.05"}


def test_the_developments_of_the_context_example_render(library: CatalogueLibrary) -> None:
    text = re.sub(r"[ \n]+", " ", _render(WITH_CONTEXT, library, lang="fr"))
    assert "### Changements dans les indicateurs utilisés" in text
    assert "*indicateur propre au contexte ajouté\xa0:* Les membres d'équipage" in text
