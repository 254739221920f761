"""The one place that builds the Jinja environment, and renders, for every output.

Profiles, reports, the summary, the diff and the `mgi init` scaffold all render here,
so they share one configuration: templates are looked up in the user's folder first
(``--template-dir``), then in the packaged ``templates/``; undefined names are
errors; a template is autoescaped when its name says HTML, XML or SVG; ``_()`` and
``ngettext()`` translate into the output's language; the filters are the ones in
``FILTERS``. As soon as a user folder is involved the environment is sandboxed: user
templates may lay out the context they are given, but cannot reach Python internals
or files outside their folder. Template failures become an ``MgiError`` naming the
template and line, never a traceback.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mgi_cli.errors import MgiError
from mgi_cli.output.markdown import (
    escape_link_target,
    escape_markdown,
    escape_markdown_inline,
    tidy_markdown,
)
from mgi_cli.resources import packaged_dir

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import TracebackType

    from jinja2 import BaseLoader, Environment
    from jinja2.runtime import Context

#: Names autoescaped for HTML: "profile.html.j2" must count as HTML too.
AUTOESCAPED = ("html", "htm", "xml", "svg", "html.j2", "xml.j2", "svg.j2")


def percent(value: float | None) -> str:
    """A share as a whole percentage, an en dash when there is none (suppressed)."""
    return "\u2013" if value is None else f"{value * 100:.0f}%"


#: Every filter a template may use; a new one is added here, for all outputs at once.
FILTERS: dict[str, Callable[..., str]] = {
    "md": escape_markdown,
    "md_inline": escape_markdown_inline,
    "md_url": escape_link_target,
    "percent": percent,
}


def template_environment(
    *, lang: str = "en", template_dir: Path | None = None, escape_translations: bool = False
) -> Environment:
    """The environment every output renders with, translating into ``lang``.

    ``escape_translations``: in HTML, escape what ``_()`` returns like any other text
    (``country&#39;s``) instead of taking it as markup, as Jinja does (``country's``).
    The page reads the same; the reports' bytes stay what they were when their words
    were plain strings (tests/golden/reports), the profiles' what they have always been.
    """
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from mgi_cli.output.i18n import translations

    loaders: list[BaseLoader] = [FileSystemLoader(str(packaged_dir("templates")))]
    if template_dir is not None:
        loaders.insert(0, _confined_loader(template_dir))
    environment_class = Environment if template_dir is None else ImmutableSandboxedEnvironment
    environment = environment_class(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=AUTOESCAPED, default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    words = translations(lang)
    if escape_translations:
        environment.install_gettext_callables(  # type: ignore[attr-defined]
            _escaped(words.gettext),
            _escaped(words.ngettext),
            newstyle=True,
            pgettext=_escaped(words.pgettext),
            npgettext=_escaped(words.npgettext),
        )
    else:
        environment.install_gettext_translations(words, newstyle=True)  # type: ignore[attr-defined]
    environment.filters.update(FILTERS)
    environment.globals["lang"] = lang
    return environment


def _escaped(translate: Callable[..., object]) -> Callable[..., str]:
    """``translate``, its result escaped when the template autoescapes (Jinja's newstyle
    gettext then takes it as markup, already escaped, and escapes the values)."""
    from jinja2 import pass_context
    from markupsafe import escape

    @pass_context
    def escaped(context: Context, *args: Any) -> str:
        text = str(translate(*args))  # Babel's pgettext is typed loosely
        return escape(text) if context.eval_ctx.autoescape else text

    return escaped


def render(
    name: str,
    context: dict[str, Any],
    *,
    lang: str,
    template_dir: Path | None = None,
    tidy: bool = False,
    escape_translations: bool = False,
) -> str:
    """The template ``name`` rendered with ``context``; ``tidy``: reflow it as Markdown.

    ``tidy`` is for Markdown meant to be read as a document (profiles, reports), which
    ``tidy_markdown`` makes pass markdownlint whatever the template's whitespace. For
    ``escape_translations`` see ``template_environment``.
    """
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    environment = _shared_environment(lang, template_dir, escape_translations)
    try:
        text = environment.get_template(name).render(context)
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
    return tidy_markdown(text) if tidy else text


@lru_cache(maxsize=16)
def _shared_environment(
    lang: str, template_dir: Path | None, escape_translations: bool
) -> Environment:
    """One environment per language, folder and option, so its compiled templates are
    reused (the scaffold renders six, a site many pages). Nothing may modify it."""
    return template_environment(
        lang=lang, template_dir=template_dir, escape_translations=escape_translations
    )


def _where(trace: TracebackType | None, fallback: str) -> str:
    """The template file and line where rendering stopped (Jinja rewrites the frames)."""
    found = fallback
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return found


def _confined_loader(folder: Path) -> BaseLoader:
    """The user's folder, where a template is a file inside it, never a link out of it.

    Without this, a link in a template folder (``evil.j2 -> /etc/passwd``) would let
    ``{% include 'evil.j2' %}`` copy any file the user can read into the output.
    """
    import os

    from jinja2 import FileSystemLoader
    from jinja2.exceptions import SecurityError
    from jinja2.loaders import split_template_path

    class ConfinedLoader(FileSystemLoader):
        def get_source(
            self, environment: Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            # Checked before anything is read: the link may name a huge file.
            candidate = folder.joinpath(*split_template_path(template))
            top = os.path.realpath(folder).rstrip(os.sep) + os.sep
            if os.path.lexists(candidate) and not os.path.realpath(candidate).startswith(top):
                raise SecurityError(
                    f"the template {template!r} is a link to a file outside {folder}"
                )
            return super().get_source(environment, template)

    return ConfinedLoader(str(folder))
