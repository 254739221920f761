"""Cross-checks a schema cannot express: ids unique and well formed, links resolve, findings
cover the scale, no cycles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from mgi_cli.catalogue.models import Catalogue, Indicator
from mgi_cli.files.yamlread import ParsedYaml
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem

#: Dimension ids: no dot, which separates a dimension from a sub-area (``D1.health``).
DIMENSION_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
#: Indicator ids: dot-separated parts, such as ``D1.01``, ``C19.04`` or ``ENV.01``.
INDICATOR_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*")
#: What a finding sentence may name: the place assessed (docs/catalogue.md).
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = frozenset({"country", "locality"})


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
    for index, dimension in enumerate(cat.dimensions):
        if DIMENSION_ID.fullmatch(dimension.id) is None:
            yield (
                codes.CATALOGUE_ID,
                ("dimensions", index, "id"),
                f"the dimension id {dimension.id!r} is not letters, digits, '_' or '-' "
                "starting with a letter (a dot would make sub-area ids such as D1.health "
                "ambiguous)",
            )
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
        yield from _check_findings(cat, indicator, here)
        yield from _check_indicator_id(cat, indicator, here)
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


def _check_findings(
    cat: Catalogue, indicator: Indicator, here: tuple[object, ...]
) -> Iterator[tuple[str, tuple[object, ...], str]]:
    """A profile words each answer with its finding: every value but the not-applicable
    ones needs one. An indicator without ``findings:`` is allowed (profiles then use the
    question and say so); one with them must cover its scale."""
    if indicator.findings is None:
        return
    scale = cat.scale_of(indicator)
    wanted = [c.id for c in scale if c.counts_as != "not_applicable"]
    missing = [value for value in wanted if value not in indicator.findings]
    if missing:
        yield (
            codes.CATALOGUE_FINDINGS,
            (*here, "findings"),
            f"{indicator.id}: no finding for {', '.join(repr(v) for v in missing)}",
        )
    on_scale = {c.id for c in scale}
    for value, texts in indicator.findings.items():
        if value not in on_scale:
            yield (
                codes.CATALOGUE_FINDINGS,
                (*here, "findings", value),
                f"{indicator.id}: a finding for {value!r}, which is not on its scale",
            )
            continue
        for lang, text in texts.items():
            unknown = sorted(set(PLACEHOLDER.findall(text)) - PLACEHOLDERS)
            if unknown or text.count("{") != text.count("}"):
                yield (
                    codes.CATALOGUE_FINDINGS,
                    (*here, "findings", value, lang),
                    f"{indicator.id}: the {value!r} finding ({lang}) has a placeholder other "
                    "than {country} and {locality}, or a stray brace",
                )


def _check_indicator_id(
    cat: Catalogue, indicator: Indicator, here: tuple[object, ...]
) -> Iterator[tuple[str, tuple[object, ...], str]]:
    where = (*here, "id")
    if INDICATOR_ID.fullmatch(indicator.id) is None:
        yield (
            codes.CATALOGUE_ID,
            where,
            f"the indicator id {indicator.id!r} is not parts of letters, digits, '_' or '-' "
            "joined by dots (such as D1.01 or ENV.01)",
        )
    prefix = indicator.id.partition(".")[0]
    if cat.dimension(prefix) is not None and prefix != indicator.dimension:
        yield (
            codes.CATALOGUE_ID,
            where,
            f"{indicator.id} is in dimension {indicator.dimension}, but its id names {prefix}",
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
