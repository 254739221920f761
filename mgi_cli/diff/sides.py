"""Read the two sides of a diff: a file, or a file at a git revision (``PATH@REV``).

A revision is read with ``git show REV:PATH`` in the file's own repository: the work
tree, the index and HEAD are never touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mgi_cli.errors import MgiError, UsageError
from mgi_cli.files.git import read_blob, run_git
from mgi_cli.files.read import MAX_BYTES, decode, probe
from mgi_cli.files.yamlread import parse_yaml
from mgi_cli.matrix.linked import linked_path
from mgi_cli.matrix.load import LoadedMatrix, load_matrix, matrix_from_parsed


@dataclass(frozen=True)
class SideSpec:
    """A matrix to read: ``path`` in the work tree, or as it was at git revision ``rev``."""

    path: Path
    rev: str | None = None

    @property
    def display(self) -> str:
        return f"{self.path}@{self.rev}" if self.rev else str(self.path)

    def sibling(self, relative: str) -> SideSpec:
        """A file named relative to this one's folder, at the same revision."""
        joined = os.path.normpath(linked_path(self.path, relative))
        return SideSpec(Path(joined), self.rev)


def parse_side(argument: str) -> SideSpec:
    """``PATH`` or ``PATH@REV``; an existing file whose name holds ``@`` is a path.

    The path ends at the first ``@`` that follows an existing file, else at the first
    ``@`` (revisions such as ``main@{1}`` hold one too).
    """
    if "@" not in argument or os.path.exists(argument):  # noqa: PTH110 - never raises
        return SideSpec(Path(argument))
    cuts = [i for i, char in enumerate(argument) if char == "@" and 0 < i < len(argument) - 1]
    if not cuts:
        return SideSpec(Path(argument))
    cut = next((i for i in cuts if os.path.isfile(argument[:i])), cuts[0])  # noqa: PTH113
    return SideSpec(Path(argument[:cut]), argument[cut + 1 :])


def load_side(spec: SideSpec) -> LoadedMatrix:
    """Load one side; a missing file or revision is a usage error (exit 2)."""
    if spec.rev is None:
        refused = probe(spec.path)
        if refused is not None and refused.kind == "special":
            raise MgiError(f"{spec.path}: not a regular file (a device, pipe or socket)")
        if refused is not None:  # a folder, or a name the system refuses (too long)
            raise UsageError(f"{spec.path}: no such file")
        return load_matrix(spec.path)
    raw = git_show(spec.path, spec.rev)
    display = spec.display
    if len(raw) > MAX_BYTES:
        raise MgiError(f"{display}: the file is larger than {MAX_BYTES // 2**20} MiB")
    text = decode(raw, display)
    if not isinstance(text, str):
        raise MgiError(f"{display}: cannot be read", problems=[text])
    return matrix_from_parsed(spec.path, parse_yaml(text, display))


def git_show(path: Path, rev: str) -> bytes:
    """The bytes of ``path`` at ``rev``, from the git repository that holds ``path``."""
    if rev.startswith("-"):
        raise UsageError(f"{rev!r} is not a git revision")
    target = path.parent.resolve() / path.name
    folder = target.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    printed = run_git(folder, "rev-parse", "--show-toplevel", what=str(folder))
    top = Path(printed.decode().strip()).resolve()
    try:
        inside = target.relative_to(top).as_posix()
    except ValueError:
        raise UsageError(f"{path} is not inside the git repository {top}") from None
    return read_blob(top, rev, inside, limit=MAX_BYTES, what=f"{path}@{rev}")
