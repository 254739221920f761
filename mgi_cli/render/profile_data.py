"""Matrix (+ diff) -> the plain context every profile template is given.

Python prepares everything here: texts in the reader's language, counts, chart
geometry, groupings, safe links. Templates only loop and branch. What the context
may contain is decided first, by ``confidentiality.disclose``.

Context-specific indicators sit in their dimension (in their sub-area when they name
one, else in a group of their own at the end), are counted there and marked;
indicators marked ``not_used`` are listed apart and counted nowhere (``scope.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgi_cli.catalogue.models import Catalogue, Dimension, Indicator
from mgi_cli.matrix.confidentiality import Disclosure, disclose, sub_area_key
from mgi_cli.matrix.models import Matrix, Profile
from mgi_cli.matrix.texts import text_in
from mgi_cli.output.i18n import translations
from mgi_cli.render.cover import front_matter, intro
from mgi_cli.render.scope import STANDARD, not_used_items, profile_indicators
from mgi_cli.render.sections import build_section
from mgi_cli.render.sources import collect_sources
from mgi_cli.render.texts import CATEGORIES, Localizer, is_context_specific

if TYPE_CHECKING:
    from datetime import date

    from babel.support import Translations

    from mgi_cli.diff.model import Diff
    from mgi_cli.problems.problem import Problem
    from mgi_cli.render.national import National


def build_profile_context(
    matrix: Matrix,
    catalogue: Catalogue,
    *,
    audience: str,
    lang: str,
    diff: Diff | None = None,
    baseline: Matrix | None = None,
    problems: list[Problem] | None = None,
    source: str = "the matrix",
    national: National | None = None,
    compare_national: bool = False,
    today: date | None = None,
) -> dict[str, Any]:
    """The context of a profile; warnings (e.g. missing translations) go to ``problems``.

    ``source`` names the matrix in warnings about its own texts. ``national`` is the
    national matrix of a local one (it names the country); with ``compare_national``
    the profile sets the local answers beside it. Raises ``Refused`` for a public
    profile of a matrix that is not validated.

    ``today`` (given by the command, never read from the clock here) dates the action
    plan of the government profile; without it the plan is left out.
    """
    disclosure = disclose(matrix, audience, catalogue)
    profile = matrix.profile or Profile()
    tr = translations(lang)
    indicators = profile_indicators(matrix, catalogue)
    own = frozenset(i.id for i in indicators if is_context_specific(i))
    loc = Localizer(catalogue, lang, own=own, source=source, language=matrix.language)
    title = national.matrix.title_in(lang) if national is not None else None
    context = front_matter(matrix, catalogue, disclosure, loc, tr, national_title=title)
    loc.place = context["place"]
    # A title missing in this language falls back to another: named as it is written.
    loc.place_in_lang = matrix.title is None or not text_in(matrix.title, lang, matrix.language)[1]
    not_used = not_used_items(matrix, catalogue, disclosure, loc)
    context |= {
        "lang": lang,
        "audience": disclosure.audience,
        "government": not disclosure.is_public,
        "withheld": disclosure.withheld,
        "intro": intro(matrix, catalogue, loc, indicators, not_used=len(not_used)),
        "summary": _paragraphs(loc.authored(profile.summary, "profile.summary")),
        "context": _paragraphs(loc.authored(profile.context, "profile.context")),
        "dimensions": [
            _dimension_section(d, indicators, disclosure, loc, tr, profile)
            for d in catalogue.dimensions
        ],
        "process": _process(matrix, loc, tr),
        "modules": _module_sections(matrix, catalogue, indicators, disclosure, loc, tr),
        "not_used": not_used,
        "comparison": None,
        "developments": None,
        "themes": _themes(catalogue, indicators, disclosure, loc),
        "listing": disclosure.listing,
        "details": disclosure.details,
        "framework": _framework(catalogue, loc),
        "sources": collect_sources((disclosure.answers.get(i.id) for i in indicators), lang),
        "action_plan": _action_plan(matrix, catalogue, disclosure, lang, today),
    }
    if compare_national and national is not None:
        context["comparison"] = _comparison(context, national, disclosure, loc, tr)
    if diff is not None:
        from mgi_cli.render.developments import build_developments

        context["developments"] = build_developments(
            diff, disclosure, baseline, matrix, catalogue, loc, tr
        )
    if problems is not None:
        problems.extend(loc.problems)
    return context


def _action_plan(
    matrix: Matrix, catalogue: Catalogue, disclosure: Disclosure, lang: str, today: date | None
) -> dict[str, Any] | None:
    """The post-assessment action plan, for the government profile only: the plan names
    the authorities' own commitments and deadlines, for them to follow up, and public
    profiles never show it (even of a public matrix; `mgi report actions` can)."""
    if disclosure.is_public or not matrix.action_plan or today is None:
        return None
    from datetime import date

    from mgi_cli.output.i18n import format_date
    from mgi_cli.reports.actions import actions_report
    from mgi_cli.reports.common import ReportSource

    report = actions_report(ReportSource(matrix, catalogue, disclosure), today, lang)
    for row in report["actions"]:
        row["due_label"] = format_date(date.fromisoformat(row["due"]), lang) if row["due"] else None
    return report | {"today_label": format_date(today, lang)}


def _comparison(
    context: dict[str, Any],
    national: National,
    disclosure: Disclosure,
    loc: Localizer,
    tr: Translations,
) -> dict[str, Any] | None:
    from mgi_cli.errors import MgiError
    from mgi_cli.problems import codes
    from mgi_cli.render.national import build_comparison, refuse_unpublished

    try:
        refuse_unpublished(national, disclosure)
    except MgiError as error:
        loc.warn(
            codes.NO_NATIONAL_COMPARISON,
            "the comparison with the national matrix is left out: " + error.message,
            path=loc.source,
        )
        return None
    return build_comparison(
        context["dimensions"],
        national,
        context["place"],
        loc.lang,
        tr,
        public=disclosure.is_public,
        problems=loc.problems,
    )


def _paragraphs(text: str) -> list[str]:
    """An authored text as paragraphs (blank lines separate them in the YAML)."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _process(matrix: Matrix, loc: Localizer, tr: Translations) -> dict[str, Any]:
    """The methodology section: how the assessment was made, from ``process:``."""
    from mgi_cli.output.i18n import format_date

    kinds = {
        "workshop": tr.gettext("workshop"),
        "interview": tr.gettext("interviews"),
        "written": tr.gettext("written contributions"),
    }
    process = matrix.process
    if process is None:
        return {"focal_point": None, "consultations": [], "validated": None}
    return {
        "focal_point": process.focal_point,
        "consultations": [
            {
                "date": format_date(c.date, loc.lang),
                "kind": kinds.get(c.kind, c.kind),
                "participants": list(c.participants),
            }
            for c in sorted(process.consultations, key=lambda c: c.date)
        ],
        "validated": (
            {"date": format_date(process.validated.date, loc.lang), "by": process.validated.by}
            if process.validated
            else None
        ),
    }


def _sub_area_narratives(
    dimension: Dimension, disclosure: Disclosure, loc: Localizer, profile: Profile
) -> list[dict[str, Any]]:
    """The authored narratives of the dimension's sub-areas, in catalogue order; in
    public output a protected sub-area is shown here only, by its narrative or, without
    one, by a neutral sentence (``text`` None)."""
    items = []
    for sub_area in dimension.sub_areas:
        key = sub_area_key(dimension.id, sub_area.id)
        authored = profile.sub_areas.get(key)
        if authored is None and key not in disclosure.protected_areas:
            continue
        items.append(
            {
                "id": key,
                "name": loc.text(sub_area.name, f"sub-area {sub_area.id!r} name"),
                "paragraphs": _paragraphs(loc.authored(authored, f"profile.sub_areas.{key}")),
            }
        )
    return items


def _dimension_section(
    dimension: Dimension,
    indicators: list[Indicator],
    disclosure: Disclosure,
    loc: Localizer,
    tr: Translations,
    profile: Profile,
) -> dict[str, Any]:
    sub_areas = {s.id: loc.text(s.name, f"sub-area {s.id!r} name") for s in dimension.sub_areas}
    order = list(sub_areas)
    mine = [
        i
        for i in indicators
        if i.dimension == dimension.id and (i.module == STANDARD or is_context_specific(i))
    ]
    # Stable: within a sub-area the catalogue's indicators come first, then the matrix's.
    mine.sort(key=lambda i: order.index(i.sub_area) if i.sub_area in order else len(order))
    own_group = tr.gettext("Context-specific indicators")

    def grouping(i: Indicator) -> tuple[str, str]:
        if i.sub_area in sub_areas:
            return (i.sub_area, sub_areas[i.sub_area])
        if is_context_specific(i):  # no sub-area named: a group of their own, last
            return ("", own_group)
        return (i.sub_area, i.sub_area)

    short = loc.text(dimension.short_name, f"dimension {dimension.id} short name")
    section = build_section(
        anchor=f"dimension-{dimension.number}",
        heading=f"{dimension.number}. {short}",
        name=loc.text(dimension.name, f"dimension {dimension.id} name"),
        indicators=mine,
        grouping=grouping,
        disclosure=disclosure,
        loc=loc,
        tr=tr,
    )
    section["number"] = dimension.number
    section["short_name"] = short
    section["narrative"] = _paragraphs(
        loc.authored(profile.dimensions.get(dimension.id), f"profile.dimensions.{dimension.id}")
    )
    section["sub_areas"] = _sub_area_narratives(dimension, disclosure, loc, profile)
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
            anchor=f"module-{module.id}",
            heading=name,
            name=name,
            indicators=mine,
            grouping=grouping,
            disclosure=disclosure,
            loc=loc,
            tr=tr,
        )
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
            if disclosure.is_public and indicator.id in disclosure.protected:
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
