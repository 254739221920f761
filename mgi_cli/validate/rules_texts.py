"""Rules on the matrix's authored texts: their languages, and what the profile narratives name.

A text is a string in the matrix's ``language:`` or a mapping language -> string
(matrix/texts.py). A language mgi does not write would never be shown, and a narrative
for a dimension or sub-area the catalogue lacks would never find its section, so both
are errors rather than silently dropped text.
"""

from __future__ import annotations

from collections.abc import Iterable

from mgi_cli.languages import LANGUAGES
from mgi_cli.matrix.texts import walk_texts
from mgi_cli.problems import codes
from mgi_cli.suggest import did_you_mean
from mgi_cli.validate.rule_input import RuleContext

#: What people write for a language instead of its two-letter code (ISO 639-2 and names).
_SPELLINGS = {
    "eng": "en",
    "english": "en",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "français": "fr",
    "spa": "es",
    "esp": "es",
    "spanish": "es",
    "español": "es",
    "por": "pt",
    "portuguese": "pt",
    "português": "pt",
}


def _language_hint(word: str) -> str:
    meant = _SPELLINGS.get(word.lower())
    if meant in LANGUAGES:
        return f"did you mean {meant!r}?"
    return did_you_mean(word, LANGUAGES) or f"the languages are {', '.join(LANGUAGES)}"


def check_texts(ctx: RuleContext) -> None:
    matrix = ctx.matrix
    if matrix.language not in LANGUAGES:
        ctx.report(
            ("language",),
            codes.UNKNOWN_LANGUAGE,
            f"language {matrix.language!r} is not one mgi writes ({', '.join(LANGUAGES)})",
            hint=_language_hint(matrix.language),
        )
    for path, value in walk_texts(matrix):
        if isinstance(value, str):
            continue
        for lang in value:
            if lang not in LANGUAGES:
                ctx.report(
                    (*path, lang),
                    codes.UNKNOWN_LANGUAGE,
                    f"{'.'.join(path)} has a text in {lang!r}, not a language mgi writes",
                    key=True,
                    hint=_language_hint(lang),
                )
    _check_profile_ids(ctx)


def _check_profile_ids(ctx: RuleContext) -> None:
    """Narratives are keyed by the catalogue's ids: D1, and D1.health for a sub-area."""
    profile, catalogue = ctx.matrix.profile, ctx.catalogue
    if profile is None or catalogue is None:
        return
    dimensions = [d.id for d in catalogue.dimensions]
    for key in profile.dimensions:
        if key not in dimensions:
            _unknown(ctx, ("profile", "dimensions", key), "a dimension", key, dimensions)
    sub_areas = [f"{d.id}.{s.id}" for d in catalogue.dimensions for s in d.sub_areas]
    for key in profile.sub_areas:
        if key not in sub_areas:
            _unknown(ctx, ("profile", "sub_areas", key), "a sub-area", key, sub_areas)


def _unknown(
    ctx: RuleContext, path: tuple[str, ...], what: str, key: str, known: Iterable[str]
) -> None:
    assert ctx.catalogue is not None
    known = list(known)
    ctx.report(
        path,
        codes.PROFILE_UNKNOWN_ID,
        f"{'.'.join(path[:2])} names {key!r}, which is not {what} of {ctx.catalogue.ref}",
        key=True,
        hint=did_you_mean(key, known) or f"use the catalogue's ids, e.g. {known[0]}",
    )
