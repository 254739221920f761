"""What an output may show, decided once, on the data, before anything is rendered.

The public context is built only from what ``disclose`` lets through: restricted
answers are removed whole (answer, justification, references, the finding drawn
from them and their place in the counts) and ``notes`` are stripped from every
answer. No template, packaged or user-supplied, can print what it was never given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mgi_cli.choices import Audience
from mgi_cli.errors import Refused
from mgi_cli.matrix.models import PUBLISHABLE, Answer, Matrix


@dataclass(frozen=True)
class Disclosure:
    """The answers an output may use, and how much of each it may show."""

    audience: Audience
    #: Answers the output may use; in public output restricted ones are gone.
    answers: Mapping[str, Answer | None]
    #: Indicator ids whose answers are restricted in this matrix.
    restricted: frozenset[str]
    #: How many restricted answers were left out (0 for the government).
    withheld: int
    #: Every indicator with its answer, justification and references.
    listing: bool
    #: Justifications and references beside the findings.
    details: bool

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC


def refuse_unpublishable(matrix: Matrix, audience: Audience) -> None:
    """Public output of a draft or a matrix under review is refused (docs/format.md)."""
    if audience == Audience.PUBLIC and matrix.status not in PUBLISHABLE:
        raise Refused(
            f"a public profile needs a validated or published matrix, and this one is "
            f"{matrix.status!r}; the government must validate it first (or render "
            "--audience government for the authorities)"
        )


def disclose(matrix: Matrix, audience: str) -> Disclosure:
    """The part of ``matrix`` that an ``audience`` may see; refuses unpublishable ones.

    ``audience`` is an ``Audience`` or its value (the command line checked it).
    """
    chosen = Audience(audience)
    refuse_unpublishable(matrix, chosen)
    restricted = frozenset(
        key for key, entry in matrix.answers.items() if entry is not None and entry.restricted
    )
    answers: dict[str, Answer | None] = {}
    for key, entry in matrix.answers.items():
        if chosen == Audience.PUBLIC and key in restricted:
            continue
        answers[key] = entry.model_copy(update={"notes": None}) if entry is not None else None
    public_matrix = matrix.confidentiality == "public"
    government = chosen == Audience.GOVERNMENT
    return Disclosure(
        audience=chosen,
        answers=answers,
        restricted=restricted,
        withheld=0 if government else len(restricted),
        listing=government or public_matrix,
        details=government or public_matrix,
    )


def restricted_ids(matrix: Matrix) -> frozenset[str]:
    return frozenset(k for k, a in matrix.answers.items() if a is not None and a.restricted)
