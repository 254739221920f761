"""Changes to the texts a matrix's authors wrote: title, profile narratives, findings,
the process record.

One ``TextChange`` per text and language (the process record, which is not written per
language, has ``language`` None). Texts are compared word by word, as justifications
are: re-wrapping a paragraph is not a change. A plain string is in its matrix's
``language:``, so a title written ``Republic of Xamaria`` in one matrix and
``{en: Republic of Xamaria}`` in the other is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from mgi_cli.diff.model import ONLY_AFTER, ONLY_BEFORE, IndicatorChange, TextChange
from mgi_cli.diff.words import normalise
from mgi_cli.languages import LANGUAGES
from mgi_cli.matrix.texts import as_languages

if TYPE_CHECKING:
    from mgi_cli.matrix.models import Matrix, Process

#: The parts of the process record, compared as wholes.
PROCESS_KEYS = ("focal_point", "consultations", "validated")
_Value = str | Mapping[str, str] | None


def text_changes(
    baseline: Matrix,
    follow_up: Matrix,
    entries: list[IndicatorChange],
    dimensions: list[str],
    dimension: str | None = None,
) -> list[TextChange]:
    """Every authored text that differs, in the order a profile shows them: title,
    summary, context, dimension and sub-area narratives (in the order of ``dimensions``),
    the findings of ``entries`` (the diff's indicators, in its order), the process.

    With ``dimension``, only the narratives and findings of that dimension.
    """
    found: list[TextChange] = []
    if dimension is None:
        found += _compare("title", baseline.title, follow_up.title, baseline, follow_up)
        for key in ("summary", "context"):
            found += _compare(
                f"profile.{key}",
                _profile(baseline, key),
                _profile(follow_up, key),
                baseline,
                follow_up,
            )
    for group in ("dimensions", "sub_areas"):
        before, after = _narratives(baseline, group), _narratives(follow_up, group)
        keys = sorted(before.keys() | after.keys(), key=_by_dimension(dimensions))
        for key in keys:
            if dimension is None or key.split(".", 1)[0] == dimension:
                found += _compare(
                    f"profile.{group}.{key}", before.get(key), after.get(key), baseline, follow_up
                )
    for entry in entries:
        old, new = _finding(baseline, _before_id(entry)), _finding(follow_up, _after_id(entry))
        found += _compare(
            f"answers.{entry.indicator}.finding",
            old,
            new,
            baseline,
            follow_up,
            indicator=entry.indicator,
            restricted=entry.restricted,
        )
    if dimension is None:
        found += _process_changes(baseline.process, follow_up.process)
    return found


def _compare(
    key: str,
    before: _Value,
    after: _Value,
    baseline: Matrix,
    follow_up: Matrix,
    *,
    indicator: str | None = None,
    restricted: bool = False,
) -> Iterator[TextChange]:
    old = _words(before, baseline.language)
    new = _words(after, follow_up.language)
    for lang in [*LANGUAGES, *sorted((old.keys() | new.keys()) - set(LANGUAGES))]:
        was, now = old.get(lang), new.get(lang)
        if was == now:
            continue
        change = "added" if was is None else "removed" if now is None else "changed"
        yield TextChange(key, lang, change, indicator=indicator, restricted=restricted)


def _words(value: _Value, language: str) -> dict[str, str]:
    if value is None:
        return {}
    return {lang: normalise(text) for lang, text in as_languages(value, language).items()}


def _profile(matrix: Matrix, key: str) -> _Value:
    return getattr(matrix.profile, key) if matrix.profile is not None else None


def _narratives(matrix: Matrix, group: str) -> dict[str, str | dict[str, str]]:
    return dict(getattr(matrix.profile, group)) if matrix.profile is not None else {}


def _by_dimension(dimensions: list[str]) -> Any:
    def key(name: str) -> tuple[int, str]:
        head = name.split(".", 1)[0]
        return (dimensions.index(head) if head in dimensions else len(dimensions), name)

    return key


def _before_id(entry: IndicatorChange) -> str | None:
    return None if entry.kind in ONLY_AFTER else (entry.replaced_from or entry.indicator)


def _after_id(entry: IndicatorChange) -> str | None:
    return None if entry.kind in ONLY_BEFORE else entry.indicator


def _finding(matrix: Matrix, indicator: str | None) -> _Value:
    answer = matrix.answers.get(indicator) if indicator is not None else None
    return answer.finding if answer is not None else None


def _process_changes(before: Process | None, after: Process | None) -> list[TextChange]:
    """The focal point, the consultations and the validation, each compared whole."""
    changes = []
    for key in PROCESS_KEYS:
        was = _process_part(before, key)
        now = _process_part(after, key)
        if was == now:
            continue
        change = "added" if was is None else "removed" if now is None else "changed"
        changes.append(TextChange(f"process.{key}", None, change))
    return changes


def _process_part(process: Process | None, key: str) -> Any:
    """A part of the process record as plain data, None when absent or empty."""
    if process is None:
        return None
    value = getattr(process, key)
    if key == "focal_point":
        return normalise(value) or None
    if key == "consultations":
        return [c.model_dump(mode="json") for c in value] or None
    return value.model_dump(mode="json") if value is not None else None
