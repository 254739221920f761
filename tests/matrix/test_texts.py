"""A matrix's authored texts: a string in the matrix's language, or one per language."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mgi_cli.languages import LANGUAGES
from mgi_cli.matrix.models import Matrix
from mgi_cli.matrix.texts import (
    as_languages,
    missing_languages,
    text_in,
    untranslated,
    walk_texts,
)

BASE: dict[str, Any] = {
    "format": "mgi-matrix/1",
    "country": "XAM",
    "level": "national",
    "assessment": "baseline",
    "catalogue": "mgi-national@1.0",
    "modules": ["standard"],
    "assessed_on": "2022-09-30",
    "status": "draft",
}


def test_a_string_is_in_the_matrix_language() -> None:
    assert text_in("Texte", "fr", "fr") == ("Texte", False)
    # Asked in English, the French string is all there is: given, and said to fall back.
    assert text_in("Texte", "en", "fr") == ("Texte", True)


def test_a_mapping_falls_back_to_english_then_the_matrix_language() -> None:
    texts = {"fr": "Texte", "en": "Text"}
    assert text_in(texts, "fr") == ("Texte", False)
    assert text_in(texts, "es") == ("Text", True)
    assert text_in({"fr": "Texte", "es": "Texto"}, "pt", "es") == ("Texto", True)
    assert text_in({"es": "Texto", "fr": "Texte"}, "pt", "en") == ("Texte", True)


def test_no_text_is_not_a_fallback() -> None:
    assert text_in(None, "fr") == ("", False)
    assert text_in({"fr": "  "}, "fr") == ("", False)


def test_blank_translations_count_as_missing() -> None:
    assert text_in({"en": "Text", "fr": "  "}, "fr") == ("Text", True)
    assert as_languages({"en": " Text ", "fr": " "}) == {"en": "Text"}
    assert missing_languages({"en": "Text", "fr": " "}, ("en", "fr", "es"), "en") == ["fr", "es"]
    assert missing_languages("Texte", ("en", "fr"), "fr") == ["en"]
    assert missing_languages(None, ("en", "fr"), "en") == []


@given(
    st.dictionaries(st.sampled_from(LANGUAGES), st.text(min_size=1), min_size=1),
    st.sampled_from(LANGUAGES),
    st.sampled_from(LANGUAGES),
)
def test_a_text_is_found_whenever_there_is_one(
    texts: dict[str, str], lang: str, default_lang: str
) -> None:
    found, fell_back = text_in(texts, lang, default_lang)
    present = as_languages(texts, default_lang)
    assert (found == "") == (not present)
    if present:
        assert found in present.values()
        assert fell_back == (lang not in present)


def test_the_matrix_reads_every_text_key() -> None:
    matrix = Matrix.model_validate(
        BASE
        | {
            "title": {"en": "Republic of Xamaria", "fr": "République de Xamarie"},
            "language": "fr",
            "profile": {
                "summary": "Résumé",
                "context": {"en": "Context"},
                "dimensions": {"D1": "Droits"},
                "sub_areas": {"D1.health": "Santé"},
            },
            "process": {
                "focal_point": "Ministry of the Interior",
                "consultations": [
                    {"date": "2022-06-14", "kind": "workshop", "participants": ["Red Cross"]}
                ],
                "validated": {"date": "2022-10-14", "by": "Working group"},
            },
            "answers": {"D1.01": {"answer": "yes", "finding": "La loi de 2011 ..."}},
        }
    )
    assert matrix.title_in("fr") == "République de Xamarie"
    assert matrix.title_in("es") == "Republic of Xamaria"
    assert [path for path, _ in walk_texts(matrix)] == [
        ("title",),
        ("profile", "summary"),
        ("profile", "context"),
        ("profile", "dimensions", "D1"),
        ("profile", "sub_areas", "D1.health"),
        ("answers", "D1.01", "finding"),
    ]


def test_a_matrix_without_texts_has_no_title() -> None:
    matrix = Matrix.model_validate(BASE)
    assert matrix.title_in("en") is None
    assert matrix.language == "en"
    assert list(walk_texts(matrix)) == []


@pytest.mark.parametrize(
    ("extra", "loc"),
    [
        ({"title": " "}, ("title",)),
        ({"title": {}}, ("title",)),
        ({"title": ["Xamaria"]}, ("title",)),
        ({"profile": {"summary": {"en": ""}}}, ("profile", "summary")),
        ({"answers": {"D1.01": {"finding": {1: "x"}}}}, ("answers", "D1.01", "finding")),
        ({"process": {"consultations": [{"date": "2022-06-14", "kind": "written",
                                         "participants": []}]}},
         ("process", "consultations", 0, "participants")),
        ({"process": {"validated": {"date": "2022-06-14"}}}, ("process", "validated", "by")),
    ],
)  # fmt: skip
def test_empty_texts_and_records_are_refused(extra: dict[str, Any], loc: tuple[Any, ...]) -> None:
    with pytest.raises(ValidationError) as raised:
        Matrix.model_validate(BASE | extra)
    assert loc in [error["loc"] for error in raised.value.errors()]


def test_untranslated_texts_are_those_missing_a_language_the_matrix_uses() -> None:
    matrix = Matrix.model_validate(
        BASE
        | {
            "title": {"en": "Republic of Xamaria", "pt": "República da Xamária"},
            "language": "fr",
            "profile": {"summary": "Résumé", "sub_areas": {"D1.health": {"en": "Health"}}},
            "answers": {"D1.01": {"answer": "yes", "finding": {"fr": "La loi", "en": "The law"}}},
        }
    )
    # Languages used: en and pt (title), fr (the plain summary is in `language`).
    assert untranslated(matrix) == [
        ("title", ["fr"]),
        ("profile.summary", ["en", "pt"]),
        ("profile.sub_areas.D1.health", ["fr", "pt"]),
        ("answers.D1.01.finding", ["pt"]),
    ]


def test_a_matrix_in_one_language_has_nothing_untranslated() -> None:
    matrix = Matrix.model_validate(BASE | {"title": "Xamaria", "profile": {"summary": "S"}})
    assert untranslated(matrix) == []
