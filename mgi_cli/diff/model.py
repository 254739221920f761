"""What a diff is made of: one ``IndicatorChange`` per indicator, roll-ups, the ``Diff``.

Plain frozen values with no behaviour beyond serialising themselves: the comparison
lives in ``compare.py``, the layout in the reporters and templates.

One entry per indicator. An indicator can change in several ways at once (its answer
and its justification, say): ``details`` lists every kind that applies, most
significant first, and ``kind`` is ``details[0]`` (or ``"unchanged"``). The order of
significance is ``KINDS``' order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mgi_cli.diff.action_progress import ActionProgress
    from mgi_cli.problems.problem import Problem

#: Every kind of change, most significant first.
KINDS = (
    "added_to_catalogue",
    "retired_from_catalogue",
    "context_added",
    "context_removed",
    "marked_not_used",
    "used_again",
    "answer_changed",
    "newly_answered",
    "no_longer_answered",
    "justification_changed",
    "references_changed",
)
#: Kinds that change what a matrix answers: the policy changes, not the evidence.
ANSWER_KINDS = frozenset(KINDS) - {"justification_changed", "references_changed"}
#: Kinds of an indicator that takes part on one side only.
ONLY_AFTER = frozenset({"added_to_catalogue", "context_added"})
ONLY_BEFORE = frozenset({"retired_from_catalogue", "context_removed"})
UNCHANGED = "unchanged"
#: The standard answers counted in roll-ups, plus indicators without an answer.
COUNTED = ("yes", "partial", "no", "not_applicable", "unanswered")
PROGRESS, REGRESSION, NEUTRAL = "progress", "regression", "neutral"


@dataclass(frozen=True)
class WordChange:
    """A run of words of a justification: ``equal``, ``delete`` (before) or ``insert`` (after)."""

    op: str
    text: str

    def as_json(self) -> dict[str, str]:
        return {"op": self.op, "text": self.text}


@dataclass(frozen=True)
class IndicatorChange:
    """How one indicator compares between the baseline and the follow-up."""

    indicator: str
    #: The dimension id (``D1`` ...), from the follow-up's catalogue when it has the indicator.
    domain: str
    sub_area: str
    module: str
    kind: str
    #: The answers as written (the indicator's own choice ids), ``None`` when unanswered.
    before: str | None
    after: str | None
    direction: str = NEUTRAL
    details: tuple[str, ...] = ()
    #: The baseline indicator this one was compared with, when the catalogue renumbered it.
    replaced_from: str | None = None
    #: The standard answer (yes | partial | no | not_applicable) each side counts as.
    before_standard: str | None = None
    after_standard: str | None = None
    justification: tuple[WordChange, ...] = ()
    references_added: tuple[str, ...] = ()
    references_removed: tuple[str, ...] = ()
    references_updated: tuple[str, ...] = ()
    #: True when either side's answer is ``restricted: true`` (never for public output).
    restricted: bool = False
    #: The reason each side gives for not using the indicator (``not_used:``), else None.
    not_used_before: str | None = None
    not_used_after: str | None = None

    @property
    def changed(self) -> bool:
        return self.kind != UNCHANGED

    @property
    def counts_before(self) -> bool:
        """Whether the baseline takes part: it has the indicator and uses or answers it."""
        unused = self.not_used_before is not None and self.before is None
        return self.kind not in ONLY_AFTER and not unused

    @property
    def counts_after(self) -> bool:
        unused = self.not_used_after is not None and self.after is None
        return self.kind not in ONLY_BEFORE and not unused

    def as_json(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "domain": self.domain,
            "sub_area": self.sub_area,
            "module": self.module,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "direction": self.direction,
            "details": list(self.details),
            "replaced_from": self.replaced_from,
            "before_standard": self.before_standard,
            "after_standard": self.after_standard,
            "justification": [w.as_json() for w in self.justification],
            "references": {
                "added": list(self.references_added),
                "removed": list(self.references_removed),
                "updated": list(self.references_updated),
            },
            "restricted": self.restricted,
        } | self._not_used_json()

    def _not_used_json(self) -> dict[str, Any]:
        if self.not_used_before is None and self.not_used_after is None:
            return {}
        return {"not_used": {"before": self.not_used_before, "after": self.not_used_after}}


@dataclass(frozen=True)
class TextChange:
    """An authored text added, removed or changed in one language (``diff.texts``).

    ``key`` is the text's path in the matrix: ``title``, ``profile.summary``,
    ``profile.context``, ``profile.dimensions.D1``, ``profile.sub_areas.D1.health``,
    ``answers.D1.01.finding``, or ``process.focal_point``, ``process.consultations``,
    ``process.validated`` (not written per language: ``language`` is None).
    """

    key: str
    language: str | None
    #: ``added``, ``removed`` or ``changed``.
    change: str
    #: The indicator whose finding this is, else None.
    indicator: str | None = None
    #: A finding of an answer that is ``restricted: true`` on either side.
    restricted: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "language": self.language,
            "change": self.change,
            "indicator": self.indicator,
            "restricted": self.restricted,
        }


@dataclass(frozen=True)
class Summary:
    """A roll-up of a dimension, a sub-area or a module: answers counted on each side."""

    id: str
    name: str
    #: The dimension a sub-area belongs to; ``None`` for dimensions and modules.
    domain: str | None
    before: Mapping[str, int]
    after: Mapping[str, int]
    progressed: int
    regressed: int
    #: Indicators with any change (answer, justification, references, catalogue).
    changed: int
    indicators: int

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.domain is not None:
            data["domain"] = self.domain
        return data | {
            "before": dict(self.before),
            "after": dict(self.after),
            "progressed": self.progressed,
            "regressed": self.regressed,
            "changed": self.changed,
            "indicators": self.indicators,
        }


DomainSummary = Summary


@dataclass(frozen=True)
class Side:
    """Which matrix a side of the diff is: where it was read and what it answers."""

    path: str
    assessed_on: str
    catalogue: str
    status: str

    def as_json(self) -> dict[str, str]:
        return {
            "path": self.path,
            "assessed_on": self.assessed_on,
            "catalogue": self.catalogue,
            "status": self.status,
        }


@dataclass
class Diff:
    """Everything that changed between a baseline and its follow-up.

    ``domains`` and ``sub_areas`` roll up the ``standard`` module; every other module
    (``covid19``, a country's own) has its own entry in ``modules``.
    """

    baseline: str
    follow_up: str
    country: str
    level: str
    title: str | None
    locality: str | None
    sides: tuple[Side, Side]
    changes: list[IndicatorChange]
    domains: list[Summary] = field(default_factory=list)
    sub_areas: list[Summary] = field(default_factory=list)
    modules: list[Summary] = field(default_factory=list)
    #: Every kind counted over all indicators compared, whatever ``changes`` shows.
    kind_counts: Mapping[str, int] = field(default_factory=dict)
    progressed: int = 0
    regressed: int = 0
    #: For each item of the baseline's action plan, whether its indicators progressed
    #: (``diff.action_progress.action_progress``, worked out on every indicator compared).
    actions: list[ActionProgress] = field(default_factory=list)
    #: Authored texts (title, profile, findings, process) that changed (``diff.texts``).
    texts: list[TextChange] = field(default_factory=list)
    #: Warnings about the comparison itself (the sides look reversed), for stderr.
    problems: list[Problem] = field(default_factory=list)
    #: The first matrix looks like the later one (``diff.run.reversed_sides``).
    reversed: bool = False

    @property
    def has_regression(self) -> bool:
        return self.regressed > 0

    def only_answers(self) -> Diff:
        """The same diff listing only changes of answers (no evidence-only updates, no
        authored texts)."""
        return replace(self, changes=[c for c in self.changes if c.kind in ANSWER_KINDS], texts=[])

    def as_json(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "follow_up": self.follow_up,
            "country": self.country,
            "level": self.level,
            "locality": self.locality,
            "title": self.title,
            "sides": {"baseline": self.sides[0].as_json(), "follow_up": self.sides[1].as_json()},
            "summary": {
                "kinds": dict(self.kind_counts),
                "progressed": self.progressed,
                "regressed": self.regressed,
            },
            "changes": [c.as_json() for c in self.changes],
            "domains": [d.as_json() for d in self.domains],
            "sub_areas": [s.as_json() for s in self.sub_areas],
            "modules": [m.as_json() for m in self.modules],
            "actions": [a.as_json() for a in self.actions],
            "texts": [t.as_json() for t in self.texts],
        }
