"""A matrix that another matrix names: a follow-up's ``baseline:``, a local matrix's
``context:`` (its national matrix).

The one place that finds such a file (relative to the folder of the matrix naming
it), refuses what must not be read, and loads it. Refused: a path leading out of the
repository root when one is given (checked first, before the file is asked anything),
then a folder, a device, a pipe or a socket (a FIFO named like a matrix would hang).
Callers judge what was loaded and say each refusal in their own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mgi_cli.files.read import Unread, probe

if TYPE_CHECKING:
    from pathlib import Path

    from mgi_cli.matrix.load import LoadedMatrix


def linked_path(matrix_path: Path, name: str) -> Path:
    """The file ``name`` designates, relative to the folder of the matrix at ``matrix_path``."""
    return matrix_path.parent / name


@dataclass(frozen=True)
class Linked:
    """The named matrix as loaded, or why it was not read."""

    #: As the naming matrix writes it.
    name: str
    path: Path
    loaded: LoadedMatrix | Unread


def load_linked(matrix_path: Path, name: str, *, root: Path | None = None) -> Linked:
    """Load the matrix ``name`` that the matrix at ``matrix_path`` names."""
    from mgi_cli.matrix.load import load_matrix

    target = linked_path(matrix_path, name)
    refused = probe(target, within=root)
    return Linked(name, target, refused if refused is not None else load_matrix(target))
