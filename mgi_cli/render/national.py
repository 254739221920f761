"""A local profile's optional comparison with the national matrix (``--compare-national``).

The national matrix is the one the local matrix names as ``context:``, a path
relative to the local matrix, found and read as validation reads it
(mgi_cli/matrix/linked.py); only a regular file is opened (a device or a pipe named
like a matrix would hang). The local and national
indicator sets differ, so the comparison is per dimension (by MiGOF number), in
counts and shares of the answers, never indicator by indicator.

Confidentiality: the national matrix's restricted answers are never counted, for
any audience (the readers of a local report are the city's authorities, not those
who restricted the national answers), and a public comparison needs a national
matrix validated or published by the government, as a public national profile does.
Otherwise the section is left out with a warning; the local profile is still worth
having.
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
) -> dict[str, Any]:
    """Counts and shares per dimension, the local ``sections`` beside the national matrix.

    ``sections`` are the local profile's dimension sections, whose counts already
    leave out what the audience may not see.
    """
    labels = category_labels(tr)
    nat = national.matrix
    hidden = restricted_ids(nat)
    loc = Localizer(national.catalogue, lang)
    numbers = {d.id: d.number for d in national.catalogue.dimensions}
    tallies: dict[int, dict[str, int]] = {n: dict.fromkeys(CATEGORIES, 0) for n in numbers.values()}
    withheld = 0
    for indicator in effective_indicators(nat, national.catalogue):
        number = numbers.get(indicator.dimension)
        if number is None or indicator.module not in ("standard", CONTEXT_MODULE):
            continue
        if indicator.id in hidden:
            withheld += 1
            continue
        category = loc.category(indicator, nat.answers.get(indicator.id))
        if category in CATEGORIES:
            tallies[number][category] += 1
    rows = []
    for section in sections:
        if section["number"] not in tallies:
            continue
        mine = {c["key"]: int(c["count"]) for c in section["counts"] if c["key"] in CATEGORIES}
        rows.append(
            {
                "number": section["number"],
                "heading": section["heading"],
                "local": _side(mine, labels, lang),
                "national": _side(tallies[section["number"]], labels, lang),
            }
        )
    return {
        "local": local_place,
        "national": nat.title_in(lang) or country_name(nat.country, lang) or nat.country,
        "national_date": format_date(nat.assessed_on, lang),
        "national_status": status_label(nat.status, tr),
        "rows": rows,
        "withheld": withheld,
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
