"""The canonical layout of a matrix file, applied to ruamel.yaml round-trip data.

Keys follow the order of docs/format.md, with the keys the project added where the
examples put them (``title`` and ``language`` after ``country``, ``subdivision`` and
``context`` after ``locality``, ``process`` after ``confidentiality``,
``context_indicators``, ``not_used`` and ``profile`` before ``answers``, ``finding``
after ``justification``, ``action_plan`` last); keys the format does not know keep their
relative order, just before ``answers``. Indentation is 2 spaces, with sequences
indented under their key. ``modules`` is a flow list, as in the contract; everything
else is block style. A justification, note, finding or profile text (each language's)
that does not fit on its key's line within ``WIDTH`` columns is written as a folded
``>-`` block wrapped at ``WIDTH``; one that fits is written on the key's line; a text of
several lines is kept as written. Quotes a user chose are kept.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from typing import Any

WIDTH = 88
MATRIX_KEYS = (
    "format",
    "country",
    "title",
    "language",
    "level",
    "locality",
    "subdivision",
    "context",
    "assessment",
    "baseline",
    "catalogue",
    "modules",
    "assessed_on",
    "status",
    "confidentiality",
    "process",
    "context_indicators",
    "not_used",
    "profile",
    "answers",
    "action_plan",
)
ANSWER_KEYS = (
    "answer",
    "justification",
    "finding",
    "references",
    "restricted",
    "reviewed",
    "notes",
)
REFERENCE_KEYS = ("title", "url", "publisher", "published", "accessed")
CONTEXT_INDICATOR_KEYS = (
    "id",
    "dimension",
    "sub_area",
    "question",
    "scale",
    "tags",
    "migration",
    "gcm",
)
ACTION_KEYS = ("id", "indicators", "action", "responsible", "due", "status", "progress", "notes")
PROFILE_KEYS = ("summary", "context", "dimensions", "sub_areas")
PROCESS_KEYS = ("focal_point", "consultations", "validated")
CONSULTATION_KEYS = ("date", "kind", "participants")
VALIDATION_KEYS = ("date", "by")
#: Any key: the prose of a text mapping is keyed by language, a narrative by its id.
_EVERY_KEY = frozenset({"*"})
#: Free text folded when long: in answers and in action plan items.
PROSE_KEYS = {
    "answer": frozenset({"justification", "notes", "finding"}),
    "action": frozenset({"action", "progress", "notes"}),
    "profile": frozenset({"summary", "context"}),
    "narratives": _EVERY_KEY,
    "text": _EVERY_KEY,
}
_ORDERS = {
    "root": MATRIX_KEYS,
    "answer": ANSWER_KEYS,
    "reference": REFERENCE_KEYS,
    "context_indicator": CONTEXT_INDICATOR_KEYS,
    "action": ACTION_KEYS,
    "profile": PROFILE_KEYS,
    "process": PROCESS_KEYS,
    "consultation": CONSULTATION_KEYS,
    "validation": VALIDATION_KEYS,
}
_BREAKS = "\n\r\x85\u2028\u2029"


def new_yaml() -> Any:
    """A ruamel.yaml round-trip instance set up for the canonical layout."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap plain scalars; prose is folded explicitly
    yaml.representer.add_representer(type(None), _represent_null)
    return yaml


def _represent_null(representer: Any, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def dump(yaml: Any, root: Any) -> str:
    stream = io.StringIO()
    yaml.dump(root, stream)
    return stream.getvalue()


def canonicalize(root: Any) -> dict[int, int]:
    """Reorder keys, set styles and fold prose in place.

    Returns the column at which each container's keys (or dashes) are written,
    by ``id()``, so comments can be indented with the node they belong to.
    """
    columns: dict[int, int] = {}
    _walk(root, 0, "root", columns)
    return columns


def _walk(node: Any, column: int, kind: str, columns: dict[int, int]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, (CommentedMap, CommentedSeq)) and not node:
        node.fa.set_flow_style()  # written {} or [] whatever the style; say so for comments
        columns[id(node)] = column
    elif isinstance(node, CommentedMap):
        columns[id(node)] = column
        node.fa.set_block_style()
        _order(node, kind)
        for key in list(node.keys()):
            value = node[key]
            child = _child_kind(kind, key)
            prose = PROSE_KEYS.get(kind, frozenset())
            if (key in prose or prose is _EVERY_KEY) and isinstance(value, str):
                # Past CommentedMap.__setitem__, which would keep the old scalar style.
                OrderedDict.__setitem__(node, key, fold_prose(value, column, str(key)))
            elif kind == "root" and key == "modules" and isinstance(value, CommentedSeq):
                columns[id(value)] = column + 2
                if all(not isinstance(v, (CommentedMap, CommentedSeq)) for v in value):
                    value.fa.set_flow_style()
                else:
                    _walk(value, column + 2, child, columns)
            else:
                _walk(value, column + 2, child, columns)
    elif isinstance(node, CommentedSeq):
        columns[id(node)] = column
        node.fa.set_block_style()
        for item in node:
            _walk(item, column + 2, kind, columns)


#: What the value under a key is, by the kind of node holding it (items of a list: the
#: list's kind); "*" for any key.
_CHILD_KINDS: dict[str, dict[str, str]] = {
    "root": {
        "answers": "answers",
        "context_indicators": "context_indicator",
        "action_plan": "action",
        "profile": "profile",
        "process": "process",
    },
    "answers": {"*": "answer"},
    "answer": {"references": "reference", "finding": "text"},
    "profile": {"dimensions": "narratives", "sub_areas": "narratives", "*": "text"},
    "narratives": {"*": "text"},
    "process": {"consultations": "consultation", "validated": "validation"},
}


def _child_kind(kind: str, key: Any) -> str:
    """What the value under ``key`` is, in a node of this kind (items of a list: the same)."""
    children = _CHILD_KINDS.get(kind, {})
    return children.get(key, children.get("*", "other")) if isinstance(key, str) else "other"


def _order(node: Any, kind: str) -> None:
    keys = _ORDERS.get(kind)
    if keys is None or getattr(node, "merge", None):
        return
    rank = {k: float(i) for i, k in enumerate(keys)}
    # Keys the format does not know: after the known ones, but before the long answers.
    unknown = rank["answers"] - 0.5 if kind == "root" else float(len(keys))
    current = list(node.keys())
    wanted = sorted(current, key=lambda k: rank.get(k, unknown) if isinstance(k, str) else unknown)
    if wanted != current:
        for key in wanted:
            node.move_to_end(key)


def foldable(text: str) -> bool:
    """True when folding cannot change the text: one line of printable characters,
    without leading or trailing blanks (which a folded block would read differently)."""
    return (
        bool(text)
        and text == text.strip()
        and text.isprintable()
        and not any(ch in _BREAKS for ch in text)
    )


def fold_prose(text: str, key_column: int, key: str) -> Any:
    """The text as written under ``key``: on the key's line, or a folded block."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        SingleQuotedScalarString,
    )

    if not foldable(text):
        return text
    if key_column + len(key) + 2 + len(text) <= WIDTH:
        # Fits on one line: plain, unless the user chose quotes.
        quoted = isinstance(text, (SingleQuotedScalarString, DoubleQuotedScalarString))
        return text if quoted else str(text)
    folded = FoldedScalarString(str(text))
    folded.fold_pos = fold_positions(str(text), WIDTH - key_column - 2)
    return folded


def fold_positions(text: str, width: int) -> list[int]:
    """Where to break ``text`` (at single spaces) so lines fit in ``width`` where possible."""
    candidates = [
        i
        for i in range(1, len(text) - 1)
        if text[i] == " " and text[i - 1] != " " and text[i + 1] != " "
    ]
    breaks: list[int] = []
    start, previous = 0, None
    for position in [*candidates, len(text)]:
        if position - start > width and previous is not None and previous > start:
            breaks.append(previous)
            start = previous + 1
        previous = position
    return breaks
