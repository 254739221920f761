"""Interface strings (gettext catalogues read with Babel), dates and country names.

The ``.po`` files under ``mgi_cli/locale`` are the source translators edit; they
are compiled in memory when first used, so there is no build step and no stale
``.mo`` file to forget.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from mgi_cli.languages import FALLBACK, LANGUAGES

if TYPE_CHECKING:
    from datetime import date

    from babel.support import Translations

DOMAIN = "mgi"
_DATE_LOCALES = {"en": "en_GB"}
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> Translations:
    """The interface strings of ``lang`` as a gettext-compatible object.

    A language mgi does not write gets English, the fallback, as catalogue texts do.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    if lang not in LANGUAGES:
        lang = FALLBACK
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def format_date(value: date, lang: str) -> str:
    """A long date in the reader's language: 30 September 2018, 30 septembre 2018."""
    from babel.dates import format_date as babel_format_date

    # IOM writes British English: 30 September 2018, not September 30, 2018.
    return str(babel_format_date(value, format="long", locale=_DATE_LOCALES.get(lang, lang)))


def country_name(code: str, lang: str) -> str | None:
    """The ISO 3166 name of a country in ``lang``; None for user-assigned codes."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    name = str(getattr(country, "common_name", None) or country.name)
    if lang == "en":
        return name
    try:
        local = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return name
    return local.gettext(name)
