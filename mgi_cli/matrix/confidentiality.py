"""What an output may show, decided once, on the data, before anything is rendered.

The public context is built only from what ``disclose`` lets through: restricted
answers are removed whole (answer, justification, references, the finding drawn
from them and their place in the counts) and ``notes`` are stripped from every
answer. No template, packaged or user-supplied, can print what it was never given.

Nothing can be inferred either (docs/format.md, "Confidentiality"): a sub-area holding
a restricted answer is *protected*. Public output never says how many answers are
restricted; it shows a protected sub-area only through its authored narrative or a
neutral sentence, so every answer of that sub-area (not only the restricted ones) is
left out of a public ``Disclosure``, and a report unit drawing on any of its
indicators is withheld as a whole (``withholds``). Two matrices differing only in
*which* answers of a sub-area are restricted then give the same public output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mgi_cli.choices import Audience
from mgi_cli.errors import Refused
from mgi_cli.matrix.models import PUBLISHABLE, Answer, Matrix

if TYPE_CHECKING:
    from mgi_cli.catalogue.models import Catalogue


@dataclass(frozen=True)
class Disclosure:
    """The answers an output may use, and how much of each it may show."""

    audience: Audience
    #: Answers the output may use; in public output restricted ones are gone.
    answers: Mapping[str, Answer | None]
    #: Indicator ids whose answers are restricted in this matrix.
    restricted: frozenset[str]
    #: Always 0: no output says how many answers are restricted (the field stays so
    #: that user templates written for it keep rendering).
    withheld: int
    #: Every indicator with its answer, justification and references.
    listing: bool
    #: Justifications and references beside the findings.
    details: bool
    #: Public output: the protected sub-areas (``<dimension>.<sub-area>``) and every
    #: indicator in them, whose answers are gone from ``answers``. Empty for the
    #: government.
    protected_areas: frozenset[str] = frozenset()
    protected: frozenset[str] = frozenset()

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


def baseline_withheld(baseline: Matrix | None, audience: str) -> str | None:
    """Why an output for ``audience`` leaves out everything drawn from ``baseline``;
    None when it may use it.

    One rule for every public output that reaches back to a follow-up's baseline (the
    developments of a profile, reports, the summary, the site): a baseline that is a
    draft or under review is not published, so nothing public draws on it. Callers
    leave out what comes from it, with a warning naming this reason.
    """
    if baseline is None or Audience(audience) != Audience.PUBLIC or baseline.status in PUBLISHABLE:
        return None
    return (
        f"the baseline is {baseline.status!r}: public output draws only on validated or "
        "published matrices"
    )


def disclose(matrix: Matrix, audience: str, catalogue: Catalogue | None = None) -> Disclosure:
    """The part of ``matrix`` that an ``audience`` may see; refuses unpublishable ones.

    ``audience`` is an ``Audience`` or its value (the command line checked it). With
    the ``catalogue`` (which places each indicator in its sub-area), public output also
    leaves out every answer of a protected sub-area; without it, only restricted ones.
    """
    chosen = Audience(audience)
    refuse_unpublishable(matrix, chosen)
    restricted = restricted_ids(matrix)
    areas: frozenset[str] = frozenset()
    protected = restricted
    if chosen == Audience.PUBLIC and catalogue is not None and restricted:
        areas, protected = protected_sub_areas(matrix, catalogue, restricted)
    answers: dict[str, Answer | None] = {}
    for key, entry in matrix.answers.items():
        if chosen == Audience.PUBLIC and key in protected:
            continue
        answers[key] = entry.model_copy(update={"notes": None}) if entry is not None else None
    public_matrix = matrix.confidentiality == "public"
    government = chosen == Audience.GOVERNMENT
    return Disclosure(
        audience=chosen,
        answers=answers,
        restricted=restricted,
        withheld=0,
        listing=government or public_matrix,
        details=government or public_matrix,
        protected_areas=areas,
        protected=frozenset() if government else protected,
    )


def sub_area_key(dimension: str, sub_area: str) -> str:
    """How the matrix names a sub-area (``profile.sub_areas``): ``D1.health``."""
    return f"{dimension}.{sub_area}"


def protected_sub_areas(
    matrix: Matrix, catalogue: Catalogue, restricted: Iterable[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The sub-areas holding a ``restricted`` answer, and every indicator in them (the
    catalogue's, in any module, and the matrix's own that name the sub-area)."""
    from mgi_cli.matrix.indicators import effective_indicators

    everything = {i.id: i for i in catalogue.indicators}
    everything |= {i.id: i for i in effective_indicators(matrix, catalogue)}
    areas = frozenset(
        sub_area_key(everything[key].dimension, everything[key].sub_area)
        for key in restricted
        if key in everything
    )
    members = {
        key for key, i in everything.items() if sub_area_key(i.dimension, i.sub_area) in areas
    }
    # A restricted answer to an id the catalogue does not know is still left out.
    return areas, frozenset(members | set(restricted))


def withholds(disclosure: Disclosure, indicators: Iterable[str]) -> bool:
    """Whether a public report unit drawing on ``indicators`` (a GCM objective, a 10.7.2
    domain, a theme) must be withheld whole: it draws on a protected sub-area."""
    return disclosure.is_public and any(i in disclosure.protected for i in indicators)


def restricted_ids(matrix: Matrix) -> frozenset[str]:
    return frozenset(k for k, a in matrix.answers.items() if a is not None and a.restricted)
