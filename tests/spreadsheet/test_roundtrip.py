"""Export then import gives back the same matrix: for any matrix, and through LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.catalogue.models import Catalogue
from mgi_cli.matrix.indicators import as_indicator
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import (
    ActionItem,
    Answer,
    ContextIndicator,
    Matrix,
    Profile,
    Reference,
)
from mgi_cli.spreadsheet.exporter import export_csv, export_xlsx
from mgi_cli.spreadsheet.importer import import_sheet
from mgi_cli.validate.rule_input import ValidationOptions

TODAY = date(2026, 1, 1)
OPTIONS = ValidationOptions(today=TODAY)
EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM" / "2018-baseline.yaml"
)

# Any text a cell can hold: no control characters except tab and line feed.
TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\t\n |\"'=#:-"),
    min_size=1, max_size=30,
)  # fmt: skip


@st.composite
def references(draw: Any, assessed_on: date) -> Reference:
    accessed = draw(st.none() | st.dates(date(2000, 1, 1), assessed_on))
    published = draw(st.none() | st.dates(date(1990, 1, 1), accessed or assessed_on))
    url = draw(st.none() | st.from_regex(r"https?://[a-z]{1,8}\.example(/[a-z0-9|_?=.-]{0,12})?",
                                         fullmatch=True))  # fmt: skip
    return Reference(title=draw(TEXT), url=url, publisher=draw(st.none() | TEXT),
                     published=published, accessed=accessed)  # fmt: skip


LANGUAGE_TEXTS = st.dictionaries(st.sampled_from(["en", "fr", "es", "pt"]),
                                 TEXT.filter(str.strip), min_size=1, max_size=3)  # fmt: skip
#: An authored text: a string in the matrix's language, or one per language.
TEXTS = TEXT.filter(str.strip) | LANGUAGE_TEXTS


@st.composite
def profiles(draw: Any, catalogue: Catalogue) -> Profile | None:
    areas = [f"{d.id}.{a.id}" for d in catalogue.dimensions for a in d.sub_areas]
    return draw(st.none() | st.builds(
        Profile, summary=st.none() | TEXTS, context=st.none() | TEXTS,
        dimensions=st.dictionaries(st.sampled_from([d.id for d in catalogue.dimensions]), TEXTS,
                                   max_size=2),
        sub_areas=st.dictionaries(st.sampled_from(areas), TEXTS, max_size=2),
    ))  # fmt: skip


@st.composite
def matrices(draw: Any, library: CatalogueLibrary) -> Matrix:
    local = draw(st.booleans())
    catalogue = library.get("mini-local@1.0" if local else "mini@1.0")
    assert catalogue is not None
    choices = [["standard"]] if local else [["standard"], ["standard", "covid19"]]
    modules = draw(st.sampled_from(choices))
    assessed_on = draw(st.dates(date(2015, 1, 1), TODAY))
    own = draw(st.lists(context_indicators(catalogue), max_size=2, unique_by=lambda c: c.id))
    declared = catalogue.in_modules(set(modules))
    not_used = draw(st.dictionaries(st.sampled_from([i.id for i in declared]),
                                    TEXT.filter(str.strip), max_size=2))  # fmt: skip
    answers: dict[str, Answer | None] = {}
    for indicator in [*declared, *(as_indicator(c) for c in own)]:
        if indicator.id in not_used:
            continue
        kind = draw(st.sampled_from(["absent", "null", "answer"]))
        if kind == "null":
            answers[indicator.id] = None
        elif kind == "answer":
            scale = [c.id for c in catalogue.scale_of(indicator)]
            answers[indicator.id] = Answer(
                answer=draw(st.none() | st.sampled_from(scale)),
                justification=draw(st.none() | TEXT),
                references=draw(st.lists(references(assessed_on), max_size=2)),
                restricted=draw(st.booleans()), reviewed=draw(st.booleans()),
                notes=draw(st.none() | TEXT), finding=draw(st.none() | TEXTS),
            )  # fmt: skip
    country = draw(st.sampled_from(["XAM", "KEN", "AAZ"]))
    return Matrix(
        format="mgi-matrix/1", country=country,
        level="local" if local else "national",
        locality=draw(TEXT.filter(str.strip)) if local else None,
        assessment="baseline", catalogue=catalogue.ref, modules=modules,
        assessed_on=assessed_on,
        status=draw(st.sampled_from(["draft", "in_review", "validated", "published"])),
        confidentiality=draw(st.sampled_from(["restricted", "public"])),
        title=draw(st.none() | TEXTS), answers=answers,
        profile=draw(profiles(catalogue)), language=draw(st.sampled_from(["en", "fr"])),
        subdivision="XAM-PS" if local and country == "XAM" and draw(st.booleans()) else None,
        context_indicators=own, not_used=not_used,
        action_plan=draw(st.lists(actions([i.id for i in catalogue.indicators]), max_size=2,
                                  unique_by=lambda a: a.id)),
    )  # fmt: skip


@st.composite
def context_indicators(draw: Any, catalogue: Catalogue) -> ContextIndicator:
    dimension = draw(st.sampled_from(catalogue.dimensions))
    return ContextIndicator(
        id=draw(st.sampled_from(["X.01", "X.02", "X.port-authority"])), dimension=dimension.id,
        sub_area=draw(st.none() | st.sampled_from([a.id for a in dimension.sub_areas])),
        question={"en": draw(TEXT.filter(str.strip)), **draw(st.dictionaries(
            st.sampled_from(["fr", "es"]), TEXT.filter(str.strip)))},
        tags=draw(st.lists(st.sampled_from([t.id for t in catalogue.themes]), unique=True))
        if catalogue.themes else [],
        migration=draw(st.sampled_from(["immigration", "emigration", "both"])),
        gcm=draw(st.lists(st.integers(1, 23), max_size=2)),
    )  # fmt: skip


@st.composite
def actions(draw: Any, indicators: list[str]) -> ActionItem:
    return ActionItem(
        id=draw(st.sampled_from(["A1", "A2", "gap 3"])),
        indicators=draw(st.lists(st.sampled_from(indicators), min_size=1, max_size=2)),
        action=draw(TEXT), responsible=draw(st.none() | TEXT),
        due=draw(st.none() | st.dates(date(2015, 1, 1), date(2030, 1, 1))),
        status=draw(st.sampled_from(["done", "dropped"])), progress=draw(st.none() | TEXT),
        notes=draw(st.none() | TEXT),
    )  # fmt: skip


def normalized(matrix: Matrix) -> Matrix:
    """An empty entry (null, or nothing but defaults) means the same as no entry; a text
    in the matrix's language alone means the same as that text as a plain string."""

    def text(value: Any) -> Any:
        plain = isinstance(value, dict) and list(value) == [matrix.language]
        return value[matrix.language] if plain else value

    kept = {
        k: v.model_copy(update={"finding": text(v.finding)})
        for k, v in matrix.answers.items()
        if v is not None and v != Answer()
    }
    profile = matrix.profile
    if profile is not None:
        profile = profile.model_copy(update={
            "summary": text(profile.summary), "context": text(profile.context),
            "dimensions": {k: text(v) for k, v in profile.dimensions.items()},
            "sub_areas": {k: text(v) for k, v in profile.sub_areas.items()},
        })  # fmt: skip
        profile = None if profile == Profile() else profile
    return matrix.model_copy(
        update={"answers": kept, "title": text(matrix.title), "profile": profile}
    )


def _import(path: Path, library: CatalogueLibrary) -> Matrix:
    result = import_sheet(path, path.with_suffix(".yaml"), library, OPTIONS)
    assert result.text is not None, [p.message for p in result.problems]
    out = path.with_name(path.stem + "-back.yaml")
    out.write_text(result.text, encoding="utf-8")
    loaded = load_matrix(out)
    assert loaded.matrix is not None, loaded.problems
    return loaded.matrix


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_export_then_import_is_lossless(
    data: st.DataObject, test_library: CatalogueLibrary
) -> None:
    matrix = data.draw(matrices(test_library))
    catalogue = test_library.get(matrix.catalogue)
    assert catalogue is not None
    with tempfile.TemporaryDirectory() as folder:
        for suffix, export in (("xlsx", export_xlsx), ("csv", export_csv)):
            sheet = Path(folder) / f"m.{suffix}"
            sheet.write_bytes(export(matrix, catalogue))
            assert normalized(_import(sheet, test_library)) == normalized(matrix), suffix


TRICKY = Matrix(
    format="mgi-matrix/1", country="XAM", level="national", assessment="baseline",
    catalogue="mini@1.0", modules=["standard", "covid19"], assessed_on=date(2021, 5, 1),
    status="in_review", title="  Xamaria, “République” ", answers={
        "M1.01": Answer(answer="yes", justification="=SUM(A1:A3) is text, not a formula",
                        references=[Reference(title="Act | 2011", url="https://a.example/?x=|",
                                              published=date(2011, 1, 2))]),
        "M1.02": Answer(answer="partial", justification=" two\nlines\twith tab ",
                        notes="'quoted' \"twice\"", restricted=True, reviewed=False,
                        references=[Reference(title=" padded ", publisher="Ministère",
                                              accessed=date(2020, 2, 29))]),
        "M1.03": Answer(answer="within_a_year", justification="1.0"),
        "C.01": Answer(justification="TRUE", notes="2018-06-12"),
    },
)  # fmt: skip


def test_a_sheet_saved_by_libreoffice_imports_unchanged(
    tmp_path: Path, test_library: CatalogueLibrary
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    example = load_matrix(EXAMPLE).matrix
    assert example is not None
    sheets = []
    for name, matrix in (("tricky", TRICKY), ("example", example)):
        catalogue = test_library.get(matrix.catalogue)
        assert catalogue is not None
        sheets.append(tmp_path / f"{name}.xlsx")
        sheets[-1].write_bytes(export_xlsx(matrix, catalogue))
    saved = tmp_path / "saved"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", saved, *sheets],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert normalized(_import(saved / "tricky.xlsx", test_library)) == normalized(TRICKY)
    assert _import(saved / "example.xlsx", test_library) == example
    # Imported onto the example, the sheet LibreOffice saved leaves it byte-identical.
    onto = tmp_path / "onto" / EXAMPLE.name
    onto.parent.mkdir()
    shutil.copy(EXAMPLE, onto)
    result = import_sheet(saved / "example.xlsx", onto, test_library, OPTIONS)
    assert result.text == EXAMPLE.read_text(encoding="utf-8")


def matrix_file(matrix: Matrix, catalogue: Catalogue) -> str:
    """The matrix as `mgi new` and `mgi fmt` write it."""
    from mgi_cli.formatting.document import matrix_text

    head = matrix.model_dump(exclude={"answers"}, exclude_none=True, exclude_defaults=True)
    head.update(format=matrix.format, country=matrix.country, level=matrix.level)
    answers = {
        k: v.model_dump(exclude_none=True, exclude_defaults=True) if v else None
        for k, v in matrix.answers.items()
    }
    return matrix_text(head, answers, catalogue)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_an_unedited_round_trip_of_any_matrix_is_byte_identical(
    data: st.DataObject, test_library: CatalogueLibrary
) -> None:
    matrix = data.draw(matrices(test_library))
    catalogue = test_library.get(matrix.catalogue)
    assert catalogue is not None
    text = matrix_file(matrix, catalogue)
    lang = data.draw(st.sampled_from(["en", "fr"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.yaml"
        path.write_text(text, encoding="utf-8")
        for suffix, export in (("xlsx", export_xlsx), ("csv", export_csv)):
            sheet = Path(folder) / f"m.{suffix}"
            sheet.write_bytes(export(matrix, catalogue, lang))
            result = import_sheet(sheet, path, test_library, OPTIONS, lang)
            assert result.text is not None, [p.message for p in result.problems]
            assert not [p for p in result.problems if p.code == "fmt-refused"], suffix
            assert result.text == text, suffix
