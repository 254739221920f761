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
