"""Compare a baseline matrix with its follow-up: ``mgi diff`` and the profile's
"developments since the baseline" section use the same core.

Stable API::

    from mgi_cli.diff import diff_matrices, Diff, IndicatorChange, Summary

    diff = diff_matrices(
        baseline, follow_up,                      # mgi_cli.matrix.models.Matrix
        baseline_catalogue, follow_up_catalogue,  # mgi_cli.catalogue.models.Catalogue
        baseline_path="...", follow_up_path="...",  # shown as is in every output
        include_unchanged=False,                  # True: unchanged indicators too
        dimension=None,                           # "D1": only that dimension
    )
    diff.changes      # list[IndicatorChange], dimension by dimension, catalogue order
    diff.domains      # list[Summary]: one per dimension, standard module only
    diff.sub_areas    # list[Summary]: one per sub-area (``domain`` names its dimension)
    diff.modules      # list[Summary]: every other module apart, e.g. covid19
    diff.progressed, diff.regressed, diff.has_regression, diff.kind_counts
    diff.only_answers()   # the same Diff listing only changes of answers
    diff.as_json()        # docs/format.md's shape: baseline, follow_up, changes, domains, ...

``diff_matrices`` never reads files or the clock and never prints. It raises
``mgi_cli.errors.Refused`` for matrices of different countries, levels or
localities, or whose catalogues share no lineage (same catalogue id, or the
follow-up catalogue's ``lineage`` names the baseline's), and ``UsageError`` for an
unknown ``dimension``. It does not validate: run ``validate_loaded`` first (as
``mgi_cli.diff.run.diff_arguments`` does).

One entry per indicator (``IndicatorChange``). ``kind`` is the most significant
change and ``details`` lists every change that applies, most significant first:
``added_to_catalogue``, ``retired_from_catalogue``, ``context_added``,
``context_removed``, ``marked_not_used``, ``used_again``, ``answer_changed``,
``newly_answered``, ``no_longer_answered``, ``justification_changed``,
``references_changed`` (or ``kind == "unchanged"`` and ``details == ()``).
``ANSWER_KINDS`` are all but the last two: the policy changes, as opposed to updated
evidence. ``before``/``after`` are the answers as written (the scale's choice ids);
``before_standard``/``after_standard`` what they count as (yes, partial, no,
not_applicable). ``direction`` is ``progress`` when the answer moves up the
indicator's scale (the catalogue lists it best first), ``regression`` when it moves
down, ``neutral`` otherwise: unanswered on either side, or ``not_applicable``
involved. ``restricted`` is true when either side's answer is ``restricted: true``:
a public output must leave such an entry out entirely.

Catalogue versions: an indicator of the follow-up catalogue is compared with the
baseline indicator of the same id, else with the one it ``replaces`` (then
``replaced_from`` names it; of several predecessors, the first the baseline
answers). A follow-up indicator with no predecessor is ``added_to_catalogue``; a
baseline indicator the follow-up catalogue neither has nor replaces is
``retired_from_catalogue``. Only indicators of the modules a matrix declares (or
answers) take part, so a module added in the follow-up shows as newly answered.

Context-specific indicators (``context_indicators:``, ids ``X.<name>``) have the
module ``context-specific`` and their own roll-up in ``modules``; ``domain`` is the
dimension they name. They are compared when both matrices define the same id;
defined only in the follow-up they are ``context_added``, only in the baseline
``context_removed``. A catalogue indicator one side marks ``not_used:`` and the other
does not is ``marked_not_used`` or ``used_again`` (a missing answer on the side that
does not use it is not also reported); ``not_used_before``/``not_used_after`` hold
the reasons (in JSON ``"not_used": {"before", "after"}``, present only then), and a
side that does not use an indicator leaves it out of its roll-up counts.
"""

from mgi_cli.diff.compare import check_comparable, diff_matrices
from mgi_cli.diff.model import (
    ANSWER_KINDS,
    KINDS,
    Diff,
    DomainSummary,
    IndicatorChange,
    Summary,
    WordChange,
)

__all__ = [
    "ANSWER_KINDS",
    "KINDS",
    "Diff",
    "DomainSummary",
    "IndicatorChange",
    "Summary",
    "WordChange",
    "check_comparable",
    "diff_matrices",
]
