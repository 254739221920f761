"""The one place that runs git (``mgi validate --changed-since``, ``mgi diff PATH@REV``).

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
