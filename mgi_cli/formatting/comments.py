"""Comments of a YAML text, found by position, and put back on the nodes they belong to.

ruamel.yaml keeps a full-line comment at the end of whatever node precedes it, so
reordering keys would carry a comment away from the key it describes. Instead, the
comments are read from the text (a ``#`` at a line's start or after a blank, outside
every scalar, per the scanner's own marks), every comment ruamel recorded is dropped,
and each one is attached again: a full-line comment to the node on the next line with
content (it moves with that node), an end-of-line comment to the last node starting on
its line. Runs of blank lines become one; they stay where they were between nodes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from mgi_cli.formatting.comment_scan import SourceComment, comment_texts, scan

__all__ = ["attach_before", "attach_header", "clear", "comment_texts", "restore"]


def clear(node: Any) -> None:
    """Drop every comment ruamel.yaml recorded on ``node`` and below."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, (CommentedMap, CommentedSeq)):
        node.ca.items.clear()
        node.ca.comment = None
        node.ca.end = []
        for child in node.values() if isinstance(node, CommentedMap) else node:
            clear(child)
    elif getattr(node, "comment", None) is not None:
        node.comment = None


@dataclass
class _Anchor:
    line: int
    column: int
    depth: int
    container: Any
    key: Any


def _anchors(root: Any) -> list[_Anchor]:
    """Nodes a comment can belong to: keys and items written in block style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found: list[_Anchor] = []

    def walk(node: Any, depth: int) -> None:
        if not isinstance(node, (CommentedMap, CommentedSeq)) or node.fa.flow_style():
            return
        keys = list(node.keys()) if isinstance(node, CommentedMap) else range(len(node))
        for key in keys:
            try:
                mapping = isinstance(node, CommentedMap)
                line, column = node.lc.key(key) if mapping else node.lc.item(key)
            except (KeyError, TypeError, IndexError):
                continue
            found.append(_Anchor(line, column, depth, node, key))
            walk(node[key], depth + 1)

    walk(root, 0)
    found.sort(key=lambda a: (a.line, a.column, a.depth))
    return found


def restore(root: Any, text: str, columns: dict[int, int]) -> None:
    """Attach the comments and blank lines of ``text`` (the source of ``root``) again."""
    comments, blanks = scan(text)
    anchors = _anchors(root)
    lines = [a.line for a in anchors]
    header: list[str | None] = []
    footer: list[str | None] = []
    before: dict[int, list[str | None]] = {}
    eol: dict[int, SourceComment] = {}
    own = [(c.line, c.text) for c in comments if c.own_line]
    entries = sorted([*own, *((b, None) for b in blanks)], key=lambda e: e[0])
    for line, entry in entries:
        index = bisect_right(lines, line)
        target = header if index == 0 else footer if index == len(anchors) else None
        (target if target is not None else before.setdefault(index, [])).append(entry)
    for comment in (c for c in comments if not c.own_line):
        index = bisect_right(lines, comment.line) - 1
        if index < 0:
            header.append(comment.text)
        elif index in eol or _awkward(anchors[index]):
            # One comment per line; where ruamel.yaml cannot write it at the end of the
            # line, it goes on its own line above the key.
            before.setdefault(index, []).append(comment.text)
        else:
            eol[index] = comment
    _put(root, header, footer, before, eol, anchors, columns)


def _awkward(anchor: _Anchor) -> bool:
    """A block scalar (the comment would follow its text), or a list whose first item
    is empty (ruamel.yaml 0.18-0.19 then garbles the next item)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    value = anchor.container[anchor.key]
    if isinstance(value, CommentedSeq) and value:
        first = value[0]
        return isinstance(first, (CommentedMap, CommentedSeq)) and not first
    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _put(
    root: Any,
    header: list[str | None],
    footer: list[str | None],
    before: dict[int, list[str | None]],
    eol: dict[int, SourceComment],
    anchors: list[_Anchor],
    columns: dict[int, int],
) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    parents = _parents(root)
    first = next(iter(root), None) if isinstance(root, CommentedMap) else None
    targets: dict[tuple[int, Any], tuple[_Anchor, list[str | None]]] = {}
    for index in sorted(before):
        anchor = _outermost(anchors[index], parents)
        if anchor.container is root and anchor.key == first:
            header.extend(before[index])  # nothing is above the first key but the header
            continue
        target = targets.setdefault((id(anchor.container), anchor.key), (anchor, []))
        target[1].extend(before[index])
    for anchor, entries in targets.values():
        column = columns.get(id(anchor.container), 0)
        _slot(anchor)[1] = _tokens(_collapse(entries), column)
    if isinstance(root, (CommentedMap, CommentedSeq)):
        header = _collapse(header, strip=True, keep_last=True)
        if header:
            root.ca.comment = [None, _tokens(header, 0)]
    for index, comment in eol.items():
        anchor = anchors[index]
        where = 2 if isinstance(anchor.container, CommentedMap) else 0
        token = _tokens([comment.text], comment.column)[0]
        _slot(anchor)[where] = token
        value = anchor.container[anchor.key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and (not value or value.fa.flow_style()):
            value.ca.comment = [token, None]  # where ruamel looks for a flow value's comment
    footer = _collapse(footer, strip=True)
    if footer and isinstance(root, (CommentedMap, CommentedSeq)) and root:
        _put_footer(root, footer)


def _put_footer(root: Any, footer: list[str | None]) -> None:
    """Comments after everything: ruamel.yaml writes them after the last value's line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    container = root
    while True:
        mapping = isinstance(container, CommentedMap)
        key = next(reversed(container)) if mapping else len(container) - 1
        value = container[key]
        nested = isinstance(value, (CommentedMap, CommentedSeq)) and value
        if not nested or value.fa.flow_style():
            break
        container = value
    text = "\n".join(line or "" for line in footer) + "\n"
    anchor = _Anchor(0, 0, 0, container, key)
    where = 2 if isinstance(container, CommentedMap) else 0
    token = _slot(anchor)[where]
    if token is not None:
        token.value = token.value.rstrip("\n") + "\n" + text
        return
    # After a block scalar, whose text ends its line, the comment starts a line itself.
    block = isinstance(value, (FoldedScalarString, LiteralScalarString))
    token = _tokens([("" if block else "\n") + text.removesuffix("\n")], 0)[0]
    _slot(anchor)[where] = token
    if isinstance(value, (CommentedMap, CommentedSeq)):
        value.ca.comment = [token, None]


def _parents(root: Any) -> dict[int, tuple[Any, Any]]:
    """Each block list item's mapping (by ``id``): the list and the item's index."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found: dict[int, tuple[Any, Any]] = {}
    todo = [root]
    while todo:
        node = todo.pop()
        if isinstance(node, CommentedMap):
            todo.extend(node.values())
        elif isinstance(node, CommentedSeq):
            for index, item in enumerate(node):
                if isinstance(item, CommentedMap) and not node.fa.flow_style():
                    found[id(item)] = (node, index)
                todo.append(item)
    return found


def _outermost(anchor: _Anchor, parents: dict[int, tuple[Any, Any]]) -> _Anchor:
    """A comment above the first key of a list item goes above the item's dash."""
    while id(anchor.container) in parents and next(iter(anchor.container)) == anchor.key:
        seq, index = parents[id(anchor.container)]
        anchor = _Anchor(anchor.line, anchor.column, anchor.depth - 1, seq, index)
    return anchor


def _slot(anchor: _Anchor) -> list[Any]:
    from ruamel.yaml.comments import CommentedMap

    size = 4 if isinstance(anchor.container, CommentedMap) else 2
    slot: list[Any] = anchor.container.ca.items.setdefault(anchor.key, [None] * size)
    return slot


def _collapse(
    entries: list[str | None], *, strip: bool = False, keep_last: bool = False
) -> list[str | None]:
    """Runs of blank lines (None) become one; ``strip`` drops them at the start, and at
    the end too unless ``keep_last`` (a blank line between a header and the content)."""
    out: list[str | None] = []
    for entry in entries:
        if entry is None and ((not out and strip) or (out and out[-1] is None)):
            continue
        out.append(entry)
    if strip and not keep_last and out and out[-1] is None:
        out.pop()
    if out == [None] and keep_last:
        out.clear()
    return out


def _tokens(entries: list[str | None], column: int) -> list[Any]:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return [
        CommentToken("\n" if e is None else e + "\n", CommentMark(0 if e is None else column))
        for e in entries
    ]


def attach_before(container: Any, key: Any, lines: list[str], column: int) -> None:
    """Put full-line comments ("" for a blank line) above ``container[key]``."""
    anchor = _Anchor(0, 0, 0, container, key)
    _slot(anchor)[1] = _tokens([line or None for line in lines], column)


def attach_header(root: Any, lines: list[str]) -> None:
    """The comment lines ("" for a blank line) at the top of the document."""
    root.ca.comment = [None, _tokens([line or None for line in lines], 0)]
