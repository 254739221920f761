"""Local MGI: the packaged local catalogue, the Port Selen example, `subdivision` and `context`.

The invalid cases with exact codes and lines are in matrices/invalid (subdivision-*,
context-*); these tests check the words users read and what the corpus cannot hold:
special files, links, the CLI on the examples.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.commands.common import catalogue_library
from mgi_cli.languages import LANGUAGES
from mgi_cli.matrix.load import load_matrix
from mgi_cli.problems.problem import Problem
from mgi_cli.validate.checker import validate_file
from mgi_cli.validate.rule_input import ValidationOptions

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
PORT_SELEN = ROOT / "examples" / "matrices" / "XAM" / "local" / "port-selen" / "2021-baseline.yaml"
NATIONAL = ROOT / "examples" / "matrices" / "XAM" / "2018-baseline.yaml"

LOCAL_HEAD = """\
format: mgi-matrix/1
country: {country}
level: local
locality: Port Xam
{extra}
assessment: baseline
catalogue: mini-local@1.0
modules: [standard]
assessed_on: 2020-06-01
status: validated
answers:
  L1.01: {{answer: "no", justification: The city offers no classes.}}
  L1.02: {{answer: "no", justification: There is no such centre.}}
process: {{validated: {{date: 2020-06-01, by: Port Xam city council}}}}
"""


def _local(folder: Path, country: str = "XAM", extra: str = "", name: str = "m.yaml") -> Path:
    path = folder / name
    path.write_text(LOCAL_HEAD.format(country=country, extra=extra), encoding="utf-8")
    return path


def _check(
    path: Path, library: CatalogueLibrary, options: ValidationOptions
) -> list[tuple[str, str, str | None]]:
    found: list[Problem] = validate_file(path, library, options)
    return [(p.code, p.message, p.hint) for p in found]


# --- The packaged local catalogue ----------------------------------------------------


def test_the_packaged_local_catalogue() -> None:
    packaged = catalogue_library()
    local = packaged.default("local")
    assert (local.ref, local.level) == ("mgi-local@1.0", "local")
    assert len(local.indicators) == 87
    assert [d.id for d in local.dimensions] == ["D1", "D2", "D3", "D4", "D5", "D6"]
    per_dimension = Counter(i.dimension for i in local.indicators)
    assert set(per_dimension) == {"D1", "D2", "D3", "D4", "D5", "D6"}
    assert all(count >= 8 for count in per_dimension.values())
    assert {i.module for i in local.indicators} == {"standard"}
    for indicator in local.indicators:
        assert set(LANGUAGES) <= set(indicator.question), indicator.id
        assert indicator.findings is not None, indicator.id
    # The newest national catalogue is the default for national matrices.
    assert packaged.default("national").ref == "mgi-national@1.1"


def test_mgi_catalogue_lists_the_local_catalogue(mgi: Mgi) -> None:
    result = mgi("catalogue", "--level", "local", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["version"], len(data["indicators"])) == ("mgi-local", "1.0", 87)


# --- The Port Selen example ----------------------------------------------------------


def test_the_port_selen_example_validates_clean(mgi: Mgi) -> None:
    result = mgi("validate", "--format", "text", PORT_SELEN)
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked, 0 warnings\n")


def test_the_port_selen_example_points_at_the_national_baseline() -> None:
    matrix = load_matrix(PORT_SELEN).matrix
    assert matrix is not None
    assert (matrix.level, matrix.locality, matrix.subdivision) == ("local", "Port Selen", "XAM-PS")
    assert matrix.catalogue == "mgi-local@1.0"
    assert matrix.context is not None
    assert (PORT_SELEN.parent / matrix.context).resolve() == NATIONAL
    assert len(matrix.answers) == 87


# --- subdivision ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "code", "expected"),
    [
        ("KEN", "KE-30", []),
        ("FRA", "FR-75C", []),
        ("XAM", "XAM-PS", []),
        ("XAM", "XAM-001", []),
        (
            "KEN", "UG-102",
            [("subdivision-mismatch", "UG-102 (Kampala) is in Uganda, not in Kenya (KEN)", None)],
        ),
        (
            "KEN", "ke-30",
            [("unknown-subdivision", "'ke-30' is not an ISO 3166-2 subdivision code",
              "write it as KE-30")],
        ),
        (
            "KEN", "KEN-30",
            [("unknown-subdivision", "'KEN-30' is not an ISO 3166-2 subdivision code",
              "Kenya's codes run KE-01 ... KE-47")],
        ),
        (
            "XAM", "XAM-PORT",
            [("unknown-subdivision",
              "'XAM-PORT' is not a subdivision code of the user-assigned country XAM",
              "write XAM- and 1 to 3 capital letters or digits, e.g. XAM-01")],
        ),
        (
            "XAM", "XAB-01",
            [("unknown-subdivision",
              "'XAB-01' is not a subdivision code of the user-assigned country XAM",
              "write XAM- and 1 to 3 capital letters or digits, e.g. XAM-01")],
        ),
    ],
)  # fmt: skip
def test_subdivision_codes(
    tmp_path: Path,
    test_library: CatalogueLibrary,
    validation_options: ValidationOptions,
    country: str,
    code: str,
    expected: list[tuple[str, str, str | None]],
) -> None:
    path = _local(tmp_path, country, f"subdivision: {code}")
    assert _check(path, test_library, validation_options) == expected


def test_a_subdivision_of_a_country_iso_3166_2_does_not_divide(
    tmp_path: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    path = _local(tmp_path, "VAT", "subdivision: VA-01")
    assert _check(path, test_library, validation_options) == [
        ("unknown-subdivision", "'VA-01' is not an ISO 3166-2 subdivision code",
         "ISO 3166-2 lists no subdivisions of Holy See (Vatican City State); "
         "remove `subdivision`"),
    ]  # fmt: skip


# --- context: the national matrix of the same country --------------------------------


def _national(folder: Path, country: str = "XAM") -> Path:
    text = (TESTS / "matrices" / "valid" / "xam-2021-baseline.yaml").read_text(encoding="utf-8")
    path = folder / "national.yaml"
    path.write_text(text.replace("country: XAM", f"country: {country}"), encoding="utf-8")
    return path


def test_a_context_through_a_link_to_a_matrix_is_read(
    tmp_path: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    (tmp_path / "link.yaml").symlink_to(_national(tmp_path))
    path = _local(tmp_path, extra="context: link.yaml")
    assert _check(path, test_library, validation_options) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("through_link", [False, True])
def test_a_context_that_is_a_pipe_is_never_opened(
    tmp_path: Path,
    test_library: CatalogueLibrary,
    validation_options: ValidationOptions,
    through_link: bool,
) -> None:
    # Opening a FIFO for reading blocks until a writer comes: the test would hang.
    os.mkfifo(tmp_path / "pipe.yaml")
    name = "pipe.yaml"
    if through_link:
        (tmp_path / "link.yaml").symlink_to(tmp_path / "pipe.yaml")
        name = "link.yaml"
    path = _local(tmp_path, extra=f"context: {name}")
    assert _check(path, test_library, validation_options) == [
        ("context-unreadable",
         f"the context {name!r} is a device, pipe or socket, not a matrix file; it was not read",
         None),
    ]  # fmt: skip


def test_a_context_that_is_a_device_is_never_opened(
    tmp_path: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    path = _local(tmp_path, extra="context: /dev/zero")
    assert [c for c, _, _ in _check(path, test_library, validation_options)] == [
        "context-unreadable"
    ]


def test_a_dangling_context_link_does_not_exist(
    tmp_path: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    path = _local(tmp_path, extra="context: gone.yaml")
    assert _check(path, test_library, validation_options) == [
        ("context-unreadable",
         f"the context matrix 'gone.yaml' does not exist (looked for {tmp_path / 'gone.yaml'})",
         None),
    ]  # fmt: skip


def test_context_messages_say_what_is_wrong(
    tmp_path: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    other = _national(tmp_path, "XAB")
    path = _local(tmp_path, extra=f"context: {other.name}")
    assert _check(path, test_library, validation_options) == [
        ("context-mismatch", "the context 'national.yaml' is for country 'XAB', this matrix for "
         "'XAM'", None),
    ]  # fmt: skip
    (tmp_path / "broken.yaml").write_text("format: mgi-matrix/1\ncountry: [\n", encoding="utf-8")
    path = _local(tmp_path, extra="context: broken.yaml")
    assert _check(path, test_library, validation_options) == [
        ("context-unreadable", "the context 'broken.yaml' cannot be read as a matrix "
         "(yaml-syntax at line 3)", f"run `mgi validate {tmp_path / 'broken.yaml'}`"),
    ]  # fmt: skip


def test_local_keys_on_a_national_matrix_are_warnings(mgi: Mgi) -> None:
    case = TESTS / "matrices" / "valid" / "national-with-local-keys.yaml"
    result = mgi("validate", "--format", "json", "--catalogue",
                 TESTS / "catalogues" / "mini-1.0.yaml", case)  # fmt: skip
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [(p["line"], p["severity"], p["code"], p["message"]) for p in problems] == [
        (10, "warning", "unexpected-local-key",
         "`subdivision` describes a local assessment; this matrix is national"),
        (11, "warning", "unexpected-local-key",
         "`context` describes a local assessment; this matrix is national"),
    ]  # fmt: skip
    strict = mgi("validate", "--strict", "--catalogue", TESTS / "catalogues" / "mini-1.0.yaml",
                 case)  # fmt: skip
    assert strict.exit_code == 1


def test_github_format_points_at_the_context_line(mgi: Mgi) -> None:
    case = TESTS / "matrices" / "invalid" / "context-local.yaml"
    result = mgi("validate", "--format", "github", "--catalogue",
                 TESTS / "catalogues" / "mini-local-1.0.yaml", case)  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={case},line=6,col=10,title=context-mismatch::")
