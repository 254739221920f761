"""The front of a profile: who and what it is about, and the introduction.

A local profile (``level: local``) speaks of the city or local authority: its title
names the locality, the status says who validated it, and the introduction is the
Local MGI's. The country of a local matrix is named by ISO 3166, else by the title
of the national matrix it names as ``context:`` (when that could be read), else by
its code: a local matrix's own ``title`` names the locality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgi_cli.output.i18n import country_name, format_date
from mgi_cli.render.texts import is_context_specific

if TYPE_CHECKING:
    from babel.support import Translations

    from mgi_cli.catalogue.models import Catalogue, Indicator
    from mgi_cli.matrix.confidentiality import Disclosure
    from mgi_cli.matrix.models import Matrix
    from mgi_cli.render.texts import Localizer


def is_local(matrix: Matrix) -> bool:
    return matrix.level == "local"


def front_matter(
    matrix: Matrix,
    catalogue: Catalogue,
    disclosure: Disclosure,
    loc: Localizer,
    tr: Translations,
    national_title: str | None = None,
) -> dict[str, Any]:
    """``document``, ``title``, ``subtitle``, ``place``, ``local`` and ``meta``."""
    country = _country(matrix, loc.lang, national_title)
    place = (
        (matrix.title_in(loc.lang) or matrix.locality or country) if is_local(matrix) else country
    )
    document = _document(matrix, disclosure, tr)
    named = (matrix.locality or place) if is_local(matrix) else place
    return {
        "document": document,
        "title": tr.gettext("%(document)s: %(place)s") % {"document": document, "place": named},
        "subtitle": _subtitle(matrix, tr),
        "place": place,
        "local": is_local(matrix),
        "meta": _meta(matrix, catalogue, loc, tr, country),
    }


def _country(matrix: Matrix, lang: str, national_title: str | None) -> str:
    if is_local(matrix):
        return country_name(matrix.country, lang) or national_title or matrix.country
    return matrix.title_in(lang) or country_name(matrix.country, lang) or matrix.country


def _document(matrix: Matrix, disclosure: Disclosure, tr: Translations) -> str:
    if is_local(matrix):
        if disclosure.is_public:
            return tr.gettext("Local migration governance profile")
        return tr.gettext("Local migration governance report for the authorities")
    if disclosure.is_public:
        return tr.gettext("Migration governance profile")
    return tr.gettext("Migration governance report for the authorities")


def _subtitle(matrix: Matrix, tr: Translations) -> str:
    year = matrix.assessed_on.year
    if matrix.assessment == "follow_up":
        return tr.gettext("Follow-up assessment, %(year)d") % {"year": year}
    return tr.gettext("Baseline assessment, %(year)d") % {"year": year}


def status_label(status: str, tr: Translations, *, local: bool = False) -> str:
    validated = (
        tr.gettext("Validated by the local authority")
        if local
        else tr.gettext("Validated by the government")
    )
    return {
        "draft": tr.gettext("Draft"),
        "in_review": tr.gettext("In review"),
        "validated": validated,
        "published": tr.gettext("Published"),
    }.get(status, status)


def _meta(
    matrix: Matrix, catalogue: Catalogue, loc: Localizer, tr: Translations, country: str
) -> list[dict[str, str]]:
    rows = [{"label": tr.gettext("Country"), "value": country}]
    if is_local(matrix) and matrix.locality:
        rows.append({"label": tr.gettext("Locality"), "value": matrix.locality})
    if is_local(matrix) and matrix.subdivision:
        rows.append({"label": tr.gettext("Region (ISO 3166-2)"), "value": matrix.subdivision})
    assessment = (
        tr.gettext("Follow-up") if matrix.assessment == "follow_up" else tr.gettext("Baseline")
    )
    modules = [m for m in catalogue.modules if m.id in matrix.modules]
    rows += [
        {"label": tr.gettext("Assessment"), "value": assessment},
        {
            "label": tr.gettext("Assessment date"),
            "value": format_date(matrix.assessed_on, loc.lang),
        },
        {"label": tr.gettext("Indicator catalogue"), "value": catalogue.ref},
        {
            "label": tr.gettext("Modules"),
            "value": ", ".join(loc.text(m.name, f"module {m.id!r} name") for m in modules),
        },
        {
            "label": tr.gettext("Status"),
            "value": status_label(matrix.status, tr, local=is_local(matrix)),
        },
    ]
    return rows


def intro(
    matrix: Matrix,
    catalogue: Catalogue,
    loc: Localizer,
    indicators: list[Indicator],
    *,
    not_used: int,
) -> dict[str, Any]:
    """What the introduction needs: the dimensions and how many indicators were used."""
    return {
        "dimensions": [
            {"number": d.number, "name": loc.text(d.name, f"dimension {d.id} name")}
            for d in catalogue.dimensions
        ],
        "indicators": len(indicators),
        "context_specific": sum(is_context_specific(i) for i in indicators),
        "not_used": not_used,
        "follow_up": matrix.assessment == "follow_up",
        "local": is_local(matrix),
    }
