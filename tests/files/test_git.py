"""Running git: one time-out, and one mapping of its failures to mgi's errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mgi_cli.errors import MgiError, UsageError
from mgi_cli.files import git
from mgi_cli.files.git import GIT_TIMEOUT, GitFailed, run_git

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_what_git_prints(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    top = run_git(tmp_path, "rev-parse", "--show-toplevel", what="test")
    assert Path(top.decode().strip()).resolve() == tmp_path.resolve()


@needs_git
def test_git_saying_no_is_a_usage_error_with_its_last_line(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    with pytest.raises(GitFailed) as caught:
        run_git(tmp_path, "show", "no-such-branch:m.yaml", what="m.yaml@no-such-branch")
    error = caught.value
    assert isinstance(error, UsageError) and error.exit_code == 2
    assert error.detail and "\n" not in error.detail
    assert error.message == f"m.yaml@no-such-branch: {error.detail}"


def test_git_not_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no git on the path
    with pytest.raises(UsageError, match=r"^--changed-since needs git, which is not installed$"):
        run_git(tmp_path, "status", what="--changed-since")


def test_a_stuck_git_fails_the_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def stuck(args: list[str], **options: Any) -> None:
        seen.update(options)
        raise subprocess.TimeoutExpired(args, options["timeout"])

    monkeypatch.setattr(git.subprocess, "run", stuck)
    with pytest.raises(MgiError, match=r"^cannot run git: .*timed out") as caught:
        run_git(tmp_path, "status", what="x")
    assert not isinstance(caught.value, UsageError)  # exit 1: not the user's mistake
    assert seen["timeout"] == GIT_TIMEOUT
