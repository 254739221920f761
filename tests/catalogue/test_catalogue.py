"""The packaged catalogue's content, `mgi catalogue`, and catalogue-file checks."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.catalogue.load import load_catalogue
from mgi_cli.catalogue.models import Catalogue
from mgi_cli.commands.common import catalogue_library
from mgi_cli.errors import CatalogueError
from mgi_cli.languages import LANGUAGES

Mgi = Callable[..., Result]


@pytest.fixture(scope="module")
def national() -> Catalogue:
    catalogue = catalogue_library().get("mgi-national@1.0")
    assert catalogue is not None
    return catalogue


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


# --- The packaged national catalogue (docs/methodology.md).


def test_indicator_counts(national: Catalogue) -> None:
    modules = Counter(i.module for i in national.indicators)
    assert modules == {"standard": 94, "covid19": 12}
    d1 = [i for i in national.indicators if i.module == "standard" and i.dimension == "D1"]
    assert len(d1) == 24


def test_six_dimensions_named_in_three_languages(national: Catalogue) -> None:
    assert [(d.id, d.number) for d in national.dimensions] == [(f"D{n}", n) for n in range(1, 7)]
    for dimension in national.dimensions:
        for text in (dimension.name, dimension.short_name):
            assert set(LANGUAGES) <= set(text), dimension.id
            assert all(value.strip() for value in text.values())
        for sub_area in dimension.sub_areas:
            assert sub_area.name["en"].strip()


def test_every_question_is_distinct(national: Catalogue) -> None:
    for lang in LANGUAGES:
        questions = Counter(
            _normalised(i.question[lang]) for i in national.indicators if lang in i.question
        )
        repeated = [q for q, n in questions.items() if n > 1]
        assert repeated == [], lang


def test_every_indicator_has_a_finding_per_answer_value_in_every_language(
    national: Catalogue,
) -> None:
    for indicator in national.indicators:
        assert indicator.question["en"].strip().endswith("?"), indicator.id
        assert indicator.findings is not None, indicator.id
        values = {c.id for c in national.scale_of(indicator)} - {"not_applicable"}
        assert set(indicator.findings) == values, indicator.id
        for value, texts in indicator.findings.items():
            for lang in LANGUAGES:
                assert texts[lang].strip(), (indicator.id, value, lang)


def test_ids_follow_dimension_and_module(national: Catalogue) -> None:
    ids = [i.id for i in national.indicators]
    assert len(set(ids)) == len(ids)
    for indicator in national.indicators:
        if indicator.module == "standard":
            assert indicator.id.startswith(f"{indicator.dimension}."), indicator.id


def test_sub_areas_belong_to_their_dimension(national: Catalogue) -> None:
    for indicator in national.indicators:
        dimension = national.dimension(indicator.dimension)
        assert dimension is not None, indicator.id
        assert indicator.sub_area in {s.id for s in dimension.sub_areas}, indicator.id


def test_every_sub_area_has_a_standard_indicator(national: Catalogue) -> None:
    used = {(i.dimension, i.sub_area) for i in national.indicators if i.module == "standard"}
    for dimension in national.dimensions:
        for sub_area in dimension.sub_areas:
            assert (dimension.id, sub_area.id) in used


def test_environment_tag_is_used_twice_in_d5(national: Catalogue) -> None:
    tagged = [i for i in national.indicators if "environment" in i.tags]
    assert len(tagged) == 2
    assert {i.dimension for i in tagged} == {"D5"}


def test_covid19_module_has_no_gender_or_environment_tags(national: Catalogue) -> None:
    covid = [i for i in national.indicators if i.module == "covid19"]
    assert covid
    assert {t for i in covid for t in i.tags} <= {"rights"}


def test_gcm_objectives(national: Catalogue) -> None:
    assert [g.number for g in national.gcm_objectives] == list(range(1, 24))
    for objective in national.gcm_objectives:
        assert set(LANGUAGES) <= set(objective.name)
    for indicator in national.indicators:
        assert all(1 <= n <= 23 for n in indicator.gcm), indicator.id
        assert len(set(indicator.gcm)) == len(indicator.gcm), indicator.id


def test_sdg_domain_matches_the_dimension(national: Catalogue) -> None:
    for dimension in national.dimensions:
        assert dimension.sdg_10_7_2 == f"PD_{dimension.number}"
    linked = [i for i in national.indicators if i.sdg_10_7_2 is not None]
    assert {i.sdg_10_7_2 for i in linked} == {f"PD_{n}" for n in range(1, 7)}
    numbers = {d.id: d.number for d in national.dimensions}
    for indicator in linked:
        assert indicator.sdg_10_7_2 == f"PD_{numbers[indicator.dimension]}", indicator.id


def test_guidance_is_for_choices_on_the_scale(national: Catalogue) -> None:
    for indicator in national.indicators:
        choices = {c.id for c in national.scale_of(indicator)}
        assert set(indicator.guidance) <= choices, indicator.id
        assert indicator.guidance, indicator.id


def test_newest_packaged_catalogue_is_the_default(national: Catalogue) -> None:
    library = catalogue_library()
    assert national.ref == "mgi-national@1.0"
    assert library.default("national").ref == "mgi-national@1.1"
    assert library.known()[-2:] == ["mgi-national@1.1", "mgi-national@1.0"]


# --- `mgi catalogue`

MINI_TEXT = """\
Mini test catalogue (mini@1.0)

D1  Migrants' rights
  Access to health care
    M1.01    Can migrants in an irregular situation obtain emergency health care? [rights]
    C.01     Could all migrants obtain COVID-19 vaccination whatever their status? (covid19) \
[rights]
  Right to work
    M1.02    Do migrant workers have the same minimum wage as nationals? [rights] [gender]
    M1.03    How long must a migrant wait before taking up work?

D2  Whole of government
  Migration data
    M2.01    Does the statistics office publish migration data every year?
    C.02     Were COVID-19 statistics broken down by nationality? (covid19)
  Migration strategy
    M2.02    Has the government adopted a national migration strategy?

D3  Partnerships
  Regional cooperation
    M3.01    Does the country take part in a regional consultative process on migration?

8 indicator(s)
"""

M1_03_TEXT = """\
M1.03  How long must a migrant wait before taking up work?

dimension:  D1 Rights
sub-area:   work
module:     standard
concerns:   both
themes:     -
GCM:        -
SDG 10.7.2: -
answers:
  at_once         A residence permit allows work from its first day.
  within_a_year   Within a year
  never           Never or after more than a year
"""


def test_catalogue_text(mgi: Mgi, mini_catalogue: Path) -> None:
    result = mgi("catalogue", "--catalogue", mini_catalogue)
    assert (result.exit_code, result.stdout) == (0, MINI_TEXT)


def test_catalogue_text_in_french_falls_back_to_english(mgi: Mgi, mini_catalogue: Path) -> None:
    result = mgi("catalogue", "--catalogue", mini_catalogue, "--lang", "fr", "--tag", "gender")
    assert (result.exit_code, result.stdout) == (
        0,
        (
            "Mini catalogue de test (mini@1.0)\n\nD1  Droits des migrants\n  Right to work\n"
            "    M1.02    Do migrant workers have the same minimum wage as nationals? [rights] "
            "[gender]\n\n1 indicator(s)\n"
        ),
    )


def test_one_indicator(mgi: Mgi, mini_catalogue: Path) -> None:
    result = mgi("catalogue", "--catalogue", mini_catalogue, "M1.03")
    assert (result.exit_code, result.stdout) == (0, M1_03_TEXT)


def test_unknown_indicator(mgi: Mgi, mini_catalogue: Path) -> None:
    result = mgi("catalogue", "--catalogue", mini_catalogue, "M9.99")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "mgi: mini@1.0 has no indicator 'M9.99'\n"


def test_catalogue_json(mgi: Mgi, mini_catalogue: Path) -> None:
    result = mgi("catalogue", "--catalogue", mini_catalogue, "--format", "json")
    assert result.exit_code == 0
    output = json.loads(result.stdout)
    assert list(output) == ["id", "version", "dimensions", "indicators"]
    assert (output["id"], output["version"]) == ("mini", "1.0")
    assert output["dimensions"][0]["name"] == {
        "en": "Migrants' rights",
        "fr": "Droits des migrants",
        "es": "Derechos de los migrantes",
    }
    assert output["dimensions"][1]["sub_areas"] == [
        {"id": "data", "name": {"en": "Migration data"}},
        {"id": "strategy", "name": {"en": "Migration strategy"}},
    ]
    for dimension in output["dimensions"]:
        assert {"id", "name", "sub_areas"} <= set(dimension)
    contract = {
        "id",
        "dimension",
        "sub_area",
        "module",
        "question",
        "scale",
        "tags",
        "gcm",
        "sdg_10_7_2",
        "replaces",
    }
    for indicator in output["indicators"]:
        assert contract <= set(indicator)
    by_id = {i["id"]: i for i in output["indicators"]}
    assert list(by_id) == ["M1.01", "M1.02", "M1.03", "M2.01", "M2.02", "M3.01", "C.01", "C.02"]
    assert {k: by_id["M1.01"][k] for k in contract} == {
        "id": "M1.01",
        "dimension": "D1",
        "sub_area": "health",
        "module": "standard",
        "question": {"en": "Can migrants in an irregular situation obtain emergency health care?"},
        "scale": [
            {"id": "yes", "counts_as": "yes", "label": {"en": "Yes"}},
            {"id": "partial", "counts_as": "partial", "label": {"en": "Partially"}},
            {"id": "no", "counts_as": "no", "label": {"en": "No"}},
            {
                "id": "not_applicable",
                "counts_as": "not_applicable",
                "label": {"en": "Not applicable"},
            },
        ],
        "tags": ["rights"],
        "gcm": [15],
        "sdg_10_7_2": "PD_1",
        "replaces": [],
    }
    assert [c["id"] for c in by_id["M1.03"]["scale"]] == ["at_once", "within_a_year", "never"]
    assert by_id["C.01"]["module"] == "covid19"


def test_packaged_catalogue_json(mgi: Mgi) -> None:
    result = mgi("catalogue", "--catalogue", "mgi-national@1.0", "--format", "json")
    assert result.exit_code == 0
    output = json.loads(result.stdout)
    assert (output["id"], output["version"]) == ("mgi-national", "1.0")
    assert len(output["indicators"]) == 106
    assert len(output["dimensions"]) == 6


def _ids(mgi: Mgi, *args: str | Path) -> list[str]:
    result = mgi("catalogue", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [i["id"] for i in json.loads(result.stdout)["indicators"]]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--dimension", "D2"), ["M2.01", "M2.02", "C.02"]),
        (("--tag", "rights"), ["M1.01", "M1.02", "C.01"]),
        (("--tag", "gender"), ["M1.02"]),
        (("--gcm", "15"), ["M1.01"]),
        (("--module", "covid19"), ["C.01", "C.02"]),
        (("--dimension", "D1", "--module", "standard"), ["M1.01", "M1.02", "M1.03"]),
        (("--tag", "environment"), []),
    ],
)
def test_filters(
    mgi: Mgi, mini_catalogue: Path, args: tuple[str, ...], expected: list[str]
) -> None:
    assert _ids(mgi, "--catalogue", mini_catalogue, *args) == expected


def test_filters_on_the_packaged_catalogue(mgi: Mgi) -> None:
    v1_0 = ("--catalogue", "mgi-national@1.0")
    assert len(_ids(mgi, *v1_0, "--module", "covid19")) == 12
    assert len(_ids(mgi, *v1_0, "--dimension", "D1", "--module", "standard")) == 24
    assert _ids(mgi, *v1_0, "--tag", "environment") == ["D5.01", "D5.11"]
    assert all(i.startswith("D") for i in _ids(mgi, *v1_0, "--gcm", "10"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--dimension", "D9"), "mgi: mini@1.0 has no dimension 'D9'; use one of D1, D2, D3\n"),
        (
            ("--tag", "genre"),
            "mgi: mini@1.0 has no theme 'genre'; use one of rights, gender, environment\n",
        ),
        (
            ("--module", "covid"),
            "mgi: mini@1.0 has no module 'covid'; use one of standard, covid19\n",
        ),
    ],
)
def test_bad_filters_are_usage_errors(
    mgi: Mgi, mini_catalogue: Path, args: tuple[str, ...], message: str
) -> None:
    result = mgi("catalogue", "--catalogue", mini_catalogue, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xml"), "'xml' is not one of 'text', 'json'"),
        (("--level", "city"), "'city' is not one of 'national', 'local'"),
        (("--lang", "de"), "'de' is not one of 'en', 'fr', 'es'"),
    ],
)
def test_typer_checks_the_choices(
    mgi: Mgi, mini_catalogue: Path, args: tuple[str, ...], message: str
) -> None:
    result = mgi("catalogue", "--catalogue", mini_catalogue, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"Invalid value for '{args[0]}'" in result.stderr
    assert message in result.stderr


def test_gcm_out_of_range_is_a_usage_error(mgi: Mgi) -> None:
    assert mgi("catalogue", "--gcm", "24").exit_code == 2


# --- Catalogue files: checked when loaded.


def _variant(tmp_path: Path, mini_catalogue: Path, *edits: tuple[str, str]) -> Path:
    text = mini_catalogue.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_test_catalogues_load(mini_catalogue: Path, mini_local_catalogue: Path) -> None:
    assert load_catalogue(mini_catalogue).ref == "mini@1.0"
    assert load_catalogue(mini_local_catalogue).level == "local"


def test_replaces_cycle_is_rejected(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> None:
    cyclic = _variant(
        tmp_path,
        mini_catalogue,
        ("  - id: M1.01\n", "  - id: M1.01\n    replaces: [M2.02]\n"),
        ("  - id: M2.02\n", "  - id: M2.02\n    replaces: [M1.01]\n"),
    )
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(cyclic)
    assert [(p.code, p.line) for p in caught.value.problems] == [
        ("catalogue-cycle", 51),
        ("catalogue-cycle", 86),
    ]
    result = mgi("catalogue", "--catalogue", cyclic)
    assert result.exit_code == 1
    assert "catalogue-cycle" in result.stderr
    assert "Traceback" not in result.output


def test_an_indicator_may_not_replace_itself(tmp_path: Path, mini_catalogue: Path) -> None:
    selfish = _variant(
        tmp_path, mini_catalogue, ("  - id: M1.01\n", "  - id: M1.01\n    replaces: [M1.01]\n")
    )
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(selfish)
    assert [p.code for p in caught.value.problems] == ["catalogue-cycle"]


def test_replacing_an_older_id_is_fine(tmp_path: Path, mini_catalogue: Path) -> None:
    chain = _variant(
        tmp_path, mini_catalogue, ("  - id: M1.01\n", "  - id: M1.01\n    replaces: [D1.01]\n")
    )
    assert load_catalogue(chain).indicator("M1.01").replaces == ["D1.01"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (("  - id: M1.02\n", "  - id: M1.01\n"), "catalogue-duplicate"),
        (("sub_area: work\n", "sub_area: wrok\n"), "catalogue-link"),
        (("    dimension: D3\n", "    dimension: D7\n"), "catalogue-link"),
        (("    module: covid19\n", "    module: covid\n"), "catalogue-link"),
        (("tags: [rights, gender]", "tags: [rights, gendre]"), "catalogue-link"),
        (("      at_once: A residence", "      at_twice: A residence"), "catalogue-link"),
        (
            (
                "en: Has the government adopted",
                "en: Does the statistics office publish "
                "migration data every year?\n      fr: Has the government adopted",
            ),
            "catalogue-duplicate",
        ),
        (("id: mini\n", "id: Mini Catalogue\n"), "invalid-value"),
        (
            ("    question:\n      en: How long", "    question:\n      fr: How long"),
            "invalid-value",
        ),
        (("level: national\n", "level: national\nedition: 2\n"), "unknown-key"),
    ],
)
def test_broken_catalogue_files(
    tmp_path: Path, mini_catalogue: Path, edit: tuple[str, str], code: str
) -> None:
    broken = _variant(tmp_path, mini_catalogue, edit)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(broken)
    problems = caught.value.problems
    assert {p.code for p in problems} == {code}  # a repeated id is reported at each use
    assert all(p.path == str(broken) and p.line is not None for p in problems)


def test_validate_with_a_broken_catalogue_option(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    broken = _variant(tmp_path, mini_catalogue, ("sub_area: work\n", "sub_area: wrok\n"))
    result = mgi("validate", "--catalogue", broken, mini_catalogue.parent)
    assert result.exit_code == 1
    assert f"{broken}:" in result.stderr
    assert "catalogue-link" in result.stderr
    assert "Traceback" not in result.output
