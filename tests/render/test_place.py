"""Finding sentences name the place with the article each language needs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgi_cli.render.place import article, name_in_sentence


@pytest.mark.parametrize(
    ("lang", "name", "sentence", "expected"),
    [
        ("en", "Republic of Xamaria", "The law of {country} applies.",
         "The law of the Republic of Xamaria applies."),
        ("en", "Republic of Xamaria", "{country} ratified it. When {country} acts, {country} wins.",
         "The Republic of Xamaria ratified it. When the Republic of Xamaria acts, the Republic "
         "of Xamaria wins."),
        ("en", "United Kingdom", "{country} publishes.", "The United Kingdom publishes."),
        ("en", "Czech Republic", "of {country}", "of the Czech Republic"),
        ("en", "City of Port Selen", "{locality} runs a programme.",
         "The City of Port Selen runs a programme."),
        ("en", "Kenya", "The law of {country}.", "The law of Kenya."),
        ("en", "Port Selen", "{locality} publishes.", "Port Selen publishes."),
        ("fr", "République de Xamarie", "La législation de {country} garantit.",
         "La législation de la République de Xamarie garantit."),
        ("fr", "République de Xamarie", "{country} a ratifié. Quand {country} agit",
         "La République de Xamarie a ratifié. Quand la République de Xamarie agit"),
        ("fr", "Royaume de Belmora", "La loi de {country}", "La loi du Royaume de Belmora"),
        ("fr", "Royaume-Uni", "La loi de {country}", "La loi du Royaume-Uni"),
        ("fr", "États fédérés de Micronésie", "Le droit de {country}",
         "Le droit des États fédérés de Micronésie"),
        ("fr", "État de Palestine", "Le droit de {country}", "Le droit de l'État de Palestine"),
        ("fr", "Ville de Port Selen", "{locality} publie; les services de {locality}",
         "La Ville de Port Selen publie; les services de la Ville de Port Selen"),
        ("fr", "Le Havre", "Les habitants de {locality}", "Les habitants du Havre"),
        ("fr", "Port Selen", "Les habitants de {locality}", "Les habitants de Port Selen"),
        ("es", "República de Xamaria", "La legislación de {country}; {country} garantiza",
         "La legislación de la República de Xamaria; la República de Xamaria garantiza"),
        ("es", "Reino de Belmora", "La ley del país: de {country}, a {country}",
         "La ley del país: del Reino de Belmora, al Reino de Belmora"),
        ("es", "El Salvador", "La ley de {country}", "La ley de El Salvador"),
        ("es", "Estados Unidos Mexicanos", "de {country}", "de los Estados Unidos Mexicanos"),
        ("pt", "República da Xamária", "A legislação de {country}. {country} garante",
         "A legislação da República da Xamária. A República da Xamária garante"),
        ("pt", "Reino de Belmora", "de {country}, em {country}, a {country}",
         "do Reino de Belmora, no Reino de Belmora, ao Reino de Belmora"),
        ("pt", "Cidade de Port Selen", "{locality} mantém", "A Cidade de Port Selen mantém"),
        ("pt", "Emirados Árabes Unidos", "de {country}", "dos Emirados Árabes Unidos"),
    ],
)  # fmt: skip
def test_the_place_takes_its_article_fused_with_the_preposition(
    lang: str, name: str, sentence: str, expected: str
) -> None:
    assert name_in_sentence(sentence, lang, name) == expected


def test_the_article_of_a_name() -> None:
    assert [article("République de Xamarie", "fr"), article("Île Maurice", "fr")] == ["la", ""]
    assert article("Émirats arabes unis", "fr") == "les"
    assert article("La Paz", "es") == ""  # its own
    assert article("The Gambia", "en") == ""  # its own
    assert article("Republic of Xamaria", "de") == ""  # a language without rules


NAMES = st.sampled_from(
    ["Republic of Xamaria", "République de Xamarie", "Reino de Belmora", "Port Selen", "Kenya"]
)
LANGS = st.sampled_from(["en", "fr", "es", "pt"])
WORDS = st.lists(st.sampled_from(["de", "of", "a", "law", "La", ".", "{country}", "{locality}"]))


@given(words=WORDS, name=NAMES, lang=LANGS)
def test_every_placeholder_is_replaced_and_nothing_else_changes(
    words: list[str], name: str, lang: str
) -> None:
    sentence = " ".join(words)
    result = name_in_sentence(sentence, lang, name)
    assert "{country}" not in result and "{locality}" not in result
    assert result.count(name) == sentence.count("{country}") + sentence.count("{locality}")
    if "{" not in sentence:
        assert result == sentence
