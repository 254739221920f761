"""Write a matrix as YAML text in the canonical layout, each question above its answer.

`mgi new`, follow-up drafts and `mgi import` all write matrices through here, so a
file they create is already what `mgi fmt` would make of it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from mgi_cli.formatting.layout import ANSWER_KEYS, MATRIX_KEYS, REFERENCE_KEYS, WIDTH

if TYPE_CHECKING:
    from mgi_cli.catalogue.models import Catalogue, Indicator

#: Answers YAML 1.1 tools would read as booleans are quoted; mgi reads both the same.
_YAML11_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false"})
_ANSWER_COLUMN = 2


def header_lines(
    head: Mapping[str, Any], catalogue: Catalogue | None, schema: str | None = None
) -> list[str]:
    """The comment at the top: the editor's schema line (``schema``: a path from the
    file's folder, repository/editor.py) and how to fill the file in."""
    scale = ", ".join(c.id for c in catalogue.scale) if catalogue else "the catalogue's scale"
    where = f"{head.get('country')}, {head.get('level')}"
    if head.get("locality"):
        where += f" ({head['locality']})"
    about = (
        f"MGI matrix: {where}, {head.get('assessment')}, catalogue {head.get('catalogue')}. "
        f"Under each question: `answer` ({scale}, unless the question lists its own "
        "answers), a `justification` naming the law, policy or body, and `references`. "
        "`mgi validate FILE` lists what is missing; `mgi status FILE` shows the progress."
    )
    line = [f"# yaml-language-server: $schema={schema}"] if schema else []
    return [*line, *_wrap(about, 0, "# ", "# ")]


def matrix_text(
    head: Mapping[str, Any],
    answers: Mapping[str, Mapping[str, Any] | None],
    catalogue: Catalogue | None,
    lang: str = "en",
    placeholders: list[str] | None = None,
    schema: str | None = None,
) -> str:
    """The YAML text of a matrix: ``head`` holds the top-level keys, ``answers`` plain
    answer mappings (keys as in the format; ``None`` for an empty entry).
    ``placeholders`` are comment lines written above ``answers:``; ``schema`` the path
    of the JSON Schema for editors, from the file's folder."""
    from ruamel.yaml.comments import CommentedMap

    from mgi_cli.formatting import comments, layout

    root = CommentedMap()
    body = CommentedMap()
    for indicator_id, entry in answers.items():
        body[indicator_id] = _answer(entry or {})
    for key in MATRIX_KEYS:
        value = body if key == "answers" else head.get(key)
        if value is not None and (value or key in ("answers", "modules")):
            root[key] = value if key == "answers" else _node(value)
    columns = layout.canonicalize(root)
    comments.attach_header(root, [*header_lines(head, catalogue, schema), ""])
    if placeholders:
        comments.attach_before(root, "answers", placeholders, 0)
    if catalogue is not None:
        known = {i.id: i for i in _context_indicators(head)}
        known.update((i.id, i) for i in catalogue.indicators)
        _questions(body, catalogue, known, lang, columns.get(id(body), _ANSWER_COLUMN))
    return layout.dump(layout.new_yaml(), root)


def _answer(entry: Mapping[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    out = CommentedMap()
    answer = entry.get("answer")
    quote = isinstance(answer, str) and answer.lower() in _YAML11_WORDS
    out["answer"] = DoubleQuotedScalarString(str(answer)) if quote else answer
    out["justification"] = entry.get("justification")
    out["references"] = CommentedSeq(
        CommentedMap((k, _scalar(r[k])) for k in REFERENCE_KEYS if r.get(k) is not None)
        for r in entry.get("references") or []
    )
    for key in ANSWER_KEYS:
        value = entry.get(key)
        if key in out or value is None:
            continue
        if value != {"restricted": False, "reviewed": True}.get(key):
            out[key] = _node(value)  # a finding may be one text per language
    return out


def _node(value: Any) -> Any:
    """Plain data as ruamel.yaml nodes (mappings and lists keep their order)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        return CommentedMap((k, _node(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return CommentedSeq(_node(v) for v in value)
    return _scalar(value)


def _scalar(value: Any) -> Any:
    plain = value is None or isinstance(value, (str, bool, int, float, date))
    return value if plain else str(value)


def _context_indicators(head: Mapping[str, Any]) -> list[Indicator]:
    """The matrix's own indicators, for their questions; none if they do not load."""
    from pydantic import TypeAdapter, ValidationError

    from mgi_cli.matrix.indicators import as_indicator
    from mgi_cli.matrix.models import ContextIndicator

    try:
        defined = TypeAdapter(list[ContextIndicator]).validate_python(
            head.get("context_indicators") or []
        )
    except ValidationError:
        return []
    return [as_indicator(d) for d in defined]


def _questions(
    body: Any, catalogue: Catalogue, known: dict[str, Indicator], lang: str, column: int
) -> None:
    from mgi_cli.catalogue.view import localized
    from mgi_cli.formatting.comments import attach_before
    from mgi_cli.matrix.indicators import CONTEXT_MODULE

    modules = {m.id: localized(m.name, lang) for m in catalogue.modules}
    modules[CONTEXT_MODULE] = "context-specific"
    previous: tuple[str, str] | None = None
    for indicator_id in body:
        indicator = known.get(str(indicator_id))
        if indicator is None:
            continue
        lines: list[str] = []
        if (indicator.module, indicator.dimension) != previous:
            dimension = catalogue.dimension(indicator.dimension)
            title = f"{indicator.dimension} {localized(dimension.name, lang) if dimension else ''}"
            if indicator.module != "standard":
                title = f"{title.strip()} ({modules.get(indicator.module, indicator.module)})"
            lines += [""] if previous else []
            lines += _wrap(title.strip(), column, "# ", "# ")
            previous = (indicator.module, indicator.dimension)
        question = f"{indicator.id} {localized(indicator.question, lang)}"
        lines += _wrap(question, column, "# ", "#   ")
        if indicator.scale is not None:
            choices = " | ".join(c.id for c in indicator.scale)
            lines += _wrap(f"answers: {choices}", column, "#   ", "#   ")
        attach_before(body, indicator_id, lines, column)


def _wrap(text: str, column: int, first: str, rest: str) -> list[str]:
    # Code in backticks (`mgi validate FILE`) is kept on one line.
    glued = re.sub(r"`[^`]*`", lambda m: m.group().replace(" ", "\u00a0"), text)
    lines = textwrap.wrap(
        glued,
        width=WIDTH - column,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]
    return [line.replace("\u00a0", " ") for line in lines]
