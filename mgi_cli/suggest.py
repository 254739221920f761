"""'Did you mean' suggestions for misspelt keys and ids."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

#: Zeros that pad a number (`D1.04`, `D01`), not those inside one (`D1.10`).
_PADDING = re.compile(r"(?<!\d)0+(?=\d)")


def id_key(word: str) -> str:
    """``word`` as ids compare: without case or zero padding (`d1.4` is `D1.04`)."""
    return _PADDING.sub("", word.lower())


def same_id(word: str, choices: Iterable[str]) -> str | None:
    """The one choice that is ``word`` but for case and zero padding, or None."""
    key = id_key(word)
    found = [choice for choice in choices if id_key(choice) == key]
    return found[0] if len(found) == 1 else None


def nearest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest choice to ``word``, compared without case, or None.

    A choice that differs only by zero padding wins over any closer-looking one:
    `D1.4` means `D1.04`, although `D1.14` and `D1.40` are as near in spelling.
    """
    options = list(choices)
    padded = same_id(word, options)
    if padded is not None:
        return padded
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
