"""What every single-matrix report starts from: a valid matrix, its catalogue, and what
the audience may see (``render.confidentiality.disclose`` decides, once)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli.catalogue.view import localized
from mgi_cli.languages import FALLBACK

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue, Indicator
    from mgi_cli.matrix.confidentiality import Disclosure
    from mgi_cli.matrix.models import Answer, Matrix

#: The standard answers, best first, and the word for an indicator without one.
CATEGORIES = ("yes", "partial", "no", "not_applicable")
UNANSWERED = "unanswered"
#: How the reports name a standard answer: what is in place, partial, missing.
STATUS = {
    "yes": "in_place",
    "partial": "partial",
    "no": "missing",
    "not_applicable": "not_applicable",
    UNANSWERED: "unanswered",
}
STATUSES = tuple(STATUS.values())


def standard_answer(catalogue: Catalogue, indicator: Indicator, entry: Answer | None) -> str:
    """The standard answer an answer counts as (yes | partial | no | not_applicable)."""
    if entry is None or entry.answer is None:
        return UNANSWERED
    for choice in catalogue.scale_of(indicator):
        if choice.id == entry.answer:
            return str(choice.counts_as)
    return UNANSWERED


@dataclass(frozen=True)
class ReportSource:
    """A valid matrix, its catalogue, and the part of it the audience may see."""

    matrix: Matrix
    catalogue: Catalogue
    disclosure: Disclosure

    def indicators(self, modules: Iterable[str] | None = None) -> list[Indicator]:
        """What the matrix answers (its modules' indicators but those ``not_used``, then its
        context-specific ones), or only those of ``modules``, as the audience may see it."""
        from mgi_cli.matrix.indicators import effective_indicators

        # Public: nothing of a protected sub-area, indicator by indicator.
        hidden = self.disclosure.protected if self.disclosure.is_public else frozenset()
        found = effective_indicators(self.matrix, self.catalogue)
        if modules is not None:
            wanted = set(modules)
            found = [i for i in found if i.module in wanted]
        return [i for i in found if i.id not in hidden]

    def withholds(self, linked: Callable[[Indicator], bool]) -> bool:
        """Whether a public unit (an objective, a domain, a theme) made of the indicators
        ``linked`` selects is withheld whole: it draws on a protected sub-area. Decided
        on every indicator the matrix uses, restricted or not, so it does not depend on
        which answers of the sub-area are restricted."""
        from mgi_cli.matrix.confidentiality import withholds
        from mgi_cli.matrix.indicators import effective_indicators

        used = effective_indicators(self.matrix, self.catalogue)
        return withholds(self.disclosure, (i.id for i in used if linked(i)))

    def category(self, indicator: Indicator) -> str:
        return standard_answer(self.catalogue, indicator, self.disclosure.answers.get(indicator.id))

    def row(self, indicator: Indicator, lang: str) -> dict[str, Any]:
        """One indicator and its answer, as every report lists it.

        Public output of a restricted matrix gives what its profile's findings give, the
        standard answer (``status``), not the answer as written on the indicator's scale.
        """
        entry = self.disclosure.answers.get(indicator.id)
        category = self.category(indicator)
        label = None
        if not self.disclosure.listing:
            entry = None
        elif entry is not None and entry.answer is not None:
            choice = next(
                (c for c in self.catalogue.scale_of(indicator) if c.id == entry.answer), None
            )
            label = localized(choice.label, lang) if choice else entry.answer
        return {
            "id": indicator.id,
            "dimension": indicator.dimension,
            "question": localized(indicator.question, lang),
            "answer": entry.answer if entry is not None else None,
            "answer_label": label,
            "status": STATUS[category],
        }

    def header(self, lang: str = FALLBACK) -> dict[str, Any]:
        """Which assessment a report is about (the country's own report names it), its
        title in ``lang``."""
        matrix = self.matrix
        return {
            "country": matrix.country,
            "title": matrix.title_in(lang),
            "level": matrix.level,
            "locality": matrix.locality,
            "assessment": matrix.assessment,
            "assessed_on": matrix.assessed_on.isoformat(),
            "status": matrix.status,
            "catalogue": self.catalogue.ref,
            "audience": self.disclosure.audience,
            "withheld": self.disclosure.withheld,
            #: Whether answers are shown as written (the government, or a public matrix).
            "listing": self.disclosure.listing,
        }


def count_statuses(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row["status"]] += 1
    return counts


def load_source(
    path: Path, library: CatalogueLibrary, *, audience: str, today: date
) -> ReportSource:
    """Load and validate a matrix for a report.

    ``audience`` is an ``Audience`` (mgi_cli/choices.py) or its value. Raises ``MgiError``
    with the errors of an invalid matrix, ``Refused`` for public output of a draft or a
    matrix under review.
    """
    from mgi_cli.matrix.confidentiality import disclose
    from mgi_cli.validate.gate import load_valid
    from mgi_cli.validate.rule_input import ValidationOptions

    valid = load_valid(
        path, library, ValidationOptions(today=today), advice="fix it first (see `mgi validate`)"
    )
    return ReportSource(
        valid.matrix, valid.catalogue, disclose(valid.matrix, audience, valid.catalogue)
    )
