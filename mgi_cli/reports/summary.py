"""`mgi render summary`: aggregated views across many matrices, naming no country.

Which matrices count is decided first (``collect_matrices``): valid ones only; for the
public, only validated or published ones, never a draft or one under review; a
matrix with ``confidentiality: restricted`` only when the user allows it; each place
(country, level, locality) once, with its latest assessment; one catalogue. Public
output drops ``restricted: true`` answers. The tables then hold counts only, and
``suppression.suppress`` hides every group of fewer than ``min_group`` countries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mgi_cli.matrix.models import PUBLISHABLE, Answer, Matrix

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue

#: Why a matrix file was not counted, for the operator's message (never in the output).
LEFT_OUT = ("invalid", "not_validated", "restricted", "other_catalogue", "superseded")


@dataclass(frozen=True)
class SummaryOptions:
    audience: str = "public"
    #: The smallest number of countries a shown figure may come from.
    min_group: int = 5
    #: Count matrices with ``confidentiality: restricted`` (the government agreed).
    include_restricted: bool = False
    #: The catalogue (``<id>@<version>``) summarised; default: the one most matrices answer.
    catalogue: str | None = None


@dataclass(frozen=True)
class Counted:
    """One assessment as it is counted: its country and the answers the audience may use."""

    country: str
    answers: Mapping[str, Answer | None]


@dataclass
class Collection:
    catalogue: Catalogue | None
    counted: list[Counted] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)


def collect_matrices(
    files: list[Path], library: CatalogueLibrary, options: SummaryOptions, today: date
) -> Collection:
    """Validate ``files`` and collect the valid ones (``collect_valid``)."""
    from mgi_cli.validate.gate import load_checked
    from mgi_cli.validate.rule_input import ValidationOptions

    invalid = 0
    valid: list[Matrix] = []
    for path in files:
        checked = load_checked(path, library, ValidationOptions(today=today))
        if checked.loaded.matrix is None or not checked.valid:
            invalid += 1
        else:
            valid.append(checked.loaded.matrix)
    collection = collect_valid(valid, library, options)
    if invalid:
        collection.left_out["invalid"] += invalid
    return collection


def collect_valid(
    valid: list[Matrix], library: CatalogueLibrary, options: SummaryOptions
) -> Collection:
    """The matrices counted among valid ones (the site passes its published matrices,
    validated once): those the audience may use, one catalogue, each place's latest.

    Only a counted matrix's own answers are used, never its baseline's: nothing the
    summary shows comes from a draft baseline (``baseline_withheld``), by construction.
    """
    from mgi_cli.matrix.confidentiality import disclose

    left_out: Counter[str] = Counter()
    eligible: list[Matrix] = []
    for matrix in valid:
        if options.audience == "public" and matrix.status not in PUBLISHABLE:
            left_out["not_validated"] += 1
        elif matrix.confidentiality == "restricted" and not options.include_restricted:
            left_out["restricted"] += 1
        else:
            eligible.append(matrix)
    ref = options.catalogue or _most_answered(eligible)
    latest: dict[tuple[str, str, str | None], Matrix] = {}
    for matrix in eligible:
        if matrix.catalogue != ref:
            left_out["other_catalogue"] += 1
            continue
        place = (matrix.country, matrix.level, matrix.locality)
        other = latest.get(place)
        if other is not None:
            left_out["superseded"] += 1
            if (other.assessed_on, other.assessment) >= (matrix.assessed_on, matrix.assessment):
                continue
        latest[place] = matrix
    counted = [
        Counted(m.country, disclose(m, options.audience).answers)
        for _, m in sorted(latest.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or ""))
    ]
    catalogue = library.get(ref) if ref else None
    return Collection(catalogue, counted, left_out)


def _most_answered(matrices: list[Matrix]) -> str | None:
    tally = Counter(m.catalogue for m in matrices)
    if not tally:
        return None
    return min(tally, key=lambda ref: (-tally[ref], ref))


def left_out_message(left_out: Mapping[str, int]) -> str | None:
    """What was not counted, in numbers only: file names would name countries."""
    words = {
        "invalid": "not a valid matrix (see `mgi validate`)",
        "not_validated": "draft or under review",
        "restricted": "confidentiality restricted (--include-restricted counts them)",
        "other_catalogue": "another catalogue (--catalogue-ref chooses)",
        "superseded": "an earlier assessment of a place already counted",
    }
    parts = [f"{words[k]}: {left_out[k]}" for k in LEFT_OUT if left_out.get(k)]
    return "files left out of the summary: " + "; ".join(parts) if parts else None
