"""SDG 10.7.2 proxy (docs/sdg-10-7-2.md): the official structure from the rule file, the
value as sum / 5 x 100, categories on the unrounded value, a display that never
contradicts them, public withholding, and an honest Open SDG export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.errors import UsageError
from mgi_cli.languages import LANGUAGES
from mgi_cli.reports.common import load_source
from mgi_cli.reports.sdg import _all_domains, display, open_sdg_csv, sdg_report
from mgi_cli.reports.sdg_config import (
    OFFICIAL_SERIES,
    PolicyDomain,
    SdgConfig,
    SubCategory,
    default_config_path,
    load_sdg_config,
    percent,
)
from tests.reports.test_golden import BASELINE, FOLLOW_UP
from tests.reports.test_reports import ALL_YES, TODAY, write_matrix

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]


def mini_config(**changes: Any) -> SdgConfig:
    """The packaged rule with a mapping onto the mini catalogue's indicators: PD_1 draws on
    M1.01 (1a) and M1.02, M1.03 (1c); PD_2 on M2.01 (2a) and M2.02 (2b); the others on none."""
    mapping: dict[str, dict[int, tuple[str, ...]]] = {
        "PD_1": {0: ("M1.01",), 2: ("M1.02", "M1.03")},
        "PD_2": {0: ("M2.01",), 1: ("M2.02",)},
    }
    domains = tuple(
        PolicyDomain(
            d.code,
            d.name,
            tuple(
                SubCategory(s.id, s.name, mapping.get(d.code, {}).get(n, ()))
                for n, s in enumerate(d.sub_categories)
            ),
        )
        for d in SdgConfig().domains
    )
    return SdgConfig(domains=domains, **changes)


@pytest.fixture
def report(tmp_path: Path, test_library: CatalogueLibrary) -> Any:
    def make(answers: dict[str, str], audience: str = "public", **config: Any) -> dict[str, Any]:
        path = write_matrix(tmp_path, answers)
        source = load_source(path, test_library, audience=audience, today=TODAY)
        return sdg_report(source, mini_config(**config), "en")

    return make


# --- the structure, in configuration ---


def test_the_packaged_rule_file_holds_the_documented_defaults() -> None:
    config = load_sdg_config(default_config_path())
    assert config == SdgConfig()
    assert config.series not in OFFICIAL_SERIES
    assert [d.code for d in config.domains] == [f"PD_{n}" for n in range(1, 7)]
    assert [len(d.sub_categories) for d in config.domains] == [5] * 6
    assert config.domains[1].name["en"] == "Whole-of-government / evidence-based policies"
    for domain in config.domains:
        assert set(domain.name) == set(LANGUAGES)
        for sub in domain.sub_categories:
            assert set(sub.name) == set(LANGUAGES), sub.id


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_the_mapping_names_standard_indicators_of_both_catalogue_versions(version: str) -> None:
    from mgi_cli.catalogue.load import load_catalogue

    catalogue = load_catalogue(ROOT / "indicators" / f"mgi-national-{version}.yaml")
    standard = {i.id for i in catalogue.indicators if i.module == "standard"}
    mapped = [i for d in SdgConfig().domains for s in d.sub_categories for i in s.indicators]
    assert set(mapped) <= standard
    assert len(mapped) == len(set(mapped)), "an indicator informs one sub-category"
    assert all(s.indicators for d in SdgConfig().domains for s in d.sub_categories)


# --- the value and its category ---


@pytest.mark.parametrize(
    ("value", "category"),
    [(0.0, 1), (39.99, 1), (40, 2), (79.6, 2), (79.99, 2), (80, 3), (99.9, 3), (100, 4)],
)
def test_categories_follow_the_thresholds_on_the_unrounded_value(
    value: float, category: int
) -> None:
    assert SdgConfig().category(value) == category


def test_a_value_is_shown_floored_so_it_never_reads_as_the_next_category() -> None:
    # The case: 79.6 was printed "80% | Partially meets" under "Meets from 80%".
    assert (display(Fraction(796, 10)), SdgConfig().category(Fraction(796, 10))) == ("79.6", 2)
    assert display(Fraction(7999, 100)) == "79.9"
    assert display(Fraction(80)) == "80.0"
    assert display(Fraction(200, 3)) == "66.6"


def test_a_domain_is_its_five_sub_categories_over_five(report: Any) -> None:
    data = report(ALL_YES | {"M1.02": "partial", "M1.03": "never", "M2.01": "not_applicable"})
    domains = {d["code"]: d for d in data["domains"]}
    pd1 = domains["PD_1"]
    assert [s["value"] for s in pd1["sub_categories"]] == [1.0, None, 0.25, None, None]
    # n is fixed at 5: (1 + 0.25) / 5 x 100, not the mean of the answered ones.
    assert (pd1["value"], pd1["display"], pd1["category"]) == (25.0, "25.0", 1)
    assert pd1["category_label"] == "Requires further progress"
    pd2 = domains["PD_2"]
    assert [s["value"] for s in pd2["sub_categories"]] == [None, 1.0, None, None, None]
    assert pd2["value"] == 20.0
    assert domains["PD_3"]["value"] is None
    assert [r["id"] for r in pd1["sub_categories"][2]["indicators"]] == ["M1.02", "M1.03"]
    assert data["basis"] == "mgi-proxy"
    assert data["all_domains"] is None


def test_the_all_rule_gives_a_sub_category_one_only_when_every_answer_is_met(report: Any) -> None:
    data = report(ALL_YES | {"M1.02": "partial"}, sub_category_rule="all")
    assert [s["value"] for s in data["domains"][0]["sub_categories"]] == [1.0, None, 0, None, None]


def test_all_domain_rules() -> None:
    values = (100, 100, 100, 100, 100, 50)
    domains = [{"code": f"PD_{n}", "value": v, "category": SdgConfig().category(v)}
               for n, v in zip(range(1, 7), values, strict=True)]  # fmt: skip
    mean = _all_domains(domains, SdgConfig(), "en")
    lowest = _all_domains(domains, SdgConfig(all_domains="lowest"), "en")
    assert mean is not None and lowest is not None
    assert (mean["display"], mean["category"]) == ("91.6", 3)
    assert lowest["category"] == 2
    assert _all_domains(domains, SdgConfig(all_domains="none"), "en") is None


# Sub-category values as the rules can give them: a mean of credits 0, 0.5, 1.
sub_values = st.one_of(
    st.none(),
    st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=6).map(
        lambda halves: Fraction(sum(halves), 2 * len(halves))
    ),
)
shares = st.integers(min_value=1, max_value=1000).map(lambda n: n / 1000)


@given(
    values=st.lists(sub_values, min_size=5, max_size=5),
    thresholds=st.lists(shares, min_size=3, max_size=3).map(sorted),
)
def test_property_value_is_sum_over_five_and_category_and_display_agree(
    values: list[Fraction | None], thresholds: list[float]
) -> None:
    from mgi_cli.reports.sdg import _valued

    config = SdgConfig(thresholds=(thresholds[0], thresholds[1], thresholds[2]))
    exact = sum((v for v in values if v is not None), Fraction(0)) / 5 * 100
    shown = _valued(exact, config, "en")
    assert shown["value"] == pytest.approx(sum(float(v or 0) for v in values) / 5 * 100)
    expected = 1 + sum(1 for t in thresholds if exact >= Fraction(round(t * 1000), 10))
    assert shown["category"] == expected
    # The number shown, read back, falls in the same category.
    assert config.category(Fraction(shown["display"])) == shown["category"]
    assert Fraction(shown["display"]) <= exact < Fraction(shown["display"]) + Fraction(1, 10)


def test_percent_is_exact() -> None:
    assert percent(0.805) == Fraction(805, 10)
    assert percent(0.8) == 80


# --- public output ---


def test_public_output_withholds_a_domain_drawing_on_a_protected_sub_area(report: Any) -> None:
    answers = ALL_YES | {"M1.01": "yes!", "M1.02": "partial"}
    public = {d["code"]: d for d in report(answers)["domains"]}
    government = {d["code"]: d for d in report(answers, audience="government")["domains"]}
    assert public["PD_1"]["withheld"] is True
    assert (public["PD_1"]["value"], public["PD_1"]["category"]) == (None, None)
    assert all(s["indicators"] == [] for s in public["PD_1"]["sub_categories"])
    assert government["PD_1"]["value"] == 35.0
    # A domain shown to the public has the government's value.
    assert public["PD_2"] == government["PD_2"]
    # Which answer of the sub-area is restricted does not change public output.
    other = {
        d["code"]: d for d in report(ALL_YES | {"M1.01": "yes", "M1.02": "partial!"})["domains"]
    }
    assert other == public


def test_public_reports_on_the_examples_give_the_government_values_where_shown(mgi: Mgi) -> None:
    for matrix in (BASELINE, FOLLOW_UP):
        public = json.loads(mgi("report", "sdg-10-7-2", matrix, "--format", "json").stdout)
        government = json.loads(
            mgi(
                "report", "sdg-10-7-2", matrix, "--format", "json", "--audience", "government"
            ).stdout
        )
        assert public["basis"] == government["basis"] == "mgi-proxy"
        for shown, full in zip(public["domains"], government["domains"], strict=True):
            assert len(shown["sub_categories"]) == 5
            if not shown["withheld"]:
                assert shown["value"] == full["value"]
                assert shown["category"] == full["category"]


# --- the rule file ---


@pytest.mark.parametrize("series", ["SG_CPA_MIGRS", "SG_CPA_MIGRP", "sg_cpa_migrs"])
def test_an_official_series_code_is_refused(tmp_path: Path, series: str) -> None:
    path = tmp_path / "rule.toml"
    path.write_text(f'series = "{series}"\n', encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load_sdg_config(path)
    assert "is an official UN series code" in str(error.value.problems)


def test_thresholds_finer_than_a_tenth_of_a_point_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "rule.toml"
    path.write_text("[thresholds]\nmeets = 0.8055\n", encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load_sdg_config(path)
    assert "more than three decimals" in str(error.value.problems)


def test_a_domain_needs_five_sub_categories(tmp_path: Path) -> None:
    text = default_config_path().read_text(encoding="utf-8")
    cut = text.index("[[domains.sub_categories]]")
    path = tmp_path / "rule.toml"
    # PD_1 loses its first sub-category.
    path.write_text(text[:cut] + text[text.index("[[domains.sub_categories]]", cut + 1) :])
    with pytest.raises(UsageError) as error:
        load_sdg_config(path)
    assert "exactly 5 sub-categories, not 4" in str(error.value.problems)


def test_a_rule_file_without_domains_keeps_the_packaged_ones(tmp_path: Path) -> None:
    path = tmp_path / "rule.toml"
    path.write_text('series = "XAM_10_7_2"\nseries_name = "Proxy"\n', encoding="utf-8")
    config = load_sdg_config(path)
    assert (config.series, config.series_name) == ("XAM_10_7_2", "Proxy")
    assert config.domains == SdgConfig().domains


# --- Open SDG ---


def test_open_sdg_rows_say_they_are_a_proxy_and_never_use_an_official_code(report: Any) -> None:
    text = open_sdg_csv(report(ALL_YES))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["SERIES"], r["COMPOSITE_BREAKDOWN"], r["Value"]) for r in rows] == [
        ("MGI_PROXY_10_7_2", "PD_1", "2"),
        ("MGI_PROXY_10_7_2", "PD_2", "2"),
    ]
    assert all(r["COMMENT_OBS"].startswith("MGI-based proxy") for r in rows)
    assert "SG_CPA" not in text


def test_the_open_sdg_series_is_configurable(mgi: Mgi, tmp_path: Path) -> None:
    rule = tmp_path / "rule.toml"
    rule.write_text('series = "XAM_MGI_10_7_2"\n', encoding="utf-8")
    result = mgi(
        "report", "sdg-10-7-2", FOLLOW_UP, "--audience", "government", "--export", "open-sdg",
        "--config", rule,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["SERIES"] for r in rows} == {"XAM_MGI_10_7_2"}
    assert [r["COMPOSITE_BREAKDOWN"] for r in rows] == [f"PD_{n}" for n in range(1, 7)] + [""]
    assert all("MGI-based proxy" in r["COMMENT_OBS"] for r in rows)
    assert "SG_CPA" not in result.stdout
