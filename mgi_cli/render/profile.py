"""Render a profile: context -> packaged or user template -> text.

The output layer renders it (``mgi_cli.output.templates.render``): a template failure
(a syntax error, an undefined name, a sandbox refusal in a user template) becomes an
``MgiError`` naming the template and line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli.output.templates import render
from mgi_cli.render.profile_data import build_profile_context

if TYPE_CHECKING:
    from datetime import date

    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.diff.model import Diff
    from mgi_cli.matrix.models import Matrix
    from mgi_cli.problems.problem import Problem
    from mgi_cli.render.national import National


def render_profile(
    matrix: Matrix,
    catalogue: Catalogue,
    *,
    fmt: str,
    audience: str,
    lang: str,
    template_dir: Path | None = None,
    diff: Diff | None = None,
    baseline: Matrix | None = None,
    problems: list[Problem] | None = None,
    source: str = "the matrix",
    national: National | None = None,
    compare_national: bool = False,
    today: date | None = None,
    charts: bool = False,
) -> str:
    """The profile of ``matrix`` as Markdown or HTML; warnings are added to ``problems``.

    ``fmt``, ``audience`` and ``lang`` are members of ``ProfileFormat``, ``Audience`` and
    ``Lang`` (mgi_cli/choices.py) or their values; the command line checked them.

    See ``build_profile_context`` for ``source``, ``national``, ``compare_national`` and
    ``today``. ``charts``: the per-dimension charts, for the government audience only
    (public profiles show no counts).
    """
    context = build_profile_context(
        matrix,
        catalogue,
        audience=audience,
        lang=lang,
        diff=diff,
        baseline=baseline,
        problems=problems,
        source=source,
        national=national,
        compare_national=compare_national,
        today=today,
    )
    context["charts"] = charts and context["government"]
    return render(
        f"profile.{fmt}.j2", context, lang=lang, template_dir=template_dir, tidy=fmt == "md"
    )


def render_profile_document(
    matrix: Matrix, catalogue: Catalogue, *, fmt: str, **options: Any
) -> bytes:
    """The profile as a PDF (the HTML typeset) or a Word document (``fmt`` pdf, docx);
    ``options`` are those of ``render_profile``."""
    if fmt == "pdf":
        from mgi_cli.render.pdf import html_to_pdf

        return html_to_pdf(render_profile(matrix, catalogue, fmt="html", **options))
    from mgi_cli.output.i18n import translations
    from mgi_cli.render.docx import context_to_docx

    context_options = {k: v for k, v in options.items() if k not in ("template_dir", "charts")}
    context = build_profile_context(matrix, catalogue, **context_options)
    return context_to_docx(context, translations(options["lang"]), matrix.assessed_on)
