"""Interface strings: every one used by the renderer is translated into fr and es.

The strings are extracted from the code and the templates the way `pybabel extract`
does (mgi_cli/locale/babel.cfg), and compared with the gettext catalogues.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from mgi_cli.commands.common import catalogue_library
from mgi_cli.output import i18n
from mgi_cli.render.run import render_profile_file

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
JINJA = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

MsgId = str | tuple[str, str]


def used_messages() -> dict[str, MsgId]:
    """Every msgid the renderer's Python code and the packaged templates use."""
    found: dict[str, MsgId] = {}
    sources: Iterator[tuple[str, Path]] = iter(
        [("python", p) for p in sorted((ROOT / "mgi_cli" / "render").rglob("*.py"))]
        + [("jinja2.ext:babel_extract", p) for p in sorted((ROOT / "templates").rglob("*.j2"))]
    )
    for method, path in sources:
        options = JINJA if method.startswith("jinja2") else {}
        for _line, message, _comments, _context in extract_from_file(
            method, str(path), keywords=KEYWORDS, options=options
        ):
            key = message if isinstance(message, str) else message[0]
            found[key] = message if isinstance(message, str) else (message[0], message[1])
    return found


def load_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def untranslated(catalog: Catalog, used: dict[str, MsgId]) -> list[str]:
    """The msgids of ``used`` that ``catalog`` lacks, leaves empty, or marks fuzzy."""
    missing = []
    for key in used:
        entry = catalog.get(key)
        strings = [] if entry is None else (
            list(entry.string) if isinstance(entry.string, tuple) else [entry.string]
        )  # fmt: skip
        if entry is None or entry.fuzzy or not strings or not all(s.strip() for s in strings):
            missing.append(key)
    return missing


@pytest.fixture(scope="module")
def used() -> dict[str, MsgId]:
    messages = used_messages()
    assert len(messages) > 50
    return messages


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_interface_string_is_translated(used: dict[str, MsgId], lang: str) -> None:
    catalog = load_catalog(i18n.po_path(lang))
    assert untranslated(catalog, used) == [], f"translate these in {i18n.po_path(lang)}"


def test_the_check_catches_a_missing_translation(used: dict[str, MsgId], tmp_path: Path) -> None:
    broken = tmp_path / "mgi.po"
    text = i18n.po_path("fr").read_text(encoding="utf-8")
    text = text.replace('msgstr "Principaux constats"', 'msgstr ""')
    broken.write_text(text, encoding="utf-8")
    assert untranslated(load_catalog(broken), used) == ["Key findings"]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_catalogues_list_exactly_the_strings_in_use(used: dict[str, MsgId], lang: str) -> None:
    catalog = load_catalog(i18n.po_path(lang))
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} == set(used)
    for message in catalog:
        if message.id and not isinstance(message.id, str):
            assert isinstance(message.string, tuple), f"{message.id[0]!r} needs plural forms"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    for message in load_catalog(i18n.po_path(lang)):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (lang, ids[0], string)


def test_translations_load_with_plural_forms() -> None:
    singular = "%(num)d answer is restricted: it is not shown in this public profile and is not counted in the figures."  # noqa: E501
    plural = "%(num)d answers are restricted: they are not shown in this public profile and are not counted in the figures."  # noqa: E501
    fr = i18n.translations("fr")
    assert fr.ngettext(singular, plural, 1).startswith("%(num)d réponse est")
    assert fr.ngettext(singular, plural, 3).startswith("%(num)d réponses sont")
    es = i18n.translations("es")
    assert es.ngettext(singular, plural, 2).startswith("%(num)d respuestas son")
    assert i18n.translations("en").gettext("Key findings") == "Key findings"


def test_dates_and_country_names_follow_the_language() -> None:
    day = date(2018, 9, 30)
    assert i18n.format_date(day, "en") == "30 September 2018"
    assert i18n.format_date(day, "fr") == "30 septembre 2018"
    assert i18n.format_date(day, "es") == "30 de septiembre de 2018"
    assert i18n.country_name("DEU", "fr") == "Allemagne"
    assert i18n.country_name("DEU", "es") == "Alemania"
    assert i18n.country_name("XAM", "fr") is None


def test_a_country_without_a_title_is_named_from_iso_3166(tmp_path: Path) -> None:
    source = ROOT / "examples" / "matrices" / "XAM" / "2018-baseline.yaml"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*\n", "", text).replace("country: XAM", "country: KEN")
    path = tmp_path / "ken.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(source, tmp_path / source.name)
    rendered = render_profile_file(
        path, catalogue_library(), fmt="md", audience="public", lang="es", today=date(2026, 1, 1)
    )
    assert rendered.startswith("# Kenia\n")
