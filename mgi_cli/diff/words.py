"""Word-level comparison of justifications: meaning, not line wrapping."""

from __future__ import annotations

from difflib import SequenceMatcher

from mgi_cli.diff.model import WordChange


def normalise(text: str | None) -> str:
    """The words of a text joined by single spaces: wrapping and indentation do not count."""
    return " ".join((text or "").split())


def word_diff(before: str | None, after: str | None) -> tuple[WordChange, ...]:
    """Runs of equal, deleted and inserted words turning ``before`` into ``after``.

    Joining the ``equal`` and ``delete`` runs gives ``before`` back (normalised),
    joining ``equal`` and ``insert`` gives ``after``.
    """
    old, new = normalise(before).split(), normalise(after).split()
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    runs: list[WordChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(WordChange("equal", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(WordChange("delete", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(WordChange("insert", " ".join(new[j1:j2])))
    return tuple(runs)


def side_text(runs: tuple[WordChange, ...], side: str) -> str:
    """One side of a word diff: ``before`` or ``after``."""
    skip = "insert" if side == "before" else "delete"
    return " ".join(r.text for r in runs if r.op != skip)
