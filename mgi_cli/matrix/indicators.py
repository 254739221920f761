"""The indicators a matrix answers: its catalogue's, its own context-specific ones, minus
the catalogue indicators it marks as not used.

A matrix may define indicators for its own context under ``context_indicators:``, with
ids in the reserved namespace ``X.<name>`` (``X.01``, ``X.port-authority``), and answer
them under ``answers:`` like any other. Here they become catalogue ``Indicator`` values
of the pseudo-module ``context-specific`` (a name no catalogue module can take: module
ids have no hyphen), so validation, diffs and profiles treat both kinds alike.
"""

from __future__ import annotations

import re

from mgi_cli.catalogue.models import Catalogue, Indicator
from mgi_cli.matrix.models import ContextIndicator, Matrix

#: The module of every context-specific indicator.
CONTEXT_MODULE = "context-specific"
#: Ids of context-specific indicators: ``X.`` and a name of letters, digits, ``_`` and ``-``.
CONTEXT_ID = re.compile(r"X\.[A-Za-z0-9][A-Za-z0-9_-]*")


def is_context_id(indicator_id: str) -> bool:
    return CONTEXT_ID.fullmatch(indicator_id) is not None


def as_indicator(defined: ContextIndicator) -> Indicator:
    """A context-specific indicator as a catalogue indicator of the ``context-specific`` module.

    Built without validation: a definition with a malformed id is reported by the
    rules once, and answers to it are still checked.
    """
    return Indicator.model_construct(
        id=defined.id,
        dimension=defined.dimension,
        sub_area=defined.sub_area or "",
        module=CONTEXT_MODULE,
        question=dict(defined.question),
        guidance={},
        scale=list(defined.scale) if defined.scale is not None else None,
        tags=list(defined.tags),
        migration=defined.migration,
        gcm=list(defined.gcm),
        sdg_10_7_2=None,
        findings=None,
        replaces=[],
    )


def context_indicators(matrix: Matrix, catalogue: Catalogue | None = None) -> list[Indicator]:
    """The matrix's own indicators, first definition of each id, none a catalogue id."""
    seen: set[str] = set()
    found = []
    for defined in matrix.context_indicators:
        taken = catalogue is not None and catalogue.indicator(defined.id) is not None
        if defined.id not in seen and not taken:
            seen.add(defined.id)
            found.append(as_indicator(defined))
    return found


def find_indicator(matrix: Matrix, catalogue: Catalogue, indicator_id: str) -> Indicator | None:
    """The catalogue's indicator of that id, else the matrix's own, else None."""
    indicator = catalogue.indicator(indicator_id)
    if indicator is not None:
        return indicator
    return _context_index(matrix, catalogue).get(indicator_id)


#: The context-specific indicators of the last matrix looked in, by id. Rules, diffs,
#: exports and profiles look up one indicator per answer: building the list at each
#: look-up made them quadratic in the number of context-specific indicators (4,000 took
#: minutes). The entry holds the matrix, catalogue and list it was made from, so it
#: is used only for those very objects (no id reused after garbage collection), and
#: the list's length, so a list grown in place is indexed again.
_INDEX: list[tuple[Matrix, Catalogue, list[ContextIndicator], int, dict[str, Indicator]]] = []


def _context_index(matrix: Matrix, catalogue: Catalogue) -> dict[str, Indicator]:
    defined = matrix.context_indicators
    if _INDEX:
        last_matrix, last_catalogue, last_list, length, index = _INDEX[0]
        same = last_matrix is matrix and last_catalogue is catalogue and last_list is defined
        if same and length == len(defined):
            return index
    index = {i.id: i for i in context_indicators(matrix, catalogue)}
    _INDEX[:] = [(matrix, catalogue, defined, len(defined), index)]
    return index


def effective_indicators(matrix: Matrix, catalogue: Catalogue) -> list[Indicator]:
    """Every indicator the matrix must answer, in order: the catalogue's indicators of its
    declared modules except those marked ``not_used``, then its context-specific ones."""
    declared = set(matrix.modules)
    core = [i for i in catalogue.in_modules(declared) if i.id not in matrix.not_used]
    return core + context_indicators(matrix, catalogue)
