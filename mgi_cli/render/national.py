"""A local profile's optional comparison with the national matrix (``--compare-national``).

The national matrix is the one the local matrix names as ``context:``, a path
relative to the local matrix, found and read as validation reads it
(mgi_cli/matrix/linked.py); only a regular file is opened (a device or a pipe named
like a matrix would hang). The local and national
indicator sets differ, so the comparison is per dimension (by MiGOF number), in
counts and shares of the answers, never indicator by indicator.

Confidentiality: the national matrix obeys the rule of every public output
(docs/format.md, "Confidentiality"), for any audience (the readers of a local report
are the city's authorities, not those who restricted the national answers): a national
sub-area holding a restricted answer is *protected*, none of its answers is counted or
shown, and the section shows it only through the national matrix's narrative for it
or a neutral sentence; nothing says how many national answers are restricted. So two
national matrices differing only in which answers of a sub-area are restricted give
the same local profile. A public profile shows no counts at all (the MGI are not a
ranking): it sets the national matrix's key findings beside the local profile instead.
A public comparison also needs a national matrix validated or published by the
government, as a public national profile does. Otherwise the section is left out with
a warning; the local profile is still worth having.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mgi_cli.errors import MgiError
from mgi_cli.matrix.confidentiality import restricted_ids
from mgi_cli.matrix.indicators import CONTEXT_MODULE, effective_indicators
from mgi_cli.matrix.models import PUBLISHABLE
from mgi_cli.output.i18n import country_name, format_date
from mgi_cli.render.cover import status_label
from mgi_cli.render.sections import category_labels
from mgi_cli.render.texts import CATEGORIES, Localizer

if TYPE_CHECKING:
    from pathlib import Path

    from babel.support import Translations

    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.matrix.confidentiality import Disclosure
    from mgi_cli.matrix.models import Matrix
    from mgi_cli.problems.problem import Problem


@dataclass(frozen=True)
class National:
    """The national matrix a local one names as ``context:``, and its catalogue."""

    matrix: Matrix
    catalogue: Catalogue
    path: str


def load_national(path: Path, matrix: Matrix, library: CatalogueLibrary) -> National:
    """The national matrix of the local matrix at ``path``; ``MgiError`` says why not."""
    if matrix.level != "local":
        raise MgiError("the comparison with the national matrix is for local matrices")
    if not matrix.context:
        raise MgiError("the matrix names no national matrix (`context:`)")
    from mgi_cli.files.read import Unread
    from mgi_cli.matrix.linked import load_linked
    from mgi_cli.problems.problem import Severity

    linked = load_linked(path, matrix.context)
    target, loaded = linked.path, linked.loaded
    if isinstance(loaded, Unread) and loaded.kind in ("folder", "special"):
        raise MgiError(
            f"the national matrix {matrix.context!r} is not a regular file; it was not read"
        )
    if isinstance(loaded, Unread):
        raise MgiError(f"the national matrix {matrix.context!r} cannot be read ({loaded.reason})")
    national = loaded.matrix
    if national is None or any(p.severity is Severity.ERROR for p in loaded.problems):
        raise MgiError(
            f"the national matrix {matrix.context!r} cannot be read as a matrix "
            f"(see `mgi validate {target}`)"
        )
    if national.level != "national" or national.country != matrix.country:
        raise MgiError(f"{matrix.context!r} is not a national matrix of {matrix.country}")
    catalogue = library.get(national.catalogue)
    if catalogue is None:
        raise MgiError(
            f"mgi does not have the catalogue {national.catalogue!r} of the national matrix"
        )
    return National(national, catalogue, str(target))


def refuse_unpublished(national: National, disclosure: Disclosure) -> None:
    """A public comparison counts only a national matrix the government has validated."""
    status = national.matrix.status
    if disclosure.is_public and status not in PUBLISHABLE:
        raise MgiError(
            f"the national matrix {national.path} is {status!r}: a public profile compares "
            "only with a national matrix validated or published by the government"
        )


def build_comparison(
    sections: list[dict[str, Any]],
    national: National,
    local_place: str,
    lang: str,
    tr: Translations,
    *,
    public: bool,
    problems: list[Problem] | None = None,
) -> dict[str, Any]:
    """The local ``sections`` beside the national matrix, per dimension.

    ``sections`` are the local profile's dimension sections, whose counts already
    leave out what the audience may not see. ``public``: findings, no counts. Warnings
    about the national matrix's texts (a fallback to another language) go to ``problems``.
    """
    from mgi_cli.choices import Audience
    from mgi_cli.matrix.confidentiality import Disclosure, protected_sub_areas, sub_area_key
    from mgi_cli.render.sections import build_section
    from mgi_cli.render.texts import is_context_specific

    labels = category_labels(tr)
    nat, catalogue = national.matrix, national.catalogue
    areas, hidden = protected_sub_areas(nat, catalogue, restricted_ids(nat))
    # The national matrix as a public output sees it, whatever the local audience:
    # protected sub-areas gone whole, and only the findings (no justification, no listing).
    # Made here rather than by disclose(), which refuses a draft national matrix (the
    # government's comparison may count one).
    answers = {
        k: a.model_copy(update={"notes": None}) if a is not None else None
        for k, a in nat.answers.items()
        if k not in hidden
    }
    disclosure = Disclosure(
        audience=Audience.PUBLIC,
        answers=answers,
        restricted=restricted_ids(nat),
        withheld=0,
        listing=False,
        details=False,
        protected_areas=areas,
        protected=hidden,
    )
    indicators = [
        i
        for i in effective_indicators(nat, catalogue)
        if i.module in ("standard", CONTEXT_MODULE) and i.id not in hidden
    ]
    own = frozenset(i.id for i in indicators if is_context_specific(i))
    place = country_name(nat.country, lang) or nat.title_in(lang) or nat.country
    loc = Localizer(catalogue, lang, own=own, source=national.path, place=place)
    loc.language = nat.language
    rows = []
    by_number = {d.number: d for d in catalogue.dimensions}
    profile = nat.profile
    for section in sections:
        dimension = by_number.get(section["number"])
        if dimension is None:
            continue
        mine = [i for i in indicators if i.dimension == dimension.id]
        names = {s.id: loc.text(s.name, f"sub-area {s.id!r} name") for s in dimension.sub_areas}

        def grouping(i: Any, names: dict[str, str] = names) -> tuple[str, str]:
            return (i.sub_area, names.get(i.sub_area, i.sub_area))

        there = build_section(
            anchor=f"national-{dimension.number}",
            heading=section["heading"],
            name=section["name"],
            indicators=mine,
            grouping=grouping,
            disclosure=disclosure,
            loc=loc,
            tr=tr,
        )
        protected = []
        for sub_area in dimension.sub_areas:
            key = sub_area_key(dimension.id, sub_area.id)
            if key not in areas:
                continue
            authored = profile.sub_areas.get(key) if profile is not None else None
            text = loc.authored(authored, f"profile.sub_areas.{key}") if authored else ""
            protected.append(
                {
                    "id": key,
                    "name": names[sub_area.id],
                    "paragraphs": [" ".join(p.split()) for p in text.split("\n\n") if p.strip()],
                }
            )
        row: dict[str, Any] = {
            "number": section["number"],
            "heading": section["heading"],
            "short_name": section.get("short_name", section["heading"]),
            "protected": protected,
        }
        if public:
            row |= {
                "well_developed": there["well_developed"],
                "further_development": there["further_development"],
            }
        else:
            mine_counts = {
                c["key"]: int(c["count"]) for c in section["counts"] if c["key"] in CATEGORIES
            }
            theirs = {c["key"]: int(c["count"]) for c in there["counts"] if c["key"] in CATEGORIES}
            row |= {
                "local": _side(mine_counts, labels, lang),
                "national": _side(theirs, labels, lang),
            }
        rows.append(row)
    if problems is not None:
        problems.extend(loc.problems)
    return {
        "local": local_place,
        "national": nat.title_in(lang) or country_name(nat.country, lang) or nat.country,
        "national_date": format_date(nat.assessed_on, lang),
        "national_status": status_label(nat.status, tr),
        "counts": not public,
        "rows": rows,
        # Always 0: nothing says how many national answers are restricted (kept so that
        # user templates written for it keep rendering).
        "withheld": 0,
    }


def _side(tally: dict[str, int], labels: dict[str, str], lang: str) -> dict[str, Any]:
    from babel.numbers import format_percent

    total = sum(tally.get(key, 0) for key in CATEGORIES)
    return {
        "total": total,
        "counts": [
            {
                "key": key,
                "label": labels[key],
                "count": tally.get(key, 0),
                "share": format_percent(tally.get(key, 0) / total, locale=lang) if total else None,
            }
            for key in CATEGORIES
        ],
    }
