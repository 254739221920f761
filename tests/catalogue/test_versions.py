"""Catalogue versions (docs/catalogue.md): mgi-national@1.1, ID@VERSION, `mgi catalogue
diff`, the checks on findings and ids, and a follow-up on 1.1 against a baseline on 1.0."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from mgi_cli.catalogue.changes import compare_catalogues
from mgi_cli.catalogue.load import load_catalogue
from mgi_cli.catalogue.models import Catalogue
from mgi_cli.catalogue.versions import newest_first, parse_ref, version_key
from mgi_cli.commands.common import catalogue_library
from mgi_cli.errors import CatalogueError
from mgi_cli.problems import codes

Mgi = Callable[..., Result]
MODULES = {"environment": 10, "diaspora": 13, "social_cohesion": 8}
#: The languages of every catalogue text (pt is written for every indicator).
TEXT_LANGUAGES = ("en", "fr", "es", "pt")


@pytest.fixture(scope="module")
def v1_0() -> Catalogue:
    found = catalogue_library().get("mgi-national@1.0")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def v1_1() -> Catalogue:
    found = catalogue_library().get("mgi-national@1.1")
    assert found is not None
    return found


# --- mgi-national@1.1 ------------------------------------------------------------------


def test_1_1_is_1_0_plus_three_modules(v1_0: Catalogue, v1_1: Catalogue) -> None:
    modules = Counter(i.module for i in v1_1.indicators)
    assert modules == {"standard": 94, "covid19": 12, **MODULES}
    assert v1_1.module_ids == ["standard", "covid19", *MODULES]
    d1 = [i for i in v1_1.indicators if i.module == "standard" and i.dimension == "D1"]
    assert len(d1) == 24
    # 1.0's indicators are in 1.1 unchanged, in the same order.
    assert v1_1.indicators[:106] == v1_0.indicators
    assert (v1_1.lineage, v1_1.retired) == (["mgi-national@1.0"], [])


def test_every_gcm_objective_is_informed_by_two_indicators(
    v1_0: Catalogue, v1_1: Catalogue
) -> None:
    counts = Counter(n for i in v1_1.indicators for n in i.gcm)
    assert {n: counts[n] for n in range(1, 24) if counts[n] < 2} == {}
    # 1.0 left objective 8 without any indicator.
    assert Counter(n for i in v1_0.indicators for n in i.gcm)[8] == 0


def test_module_indicators_are_written_in_four_languages(v1_1: Catalogue) -> None:
    for indicator in v1_1.indicators:
        if indicator.module not in MODULES:
            continue
        assert set(TEXT_LANGUAGES) <= set(indicator.question), indicator.id
        assert indicator.findings is not None
        assert set(indicator.findings) == {"yes", "partial", "no"}, indicator.id
        for texts in indicator.findings.values():
            assert set(TEXT_LANGUAGES) <= set(texts), indicator.id
    for module in v1_1.modules:
        assert set(TEXT_LANGUAGES) <= set(module.name), module.id


def test_environment_goes_beyond_two_indicators(v1_1: Catalogue) -> None:
    tagged = [i.id for i in v1_1.indicators if "environment" in i.tags]
    assert len(tagged) == 12
    assert {"D5.01", "D5.11"} < set(tagged)


def test_diaspora_indicators_concern_emigration(v1_1: Catalogue) -> None:
    diaspora = [i for i in v1_1.indicators if i.module == "diaspora"]
    assert {i.migration for i in diaspora} <= {"emigration", "both"}


def test_an_anti_discrimination_indicator_informs_objective_17(v1_1: Catalogue) -> None:
    assert any(17 in i.gcm for i in v1_1.indicators if i.module == "social_cohesion")


# --- Versions and references -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("mgi-national@1.1", ("mgi-national", "1.1")),
        ("acme.v2@2024-03", ("acme.v2", "2024-03")),
        ("mgi-national", None),
        ("mgi-national@", None),
        ("Mgi@1.0", None),
        ("a/b@1.0", None),
    ],
)
def test_parse_ref(text: str, parsed: tuple[str, str] | None) -> None:
    assert parse_ref(text) == parsed


def test_versions_sort_as_people_read_them() -> None:
    refs = ["x@1.9", "x@1.10", "x@2.0", "x@1.1-rc1", "x@1.1", "a@3"]
    assert newest_first(refs) == ["a@3", "x@2.0", "x@1.10", "x@1.9", "x@1.1", "x@1.1-rc1"]


@given(st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=4), st.data())
def test_numeric_versions_compare_as_number_tuples(parts: list[int], data: st.DataObject) -> None:
    other = data.draw(st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=4))
    left, right = ".".join(map(str, parts)), ".".join(map(str, other))
    assert (version_key(left) < version_key(right)) == (parts < other)


def test_library_knows_the_newest(v1_1: Catalogue) -> None:
    library = catalogue_library()
    assert library.newest("mgi-national") == v1_1
    assert library.newest("nothing") is None
    assert library.default("national") == v1_1
    assert library.default("local").ref == "mgi-local@1.0"


@pytest.mark.parametrize(
    ("args", "ref", "count"),
    [
        ((), "mgi-national@1.1", 137),
        (("--catalogue", "mgi-national@1.0"), "mgi-national@1.0", 106),
        (("--catalogue", "mgi-national@1.1", "--module", "environment"), "mgi-national@1.1", 10),
        (("--level", "local"), "mgi-local@1.0", 87),
    ],
)
def test_mgi_catalogue_takes_a_version(
    mgi: Mgi, args: tuple[str, ...], ref: str, count: int
) -> None:
    result = mgi("catalogue", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (f"{data['id']}@{data['version']}", len(data["indicators"])) == (ref, count)


def test_mgi_catalogue_in_portuguese(mgi: Mgi) -> None:
    result = mgi("catalogue", "ENV.01", "--format", "json")
    indicator = json.loads(result.stdout)["indicators"][0]
    assert indicator["question"]["pt"].startswith("A política ou estratégia nacional")
    assert indicator["findings"]["partial"]["pt"].startswith("A política nacional de migração")
    assert set(indicator["findings"]) == {"yes", "partial", "no"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("catalogue", "--catalogue", "mgi-national@9.9"),
            "mgi: no catalogue 'mgi-national@9.9' (installed: mgi-local@1.0, "
            "mgi-national@1.1, mgi-national@1.0)\n",
        ),
        (
            ("validate", "examples/matrices", "--catalogue", "mgi-national@9.9"),
            "mgi: no catalogue 'mgi-national@9.9' (installed: mgi-local@1.0, "
            "mgi-national@1.1, mgi-national@1.0)\n",
        ),
        (
            ("catalogue", "--catalogue", "no-such-file.yaml"),
            "mgi: no catalogue file 'no-such-file.yaml' (and not an <id>@<version>)\n",
        ),
        (
            ("report", "gcm", "examples/matrices/XAM/2026-follow_up.yaml", "--catalogue", "x"),
            "mgi: no catalogue file 'x' (and not an <id>@<version>)\n",
        ),
    ],
)
def test_an_unknown_catalogue_is_a_usage_error(
    mgi: Mgi, project_root: Path, args: tuple[str, ...], message: str
) -> None:
    given = [project_root / a if a.startswith("examples") else a for a in args]
    result = mgi(*given)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_a_folder_is_not_a_catalogue(mgi: Mgi, tmp_path: Path) -> None:
    result = mgi("catalogue", "--catalogue", tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        f"mgi: {tmp_path} is a folder, not a catalogue file\n",
    )


def test_commands_taking_a_matrix_accept_a_version(mgi: Mgi, project_root: Path) -> None:
    follow_up = project_root / "examples/matrices/XAM/2026-follow_up.yaml"
    result = mgi("validate", follow_up, "--catalogue", "mgi-national@1.1")
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked, 0 warnings\n")


# --- mgi catalogue diff ------------------------------------------------------------------


def test_catalogue_diff_1_0_to_1_1_json(mgi: Mgi, v1_1: Catalogue) -> None:
    result = mgi("catalogue", "diff", "mgi-national@1.0", "mgi-national@1.1", "--format", "json")
    assert result.exit_code == 0, result.output
    added = [i.id for i in v1_1.indicators if i.module in MODULES]
    assert json.loads(result.stdout) == {"added": added, "removed": [], "changed": []}


def test_catalogue_diff_1_0_to_1_1_text(mgi: Mgi) -> None:
    result = mgi("catalogue", "diff", "mgi-national@1.0", "mgi-national@1.1")
    env = ", ".join(f"ENV.{n:02}" for n in range(1, 11))
    dia = ", ".join(f"DIA.{n:02}" for n in range(1, 14))
    soc = ", ".join(f"SOC.{n:02}" for n in range(1, 9))
    assert (result.exit_code, result.stdout) == (
        0,
        "mgi-national@1.0 -> mgi-national@1.1\n"
        "new modules: environment, diaspora, social_cohesion\n"
        "added: 31\n"
        f"  environment: {env}\n"
        f"  diaspora: {dia}\n"
        f"  social_cohesion: {soc}\n"
        "removed: 0\n"
        "changed: 0\n",
    )


def test_catalogue_diff_names_replaced_retired_and_changed_fields(
    mgi: Mgi, project_root: Path
) -> None:
    data = project_root / "tests" / "diff_data"
    old, new = data / "difftest-1.0.yaml", data / "difftest-2.0.yaml"
    changes = compare_catalogues(load_catalogue(old), load_catalogue(new))
    assert (changes.added, changes.removed, changes.undeclared) == (
        ("T2.05", "T2.06"),
        ("T1.04", "T2.02"),
        (),
    )
    assert changes.replaced_by == {"T2.02": "T2.05"}
    result = mgi("catalogue", "diff", old, new)
    assert result.exit_code == 0
    assert "  T1.04 (retired)\n  T2.02 (replaced by T2.05)\n" in result.stdout
    as_json = json.loads(mgi("catalogue", "diff", old, new, "--format", "json").stdout)
    assert as_json == changes.as_json()


def test_catalogue_diff_lists_changed_fields(mini_catalogue: Path, tmp_path: Path) -> None:
    text = mini_catalogue.read_text(encoding="utf-8")
    edited = (
        text.replace('version: "1.0"', 'version: "1.1"')
        .replace("    gcm: [15]\n", "    gcm: [15, 16]\n")
        .replace("obtain emergency health care?", "obtain emergency health care free of charge?")
    )
    newer = tmp_path / "mini-1.1.yaml"
    newer.write_text(edited, encoding="utf-8")
    changes = compare_catalogues(load_catalogue(mini_catalogue), load_catalogue(newer))
    assert changes.as_json() == {
        "added": [],
        "removed": [],
        "changed": [{"id": "M1.01", "fields": ["question", "gcm"]}],
    }


def test_an_undeclared_removal_is_named(mini_catalogue: Path, tmp_path: Path) -> None:
    text = mini_catalogue.read_text(encoding="utf-8")
    start = text.index("  - id: M3.01\n")
    end = text.index("  - id: C.01\n")
    edited = text[:start] + text[end:]
    edited = edited.replace('version: "1.0"', 'version: "2.0"\nlineage: [mini@1.0]')
    newer = tmp_path / "mini-2.0.yaml"
    newer.write_text(edited, encoding="utf-8")
    changes = compare_catalogues(load_catalogue(mini_catalogue), load_catalogue(newer))
    assert (changes.removed, changes.undeclared) == (("M3.01",), ("M3.01",))


def test_catalogue_diff_help_and_misuse(mgi: Mgi) -> None:
    help_text = mgi("catalogue", "diff", "--help")
    assert help_text.exit_code == 0
    assert help_text.stdout.startswith("Usage: mgi catalogue diff [OPTIONS] OLD NEW")
    missing = mgi("catalogue", "diff", "mgi-national@1.0")
    assert missing.exit_code == 2
    assert "Missing argument 'new'" in missing.stderr


# --- Checks on findings and ids ------------------------------------------------------------


def _variant(tmp_path: Path, mini_catalogue: Path, *edits: tuple[str, str]) -> Path:
    text = mini_catalogue.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


M1_01 = "    sdg_10_7_2: PD_1\n  - id: M1.02\n"
M1_03 = "      at_once: A residence permit allows work from its first day.\n"


def _problems(path: Path) -> list[tuple[str, int | None, str]]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    return [(p.code, p.line, p.message) for p in caught.value.problems]


def _findings(values: dict[str, str], indent: str = "    ") -> str:
    lines = [f"{indent}findings:"]
    lines += [f'{indent}  "{value}": {{en: "{text}"}}' for value, text in values.items()]
    return "\n".join(lines) + "\n"


def test_findings_covering_the_scale_load(tmp_path: Path, mini_catalogue: Path) -> None:
    good = _findings({"yes": "In place.", "partial": "Partly.", "no": "{country} has none."})
    own = _findings({"at_once": "At once.", "within_a_year": "Later.", "never": "Never."})
    path = _variant(
        tmp_path,
        mini_catalogue,
        (M1_01, M1_01.replace("  - id", good + "  - id")),
        (M1_03, M1_03 + own),
    )
    catalogue = load_catalogue(path)
    assert catalogue.indicator("M1.03").findings["never"] == {"en": "Never."}  # type: ignore[index,union-attr]


@pytest.mark.parametrize(
    ("findings", "message"),
    [
        ({"yes": "In place.", "no": "None."}, "M1.01: no finding for 'partial'"),
        (
            {"yes": "A.", "partial": "B.", "no": "C.", "maybe": "D."},
            "M1.01: a finding for 'maybe', which is not on its scale",
        ),
        (
            {"yes": "{city} has it.", "partial": "B.", "no": "C."},
            "M1.01: the 'yes' finding (en) has a placeholder other than {country} and "
            "{locality}, or a stray brace",
        ),
    ],
)
def test_findings_must_cover_the_scale(
    tmp_path: Path, mini_catalogue: Path, findings: dict[str, str], message: str
) -> None:
    block = _findings(findings)
    path = _variant(tmp_path, mini_catalogue, (M1_01, M1_01.replace("  - id", block + "  - id")))
    problems = _problems(path)
    assert [(c, m) for c, _, m in problems] == [(codes.CATALOGUE_FINDINGS, message)]
    assert problems[0][1] is not None  # points at the line


def test_not_applicable_needs_no_finding(tmp_path: Path, mini_catalogue: Path) -> None:
    block = _findings({"yes": "A.", "partial": "B.", "no": "C."})
    path = _variant(tmp_path, mini_catalogue, (M1_01, M1_01.replace("  - id", block + "  - id")))
    assert load_catalogue(path).indicator("M1.01").findings is not None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("  - id: M1.02\n", "  - id: M1..02\n"),
            "the indicator id 'M1..02' is not parts of letters, digits, '_' or '-' joined by "
            "dots (such as D1.01 or ENV.01)",
        ),
        (
            ("  - id: M2.02\n", "  - id: D1.99\n"),
            "D1.99 is in dimension D2, but its id names D1",
        ),
    ],
)
def test_indicator_ids_follow_the_pattern(
    tmp_path: Path, mini_catalogue: Path, edit: tuple[str, str], message: str
) -> None:
    problems = _problems(_variant(tmp_path, mini_catalogue, edit))
    assert [(c, m) for c, _, m in problems] == [(codes.CATALOGUE_ID, message)]


def test_dimension_ids_have_no_dot(tmp_path: Path, mini_catalogue: Path) -> None:
    text = mini_catalogue.read_text(encoding="utf-8").replace("D3", "D.3")
    path = tmp_path / "dotted.yaml"
    path.write_text(text, encoding="utf-8")
    problems = _problems(path)
    assert [c for c, _, _ in problems] == [codes.CATALOGUE_ID]
    assert "the dimension id 'D.3'" in problems[0][2]


# --- Follow-ups across versions ---------------------------------------------------------


def test_the_2026_follow_up_on_1_1_diffs_against_2022_on_1_0(mgi: Mgi, project_root: Path) -> None:
    follow_up = project_root / "examples/matrices/XAM/2026-follow_up.yaml"
    result = mgi("diff", follow_up, "--format", "json", "--only", "answers")
    assert result.exit_code == 0, result.output
    changes = {c["indicator"]: c for c in json.loads(result.stdout)["changes"]}
    environment = {k: c for k, c in changes.items() if k.startswith("ENV.")}
    assert sorted(environment) == [f"ENV.{n:02}" for n in range(1, 11)]
    assert {(c["kind"], c["before"]) for c in environment.values()} == {
        ("added_to_catalogue", None)
    }
    moved = {
        k: (c["before"], c["after"], c["direction"]) for k, c in changes.items() if k[0] == "D"
    }
    assert moved == {
        "D1.05": ("no", "partial", "progress"),
        "D5.03": ("no", "yes", "progress"),
        "D5.10": ("partial", "yes", "progress"),
        "D5.11": ("no", "yes", "progress"),
    }
    text = mgi("diff", follow_up).stdout
    assert "  10 newly assessed (new in the catalogue), 0 retired from the catalogue\n" in text


def test_a_follow_up_draft_names_the_newer_version(
    mgi: Mgi, project_root: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "2022-follow_up.yaml"
    for name in ("2018-baseline.yaml", "2022-follow_up.yaml"):
        source = project_root / "examples/matrices/XAM" / name
        (tmp_path / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    draft = tmp_path / "2026-follow_up.yaml"
    args = ("new", "--follow-up-of", baseline, "--assessed-on", "2026-09-30", "-o", draft)
    result = mgi(*args)
    assert result.exit_code == 0, result.output
    note = (
        "mgi: mgi-national@1.1 is newer than mgi-national@1.0: 31 indicator(s) added "
        "(modules environment, diaspora, social_cohesion), 0 removed, 0 changed; "
        "`mgi catalogue diff mgi-national@1.0 mgi-national@1.1` lists them, and "
        "`--catalogue mgi-national@1.1` starts the follow-up on it\n"
    )
    assert result.stderr.startswith(note)
    assert "catalogue: mgi-national@1.0\n" in draft.read_text(encoding="utf-8")
    upgraded = mgi(*args, "--force", "--catalogue", "mgi-national@1.1")
    assert upgraded.exit_code == 0, upgraded.output
    assert "is newer than" not in upgraded.stderr
    assert "catalogue: mgi-national@1.1\n" in draft.read_text(encoding="utf-8")


def test_packaged_versions_declare_every_removal() -> None:
    """What a version drops from one it continues is listed under retired: or replaced."""
    library = catalogue_library()
    for ref in library.known():
        catalogue = library.get(ref)
        assert catalogue is not None
        for earlier_ref in catalogue.lineage:
            earlier = library.get(earlier_ref)
            assert earlier is not None, (ref, earlier_ref)
            assert compare_catalogues(earlier, catalogue).undeclared == (), ref
