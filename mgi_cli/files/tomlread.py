"""Read the TOML files mgi is pointed at (mgi.toml, report rule files) as safely as matrices.

Like a matrix, a TOML file is read only if it is a regular file under the size limit
(a ``--config /dev/zero`` would otherwise be read until memory runs out), and bytes
that are not UTF-8 are a clear error rather than a crash.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from mgi_cli.errors import UsageError
from mgi_cli.files.read import Unread, read_regular_file
from mgi_cli.problems.problem import shown_path


def load_toml(path: Path) -> dict[str, Any]:
    """The file's tables; raises ``UsageError`` (exit 2) saying what is wrong with it."""
    raw = read_regular_file(path)
    shown = shown_path(path)
    if isinstance(raw, Unread):
        raise UsageError(f"{shown}: {raw.problem(shown).message}")
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{shown}: not valid TOML: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{shown}: not valid TOML: {error}") from None
