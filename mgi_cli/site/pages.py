"""The site's pages: where each one lives, the navigation every page carries, and the
pages mgi lays out itself (index, country, catalogue, methodology, downloads).

Profiles and the summary are the documents ``mgi render profile`` and ``mgi render
summary`` make, whole: ``wrap_document`` only adds the site's navigation and language
links, so whatever those commands withhold the site withholds too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from mgi_cli.catalogue.view import localized

if TYPE_CHECKING:
    from pathlib import Path

    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.matrix.models import Matrix

#: The pages every language has, in the order of the navigation (their labels are in
#: templates/site/navigation.html.j2, where the translation tools find them).
SECTIONS = (
    "index.html",
    "catalogue.html",
    "summary.html",
    "methodology.html",
    "downloads.html",
    "search.html",
)
#: The names of the languages in themselves, for the language switcher.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}


@dataclass(frozen=True)
class Site:
    """What every page needs to know about the whole site."""

    title: str
    languages: tuple[str, ...]
    base_url: str | None = None
    aggregates: bool = True
    #: A search page (Pagefind's index, ``--search``).
    search: bool = False
    #: Data files written under data/ (for the downloads page), as (path, description).
    downloads: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Assessment:
    """One published matrix as the site lists it."""

    matrix: Matrix
    catalogue: Catalogue
    #: The file name of its pages, without the language: ``2022-follow_up``.
    slug: str
    #: Its profile has the section on what changed since the baseline (a follow-up
    #: whose baseline the public may see: ``baseline_withheld``).
    developments: bool = False

    def title(self, lang: str) -> str:
        fallback = self.matrix.locality if self.matrix.level == "local" else None
        return self.matrix.title_in(lang) or fallback or self.matrix.country


def assessment_slug(matrix: Matrix) -> str:
    year = matrix.assessed_on.year
    if matrix.level == "local" and matrix.locality:
        place = re.sub(r"[^a-z0-9]+", "-", matrix.locality.lower()).strip("-") or "local"
        return f"local-{place}-{year}-{matrix.assessment}"
    return f"{year}-{matrix.assessment}"


def profile_page(lang: str, country: str, slug: str) -> str:
    return f"{lang}/{country}/{slug}.html"


def profile_pdf(lang: str, country: str, slug: str) -> str:
    return f"pdf/{country}/{slug}-{lang}.pdf"


def country_page(lang: str, country: str) -> str:
    return f"{lang}/{country}/index.html"


def relative(target: str, page: str) -> str:
    """The link from ``page`` to ``target``, both paths under the output folder."""
    depth = len(PurePosixPath(page).parts) - 1
    return "../" * depth + target


def chrome(site: Site, page: str, lang: str) -> dict[str, Any]:
    """The navigation of ``page`` (a path like ``fr/XAM/index.html``) in ``lang``."""
    inside = page.split("/", 1)[1]
    sections = [
        {"href": relative(f"{lang}/{name}", page), "page": name, "current": inside == name}
        for name in SECTIONS
        if (site.aggregates or name != "summary.html") and (site.search or name != "search.html")
    ]
    alternates = [
        {
            "lang": other,
            "name": LANGUAGE_NAMES.get(other, other),
            "href": relative(f"{other}/{inside}", page),
            "absolute": f"{site.base_url.rstrip('/')}/{other}/{inside}" if site.base_url else None,
            "current": other == lang,
        }
        for other in site.languages
    ]
    return {
        "site_title": site.title,
        "sections": sections,
        "alternates": alternates,
        "assets": relative("assets/", page),
        "data": relative("data/", page),
        "home": relative(f"{lang}/index.html", page),
        "pdf": None,
    }


def render_page(
    name: str, context: dict[str, Any], site: Site, page: str, lang: str, template_dir: Path | None
) -> str:
    """A page mgi lays out itself: ``templates/site/<name>`` with the navigation."""
    from mgi_cli.output.templates import render

    full = {**chrome(site, page, lang), **context}
    return render(f"site/{name}", full, lang=lang, template_dir=template_dir)


def wrap_document(
    document: str,
    site: Site,
    page: str,
    lang: str,
    template_dir: Path | None,
    *,
    pdf: str | None = None,
) -> str:
    """A whole HTML document (a profile, the summary) with the site's navigation added:
    the language links in its head, the navigation bar first in its body (with a link
    to the ``pdf`` of a profile, a path under the output folder, when one is built)."""
    from mgi_cli.output.templates import render

    context = chrome(site, page, lang)
    if pdf is not None:
        context["pdf"] = relative(pdf, page)
    head = render("site/head_links.html.j2", context, lang=lang, template_dir=template_dir)
    bar = render("site/navigation.html.j2", context, lang=lang, template_dir=template_dir)
    document = document.replace("</head>", head + "</head>", 1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + bar, document, count=1)


def index_context(countries: dict[str, list[Assessment]], lang: str, page: str) -> dict[str, Any]:
    rows = []
    for code in sorted(countries):
        assessments = countries[code]
        latest = max(assessments, key=lambda a: (a.matrix.assessed_on, a.slug))
        rows.append(
            {
                "code": code,
                "title": _country_title(assessments, lang),
                "href": relative(country_page(lang, code), page),
                "count": len(assessments),
                "latest": latest.matrix.assessed_on.isoformat(),
            }
        )
    return {"countries": rows}


def _country_title(assessments: list[Assessment], lang: str) -> str:
    national = [a for a in assessments if a.matrix.level == "national"]
    chosen = max(national or assessments, key=lambda a: (a.matrix.assessed_on, a.slug))
    return chosen.title(lang) if national else chosen.matrix.country


def country_context(
    code: str, assessments: list[Assessment], lang: str, page: str, pdfs: set[str]
) -> dict[str, Any]:
    """The assessments of one country over time, oldest first, each linking its profile
    (and, for a follow-up, the profile's section on what changed since the baseline)."""
    rows = []
    for item in sorted(assessments, key=lambda a: (a.matrix.assessed_on, a.slug)):
        matrix = item.matrix
        target = profile_page(lang, code, item.slug)
        pdf = profile_pdf(lang, code, item.slug)
        rows.append(
            {
                "title": item.title(lang),
                "assessed_on": matrix.assessed_on.isoformat(),
                "assessment": matrix.assessment,
                "level": matrix.level,
                "locality": matrix.locality,
                "href": relative(target, page),
                "changes": relative(target, page) + "#developments"
                if matrix.assessment == "follow_up" and item.developments
                else None,
                "pdf": relative(pdf, page) if pdf in pdfs else None,
            }
        )
    return {"code": code, "title": _country_title(assessments, lang), "assessments": rows}


def pdf_downloads(
    countries: dict[str, list[Assessment]], lang: str, page: str
) -> list[dict[str, str]]:
    """The PDF of every published profile in ``lang``, for the downloads page."""
    return [
        {
            "href": relative(profile_pdf(lang, code, item.slug), page),
            "title": f"{item.title(lang)}, {item.matrix.assessed_on.isoformat()}",
        }
        for code in sorted(countries)
        for item in sorted(countries[code], key=lambda a: (a.matrix.assessed_on, a.slug))
    ]


def catalogue_context(catalogue: Catalogue, lang: str) -> dict[str, Any]:
    """The catalogue by dimension (and sub-area), then by module, theme and GCM objective;
    each indicator is listed once in full, the other views link to it."""
    indicators = catalogue.indicators
    dimensions = []
    for dimension in catalogue.dimensions:
        areas = []
        for area in dimension.sub_areas:
            rows = [
                _indicator_row(catalogue, i, lang)
                for i in indicators
                if i.dimension == dimension.id and i.sub_area == area.id
            ]
            if rows:
                areas.append({"name": localized(area.name, lang), "indicators": rows})
        dimensions.append(
            {"id": dimension.id, "name": localized(dimension.name, lang), "sub_areas": areas}
        )
    modules = [
        {
            "name": localized(m.name, lang),
            "indicators": [i.id for i in indicators if i.module == m.id],
        }
        for m in catalogue.modules
    ]
    themes = [
        {
            "name": localized(t.name, lang),
            "indicators": [i.id for i in indicators if t.id in i.tags],
        }
        for t in catalogue.themes
    ]
    objectives = [
        {
            "number": o.number,
            "name": localized(o.name, lang),
            "indicators": [i.id for i in indicators if o.number in i.gcm],
        }
        for o in catalogue.gcm_objectives
    ]
    return {
        "catalogue_title": localized(catalogue.title, lang),
        "catalogue_ref": catalogue.ref,
        "dimensions": dimensions,
        "modules": [m for m in modules if m["indicators"]],
        "themes": [t for t in themes if t["indicators"]],
        "objectives": [o for o in objectives if o["indicators"]],
    }


def _indicator_row(catalogue: Catalogue, indicator: Any, lang: str) -> dict[str, Any]:
    modules = {m.id: localized(m.name, lang) for m in catalogue.modules}
    themes = {t.id: localized(t.name, lang) for t in catalogue.themes}
    return {
        "id": indicator.id,
        "anchor": "indicator-" + re.sub(r"[^A-Za-z0-9_-]", "-", indicator.id),
        "question": localized(indicator.question, lang),
        "module": modules.get(indicator.module, indicator.module),
        "themes": [themes.get(t, t) for t in indicator.tags if t in themes],
        "gcm": indicator.gcm,
    }


def anchor(indicator_id: str) -> str:
    return "indicator-" + re.sub(r"[^A-Za-z0-9_-]", "-", indicator_id)
