"""The build cache: what each country's pages were made from, as one hash.

A country's pages are rendered again only when the hash of their inputs changed: the
bytes of its matrices (and the baselines they name), the catalogues they answer, every
template, the site settings and the mgi version. The manifest also lists every file the
last build wrote, so a file no longer produced (a matrix unpublished) is removed.

It also keeps what validation found in each matrix file, by the hash of what validation
reads (the file, the files it links to, the catalogues, mgi, the date), so that a
rebuild validates only the matrices that changed. The manifest names no matrix file: a
file is known by the hash of its path, so it does not tell which unpublished
assessments exist.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".mgi-site-cache.json"


def digest(parts: Iterable[bytes | str]) -> str:
    """One hash of ``parts``, each length-prefixed so that no two splits collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_digest(folders: Iterable[Path]) -> str:
    """The names and bytes of every file under ``folders`` (templates), in a fixed order."""
    parts: list[bytes | str] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(parts)


@dataclass
class Manifest:
    """The last build: each country's input hash and files, every file written, and
    what validation found in each matrix file (by the hash of its path)."""

    countries: dict[str, dict[str, object]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    checked: dict[str, dict[str, object]] = field(default_factory=dict)

    def unchanged(self, country: str, key: str, out: Path) -> list[str] | None:
        """The files of ``country`` when they were built from ``key`` and are all there."""
        entry = self.countries.get(country)
        if not entry or entry.get("hash") != key:
            return None
        files = [str(f) for f in entry.get("files", [])]  # type: ignore[attr-defined]
        return files if all((out / f).is_file() for f in files) else None


def read_manifest(out: Path) -> Manifest:
    """The last build's manifest; none (a first or a damaged build) rebuilds everything."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        checked = data.get("checked", {})
        return Manifest(
            dict(data["countries"]),
            [str(f) for f in data["files"]],
            dict(checked) if isinstance(checked, dict) else {},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()


def manifest_text(manifest: Manifest) -> str:
    data = {
        "countries": manifest.countries,
        "files": sorted(manifest.files),
        "checked": manifest.checked,
    }
    return json.dumps(data, indent=1, sort_keys=True) + "\n"
