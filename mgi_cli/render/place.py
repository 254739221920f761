"""The place a finding sentence names, with the article its language needs.

Catalogue sentences name the place as ``{country}`` or ``{locality}``: "The law of
{country} ...", "La législation de {country} ...", "{locality} publishes ...". Official
names such as "Republic of Xamaria" take an article in every language the profiles are
written in, and French, Spanish and Portuguese fuse it with the preposition before it:

    en  of the Republic of Xamaria     The City of Port Selen publishes ...
    fr  de la République de Xamarie    du Royaume de ..., des États ..., de l'État ...
    es  de la República de Xamaria     del Reino de ..., de los Estados ...
    pt  da República da Xamária        do Reino de ..., dos Estados ...

The rule reads the name's first word (its kind: republic, kingdom, city ...; in
English, any word of ``_EN_THE``): a name it does not know, such as "Port Selen" or
"Kenya", is written as it is, without an article, as before. A name that already starts
with an article ("Le Havre", "La Paz") keeps it, and French fuses it ("du Havre").
A placeholder that begins a sentence gets a capital letter.
"""

from __future__ import annotations

import re
import unicodedata

#: English: a name holding one of these words is "the ...".
_EN_THE = frozenset(
    {
        "republic", "kingdom", "federation", "states", "emirates", "islands", "union",
        "commonwealth", "principality", "duchy", "sultanate", "confederation", "city",
        "municipality", "county", "province", "region", "district", "netherlands",
        "philippines", "bahamas", "gambia", "maldives", "seychelles", "comoros", "holy",
    }
)  # fmt: skip
#: French, Spanish, Portuguese: the article of a name by its first word (accents off).
_ARTICLES: dict[str, dict[str, str]] = {
    "fr": {
        "republique": "la", "royaume": "le", "federation": "la", "confederation": "la",
        "principaute": "la", "etats": "les", "emirats": "les", "iles": "les", "ville": "la",
        "commune": "la", "municipalite": "la", "province": "la", "region": "la",
        "district": "le", "comte": "le", "grand-duche": "le", "sultanat": "le", "etat": "le",
        "metropole": "la", "communaute": "la", "union": "le",
    },
    "es": {
        "republica": "la", "reino": "el", "federacion": "la", "confederacion": "la",
        "principado": "el", "estados": "los", "emiratos": "los", "islas": "las",
        "ciudad": "la", "municipio": "el", "provincia": "la", "region": "la",
        "distrito": "el", "condado": "el", "gran": "el", "sultanato": "el", "estado": "el",
        "comunidad": "la", "mancomunidad": "la", "union": "la",
    },
    "pt": {
        "republica": "a", "reino": "o", "federacao": "a", "confederacao": "a",
        "principado": "o", "estados": "os", "emirados": "os", "ilhas": "as", "cidade": "a",
        "municipio": "o", "provincia": "a", "regiao": "a", "distrito": "o", "condado": "o",
        "grao-ducado": "o", "sultanato": "o", "estado": "o", "comunidade": "a", "uniao": "a",
    },
}  # fmt: skip
#: Articles a name may already start with, per language.
_OWN_ARTICLES = {
    "en": ("the",),
    "fr": ("le", "la", "les", "l'", "l\u2019"),
    "es": ("el", "la", "los", "las"),
    "pt": ("o", "a", "os", "as"),
}
#: Preposition + article -> the fused form.
_FUSED = {
    "fr": {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"},
    "es": {("de", "el"): "del", ("a", "el"): "al"},
    "pt": {
        ("de", "o"): "do", ("de", "a"): "da", ("de", "os"): "dos", ("de", "as"): "das",
        ("em", "o"): "no", ("em", "a"): "na", ("em", "os"): "nos", ("em", "as"): "nas",
        ("a", "o"): "ao", ("a", "a"): "à", ("a", "os"): "aos", ("a", "as"): "às",
    },
}  # fmt: skip
_PLACEHOLDER = re.compile(
    r"(?P<prep>\b(?:de|of|à|a|em|De|Of|À|A|Em) )?\{(?:country|locality)\}", re.UNICODE
)
_VOWEL_OR_H = re.compile(r"[aeiouyhàâäéèêëîïôöûüœæ]", re.IGNORECASE)


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def article(name: str, lang: str) -> str:
    """The article ``name`` takes in ``lang`` ("the", "la", "l'", "os" ...), "" for none
    (or when the name starts with its own)."""
    words = name.split()
    if not words:
        return ""
    first = words[0].casefold()
    if lang == "en":
        if first in _OWN_ARTICLES["en"]:
            return ""
        known = {_plain(w.strip(",.")) for w in words} & _EN_THE
        return "the" if known else ""
    own = _OWN_ARTICLES.get(lang, ())
    if first in own or any(first.startswith(a) for a in own if a.endswith(("'", "\u2019"))):
        return ""
    table = _ARTICLES.get(lang, {})
    found = table.get(_plain(first)) or table.get(_plain(first).split("-")[0], "")
    if lang == "fr" and found in ("le", "la") and _VOWEL_OR_H.match(_plain(first)[:1]):
        return "l'"
    return found


def name_in_sentence(sentence: str, lang: str, name: str) -> str:
    """``sentence`` with ``{country}`` / ``{locality}`` replaced by ``name`` (in ``lang``)
    with its article, fused with the preposition before it, capitalised at a sentence
    start."""
    if "{" not in sentence:
        return sentence
    given = article(name, lang)
    phrase = f"{given}{name}" if given.endswith(("'", "\u2019")) else f"{given} {name}".strip()

    def replace(match: re.Match[str]) -> str:
        prep = match.group("prep")
        text = _fuse(prep.strip(), phrase, lang) if prep else phrase
        start = match.start()
        opens = start == 0 or sentence[:start].rstrip().endswith((".", "!", "?"))
        if opens and not prep:  # a preposition opening a sentence has its capital already
            text = text[:1].upper() + text[1:]
        return text

    return _PLACEHOLDER.sub(replace, sentence)


def _fuse(preposition: str, phrase: str, lang: str) -> str:
    """``de`` + ``le Royaume`` -> ``du Royaume``; the preposition's capital is kept."""
    head, _, rest = phrase.partition(" ")
    # French fuses the article of a name too ("du Havre"); Spanish and Portuguese write
    # the article of a proper name apart ("de El Salvador").
    article_of = head.casefold() if lang == "fr" else head
    fused = _FUSED.get(lang, {}).get((preposition.casefold(), article_of))
    if fused is None or not rest:
        return f"{preposition} {phrase}"
    if preposition[:1].isupper():
        fused = fused[:1].upper() + fused[1:]
    return f"{fused} {rest}"
