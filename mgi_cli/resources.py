"""Where the packaged catalogue and templates are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def packaged_dir(name: str) -> Path:
    """``indicators`` or ``templates``: inside the wheel, else at the checkout's top."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
