"""Write files atomically: a temporary file in the same folder, flushed, then renamed.

A failure or a kill at any point leaves the old file whole (docs/format.md,
"Writing files"). Commands that create source files refuse to replace an existing
one unless told to (``overwrite=True``, i.e. ``--force``). What is at the path is
respected:

- a new file gets the permissions the user's umask gives (as ``open()`` would), an
  existing one keeps its own;
- a symbolic link stays a link: the file it leads to is replaced (in that file's
  folder), never the link;
- a character device (``/dev/null``, a terminal) or a named pipe is written
  through, as a shell redirection would; a socket, a block device or a pipe no one
  reads is refused; none is ever replaced by a file;
- given the text the caller read (``expected``), a file changed by someone else
  meanwhile is not overwritten (``Changed``): it is read again just before the
  rename and compared.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from mgi_cli.errors import MgiError, Refused
from mgi_cli.problems.problem import shown_path


class Changed(MgiError):
    """The file no longer holds what was read from it: someone else changed it."""


def write_atomic(
    path: Path, data: str | bytes, *, overwrite: bool = True, expected: str | None = None
) -> None:
    """Replace ``path`` with ``data`` in one rename; keeps an existing file's permissions.

    ``expected``: the text read from ``path`` before; if the file holds anything else
    when the new one is ready, nothing is written (``Changed``).
    """
    if not overwrite and (path.exists() or path.is_symlink()):
        raise Refused(f"{shown_path(path)} already exists; use --force to replace it")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = path.stat().st_mode  # of what a link leads to
    except OSError:
        mode = None  # nothing there yet (or a name the system refuses: mkstemp says why)
    if mode is not None and not stat.S_ISREG(mode):
        _write_through(path, mode, payload)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if mode is not None and not os.access(target, os.W_OK):
        # The rename would go through; a read-only file says: do not replace me.
        raise MgiError(f"cannot write {shown_path(path)}: the file is read-only")
    folder = target.parent if str(target.parent) else Path()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise MgiError(f"cannot write in {shown_path(folder)}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            Path(temp_name).chmod(stat.S_IMODE(mode) if mode is not None else _new_file_mode())
        if expected is not None:
            _check_unchanged(path, target, expected)
        if not overwrite:
            # link() fails if the name appeared meanwhile: never clobber a new file.
            os.link(temp_name, target)
            Path(temp_name).unlink()
        else:
            Path(temp_name).replace(target)
    except (OSError, Changed) as error:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        if isinstance(error, Changed):
            raise
        if isinstance(error, FileExistsError):
            raise Refused(f"{shown_path(path)} already exists; use --force to replace it") from None
        raise MgiError(f"cannot write {shown_path(path)}: {error.strerror or error}") from None


def _new_file_mode() -> int:
    """What ``open()`` would give a new file: 0o666 less the umask.

    The umask can only be read by setting it; mgi runs one thread, and it is put back
    at once.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _check_unchanged(path: Path, target: Path, expected: str) -> None:
    from mgi_cli.files.read import read_text

    now = read_text(target, str(path))
    if now != expected:
        raise Changed(
            f"{shown_path(path)} changed while mgi was working on it; it was not overwritten "
            "(run the command again)"
        )


def _write_through(path: Path, mode: int, payload: bytes) -> None:
    """Write to a character device or a named pipe as a redirection would; refuse the rest."""
    if stat.S_ISDIR(mode):
        raise MgiError(f"cannot write {shown_path(path)}: it is a folder")
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        kind = "a socket" if stat.S_ISSOCK(mode) else "a block device or other special file"
        raise MgiError(
            f"cannot write {shown_path(path)}: it is {kind}, not a file; it was left as it is"
        )
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if stat.S_ISFIFO(mode):
        flags |= getattr(os, "O_NONBLOCK", 0)  # a pipe no one reads would block forever
    try:
        fd = os.open(path, flags)
    except OSError as error:
        reason = "no one is reading the pipe" if stat.S_ISFIFO(mode) else error.strerror
        raise MgiError(f"cannot write {shown_path(path)}: {reason or error}") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as error:
        raise MgiError(f"cannot write {shown_path(path)}: {error.strerror or error}") from None
    finally:
        os.close(fd)
