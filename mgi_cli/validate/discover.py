"""Expand the paths given on the command line into the matrix files to check."""

from __future__ import annotations

import os
from pathlib import Path

from mgi_cli.errors import UsageError
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity, shown_path

MATRIX_SUFFIXES = (".yaml", ".yml")


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Files as given, folders walked for *.yaml / *.yml (hidden folders skipped).

    Symbolic links to folders are followed once: a link back into a folder already
    being walked is reported and skipped, so a loop cannot hang the run.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            _walk(path, files, problems)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"{shown_path(path)}: no such file or folder")
    seen: set[Path] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    return unique, problems


def _walk(top: Path, files: list[Path], problems: list[Problem]) -> None:
    visited: set[str] = set()
    stack = [top]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in visited:
            problems.append(
                Problem(
                    str(folder),
                    codes.SYMLINK_LOOP,
                    "this folder links back to one already checked; skipped",
                    severity=Severity.WARNING,
                )
            )
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            problems.append(
                Problem(
                    str(folder),
                    codes.FILE_UNREADABLE,
                    f"cannot list the folder: {error.strerror or error}",
                )
            )
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(path)
            elif entry.name.endswith(MATRIX_SUFFIXES):
                files.append(path)
        stack.extend(reversed(subfolders))
