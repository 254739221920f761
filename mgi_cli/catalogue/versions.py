"""Catalogue references (``<id>@<version>``) and the order of versions.

Versions compare part by part, numbers as numbers, so ``1.10`` is newer than ``1.9``
and ``2.0`` newer than ``1.10``; a part that is not a number marks a pre-release, older
than the version without it (``1.1-rc1`` before ``1.1``), which is all a catalogue needs.
"""

from __future__ import annotations

import re

#: ``<id>@<version>``, with the id and version patterns of the catalogue model.
REF_PATTERN = re.compile(r"(?P<id>[a-z0-9][a-z0-9_.-]*)@(?P<version>[0-9A-Za-z][0-9A-Za-z._-]*)")


def parse_ref(text: str) -> tuple[str, str] | None:
    """``(id, version)`` of a reference, or None when ``text`` is not one."""
    match = REF_PATTERN.fullmatch(text)
    return (match["id"], match["version"]) if match else None


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders versions as people read them."""
    parts = [(2, int(p)) if p.isdigit() else (0, p) for p in re.split(r"[._-]", version)]
    # The end of a version sorts between a pre-release tag and a further number:
    # 1.1-rc1 < 1.1 < 1.1.1.
    return (*parts, (1, ""))


def newest_first(refs: list[str]) -> list[str]:
    """``refs`` by catalogue id, each id's versions from the newest to the oldest."""
    by_id: dict[str, list[str]] = {}
    for ref in refs:
        parsed = parse_ref(ref)
        if parsed is not None:
            by_id.setdefault(parsed[0], []).append(parsed[1])
    return [
        f"{ident}@{version}"
        for ident in sorted(by_id)
        for version in sorted(by_id[ident], key=version_key, reverse=True)
    ]
