"""Incremental validation: the matrices that changed since a git revision, and their follow-ups.

A file counts as changed when ``git diff REF`` lists it (committed, staged or not,
deleted too) or when it is untracked and not ignored. A follow-up is checked again
when its baseline changed (or vanished), since the follow-up rules compare the two.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mgi_cli.errors import UsageError
from mgi_cli.files.git import GitFailed, run_git
from mgi_cli.files.read import Unread, read_regular_file
from mgi_cli.files.yamlread import load_yaml_file
from mgi_cli.matrix.linked import linked_path
from mgi_cli.repository.root import Repository, place_of_path
from mgi_cli.validate.rules_repository import relative_to_root

_OPTION = "--changed-since"

#: ``baseline: value  # comment`` at the start of a line: a top-level key.
_BASELINE_LINE = re.compile(rb"baseline:[ \t]*([^\r\n]*)")
#: A plain scalar value ends where a comment starts.
_COMMENT = re.compile(r"\s+#.*$")
#: Values a line scan cannot take as a file name: YAML syntax, or null and friends.
_NOT_PLAIN = frozenset("|>&*!{[\"'%@`#")
_SPECIAL_WORDS = frozenset({"~", "null", "Null", "NULL", "true", "false", "True", "False"})


def changed_files(where: Path, ref: str) -> frozenset[str]:
    """Real paths of the files that differ between ``ref`` and the work tree at ``where``."""
    if ref.startswith("-"):
        raise UsageError(f"--changed-since {ref!r}: a revision cannot start with '-'")
    try:
        top = run_git(where, "rev-parse", "--show-toplevel", what=_OPTION)
    except GitFailed:
        raise UsageError(f"--changed-since needs a git repository; {where} is not in one") from None
    top_dir = Path(top.decode().strip())
    try:
        commit = run_git(
            top_dir, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", what=_OPTION
        )
    except GitFailed:
        raise UsageError(
            f"--changed-since: the git repository at {top_dir} has no revision {ref!r}"
        ) from None
    try:
        listed = run_git(
            top_dir,
            "diff",
            "--name-only",
            "--no-renames",
            "-z",
            commit.decode().strip(),
            "--",
            what=_OPTION,
        )
        untracked = run_git(
            top_dir, "ls-files", "--others", "--exclude-standard", "-z", what=_OPTION
        )
    except GitFailed:
        raise UsageError(f"--changed-since: git cannot list the changes in {top_dir}") from None
    names = (listed + untracked).decode("utf-8", "surrogateescape").split("\0")
    return frozenset(os.path.realpath(top_dir / name) for name in names if name)


def select_changed(
    files: list[Path], changed: frozenset[str], repository: Repository | None = None
) -> list[Path]:
    """``files`` that changed, plus each follow-up whose baseline changed; order kept.

    Finding the follow-ups means reading every other file for its ``baseline:``. In
    a repository, files the layout names ``<year>-baseline.yaml`` are not read: a
    follow-up there already fails the path rules, which the whole repository passed
    when it was last checked.
    """
    if not changed:
        return []
    real = _RealPaths()
    selected = []
    for path in files:
        if real(path) in changed:
            selected.append(path)
            continue
        if repository is not None and _named_baseline(path, repository):
            continue
        baseline = baseline_of(path, repository.root if repository is not None else None)
        if baseline is not None and real(linked_path(path, baseline)) in changed:
            selected.append(path)
    return selected


def _named_baseline(path: Path, repository: Repository) -> bool:
    relative = relative_to_root(path, repository)
    place = place_of_path(relative) if relative is not None else None
    return place is not None and place.assessment == "baseline"


class _RealPaths:
    """``os.path.realpath`` with each folder resolved once: one ``lstat`` per file."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: Path) -> str:
        folder, name = os.path.split(os.path.abspath(path))  # noqa: PTH100 - links kept
        if folder not in self._folders:
            self._folders[folder] = os.path.realpath(folder)
        if name in ("", ".", "..") or os.path.islink(path):  # noqa: PTH114
            return os.path.realpath(path)
        return os.path.join(self._folders[folder], name)  # noqa: PTH118


def baseline_of(path: Path, root: Path | None = None) -> str | None:
    """The ``baseline:`` a matrix names, found without parsing the whole file.

    A scan for the top-level key is enough for the plain and quoted values matrices
    use; anything fancier (block scalars, anchors, flow style) is parsed properly.
    Special files, and links leading out of ``root``, are not read.
    """
    raw = read_regular_file(path, within=root)
    if isinstance(raw, Unread):
        return None
    if raw.startswith(b"baseline:"):
        start = 0
    else:
        start = raw.find(b"\nbaseline:") + 1
        if start == 0:
            return None
    match = _BASELINE_LINE.match(raw, start)
    if match is None:
        return None
    value = _plain_value(match.group(1).decode("utf-8", "replace"))
    if value is not None:
        return value
    data = load_yaml_file(path).data
    found = data.get("baseline") if isinstance(data, dict) else None
    return found if isinstance(found, str) else None


def _plain_value(text: str) -> str | None:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"' and "\\" not in text:
        return text[1:-1]
    text = _COMMENT.sub("", text)
    if not text or text[0] in _NOT_PLAIN or text in _SPECIAL_WORDS:
        return None
    return text
