"""The one place that reads a file mgi is pointed at: a matrix, a catalogue, mgi.toml, a
scoring rule, a spreadsheet, a baseline or context matrix.

Only a regular file is read: a device such as /dev/zero would feed bytes forever and
a named pipe would block. A file over the size limit is refused by its size, unread.
Given ``within``, a path (or a link) leading out of that folder is refused before
anything is opened. Refusals are data (``Unread``); each caller says them in its own
words, or takes ``Unread.problem``'s.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem

MAX_BYTES = 16 * 1024 * 1024

#: Opening never blocks: a named pipe would otherwise wait forever for a writer.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)

UnreadKind = Literal["missing", "error", "folder", "special", "outside", "too-large"]


@dataclass(frozen=True)
class Unread:
    """Why a file was not read.

    ``missing``: nothing there; ``error``: the system refused (``reason`` says how);
    ``folder``; ``special``: a device, pipe or socket; ``outside``: it leads out of the
    folder it had to stay in; ``too-large``: over ``limit`` bytes.
    """

    kind: UnreadKind
    #: The system's words for ``missing`` and ``error`` ("Permission denied").
    reason: str = ""
    limit: int = MAX_BYTES

    def problem(self, display: str) -> Problem:
        """The problem a reader reports for this file, as every reader has said it."""
        if self.kind == "too-large":
            return Problem(
                display,
                codes.FILE_TOO_LARGE,
                f"the file is larger than {self.limit // (1024 * 1024)} MiB; a matrix is "
                "usually under 200 KiB",
            )
        if self.kind == "folder":
            return Problem(display, codes.FILE_UNREADABLE, "is a folder, not a file")
        if self.kind == "special":
            return Problem(
                display,
                codes.FILE_UNREADABLE,
                "not a regular file (a device, pipe or socket); it was not read",
            )
        if self.kind == "outside":
            return Problem(
                display,
                codes.FILE_UNREADABLE,
                "the file leads outside the folder it must stay in; it was not read",
            )
        return Problem(display, codes.FILE_UNREADABLE, f"cannot read the file: {self.reason}")


def is_within(path: Path | str, folder: Path | str) -> bool:
    """Whether ``path``, its links followed, is ``folder`` or inside it."""
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def probe(path: Path, *, within: Path | None = None) -> Unread | None:
    """Why ``path`` would not be read, asked of the file system without opening it;
    None for a regular file (within ``within`` when given).

    Where it leads is checked first, then what it is. The system may refuse the name
    itself (too long, a null byte): that is a reason too.
    """
    if within is not None and not is_within(path, within):
        return Unread("outside")
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError) as error:
        return _failed(error)
    kind = _not_regular(mode)
    return Unread(kind) if kind is not None else None


def read_regular_file(
    path: Path, *, limit: int = MAX_BYTES, within: Path | None = None
) -> bytes | Unread:
    """The bytes of a regular file, or why it was not read.

    What the file is, is checked on the open descriptor, so it cannot be swapped for a
    pipe between a check and the read; its size is checked before reading and again
    after (a file may grow while it is read).
    """
    if within is not None and not is_within(path, within):
        return Unread("outside", limit=limit)
    try:
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            kind = _not_regular(info.st_mode)
            if kind is None and info.st_size > limit:
                kind = "too-large"
            raw = handle.read(limit + 1) if kind is None else b""
    except (OSError, ValueError) as error:
        return _failed(error, limit)
    if kind is None and len(raw) > limit:
        kind = "too-large"
    return raw if kind is None else Unread(kind, limit=limit)


def _not_regular(mode: int) -> UnreadKind | None:
    if stat.S_ISDIR(mode):
        return "folder"
    return None if stat.S_ISREG(mode) else "special"


def _failed(error: OSError | ValueError, limit: int = MAX_BYTES) -> Unread:
    """The system's refusal; ValueError is a null byte in the name."""
    if isinstance(error, IsADirectoryError):
        return Unread("folder", limit=limit)
    reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
    missing = isinstance(error, FileNotFoundError | NotADirectoryError)
    return Unread("missing" if missing else "error", reason, limit)


def read_text(path: Path, display: str) -> str | Problem:
    """The file as UTF-8 text, or the one problem that stops us reading it."""
    raw = read_regular_file(path)
    return raw.problem(display) if isinstance(raw, Unread) else decode(raw, display)


_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def _without_bom(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by the zero bytes around the
    first (ASCII) character, as the YAML spec detects encodings (section 5.2)."""
    head = raw[:4]
    if len(head) == 4 and (head[:3] == b"\0\0\0" or head[1:] == b"\0\0\0"):
        return "UTF-32"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0) and max(head[:2]) < 0x80:
        return "UTF-16"
    return None


def decode(raw: bytes, display: str) -> str | Problem:
    """UTF-8 text without its byte-order mark, or an ``encoding`` problem."""
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            return Problem(
                display,
                codes.ENCODING,
                f"the file is encoded as {name}, not UTF-8",
                line=1,
                column=1,
                hint="save the file as UTF-8 (without BOM)",
            )
    wide = _without_bom(raw)
    if wide is not None:
        return Problem(
            display,
            codes.ENCODING,
            f"the file looks encoded as {wide} (without BOM), not UTF-8",
            line=1,
            column=1,
            hint="save the file as UTF-8",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = line_col(raw[: error.start].decode("utf-8", "replace"))
        return Problem(
            display,
            codes.ENCODING,
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x} cannot start or "
            "continue a character); it may be binary or in another encoding",
            line=line,
            column=column,
            hint="save the file as UTF-8",
        )
    return text.removeprefix("\ufeff")


def line_col(prefix: str) -> tuple[int, int]:
    """The 1-based line and column just after ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1
