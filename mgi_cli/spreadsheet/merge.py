"""`mgi import --force` onto a matrix: only the values the sheet changed are rewritten.

The file replaced is read with the formatting engine `mgi fmt` uses (ruamel.yaml's
round-trip data, comments found by position). Every value that means the same in the
sheet as in the file keeps its node untouched (its quotes, its date, its folded text,
its key order); a value that changed takes the node `mgi import` would write for a new
file; a key the sheet no longer gives is dropped. The result is then written as
`mgi fmt` writes: canonical layout, each comment of the file put back where it was. An
unedited round trip of a formatted matrix is thus byte-for-byte the file it came from.

"Means the same" is decided by the matrix model where both sides load: ``answer: yes``
and ``answer: "yes"``, an empty entry and a null one, a text in the matrix's language and
the same text under its language key, a default written out and one left out. Below an
answer or a top-level key (a profile narrative, a consultation) values are compared as
data. The merged text is checked before it is used: it must load as the same matrix as
the sheet, with every comment of the file; if not, the caller writes the sheet afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

_MISSING = object()


def merge_text(original: str, fresh: str) -> str | None:
    """``original`` with the values of ``fresh`` that differ; None when it cannot be done
    safely (a file ruamel.yaml cannot read, a top level that is not a mapping, ...)."""
    try:
        return _merge(original.replace("\r\n", "\n"), fresh)
    except (MemoryError, RecursionError):
        raise
    except Exception:  # ruamel.yaml refusing what mgi's reader accepts: write afresh
        return None


def _merge(original: str, fresh: str) -> str | None:
    from ruamel.yaml.comments import CommentedMap

    from mgi_cli.files.yamlread import parse_yaml
    from mgi_cli.formatting import comments, layout

    yaml = layout.new_yaml()
    root = yaml.load(original)
    old_parsed, new_parsed = parse_yaml(original, "old"), parse_yaml(fresh, "new")
    if not isinstance(root, CommentedMap) or not isinstance(new_parsed.data, dict):
        return None
    if old_parsed.problems or new_parsed.problems:
        return None
    merger = _Merger(_model(old_parsed), _model(new_parsed), _Fresh(fresh))
    merger.top_level(root, old_parsed.data, new_parsed.data)
    comments.clear(root)
    columns = layout.canonicalize(root)
    comments.restore(root, original, columns)
    text = layout.dump(yaml, root)
    return text if merger.faithful(text, original, new_parsed.data) else None


def _model(parsed: Any) -> Any:
    """The matrix the data holds (None when it does not load: compare as data)."""
    from mgi_cli.matrix.load import matrix_from_parsed

    return matrix_from_parsed(Path("-"), parsed).matrix


def _text(value: Any, language: str) -> Any:
    """A text as one mapping per language, so ``X`` and ``{en: X}`` compare equal."""
    return {language: value} if isinstance(value, str) else value


def _normal(value: Any, language: str) -> Any:
    """A model value with its texts as mappings per language."""
    from mgi_cli.matrix.models import Answer, Profile

    if isinstance(value, Answer):
        return value.model_copy(update={"finding": _text(value.finding, language)})
    if isinstance(value, Profile):
        return (
            _text(value.summary, language),
            _text(value.context, language),
            {k: _text(v, language) for k, v in value.dimensions.items()},
            {k: _text(v, language) for k, v in value.sub_areas.items()},
        )
    return _text(value, language)


#: Whether a key means the same on both sides, given its plain values there.
Same = Callable[[Any, Any, Any], bool]


class _Fresh:
    """The nodes of the fresh text, read with ruamel.yaml (slow: pure Python) only when a
    value changed, and only once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.root: Any = None

    def at(self, path: tuple[Any, ...]) -> Any:
        from mgi_cli.formatting import layout

        if self.root is None:
            self.root = layout.new_yaml().load(self.text)
        node = self.root
        for key in path:
            node = node[key]
        return node


class _Merger:
    """Merges by the matrix model where both sides load (``old``, ``new``: Matrix or None)."""

    def __init__(self, old: Any, new: Any, fresh: _Fresh) -> None:
        self.old, self.new, self.fresh = old, new, fresh
        self.language = new.language if new is not None else "en"

    def _fields_same(self, before: Any, after: Any) -> Same | None:
        """Compare the fields of two models (None: compare as data)."""
        if before is None or after is None:
            return None

        def same(key: Any, _old: Any, _new: Any) -> bool:
            if key not in type(after).model_fields or key == "answers":
                return False  # not a field (merged as data below); answers: entry by entry
            return bool(
                _normal(getattr(before, key), self.language)
                == _normal(getattr(after, key), self.language)
            )

        return same

    def entry_same(self, merged: Any, indicator: Any) -> bool:
        """An answer entry means the same: an empty entry, a null one and none at all
        are the same (a sheet has a row for every indicator, answered or not)."""
        from mgi_cli.matrix.models import Answer

        if merged is None or self.new is None:
            return False
        before = merged.answers.get(indicator) or Answer()
        after = self.new.answers.get(indicator) or Answer()
        return bool(_normal(before, self.language) == _normal(after, self.language))

    def top_level(self, node: Any, old_data: Any, new_data: Any) -> None:
        same = self._fields_same(self.old, self.new)
        _merge_map(self.fresh, node, (), old_data, new_data, same, self._child)

    def _child(self, node: Any, path: tuple[Any, ...], old_data: Any, new_data: Any) -> None:
        if path == ("answers",) and self.old is not None and self.new is not None:
            self._answers(node, path, old_data, new_data)
        else:
            _merge_map(self.fresh, node, path, old_data, new_data, None, self._plain)

    def _plain(self, node: Any, path: tuple[Any, ...], old_data: Any, new_data: Any) -> None:
        _merge_map(self.fresh, node, path, old_data, new_data, None, self._plain)

    def _answers(self, node: Any, path: tuple[Any, ...], old_data: Any, new_data: Any) -> None:
        """Answers entry by entry: an entry that means the same keeps its node."""

        def same(indicator: Any, _old: Any, _new: Any) -> bool:
            return self.entry_same(self.old, indicator)

        def child(entry: Any, at: tuple[Any, ...], old: Any, new: Any) -> None:
            indicator = at[-1]
            fields = self._fields_same(
                self.old.answers.get(indicator), self.new.answers.get(indicator)
            )
            _merge_map(self.fresh, entry, at, old, new, fields, self._plain)

        _merge_map(self.fresh, node, path, old_data, new_data, same, child)

    def faithful(self, text: str, original: str, new_data: Any) -> bool:
        """The merged text reads as the sheet's matrix and keeps every comment of the file."""
        from mgi_cli.files.yamlread import parse_yaml
        from mgi_cli.formatting.comments import comment_texts
        from mgi_cli.formatting.fmt import same_data

        parsed = parse_yaml(text, "merged")
        if parsed.problems or comment_texts(text) != comment_texts(original):
            return False
        merged = _model(parsed)
        if merged is None or self.new is None:
            return same_data(parsed.data, new_data)
        for key in type(self.new).model_fields:
            before, after = getattr(merged, key), getattr(self.new, key)
            if key != "answers" and _normal(before, self.language) != _normal(after, self.language):
                return False
        return all(self.entry_same(merged, i) for i in merged.answers | self.new.answers)


#: Merges the mapping under a key: its node, its path, its plain data on both sides.
Child = Callable[[Any, tuple[Any, ...], Any, Any], None]


def _merge_map(
    fresh: _Fresh,
    node: Any,
    path: tuple[Any, ...],
    old_data: Any,
    new_data: dict[Any, Any],
    same: Same | None,
    child: Child,
) -> None:
    """Make the mapping ``node`` (at ``path``) hold what the fresh text holds there,
    touching only what differs (``old_data``, ``new_data``: the plain data of both sides;
    ``child`` merges two mappings under a key)."""
    from ruamel.yaml.comments import CommentedMap

    from mgi_cli.formatting.fmt import same_data

    def value(data: Any, key: Any) -> Any:
        return data.get(key, _MISSING) if isinstance(data, dict) else _MISSING

    def equal(key: Any) -> bool:
        old_value, new_value = value(old_data, key), value(new_data, key)
        if same is not None:
            return same(key, old_value, new_value)
        return old_value is not _MISSING and same_data(old_value, new_value)

    for key in [k for k in node if k not in new_data and not equal(k)]:
        del node[key]
    previous: Any = _MISSING
    for key, new_value in new_data.items():
        if key in node:
            if not equal(key):
                old_value = node[key]
                if isinstance(old_value, CommentedMap) and isinstance(new_value, dict):
                    child(old_value, (*path, key), value(old_data, key), new_value)
                else:
                    fresh_value = _detached(fresh.at((*path, key)))
                    _replace(node, key, _styled(old_value, fresh_value))
        elif not equal(key):
            at = 0 if previous is _MISSING else list(node).index(previous) + 1
            node.insert(at, key, _detached(fresh.at((*path, key))))
        if key in node:
            previous = key


def _styled(old: Any, new: Any) -> Any:
    """A new text written plain where the file wrote the old one plain (``answer: yes``
    stays unquoted, as the user wrote it; ruamel.yaml quotes what plain would misread)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    quoted = (DoubleQuotedScalarString, SingleQuotedScalarString)
    if type(old) is str and isinstance(new, quoted):
        return str(new)
    return new


def _replace(node: Any, key: Any, value: Any) -> None:
    """Set ``node[key]`` as it is (CommentedMap.__setitem__ would keep the old style)."""
    from collections import OrderedDict

    OrderedDict.__setitem__(node, key, value)


def _detached(value: Any) -> Any:
    """A node taken from the fresh text, with its positions in that text forgotten, so
    the comments of the file are not placed by them."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, (CommentedMap, CommentedSeq)):
        value.lc.data = {}
        for child in value.values() if isinstance(value, CommentedMap) else value:
            _detached(child)
    return value
