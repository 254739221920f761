"""The languages mgi writes in: interface strings, catalogue texts and profiles.

The one list of them. Adding a language means adding it here, adding its gettext
catalogue under ``mgi_cli/locale/<lang>/LC_MESSAGES/mgi.po`` and its catalogue texts.
"""

from __future__ import annotations

#: English first: it is the fallback for every text missing in another language.
LANGUAGES = ("en", "fr", "es", "pt")
FALLBACK = "en"
