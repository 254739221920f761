"""The fixed choices of command options, each listed once.

Commands annotate options with these enums, so Typer checks the value (a wrong one exits
2 naming the choices) and ``--help`` lists them; the core never checks them again. The
members are ``str``: core functions take a member or its plain value alike, and
``f"{member}"`` is the value.

A command option with a new fixed set of values gets its enum here; a format enum is
per command where the commands' formats differ.
"""

from __future__ import annotations

from enum import StrEnum

from mgi_cli.languages import FALLBACK, LANGUAGES

#: The languages of mgi_cli.languages. mypy cannot see members made from a list, so
#: code names one as ``Lang("fr")``.
Lang = StrEnum("Lang", [(code, code) for code in LANGUAGES])  # type: ignore[misc]
#: What commands write in without --lang.
DEFAULT_LANG = Lang(FALLBACK)


class Audience(StrEnum):
    """Who an output is for; public output leaves restricted answers out."""

    PUBLIC = "public"
    GOVERNMENT = "government"


class Color(StrEnum):
    """`--color`: auto colours a terminal only (NO_COLOR and FORCE_COLOR decide first)."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Level(StrEnum):
    NATIONAL = "national"
    LOCAL = "local"


class ReportFormat(StrEnum):
    """`mgi report ...` and `mgi render summary`."""

    MD = "md"
    HTML = "html"
    JSON = "json"


class ProfileFormat(StrEnum):
    """`mgi render profile`."""

    MD = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


class DiffFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"
    HTML = "html"


class ValidateFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    #: github under GitHub Actions, else text.
    AUTO = "auto"


class ListingFormat(StrEnum):
    """`mgi status` and `mgi catalogue`."""

    TEXT = "text"
    JSON = "json"


class SheetFormat(StrEnum):
    """`mgi export`; `mgi import` tells the two by the file's suffix."""

    XLSX = "xlsx"
    CSV = "csv"


class DiffOnly(StrEnum):
    #: Hide unchanged indicators.
    CHANGED = "changed"
    #: Only changes of answers.
    ANSWERS = "answers"


class FailOn(StrEnum):
    REGRESSION = "regression"


class SdgExport(StrEnum):
    OPEN_SDG = "open-sdg"
