"""Roll-ups: answers counted before and after, per dimension, sub-area and module."""

from __future__ import annotations

from collections import Counter

from mgi_cli.catalogue.models import Catalogue
from mgi_cli.diff.model import COUNTED, PROGRESS, REGRESSION, IndicatorChange, Summary
from mgi_cli.matrix.indicators import CONTEXT_MODULE

STANDARD_MODULE = "standard"
#: The roll-up of the indicators the matrices define for their own context.
CONTEXT_NAME = "Context-specific indicators"


def summarise(
    ident: str, name: str, entries: list[IndicatorChange], domain: str | None = None
) -> Summary:
    # An indicator counts only on the sides that have it and use it.
    before = Counter(e.before_standard or "unanswered" for e in entries if e.counts_before)
    after = Counter(e.after_standard or "unanswered" for e in entries if e.counts_after)
    return Summary(
        id=ident,
        name=name,
        domain=domain,
        before={k: before[k] for k in COUNTED},
        after={k: after[k] for k in COUNTED},
        progressed=sum(e.direction == PROGRESS for e in entries),
        regressed=sum(e.direction == REGRESSION for e in entries),
        changed=sum(e.changed for e in entries),
        indicators=len(entries),
    )


def roll_up(
    entries: list[IndicatorChange], cats: tuple[Catalogue, Catalogue]
) -> tuple[list[Summary], list[Summary], list[Summary]]:
    """Dimension and sub-area roll-ups of the standard module, and one per other module.

    Each indicator counts, on both sides, in the dimension and sub-area its entry
    names (the follow-up catalogue's placement), so moves between dimensions do not
    show up as answers appearing in one and vanishing from another.
    """
    standard = [e for e in entries if e.module == STANDARD_MODULE]
    domains: list[Summary] = []
    sub_areas: list[Summary] = []
    for dim_id, dim_name in _dimensions(cats):
        members = [e for e in standard if e.domain == dim_id]
        if not members:
            continue
        domains.append(summarise(dim_id, dim_name, members))
        for area_id, area_name in _sub_areas(cats, dim_id, members):
            in_area = [e for e in members if e.sub_area == area_id]
            sub_areas.append(summarise(area_id, area_name, in_area, dim_id))
    modules = []
    for module_id, module_name in _modules(cats):
        members = [e for e in entries if e.module == module_id]
        if module_id != STANDARD_MODULE and members:
            modules.append(summarise(module_id, module_name, members))
    own = [e for e in entries if e.module == CONTEXT_MODULE]
    if own:
        modules.append(summarise(CONTEXT_MODULE, CONTEXT_NAME, own))
    return domains, sub_areas, modules


def _dimensions(cats: tuple[Catalogue, Catalogue]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for cat in reversed(cats):
        for dim in cat.dimensions:
            seen.setdefault(dim.id, dim.short_name["en"])
    return list(seen.items())


def _sub_areas(
    cats: tuple[Catalogue, Catalogue], dim_id: str, members: list[IndicatorChange]
) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for cat in reversed(cats):
        dim = cat.dimension(dim_id)
        for area in dim.sub_areas if dim is not None else []:
            seen.setdefault(area.id, area.name["en"])
    used = {e.sub_area for e in members}
    for area_id in sorted(used - set(seen)):
        seen[area_id] = area_id
    return [(k, v) for k, v in seen.items() if k in used]


def _modules(cats: tuple[Catalogue, Catalogue]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for cat in reversed(cats):
        for module in cat.modules:
            seen.setdefault(module.id, module.name["en"])
    return list(seen.items())
