"""'Did you mean' suggestions for misspelt keys and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest choice to ``word``, compared without case, or None."""
    options = list(choices)
    lowered = {choice.lower(): choice for choice in options}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[found[0]] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    match = nearest(word, choices)
    return f"did you mean {match!r}?" if match else None


class Suggestions:
    """'Did you mean' within a budget of comparisons (one validation of one file).

    A suggestion compares the word with every choice, so a file of thousands of
    unknown ids, each compared with thousands of known ones, would take minutes.
    Within the budget (about a second of work) every unknown id gets its suggestion;
    past it, none: the problems are all still reported.
    """

    #: Word-to-choice comparisons (difflib's ratio takes tens of microseconds each).
    BUDGET = 20_000

    def __init__(self, budget: int = BUDGET) -> None:
        self.left = budget

    def nearest(self, word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
        options = list(choices)
        if len(options) > self.left:
            self.left = 0
            return None
        self.left -= len(options)
        return nearest(word, options, cutoff)

    def did_you_mean(self, word: str, choices: Iterable[str]) -> str | None:
        match = self.nearest(word, choices)
        return f"did you mean {match!r}?" if match else None
