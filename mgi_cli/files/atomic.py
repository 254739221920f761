"""Write files atomically: a temporary file in the same folder, flushed, then renamed.

A failure or a kill at any point leaves the old file whole (docs/format.md,
"Writing files"). Commands that create source files refuse to replace an existing
one unless told to (``overwrite=True``, i.e. ``--force``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from mgi_cli.errors import MgiError, Refused


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = True) -> None:
    """Replace ``path`` with ``data`` in one rename; keeps an existing file's permissions."""
    if not overwrite and (path.exists() or path.is_symlink()):
        raise Refused(f"{path} already exists; use --force to replace it")
    if path.exists() and not os.access(path, os.W_OK):
        # The rename would go through; a read-only file says: do not replace me.
        raise MgiError(f"cannot write {path}: the file is read-only")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise MgiError(f"cannot write in {folder}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            Path(temp_name).chmod(path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        if not overwrite:
            # link() fails if the name appeared meanwhile: never clobber a new file.
            os.link(temp_name, path)
            Path(temp_name).unlink()
        else:
            Path(temp_name).replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        if isinstance(error, FileExistsError):
            raise Refused(f"{path} already exists; use --force to replace it") from None
        raise MgiError(f"cannot write {path}: {error.strerror or error}") from None
