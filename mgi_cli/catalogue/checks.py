"""Cross-checks a schema cannot express: ids unique, links resolve, no cycles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from mgi_cli.catalogue.models import Catalogue, Indicator
from mgi_cli.files.yamlread import ParsedYaml
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem


def check_catalogue(catalogue: Catalogue, parsed: ParsedYaml) -> list[Problem]:
    problems: list[Problem] = []
    for code, path, message in _findings(catalogue):
        problems.append(parsed.problem(path, code, message))
    return problems


def _findings(cat: Catalogue) -> Iterator[tuple[str, tuple[object, ...], str]]:
    counts = Counter(i.id for i in cat.indicators)
    for code, name, values in (
        (codes.CATALOGUE_DUPLICATE, "dimension", [d.id for d in cat.dimensions]),
        (codes.CATALOGUE_DUPLICATE, "module", cat.module_ids),
        (codes.CATALOGUE_DUPLICATE, "theme", [t.id for t in cat.themes]),
    ):
        for value, count in Counter(values).items():
            if count > 1:
                yield code, (), f"the {name} id {value!r} is used {count} times"
    questions: dict[str, str] = {}
    themes = {t.id for t in cat.themes}
    modules = set(cat.module_ids)
    for index, indicator in enumerate(cat.indicators):
        here: tuple[object, ...] = ("indicators", index)
        if counts[indicator.id] > 1:
            yield (
                codes.CATALOGUE_DUPLICATE,
                (*here, "id"),
                f"the indicator id {indicator.id!r} is used more than once",
            )
        yield from _check_links(cat, indicator, here, themes, modules)
        text = " ".join(indicator.question["en"].lower().split())
        if text in questions:
            yield (
                codes.CATALOGUE_DUPLICATE,
                (*here, "question"),
                f"{indicator.id} asks the same question as {questions[text]}",
            )
        questions.setdefault(text, indicator.id)
    yield from _check_replaces(cat)


def _check_links(
    cat: Catalogue,
    indicator: Indicator,
    here: tuple[object, ...],
    themes: set[str],
    modules: set[str],
) -> Iterator[tuple[str, tuple[object, ...], str]]:
    dimension = cat.dimension(indicator.dimension)
    if dimension is None:
        yield (
            codes.CATALOGUE_LINK,
            (*here, "dimension"),
            f"{indicator.id}: no dimension {indicator.dimension!r}",
        )
    elif indicator.sub_area not in {s.id for s in dimension.sub_areas}:
        yield (
            codes.CATALOGUE_LINK,
            (*here, "sub_area"),
            f"{indicator.id}: dimension {dimension.id} has no sub-area {indicator.sub_area!r}",
        )
    if indicator.module not in modules:
        yield (
            codes.CATALOGUE_LINK,
            (*here, "module"),
            f"{indicator.id}: no module {indicator.module!r}",
        )
    for tag in indicator.tags:
        if tag not in themes:
            yield codes.CATALOGUE_LINK, (*here, "tags"), f"{indicator.id}: no theme {tag!r}"
    choices = [c.id for c in cat.scale_of(indicator)]
    if len(set(choices)) != len(choices):
        yield codes.CATALOGUE_DUPLICATE, (*here, "scale"), f"{indicator.id}: a scale choice repeats"
    for key in indicator.guidance:
        if key not in choices:
            yield (
                codes.CATALOGUE_LINK,
                (*here, "guidance", key),
                f"{indicator.id}: guidance for {key!r}, which is not on its scale",
            )


def _check_replaces(cat: Catalogue) -> Iterator[tuple[str, tuple[object, ...], str]]:
    """An indicator may not replace itself, directly or through a chain."""
    edges = {i.id: list(i.replaces) for i in cat.indicators}
    for index, indicator in enumerate(cat.indicators):
        seen: set[str] = set()
        todo = list(indicator.replaces)
        while todo:
            current = todo.pop()
            if current == indicator.id:
                yield (
                    codes.CATALOGUE_CYCLE,
                    ("indicators", index, "replaces"),
                    f"{indicator.id} replaces itself through its 'replaces' links",
                )
                break
            if current not in seen:
                seen.add(current)
                todo.extend(edges.get(current, []))
