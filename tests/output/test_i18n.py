"""Interface strings: every one used by mgi is translated into every language it writes.

The strings are extracted from the code and the templates the way `pybabel extract`
does, as mgi_cli/locale/babel.cfg says, and compared with the gettext catalogues.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from mgi_cli.commands.common import catalogue_library
from mgi_cli.languages import FALLBACK, LANGUAGES
from mgi_cli.output import i18n
from mgi_cli.render.run import render_profile_file

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
TRANSLATED = [lang for lang in LANGUAGES if lang != FALLBACK]

MsgId = str | tuple[str, str]
#: A message as extracted: its msgid (a pair when it has a plural) and its msgctxt.
Used = tuple[MsgId, str | None]


def message_key(msgid: MsgId, context: str | None) -> str:
    """The msgid, preceded by its msgctxt and EOT when it has one (as in a .mo file)."""
    singular = msgid if isinstance(msgid, str) else msgid[0]
    return singular if context is None else f"{context}\x04{singular}"


def used_messages() -> dict[str, Used]:
    """Every message the Python code and the packaged templates use, found as
    `pybabel extract -F mgi_cli/locale/babel.cfg` finds them (its default keywords
    include ``_``, ``gettext``, ``ngettext`` and ``pgettext``)."""
    with (ROOT / "mgi_cli" / "locale" / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, Used] = {}
    for _path, _line, message, _comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        msgid = message if isinstance(message, str) else (message[0], message[1])
        found[message_key(msgid, context)] = (msgid, context)
    return found


def load_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def untranslated(catalog: Catalog, used: dict[str, Used], *, source: bool = False) -> list[str]:
    """The messages of ``used`` that ``catalog`` lacks, leaves empty, or marks fuzzy. In
    the ``source`` language, English, an empty msgstr stands for the msgid itself, which
    is what gettext gives."""
    missing = []
    for key, (msgid, context) in used.items():
        entry = catalog.get(msgid if isinstance(msgid, str) else msgid[0], context=context)
        strings = [] if entry is None else (
            list(entry.string) if isinstance(entry.string, tuple) else [entry.string]
        )  # fmt: skip
        if source:
            ids = [msgid] if isinstance(msgid, str) else list(msgid)
            strings = [s or ids[min(n, len(ids) - 1)] for n, s in enumerate(strings)]
        if entry is None or entry.fuzzy or not strings or not all(s.strip() for s in strings):
            missing.append(key)
    return missing


@pytest.fixture(scope="module")
def used() -> dict[str, Used]:
    messages = used_messages()
    assert len(messages) > 50
    return messages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_interface_string_is_translated(used: dict[str, Used], lang: str) -> None:
    catalog = load_catalog(i18n.po_path(lang))
    missing = untranslated(catalog, used, source=lang == FALLBACK)
    assert missing == [], f"translate these in {i18n.po_path(lang)}"


def test_the_reports_words_are_found_in_code_and_templates(used: dict[str, Used]) -> None:
    """babel.cfg reaches the reports' Python code and templates, not only the profile's."""
    assert {
        "Objective %(n)s",  # mgi_cli/reports/gcm.py
        "Requires further progress",  # mgi_cli/reports/sdg.py
        "Planned",  # mgi_cli/reports/actions.py
        "Change",  # mgi_cli/progress/scores.py
        "sub-areas",  # templates/report_words.j2
        "actions report\x04Item",  # templates/report_actions.*.j2, pgettext
        "Fewer than %(min)s countries' assessments could be counted: no figure is shown.",
    } <= set(used)


def test_the_check_catches_a_missing_translation(used: dict[str, Used], tmp_path: Path) -> None:
    broken = tmp_path / "mgi.po"
    text = i18n.po_path("fr").read_text(encoding="utf-8")
    text = text.replace('msgstr "Principaux constats"', 'msgstr ""')
    broken.write_text(text, encoding="utf-8")
    assert untranslated(load_catalog(broken), used) == ["Key findings"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogues_list_exactly_the_strings_in_use(used: dict[str, Used], lang: str) -> None:
    catalog = load_catalog(i18n.po_path(lang))
    assert {message_key(m.id, m.context) for m in catalog if m.id} == set(used)
    for message in catalog:
        if message.id and not isinstance(message.id, str):
            assert isinstance(message.string, tuple), f"{message.id[0]!r} needs plural forms"


@pytest.mark.parametrize("lang", TRANSLATED)
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
    # The title, on one line or one line per language.
    text = re.sub(r"(?m)^title:.*\n(?:  .*\n)*", "", text).replace("country: XAM", "country: KEN")
    path = tmp_path / "ken.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(source, tmp_path / source.name)
    rendered = render_profile_file(
        path, catalogue_library(), fmt="md", audience="public", lang="es", today=date(2026, 1, 1)
    )
    assert rendered.startswith("# Kenia\n")
