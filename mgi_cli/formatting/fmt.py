"""`mgi fmt`: rewrite a YAML file in the canonical layout, keeping every comment.

Formatting never changes meaning: the new text is parsed again with mgi's own
reader and must give the same data, with the same comments, or nothing is written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi_cli.files.read import read_text
from mgi_cli.files.yamlread import parse_yaml
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, shown_path


@dataclass
class Formatted:
    """One file's outcome: the canonical text, or the problems that stop formatting."""

    path: str
    original: str = ""
    text: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original


def format_file(path: Path, display: str | None = None) -> Formatted:
    shown = display if display is not None else shown_path(path)
    text = read_text(path, shown)
    if isinstance(text, Problem):
        return Formatted(shown, problems=[text])
    return format_text(text, shown, matrices_only=True)


def format_text(text: str, display: str, *, matrices_only: bool = False) -> Formatted:
    """``text`` in the canonical layout; ``matrices_only``: refuse any other YAML."""
    result = Formatted(display, original=text)
    before = parse_yaml(text, display)
    if before.problems:
        result.problems = before.problems  # not valid YAML: refuse
        return result
    if matrices_only:
        not_matrix = _not_a_matrix(before.data, display)
        if not_matrix is not None:
            result.problems = [not_matrix]
            return result
    try:
        formatted = canonical_text(text.replace("\r\n", "\n"))
    except (MemoryError, RecursionError):
        raise  # cli.py says these plainly
    except Exception as error:  # ruamel.yaml refusing what mgi's reader accepts
        result.problems = [_refusal(display, f"ruamel.yaml cannot read the file: {error}")]
        return result
    result.problems = _changes(before.data, text, formatted, display)
    if not result.problems:
        result.text = formatted
    return result


def canonical_text(text: str) -> str:
    """``text`` in the canonical layout (no safety checks: see ``format_text``)."""
    from mgi_cli.formatting import comments, layout

    yaml = layout.new_yaml()
    root = yaml.load(text)
    comments.clear(root)
    columns = layout.canonicalize(root)
    comments.restore(root, text, columns)
    return layout.dump(yaml, root)


def _changes(data: Any, old: str, new: str, display: str) -> list[Problem]:
    """Why ``new`` may not replace ``old``: different data, or a comment lost."""
    from mgi_cli.formatting.comments import comment_texts

    after = parse_yaml(new, display)
    if after.problems or not same_data(data, after.data):
        return [_refusal(display, "formatting would change the data; file left as is")]
    if comment_texts(old) != comment_texts(new):
        return [_refusal(display, "formatting would lose or alter a comment; file left as is")]
    return []


def _not_a_matrix(data: Any, display: str) -> Problem | None:
    """Why a file is not fmt's to rewrite: the layout is a matrix's, and a workflow
    or a catalogue would come out reordered (`pull_request:` as `pull_request: null`)."""
    from mgi_cli.matrix.models import FORMAT

    fmt = data.get("format") if isinstance(data, dict) else None
    if isinstance(fmt, str) and fmt.startswith("mgi-matrix/"):
        return None
    what = "a catalogue" if isinstance(fmt, str) and fmt.startswith("mgi-catalogue/") else None
    said = f"{what}, not an MGI matrix" if what else f"not an MGI matrix (no `format: {FORMAT}`)"
    return Problem(
        display,
        codes.NOT_A_MATRIX,
        f"{said}; mgi fmt formats matrices only, file left as is",
        hint=f"if it is a matrix, make `format: {FORMAT}` its first line",
    )


def _refusal(display: str, message: str) -> Problem:
    return Problem(
        display,
        codes.FMT_REFUSED,
        message,
        hint="this is a bug in mgi fmt; please report it with the file",
    )


def same_data(a: Any, b: Any) -> bool:
    """Equal values of equal types (``1``, ``1.0`` and ``true`` differ), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)
