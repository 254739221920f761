"""The matrices repository: the folder holding mgi.toml or .git, with matrices/ below."""

from __future__ import annotations

from pathlib import Path


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds mgi.toml or .git."""
    for folder in (start, *start.parents):
        if (folder / "mgi.toml").is_file() or (folder / ".git").exists():
            return folder
    return None
