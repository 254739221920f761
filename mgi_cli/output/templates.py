"""The one place that builds the Jinja environment for every rendered output.

Templates are looked up in the user's folder first (``--template-dir``), then in the
packaged ``templates/``. Undefined names are errors, HTML is autoescaped, and as
soon as a user folder is involved the environment is sandboxed: user templates may
lay out the context they are given, but cannot reach Python internals.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mgi_cli.resources import packaged_dir

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import BaseLoader, Environment


def template_environment(user_dir: Path | None = None) -> Environment:
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loaders: list[BaseLoader] = [FileSystemLoader(str(packaged_dir("templates")))]
    if user_dir is not None:
        loaders.insert(0, _confined_loader(user_dir))
    environment_class = Environment if user_dir is None else ImmutableSandboxedEnvironment
    return environment_class(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            # "profile.html.j2" must count as HTML too.
            enabled_extensions=("html", "htm", "xml", "svg", "html.j2", "xml.j2", "svg.j2"),
            default_for_string=False,
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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
