"""Render a profile: context -> packaged or user template -> text.

Template failures (a syntax error, an undefined name, a sandbox refusal in a user
template) become an ``MgiError`` naming the template and line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from mgi_cli.errors import MgiError, UsageError
from mgi_cli.output.i18n import translations
from mgi_cli.output.markdown import (
    escape_link_target,
    escape_markdown,
    escape_markdown_inline,
    tidy_markdown,
)
from mgi_cli.render.profile_data import build_profile_context

if TYPE_CHECKING:
    from datetime import date

    from jinja2 import Environment

    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.diff.model import Diff
    from mgi_cli.matrix.models import Matrix
    from mgi_cli.problems.problem import Problem
    from mgi_cli.render.national import National

FORMATS = ("md", "html")


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
) -> str:
    """The profile of ``matrix`` as Markdown or HTML; warnings are added to ``problems``.

    See ``build_profile_context`` for ``source``, ``national``, ``compare_national`` and
    ``today``.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; use md or html")
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
    return render_template(f"profile.{fmt}.j2", context, lang=lang, template_dir=template_dir)


def render_environment(lang: str, template_dir: Path | None = None) -> Environment:
    """The shared template environment, with gettext for ``lang`` and the escaping filters."""
    from mgi_cli.output.templates import template_environment

    env = template_environment(template_dir)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["md"] = escape_markdown
    env.filters["md_inline"] = escape_markdown_inline
    env.filters["md_url"] = escape_link_target
    return env


def render_template(
    name: str, context: dict[str, Any], *, lang: str, template_dir: Path | None = None
) -> str:
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    env = render_environment(lang, template_dir)
    try:
        text = env.get_template(name).render(context)
    except TemplateNotFound as error:
        raise MgiError(f"no template named {error.name!r}") from None
    except TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise MgiError(f"the template {where} has a syntax error: {error.message}") from None
    except SecurityError as error:
        raise MgiError(
            f"the template {_where(error.__traceback__, name)} tried something the sandbox "
            f"forbids: {str(error).rstrip('.')}; user templates may use the context they are "
            "given, not Python internals"
        ) from None
    except TemplateError as error:
        raise MgiError(
            f"the template {_where(error.__traceback__, name)} cannot be rendered: {error}"
        ) from None
    except Exception as error:
        if template_dir is None:
            raise  # a packaged template failing is a bug in mgi: let cli.py report it
        raise MgiError(
            f"the template {_where(error.__traceback__, name)} cannot be rendered: "
            f"{type(error).__name__}: {error}"
        ) from None
    return tidy_markdown(text) if name.endswith((".md.j2", ".md")) else text


def _where(trace: TracebackType | None, fallback: str) -> str:
    """The template file and line where rendering stopped (Jinja rewrites the frames)."""
    found = fallback
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return found
