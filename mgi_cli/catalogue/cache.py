"""Packaged catalogues parsed once and kept between runs, for a fast start.

Reading a packaged catalogue (400 to 600 KB of YAML, parsed with positions for its
problems) is most of the work of `mgi validate FILE`. The plain data it parses to is
kept as JSON in a cache folder (``commands.common.cache_folder``: ``$MGI_CACHE_DIR``,
else ``$XDG_CACHE_HOME/mgi`` or ``~/.cache/mgi``), named by a SHA-256 of the file's
bytes and of the code that reads and checks it. An edited catalogue or another mgi
never meets an old entry, and only a catalogue that loaded with no problem at all is
kept, so an entry stands for a file that passed every check. The data is validated
by the model again on every run. A cache that cannot be read or written is no cache:
the file is parsed as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

#: The modules whose code decides what a catalogue file parses to and whether it
#: passes: a change to any of them is a new key.
_READERS = ("mgi_cli.files.yamlread", "mgi_cli.files.yamlstrict", "mgi_cli.catalogue.checks")


def entry(folder: Path, path: Path) -> Path | None:
    """Where the parsed data of ``path`` is kept in ``folder`` (None: unreadable)."""
    try:
        digest = hashlib.sha256(path.read_bytes())
    except OSError:
        return None
    digest.update(_readers_digest())
    return folder / f"catalogue-{digest.hexdigest()}.json"


def read(place: Path) -> Any | None:
    """The data kept at ``place``, or None when there is none (or it is unreadable)."""
    try:
        return json.loads(place.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


#: Entries kept at most: every packaged catalogue of a few mgi versions. Older ones
#: (another mgi, an edited catalogue) are removed when a new one is written.
KEEP = 12


def write(place: Path, data: Any) -> None:
    """Keep ``data`` at ``place`` (written whole, then renamed), and only the ``KEEP``
    newest entries beside it; failures are ignored."""
    temporary = place.with_name(f".{place.name}.{os.getpid()}.tmp")
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(place)
        entries = sorted(
            place.parent.glob("catalogue-*.json"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


_digest: bytes | None = None


def _readers_digest() -> bytes:
    global _digest  # noqa: PLW0603 - computed once per process
    if _digest is None:
        import importlib.util

        from mgi_cli import __version__

        digest = hashlib.sha256(__version__.encode())
        for name in _READERS:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            try:
                digest.update(Path(origin).read_bytes() if origin else name.encode())
            except OSError:
                digest.update(name.encode())
        _digest = digest.digest()
    return _digest
