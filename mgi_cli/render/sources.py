"""References as the templates show them: safe links, readable dates, no duplicates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mgi_cli.matrix.models import Answer, Reference
from mgi_cli.matrix.urls import web_url
from mgi_cli.output.i18n import format_date


def reference_view(reference: Reference, lang: str) -> dict[str, Any]:
    return {
        "title": reference.title,
        "url": web_url(reference.url),
        "publisher": reference.publisher,
        "published": format_date(reference.published, lang) if reference.published else None,
        "accessed": format_date(reference.accessed, lang) if reference.accessed else None,
    }


def collect_sources(answers: Iterable[Answer | None], lang: str) -> list[dict[str, Any]]:
    """Every reference of ``answers`` once (by address and title), sorted by title."""
    seen: dict[tuple[str, str], Reference] = {}
    for entry in answers:
        if entry is None:
            continue
        for reference in entry.references:
            key = ((reference.url or "").strip(), " ".join(reference.title.split()))
            seen.setdefault(key, reference)
    ordered = sorted(seen.items(), key=lambda item: (item[0][1].casefold(), item[0][0]))
    return [reference_view(reference, lang) for _, reference in ordered]
