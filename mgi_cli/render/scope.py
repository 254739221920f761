"""Which indicators a profile covers, and those it says it leaves aside.

A profile covers the catalogue's indicators of the modules the matrix declares,
except those the matrix marks ``not_used``, and the matrix's own (context-specific)
indicators, in their dimension. Indicators not used are never dropped silently: the
profile lists them with the matrix's reason, and leaves them out of every count.

The reasons are part of how the assessment was framed, not answers, so a public
profile shows them too; but an indicator not used in a protected sub-area (one
holding a restricted answer) is left out of a public list, as its findings are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgi_cli.matrix.indicators import effective_indicators

if TYPE_CHECKING:
    from mgi_cli.catalogue.models import Catalogue, Indicator
    from mgi_cli.matrix.confidentiality import Disclosure
    from mgi_cli.matrix.models import Matrix
    from mgi_cli.render.texts import Localizer

STANDARD = "standard"


def profile_indicators(matrix: Matrix, catalogue: Catalogue) -> list[Indicator]:
    """Every indicator the profile covers: the catalogue's in use, then the matrix's own."""
    return effective_indicators(matrix, catalogue)


def not_used_items(
    matrix: Matrix, catalogue: Catalogue, disclosure: Disclosure, loc: Localizer
) -> list[dict[str, Any]]:
    """The catalogue indicators marked ``not_used``, in catalogue order, with the reason."""
    items = []
    modules = {m.id: m for m in catalogue.modules}
    for indicator in catalogue.in_modules(set(matrix.modules)):
        if indicator.id not in matrix.not_used:
            continue
        if disclosure.is_public and indicator.id in disclosure.protected:
            continue
        module = modules.get(indicator.module)
        dimension = catalogue.dimension(indicator.dimension)
        if indicator.module != STANDARD and module is not None:
            section = loc.text(module.name, f"module {module.id!r} name")
        elif dimension is not None:
            section = loc.text(dimension.short_name, f"dimension {dimension.id} short name")
        else:
            section = indicator.dimension
        items.append(
            {
                "indicator": indicator.id,
                "section": section,
                "question": loc.text(indicator.question, "question", indicator.id),
                "reason": (matrix.not_used[indicator.id] or "").strip() or None,
            }
        )
    return items
