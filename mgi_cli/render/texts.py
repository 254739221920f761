"""Catalogue texts in the reader's language, falling back to English out loud.

A missing translation is not hidden: the English text is used and a warning
problem is collected for the command to print. The texts of a matrix's own
(context-specific) indicators come from the matrix, and their warnings say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mgi_cli.catalogue.models import Catalogue, Indicator
from mgi_cli.matrix.indicators import CONTEXT_MODULE
from mgi_cli.matrix.models import Answer
from mgi_cli.matrix.texts import text_in
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity
from mgi_cli.render.place import name_in_sentence

#: The standard answers, in the order charts and tables show them.
CATEGORIES = ("yes", "partial", "no", "not_applicable")
UNANSWERED = "unanswered"


@dataclass
class Localizer:
    """Looks up catalogue texts in ``lang``; records each fallback once."""

    catalogue: Catalogue
    lang: str
    problems: list[Problem] = field(default_factory=list)
    #: Ids of the matrix's own indicators, and where the matrix was read: their texts
    #: (question, scale labels) are the matrix's, so are the warnings about them.
    own: frozenset[str] = frozenset()
    source: str = "the matrix"
    #: The localised name of the country (or city) assessed, for ``{country}`` and
    #: ``{locality}`` in finding sentences.
    place: str = ""
    #: Whether ``place`` is written in ``lang`` (a title that fell back to English is
    #: not): only then does it get the article and the fused preposition ``lang`` needs.
    place_in_lang: bool = True
    #: The language of the matrix's plain-string texts (``language:``).
    language: str = "en"
    _reported: set[tuple[str, str | None]] = field(default_factory=set)

    def text(self, value: Mapping[str, str], what: str, indicator: str | None = None) -> str:
        found = value.get(self.lang, "").strip()
        if found:
            return found
        subject = f"{indicator} {what}" if indicator else what
        if indicator is not None and indicator in self.own:
            self.warn(
                codes.MISSING_TRANSLATION,
                f"the matrix has no {self.lang!r} text for its context-specific indicator "
                f"{subject}; English is used",
                indicator,
                path=self.source,
            )
        else:
            self.warn(
                codes.MISSING_TRANSLATION,
                f"the catalogue has no {self.lang!r} text for {subject}; English is used",
                indicator,
            )
        english = value.get("en", "").strip()
        return english or next(iter(value.values()), "")

    def warn(
        self, code: str, message: str, indicator: str | None = None, *, path: str | None = None
    ) -> None:
        """Collect a warning about the catalogue (or ``path``), once per message."""
        if (message, indicator) in self._reported:
            return
        self._reported.add((message, indicator))
        self.problems.append(
            Problem(
                path=path or self.catalogue.ref,
                code=code,
                message=message,
                severity=Severity.WARNING,
                indicator=indicator,
            )
        )

    def authored(
        self, value: str | Mapping[str, str] | None, what: str, indicator: str | None = None
    ) -> str:
        """A text of the matrix (title, narrative, finding) in the reader's language; a
        fallback to another language is warned about, naming the matrix."""
        found, fell_back = text_in(value, self.lang, self.language)
        if fell_back:
            self.warn(
                codes.MISSING_TRANSLATION,
                f"the matrix has no {self.lang!r} text for {what}; another language is used",
                indicator,
                path=self.source,
            )
        return found

    def finding(self, indicator: Indicator, value: str | None) -> str | None:
        """The catalogue's sentence for answer ``value`` (an id of the indicator's scale,
        or the standard answer it counts as), naming the place; None when it has none."""
        sentences = indicator.findings or {}
        chosen = sentences.get(value or "")
        if chosen is None:
            counts_as = next(
                (c.counts_as for c in self.catalogue.scale_of(indicator) if c.id == value), None
            )
            chosen = sentences.get(str(counts_as)) if counts_as is not None else None
        if chosen is None:
            return None
        text = self.text(chosen, f"finding ({value})", indicator.id)
        if self.place_in_lang:
            return name_in_sentence(text, self.lang, self.place)
        return text.replace("{country}", self.place).replace("{locality}", self.place)

    def category(self, indicator: Indicator, entry: Answer | None) -> str:
        """The standard answer an answer counts as, or ``unanswered``."""
        if entry is None or entry.answer is None:
            return UNANSWERED
        for choice in self.catalogue.scale_of(indicator):
            if choice.id == entry.answer:
                return str(choice.counts_as)
        return UNANSWERED

    def answer_label(self, indicator: Indicator, entry: Answer | None) -> str | None:
        """The label of the chosen answer on the indicator's own scale."""
        if entry is None or entry.answer is None:
            return None
        for choice in self.catalogue.scale_of(indicator):
            if choice.id == entry.answer:
                return self.text(choice.label, f"answer label {choice.id!r}", indicator.id)
        return entry.answer


def is_context_specific(indicator: Indicator) -> bool:
    """Whether the indicator is the matrix's own (``context_indicators:``)."""
    return indicator.module == CONTEXT_MODULE
