"""The one place that runs git (``mgi validate --changed-since``, ``mgi diff PATH@REV``).

A file at a revision is read by ``read_blob``: its size is asked of git first
(``git cat-file -s``) and a blob over the limit is refused unread, like a file.

git only ever reads here: it is run with ``-C FOLDER`` and the caller's arguments, never
through a shell, and a revision starting with ``-`` is refused by the callers before it
could be taken for an option. One time-out and one mapping of failures to mgi's errors:

- git not installed: ``UsageError`` (exit 2), "<what> needs git, which is not installed";
- git cannot be started, or runs longer than ``GIT_TIMEOUT``: ``MgiError`` (exit 1),
  "cannot run git: ...";
- git runs and fails (no such revision, not a repository): ``GitFailed``, a
  ``UsageError`` (exit 2), "<what>: <git's last line of error output>"; callers that
  know better words catch it.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from mgi_cli.errors import MgiError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

#: Seconds a git command may take: a stuck one (a network file system, a lock) fails
#: the command instead of hanging it.
GIT_TIMEOUT = 120


class GitFailed(UsageError):
    """git ran and refused; ``detail`` is its last line of error output."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


def run_git(folder: Path, *args: str, what: str) -> bytes:
    """What ``git -C folder ARGS`` prints; ``what`` names what it was for in errors."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except FileNotFoundError:
        raise UsageError(f"{what} needs git, which is not installed") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise MgiError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1] if reason else f"git exited with status {done.returncode}"
        raise GitFailed(f"{what}: {detail}", detail)
    return done.stdout


class BlobTooLarge(MgiError):
    """A file at a revision is larger than the limit; it was not read."""


def read_blob(top: Path, rev: str, inside: str, *, limit: int, what: str) -> bytes:
    """The bytes of the file ``inside`` (relative to the repository's top) at ``rev``.

    The object is resolved to its id once, so the size checked is the size of what is
    read, and it is asked before anything is read: a huge blob costs nothing.
    """
    name = f"{rev}:{inside}"
    run_git(top, "cat-file", "-s", name, what=what)  # git's own words for a bad name
    oid = run_git(top, "rev-parse", name, what=what).decode("ascii", "replace").strip()
    kind = run_git(top, "cat-file", "-t", oid, what=what).strip()
    if kind != b"blob":
        raise UsageError(f"{what}: not a file at that revision (a {kind.decode()})")
    size = int(run_git(top, "cat-file", "-s", oid, what=what).strip() or 0)
    if size > limit:
        raise BlobTooLarge(
            f"{what}: the file is larger than {_amount(limit)} ({size:,} bytes); it was not read"
        )
    return run_git(top, "cat-file", "blob", oid, what=what)


def _amount(limit: int) -> str:
    mib = 1024 * 1024
    return f"{limit // mib} MiB" if limit % mib == 0 else f"{limit:,} bytes"
