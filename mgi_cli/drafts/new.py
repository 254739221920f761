"""`mgi new COUNTRY`: a draft matrix with every indicator of the chosen modules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from mgi_cli.errors import UsageError

if TYPE_CHECKING:
    from mgi_cli.catalogue.models import Catalogue


@dataclass(frozen=True)
class NewMatrix:
    """What the user asked for on the command line; ``level`` and ``lang`` are members of
    ``Level`` and ``Lang`` (mgi_cli/choices.py) or their values, checked there."""

    country: str
    level: str
    modules: tuple[str, ...]
    assessed_on: date
    locality: str | None = None
    title: str | None = None
    lang: str = "en"


def parse_modules(text: str) -> tuple[str, ...]:
    modules = tuple(dict.fromkeys(m.strip() for m in text.split(",") if m.strip()))
    if not modules:
        raise UsageError("--modules names no module; e.g. --modules standard,covid19")
    return modules


def check_request(request: NewMatrix, catalogue: Catalogue) -> None:
    """Refuse (usage error) what would give an invalid matrix head."""
    from mgi_cli.suggest import did_you_mean
    from mgi_cli.validate.rules_metadata import is_known_country

    if not re.fullmatch(r"[A-Z]{3}", request.country) or not is_known_country(request.country):
        raise UsageError(
            f"{request.country!r} is not an ISO 3166-1 alpha-3 country code "
            "(e.g. KEN; XAA-XZZ are free for examples and training)"
        )
    if request.level == "local" and not (request.locality or "").strip():
        raise UsageError("a local assessment needs --locality NAME (the city or region)")
    if request.level == "national" and request.locality:
        raise UsageError("--locality is for --level local")
    if catalogue.level != request.level:
        raise UsageError(
            f"{catalogue.ref} is a {catalogue.level} catalogue; this is a {request.level} "
            "assessment"
        )
    for module in request.modules:
        if module not in catalogue.module_ids:
            hint = did_you_mean(module, catalogue.module_ids) or (
                "modules: " + ", ".join(catalogue.module_ids)
            )
            raise UsageError(f"{catalogue.ref} has no module {module!r}; {hint}")


def new_matrix_head(request: NewMatrix, catalogue: Catalogue) -> dict[str, Any]:
    from mgi_cli.matrix.models import FORMAT

    return {
        "format": FORMAT,
        "country": request.country,
        "title": request.title,
        "level": str(request.level),  # a plain text: the YAML writer knows no enum
        "locality": request.locality if request.level == "local" else None,
        "assessment": "baseline",
        "catalogue": catalogue.ref,
        "modules": list(request.modules),
        "assessed_on": request.assessed_on,
        "status": "draft",
        "confidentiality": "restricted",
    }


def new_matrix_text(request: NewMatrix, catalogue: Catalogue, schema: str | None = None) -> str:
    """The draft: every indicator of the modules, in catalogue order, unanswered;
    ``schema``: the editor's JSON Schema, as a path from the draft's folder."""
    from mgi_cli.formatting.document import matrix_text

    check_request(request, catalogue)
    answers: dict[str, Any] = {i.id: None for i in catalogue.in_modules(set(request.modules))}
    head = new_matrix_head(request, catalogue)
    return matrix_text(
        head, answers, catalogue, request.lang, placeholders=_placeholders(catalogue), schema=schema
    )


def _placeholders(catalogue: Catalogue) -> list[str]:
    """Commented `profile:` and `process:` keys, to fill in as the assessment goes
    (docs/format.md, "Profile texts and the process record")."""
    dimension = catalogue.dimensions[0]
    sub_area = f"{dimension.id}.{dimension.sub_areas[0].id}"
    return [
        "# The profile's own text (optional): a string, or one per language (en, fr, es, pt).",
        "# profile:",
        '#   summary: {en: "Key findings: a few paragraphs, shown first."}',
        '#   context: {en: "The migration context."}',
        f'#   dimensions: {{{dimension.id}: {{en: "Narrative of the dimension."}}}}',
        f'#   sub_areas: {{{sub_area}: {{en: "Narrative of the sub-area."}}}}',
        "# The record of the assessment: institutions only, never persons.",
        "# process:",
        '#   focal_point: "<the coordinating institution>"',
        "#   consultations:",
        '#     - {date: YYYY-MM-DD, kind: workshop, participants: ["<institution>"]}',
        '#   validated: {date: YYYY-MM-DD, by: "<the validating body>"}',
        "",
    ]
