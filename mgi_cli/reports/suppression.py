"""Small-group suppression for aggregated tables, so no single country can be read off.

A cell counts answers and remembers which countries contributed to it. A cell with
contributions from at least one and fewer than ``min_group`` countries is suppressed
(primary suppression). A shown total tells what its suppressed parts hold together: so
while that is one part, or less than ``min_group``, another non-zero part is suppressed
too, or the total itself when there is none (secondary suppression), until no shown
total gives a small group away. The parts of a total from too few countries are all
suppressed, zeros included: beside it, zeros would tell what those few answered.
Other zero cells are shown: no country contributed to them.

This is the usual cell-suppression heuristic, not a proof against every attack on a
set of overlapping tables; keep ``min_group`` at 5 or more for public output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(eq=False)
class Cell:
    value: int = 0
    contributors: set[str] = field(default_factory=set)
    suppressed: bool = False

    def add(self, contributor: str, amount: int = 1) -> None:
        self.value += amount
        self.contributors.add(contributor)

    def shown(self) -> int | None:
        """The value, or None when suppressed."""
        return None if self.suppressed else self.value


@dataclass(eq=False)
class Total:
    """A shown total and the cells that add up to it."""

    total: Cell
    parts: Sequence[Cell]


def suppress(cells: Iterable[Cell], totals: Sequence[Total], min_group: int) -> None:
    """Mark the cells (and totals) that must not be shown; changes them in place."""
    small = {
        cell
        for cell in (*cells, *(line.total for line in totals))
        if 0 < len(cell.contributors) < min_group
    }
    for cell in small:
        cell.suppressed = True
    for line in totals:
        if line.total in small:  # zeros beside it would tell what the few answered
            for part in line.parts:
                part.suppressed = True
    changed = True
    while changed:
        changed = False
        for line in totals:
            if not _gives_away(line, min_group):
                continue
            # Hiding a zero protects nothing: parts are never negative, so a hidden part
            # beside only zeros is the total minus the shown parts all the same.
            visible = [p for p in line.parts if not p.suppressed and p.value > 0]
            if visible:
                min(visible, key=lambda p: p.value).suppressed = True
            else:
                line.total.suppressed = True
            changed = True


def recoverable(totals: Sequence[Total], min_group: int) -> list[Total]:
    """Shown totals that give a small group away (none, after ``suppress``)."""
    return [line for line in totals if _gives_away(line, min_group)]


def _gives_away(line: Total, min_group: int) -> bool:
    """A shown total whose hidden parts are one cell, or fewer than ``min_group`` together."""
    hidden = [p.value for p in line.parts if p.suppressed]
    if line.total.suppressed or not hidden:
        return False
    return len(hidden) == 1 or sum(hidden) < min_group
