"""Nothing can be inferred (docs/format.md, "Confidentiality"): two matrices that differ
only in WHICH answers of one sub-area are restricted give the same public profile, byte
for byte in Markdown and HTML in every language, and the same text in the PDF (pypdf)
and the Word document (python-docx). The same for two NATIONAL matrices and the public
profile of a local matrix set beside them (``--compare-national``)."""

from __future__ import annotations

from functools import cache
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgi_cli.catalogue.models import Catalogue
from mgi_cli.commands.common import catalogue_library
from mgi_cli.languages import LANGUAGES
from mgi_cli.matrix.confidentiality import sub_area_key
from mgi_cli.matrix.models import Matrix, Profile
from mgi_cli.render.national import National
from mgi_cli.render.profile import render_profile, render_profile_document
from tests.render.test_confidentiality import EXAMPLES, _matrix


@cache
def _example() -> tuple[Matrix, Catalogue, dict[str, list[str]]]:
    """The 2022 follow-up with no restricted answer, its catalogue, and the answered
    indicators of each sub-area holding at least two answers."""
    matrix = _matrix(EXAMPLES / "2022-follow_up.yaml")
    catalogue = catalogue_library().get(matrix.catalogue)
    assert catalogue is not None
    answers = {
        k: a.model_copy(update={"restricted": False}) if a is not None else None
        for k, a in matrix.answers.items()
    }
    matrix = matrix.model_copy(update={"answers": answers})
    areas: dict[str, list[str]] = {}
    for key, entry in answers.items():
        indicator = catalogue.indicator(key)
        if entry is not None and entry.answer is not None and indicator is not None:
            areas.setdefault(sub_area_key(indicator.dimension, indicator.sub_area), []).append(key)
    return matrix, catalogue, {k: sorted(v) for k, v in areas.items() if len(v) >= 2}


def _restricting(matrix: Matrix, chosen: set[str], confidentiality: str) -> Matrix:
    answers = {
        k: a.model_copy(update={"restricted": k in chosen}) if a is not None else None
        for k, a in matrix.answers.items()
    }
    return matrix.model_copy(update={"answers": answers, "confidentiality": confidentiality})


@st.composite
def neighbours(draw: st.DrawFn) -> tuple[str, set[str], set[str], str]:
    """A sub-area and two different non-empty sets of its answers to restrict."""
    _, _, areas = _example()
    area = draw(st.sampled_from(sorted(areas)))
    ids = areas[area]
    first = draw(st.sets(st.sampled_from(ids), min_size=1))
    second = draw(st.sets(st.sampled_from(ids), min_size=1).filter(lambda s: s != first))
    return area, first, second, draw(st.sampled_from(["restricted", "public"]))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=neighbours())
def test_which_answers_of_a_sub_area_are_restricted_cannot_be_told(
    case: tuple[str, set[str], set[str], str],
) -> None:
    _area, first, second, confidentiality = case
    matrix, catalogue, _ = _example()
    one = _restricting(matrix, first, confidentiality)
    other = _restricting(matrix, second, confidentiality)
    for lang in LANGUAGES:
        for fmt in ("md", "html"):
            texts = [
                render_profile(m, catalogue, fmt=fmt, audience="public", lang=lang)
                for m in (one, other)
            ]
            assert texts[0] == texts[1], (fmt, lang, sorted(first), sorted(second))


@cache
def _national_example() -> tuple[Matrix, Matrix, Catalogue, Catalogue, dict[str, list[str]]]:
    """Port Selen's local matrix and its catalogue; its national matrix (the 2018 baseline)
    with no restricted answer, its catalogue, and the answered indicators of each of its
    sub-areas holding at least two answers."""
    local = _matrix(EXAMPLES / "local" / "port-selen" / "2021-baseline.yaml")
    national = _matrix(EXAMPLES / "2018-baseline.yaml")
    library = catalogue_library()
    local_catalogue, catalogue = library.get(local.catalogue), library.get(national.catalogue)
    assert local_catalogue is not None and catalogue is not None
    national = _restricting(national, set(), national.confidentiality)
    areas: dict[str, list[str]] = {}
    for key, entry in national.answers.items():
        indicator = catalogue.indicator(key)
        if entry is not None and entry.answer is not None and indicator is not None:
            areas.setdefault(sub_area_key(indicator.dimension, indicator.sub_area), []).append(key)
    wide = {k: sorted(v) for k, v in areas.items() if len(v) >= 2}
    return local, national, local_catalogue, catalogue, wide


@st.composite
def national_neighbours(draw: st.DrawFn) -> tuple[str, set[str], set[str]]:
    """A sub-area of the national matrix and two different non-empty sets of its answers
    to restrict."""
    areas = _national_example()[4]
    area = draw(st.sampled_from(sorted(areas)))
    ids = areas[area]
    first = draw(st.sets(st.sampled_from(ids), min_size=1))
    second = draw(st.sets(st.sampled_from(ids), min_size=1).filter(lambda s: s != first))
    return area, first, second


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=national_neighbours(), audience=st.sampled_from(["public", "government"]))
def test_nor_from_a_local_profile_set_beside_the_national_matrix(
    case: tuple[str, set[str], set[str]], audience: str
) -> None:
    """For the government too: its readers are the city's authorities, not those who
    restricted the national answers."""
    _area, first, second = case
    local, national, local_catalogue, catalogue, _ = _national_example()
    sides = [
        National(_restricting(national, chosen, national.confidentiality), catalogue, "n.yaml")
        for chosen in (first, second)
    ]
    for lang in LANGUAGES:
        for fmt in ("md", "html"):
            texts = [
                render_profile(
                    local, local_catalogue, fmt=fmt, audience=audience, lang=lang,
                    national=side, compare_national=True,
                )
                for side in sides
            ]  # fmt: skip
            assert "national" in texts[0].lower()
            assert texts[0] == texts[1], (audience, fmt, lang, sorted(first), sorted(second))


def _weasyprint_missing() -> str | None:
    """Why the PDF cannot be typeset here, or None."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError) as error:
        return f"WeasyPrint cannot load here ({error.__class__.__name__}): no PDF to compare"
    return None


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)


def _docx_text(data: bytes) -> list[tuple[str, str]]:
    from docx import Document

    paragraphs = Document(BytesIO(data)).paragraphs
    return [(p.style.name if p.style else "", p.text) for p in paragraphs]


# A document takes 0.3 s (Word) to 2 s (PDF) to make: a few neighbours in one language
# each keep these tests to seconds; md and html above cover every language.
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=neighbours(), lang=st.sampled_from(LANGUAGES))
def test_nor_in_the_text_of_the_word_document(
    case: tuple[str, set[str], set[str], str], lang: str
) -> None:
    _area, first, second, confidentiality = case
    matrix, catalogue, _ = _example()
    texts = [
        _docx_text(
            render_profile_document(
                _restricting(matrix, chosen, confidentiality), catalogue, fmt="docx",
                audience="public", lang=lang,
            )
        )
        for chosen in (first, second)
    ]  # fmt: skip
    assert texts[0] == texts[1], (lang, sorted(first), sorted(second))


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=neighbours(), lang=st.sampled_from(LANGUAGES))
def test_nor_in_the_text_of_the_pdf(case: tuple[str, set[str], set[str], str], lang: str) -> None:
    missing = _weasyprint_missing()
    if missing is not None:
        pytest.skip(missing)
    _area, first, second, _confidentiality = case
    matrix, catalogue, _ = _example()
    # A `confidentiality: restricted` matrix only: its PDF takes 2 s, that of a public one,
    # which lists every indicator, 5 s. The PDF is typeset from the HTML, which the test
    # above compares byte for byte for both.
    texts = [
        _pdf_text(
            render_profile_document(
                _restricting(matrix, chosen, "restricted"), catalogue, fmt="pdf",
                audience="public", lang=lang,
            )
        )
        for chosen in (first, second)
    ]  # fmt: skip
    assert texts[0] == texts[1], (lang, sorted(first), sorted(second))


def test_a_protected_sub_area_shows_only_its_narrative_or_a_neutral_sentence() -> None:
    matrix, catalogue, areas = _example()
    area = next(a for a in sorted(areas) if a.startswith("D1."))
    restricted = _restricting(matrix, {areas[area][0]}, "restricted")
    text = render_profile(restricted, catalogue, fmt="md", audience="public", lang="en")
    assert "not set out indicator by indicator" in text
    with_narrative = restricted.model_copy(
        update={"profile": Profile(sub_areas={area: {"en": "Narrative ZQXNARRATIVE."}})}
    )
    text = render_profile(with_narrative, catalogue, fmt="md", audience="public", lang="en")
    assert "Narrative ZQXNARRATIVE." in text
    assert "not set out indicator by indicator" not in text
    government = render_profile(restricted, catalogue, fmt="md", audience="government", lang="en")
    assert "not set out indicator by indicator" not in government
