"""From a matrix file to a rendered profile: load, validate, check the audience, diff, render."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli.errors import MgiError
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.diff.model import Diff
    from mgi_cli.matrix.models import Matrix
    from mgi_cli.render.national import National


def render_profile_file(
    path: Path,
    library: CatalogueLibrary,
    *,
    fmt: str,
    audience: str,
    lang: str,
    template_dir: Path | None = None,
    today: date,
    problems: list[Problem] | None = None,
    compare_national: bool = False,
    charts: bool = False,
) -> str:
    """The profile of the matrix at ``path`` as Markdown or HTML; warnings are added to
    ``problems``.

    ``compare_national``: set a local matrix's answers beside those of the national
    matrix it names as ``context:``; when that cannot be done the section is left out
    with a warning (``no-national-comparison``). ``charts``: the government's charts.

    ``fmt``, ``audience`` and ``lang`` are members of their enums (mgi_cli/choices.py) or
    their values. Raises ``MgiError`` with the validation errors of an invalid matrix,
    ``Refused`` for a public profile of an unvalidated one.
    """
    from mgi_cli.render.profile import render_profile

    matrix, catalogue, options = _prepare(
        path, library, audience, today, problems, compare_national
    )
    return render_profile(
        matrix, catalogue, fmt=fmt, lang=lang, template_dir=template_dir, charts=charts,
        **options,
    )  # fmt: skip


def render_profile_file_document(
    path: Path,
    library: CatalogueLibrary,
    *,
    fmt: str,
    audience: str,
    lang: str,
    template_dir: Path | None = None,
    today: date,
    problems: list[Problem] | None = None,
    compare_national: bool = False,
    charts: bool = False,
) -> bytes:
    """As ``render_profile_file``, as a PDF or a Word document (``fmt`` pdf, docx)."""
    from mgi_cli.render.profile import render_profile_document

    matrix, catalogue, options = _prepare(
        path, library, audience, today, problems, compare_national
    )
    return render_profile_document(
        matrix, catalogue, fmt=fmt, lang=lang, template_dir=template_dir, charts=charts,
        **options,
    )  # fmt: skip


def _prepare(
    path: Path,
    library: CatalogueLibrary,
    audience: str,
    today: date,
    problems: list[Problem] | None,
    compare_national: bool,
) -> tuple[Matrix, Catalogue, dict[str, Any]]:
    """Load, validate, refuse, diff: the matrix, its catalogue and the other options of
    ``render_profile``."""
    from mgi_cli.choices import Audience
    from mgi_cli.matrix.confidentiality import baseline_withheld, refuse_unpublishable
    from mgi_cli.validate.gate import load_valid
    from mgi_cli.validate.rule_input import ValidationOptions

    chosen = Audience(audience)
    valid = load_valid(
        path,
        library,
        ValidationOptions(today=today),
        advice="fix it before rendering (see `mgi validate`)",
    )
    matrix, catalogue, display = valid.matrix, valid.catalogue, valid.display
    refuse_unpublishable(matrix, chosen)
    diff, baseline = _diff(path, display, matrix, catalogue, library, problems)
    withheld = baseline_withheld(baseline, chosen)
    if withheld is not None:  # a draft baseline: nothing public draws on it
        diff, baseline = None, None
        if problems is not None:
            problems.append(
                Problem(
                    path=display,
                    code=codes.NO_DEVELOPMENTS,
                    message="the developments since the baseline are left out: " + withheld,
                    severity=Severity.WARNING,
                )
            )
    national = _national(path, display, matrix, library, problems, compare_national)
    return (
        matrix,
        catalogue,
        {
            "audience": chosen,
            "diff": diff,
            "baseline": baseline,
            "problems": problems,
            "source": display,
            "national": national,
            "compare_national": compare_national,
            "today": today,
        },
    )


def _diff(
    path: Path,
    display: str,
    matrix: Matrix,
    catalogue: Catalogue,
    library: CatalogueLibrary,
    problems: list[Problem] | None,
) -> tuple[Diff | None, Matrix | None]:
    """The diff against the baseline a follow-up names (validation checked it exists).

    A baseline that cannot be compared (another country, an unrelated catalogue) leaves
    the section out with a warning: the rest of the profile is still worth having.
    """
    if matrix.assessment != "follow_up" or not matrix.baseline:
        return None, None
    from mgi_cli.diff.compare import diff_matrices
    from mgi_cli.files.read import Unread
    from mgi_cli.matrix.linked import load_linked

    linked = load_linked(path, matrix.baseline)
    target, loaded = linked.path, linked.loaded
    try:
        base = None if isinstance(loaded, Unread) else loaded.matrix
        base_catalogue = library.get(base.catalogue) if base is not None else None
        if base is None or base_catalogue is None:
            raise MgiError(f"the baseline {matrix.baseline!r} or its catalogue cannot be read")
        diff = diff_matrices(
            base,
            matrix,
            base_catalogue,
            catalogue,
            baseline_path=str(target),
            follow_up_path=display,
        )
    except MgiError as error:
        if problems is not None:
            problems.append(
                Problem(
                    path=display,
                    code=codes.NO_DEVELOPMENTS,
                    message="the developments since the baseline are left out: " + error.message,
                    severity=Severity.WARNING,
                )
            )
        return None, None
    return diff, base


def _national(
    path: Path,
    display: str,
    matrix: Matrix,
    library: CatalogueLibrary,
    problems: list[Problem] | None,
    compare: bool,
) -> National | None:
    """The national matrix a local one names as ``context:`` (it names the country too).

    Without ``compare`` a national matrix that cannot be read is passed over quietly:
    the profile then names the country by its code.
    """
    if matrix.level != "local" or (not matrix.context and not compare):
        if compare and problems is not None:
            problems.append(_comparison_left_out(display, "the matrix is national"))
        return None
    from mgi_cli.render.national import load_national

    try:
        return load_national(path, matrix, library)
    except MgiError as error:
        if compare and problems is not None:
            problems.append(_comparison_left_out(display, error.message))
        return None


def _comparison_left_out(display: str, reason: str) -> Problem:
    return Problem(
        path=display,
        code=codes.NO_NATIONAL_COMPARISON,
        message="the comparison with the national matrix is left out: " + reason,
        severity=Severity.WARNING,
    )
