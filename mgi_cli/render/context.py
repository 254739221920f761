"""Matrix (+ diff) -> the plain context every profile template is given.

Python prepares everything here: texts in the reader's language, counts, chart
geometry, groupings, safe links. Templates only loop and branch. What the context
may contain is decided first, by ``confidentiality.disclose``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgi_cli.catalogue.models import Catalogue, Dimension, Indicator
from mgi_cli.matrix.models import Matrix
from mgi_cli.render.confidentiality import Disclosure, disclose
from mgi_cli.render.i18n import LANGUAGES, country_name, format_date, translations
from mgi_cli.render.sections import build_section
from mgi_cli.render.sources import collect_sources
from mgi_cli.render.texts import CATEGORIES, Localizer

if TYPE_CHECKING:
    from babel.support import Translations

    from mgi_cli.diff.model import Diff
    from mgi_cli.problems import Problem

STANDARD = "standard"


def build_profile_context(
    matrix: Matrix,
    catalogue: Catalogue,
    *,
    audience: str,
    lang: str,
    diff: Diff | None = None,
    baseline: Matrix | None = None,
    problems: list[Problem] | None = None,
) -> dict[str, Any]:
    """The context of a profile; warnings (e.g. missing translations) go to ``problems``.

    Raises ``Refused`` for a public profile of a matrix that is not validated.
    """
    from mgi_cli.errors import UsageError

    if lang not in LANGUAGES:
        raise UsageError(f"unknown --lang {lang!r}; use " + ", ".join(LANGUAGES))
    disclosure = disclose(matrix, audience)
    tr = translations(lang)
    loc = Localizer(catalogue, lang)
    indicators = catalogue.in_modules(set(matrix.modules))
    place = _place(matrix, lang, tr)
    document = _document(disclosure, tr)
    context = {
        "lang": lang,
        "audience": disclosure.audience,
        "government": not disclosure.is_public,
        "document": document,
        "title": tr.gettext("%(document)s: %(place)s") % {"document": document, "place": place},
        "subtitle": _subtitle(matrix, tr),
        "place": place,
        "meta": _meta(matrix, catalogue, loc, tr),
        "withheld": disclosure.withheld,
        "intro": _intro(matrix, catalogue, loc, len(indicators)),
        "dimensions": [
            _dimension_section(d, indicators, disclosure, loc, tr) for d in catalogue.dimensions
        ],
        "modules": _module_sections(matrix, catalogue, indicators, disclosure, loc, tr),
        "developments": None,
        "themes": _themes(catalogue, indicators, disclosure, loc),
        "listing": disclosure.listing,
        "details": disclosure.details,
        "framework": _framework(catalogue, loc),
        "sources": collect_sources((disclosure.answers.get(i.id) for i in indicators), lang),
    }
    if diff is not None:
        from mgi_cli.render.developments import build_developments

        context["developments"] = build_developments(
            diff, disclosure, baseline, matrix, catalogue, loc, tr
        )
    if problems is not None:
        problems.extend(loc.problems)
    return context


def _place(matrix: Matrix, lang: str, tr: Translations) -> str:
    country = matrix.title or country_name(matrix.country, lang) or matrix.country
    if matrix.level == "local" and matrix.locality:
        return tr.gettext("%(locality)s (%(country)s)") % {
            "locality": matrix.locality, "country": country,
        }  # fmt: skip
    return country


def _document(disclosure: Disclosure, tr: Translations) -> str:
    if disclosure.is_public:
        return tr.gettext("Migration governance profile")
    return tr.gettext("Migration governance report for the authorities")


def _subtitle(matrix: Matrix, tr: Translations) -> str:
    year = matrix.assessed_on.year
    if matrix.assessment == "follow_up":
        return tr.gettext("Follow-up assessment, %(year)d") % {"year": year}
    return tr.gettext("Baseline assessment, %(year)d") % {"year": year}


def _status_label(status: str, tr: Translations) -> str:
    return {
        "draft": tr.gettext("Draft"),
        "in_review": tr.gettext("In review"),
        "validated": tr.gettext("Validated by the government"),
        "published": tr.gettext("Published"),
    }.get(status, status)


def _meta(
    matrix: Matrix, catalogue: Catalogue, loc: Localizer, tr: Translations
) -> list[dict[str, str]]:
    country = matrix.title or country_name(matrix.country, loc.lang) or matrix.country
    rows = [{"label": tr.gettext("Country"), "value": country}]
    if matrix.level == "local" and matrix.locality:
        rows.append({"label": tr.gettext("Locality"), "value": matrix.locality})
    assessment = (
        tr.gettext("Follow-up") if matrix.assessment == "follow_up" else tr.gettext("Baseline")
    )
    modules = [m for m in catalogue.modules if m.id in matrix.modules]
    rows += [
        {"label": tr.gettext("Assessment"), "value": assessment},
        {"label": tr.gettext("Assessment date"),
         "value": format_date(matrix.assessed_on, loc.lang)},
        {"label": tr.gettext("Indicator catalogue"), "value": catalogue.ref},
        {"label": tr.gettext("Modules"),
         "value": ", ".join(loc.text(m.name, f"module {m.id!r} name") for m in modules)},
        {"label": tr.gettext("Status"), "value": _status_label(matrix.status, tr)},
    ]  # fmt: skip
    return rows


def _intro(matrix: Matrix, catalogue: Catalogue, loc: Localizer, count: int) -> dict[str, Any]:
    return {
        "dimensions": [
            {"number": d.number, "name": loc.text(d.name, f"dimension {d.id} name")}
            for d in catalogue.dimensions
        ],
        "indicators": count,
        "follow_up": matrix.assessment == "follow_up",
    }


def _dimension_section(
    dimension: Dimension,
    indicators: list[Indicator],
    disclosure: Disclosure,
    loc: Localizer,
    tr: Translations,
) -> dict[str, Any]:
    sub_areas = {s.id: loc.text(s.name, f"sub-area {s.id!r} name") for s in dimension.sub_areas}
    order = list(sub_areas)
    mine = [i for i in indicators if i.dimension == dimension.id and i.module == STANDARD]
    mine.sort(key=lambda i: order.index(i.sub_area) if i.sub_area in order else len(order))
    short = loc.text(dimension.short_name, f"dimension {dimension.id} short name")
    section = build_section(
        anchor=f"dimension-{dimension.number}",
        heading=f"{dimension.number}. {short}",
        name=loc.text(dimension.name, f"dimension {dimension.id} name"),
        indicators=mine,
        grouping=lambda i: (i.sub_area, sub_areas.get(i.sub_area, i.sub_area)),
        disclosure=disclosure, loc=loc, tr=tr,
    )  # fmt: skip
    section["number"] = dimension.number
    section["short_name"] = short
    return section


def _module_sections(
    matrix: Matrix,
    catalogue: Catalogue,
    indicators: list[Indicator],
    disclosure: Disclosure,
    loc: Localizer,
    tr: Translations,
) -> list[dict[str, Any]]:
    """The COVID-19 module (and any other extra module), grouped by dimension."""
    sections = []
    dimensions = {d.id: d for d in catalogue.dimensions}
    for module in catalogue.modules:
        if module.id == STANDARD or module.id not in matrix.modules:
            continue

        def grouping(i: Indicator) -> tuple[str, str]:
            d = dimensions.get(i.dimension)
            if d is None:
                return (i.dimension, i.dimension)
            return (d.id, loc.text(d.short_name, f"dimension {d.id} short name"))

        mine = [i for i in indicators if i.module == module.id]
        rank = {d.id: n for n, d in enumerate(catalogue.dimensions)}
        mine.sort(key=lambda i: rank.get(i.dimension, len(rank)))
        name = loc.text(module.name, f"module {module.id!r} name")
        section = build_section(
            anchor=f"module-{module.id}", heading=name, name=name, indicators=mine,
            grouping=grouping, disclosure=disclosure, loc=loc, tr=tr,
        )  # fmt: skip
        section["module"] = module.id
        section["short_name"] = name
        sections.append(section)
    return sections


def _themes(
    catalogue: Catalogue, indicators: list[Indicator], disclosure: Disclosure, loc: Localizer
) -> list[dict[str, Any]]:
    rows = []
    for theme in catalogue.themes:
        tally = dict.fromkeys(CATEGORIES, 0)
        for indicator in indicators:
            if theme.id not in indicator.tags:
                continue
            if disclosure.is_public and indicator.id in disclosure.restricted:
                continue
            category = loc.category(indicator, disclosure.answers.get(indicator.id))
            if category in tally:
                tally[category] += 1
        rows.append(
            {
                "id": theme.id,
                "name": loc.text(theme.name, f"theme {theme.id!r} name"),
                "total": sum(tally.values()),
                "in_place": tally["yes"],
                "partial": tally["partial"],
                "not_in_place": tally["no"],
                "not_applicable": tally["not_applicable"],
            }
        )
    return rows


def _framework(catalogue: Catalogue, loc: Localizer) -> list[dict[str, Any]]:
    return [
        {
            "number": d.number,
            "name": loc.text(d.name, f"dimension {d.id} name"),
            "short_name": loc.text(d.short_name, f"dimension {d.id} short name"),
            "sub_areas": [loc.text(s.name, f"sub-area {s.id!r} name") for s in d.sub_areas],
        }
        for d in catalogue.dimensions
    ]
