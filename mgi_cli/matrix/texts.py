"""Authored texts of a matrix (title, profile narratives, findings) and their languages.

A text is a plain string, written in the matrix's ``language:`` (English by default), or
a mapping language -> string. The model accepts any language key so that
``mgi validate`` can name a wrong one with a did-you-mean (validate/rules_texts.py);
the JSON Schema still lists the languages, for editors.

Looking a text up in a language never fails: a missing translation falls back to
English, then to the matrix's own language, then to any text there is, and says that it
fell back, so a renderer can warn and ``mgi status`` can list what is untranslated.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from typing_extensions import TypeAliasType

from mgi_cli.languages import FALLBACK, LANGUAGES

_ONE_TEXT = {"type": "string", "minLength": 1}


def _check_text(value: object) -> str | dict[str, str]:
    """One check for both forms, so an error names the text, not a branch of a union."""
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("the text is empty")
        return value
    if not isinstance(value, dict):
        shown = "a list" if isinstance(value, list) else repr(value)
        raise ValueError(
            f"should be a text, or one text per language (en: ..., fr: ...), not {shown}"
        )
    if not value:
        raise ValueError("has no text in any language")
    for lang, text in value.items():
        if not isinstance(lang, str):
            raise ValueError(f"a language key should be a code such as en, not {lang!r}")
        if not isinstance(text, str):
            raise ValueError(f"the {lang!r} text should be a text, not {text!r}")
        if not text.strip():
            raise ValueError(f"the {lang!r} text is empty")
    return value


#: A text: a non-empty string in the matrix's language, or one string per language. A
#: named alias, so the JSON Schema defines it once (``$defs/Text``).
Text = TypeAliasType(
    "Text",
    Annotated[
        str | dict[str, str],
        PlainValidator(_check_text),
        WithJsonSchema(
            {
                "description": "A string in the matrix's `language` (default en), "
                "or one per language.",
                "anyOf": [
                    _ONE_TEXT,
                    {
                        "type": "object",
                        "propertyNames": {"enum": list(LANGUAGES)},
                        "additionalProperties": _ONE_TEXT,
                        "minProperties": 1,
                    },
                ],
            }
        ),
    ],
)


def as_languages(value: str | Mapping[str, str], default_lang: str = FALLBACK) -> dict[str, str]:
    """The text per language; a plain string is in ``default_lang``. Blank texts are absent."""
    pairs = {default_lang: value} if isinstance(value, str) else dict(value)
    return {lang: text.strip() for lang, text in pairs.items() if text.strip()}


def text_in(
    value: str | Mapping[str, str] | None, lang: str, default_lang: str = FALLBACK
) -> tuple[str, bool]:
    """The text in ``lang`` and whether it fell back to another language.

    The order of fallback: ``lang``, English, the matrix's language (``default_lang``),
    then the first in the order of mgi_cli.languages, then any. No text at all gives
    ``("", False)``: there was nothing to translate.
    """
    if value is None:
        return "", False
    texts = as_languages(value, default_lang)
    if not texts:
        return "", False
    if lang in texts:
        return texts[lang], False
    for other in (FALLBACK, default_lang, *LANGUAGES):
        if other in texts:
            return texts[other], True
    return next(iter(texts.values())), True


def missing_languages(
    value: str | Mapping[str, str] | None, wanted: tuple[str, ...] | list[str], default_lang: str
) -> list[str]:
    """The languages of ``wanted`` that the text lacks (none for an absent text)."""
    if value is None:
        return []
    have = as_languages(value, default_lang)
    return [lang for lang in wanted if lang not in have]


def walk_texts(matrix: Any) -> Iterator[tuple[tuple[Any, ...], str | dict[str, str]]]:
    """Every authored text of a matrix with its path in the file, in file order:
    ``title``, ``profile`` (summary, context, dimensions, sub-areas), then each answer's
    ``finding``. ``matrix`` is a mgi_cli.matrix.models.Matrix."""
    if matrix.title is not None:
        yield ("title",), matrix.title
    profile = matrix.profile
    if profile is not None:
        for key in ("summary", "context"):
            value = getattr(profile, key)
            if value is not None:
                yield ("profile", key), value
        for dimension, value in profile.dimensions.items():
            yield ("profile", "dimensions", dimension), value
        for sub_area, value in profile.sub_areas.items():
            yield ("profile", "sub_areas", sub_area), value
    for indicator, answer in matrix.answers.items():
        if answer is not None and answer.finding is not None:
            yield ("answers", indicator, "finding"), answer.finding


def untranslated(matrix: Any) -> list[tuple[str, list[str]]]:
    """Each text missing in a language the matrix writes in, with those languages.

    The languages a matrix writes in are those of any of its texts (a plain string is
    in its ``language``), in the order of mgi_cli.languages: a matrix that gives one
    text in Portuguese is being translated into Portuguese, and every other text is
    then expected in Portuguese too. Texts are named by their key path, e.g.
    ``profile.sub_areas.D1.health`` or ``answers.D1.01.finding``.
    """
    texts = list(walk_texts(matrix))
    present = {lang for _, value in texts for lang in as_languages(value, matrix.language)}
    wanted = [lang for lang in LANGUAGES if lang in present]
    found = []
    for path, value in texts:
        missing = missing_languages(value, wanted, matrix.language)
        if missing:
            found.append((".".join(path), missing))
    return found
