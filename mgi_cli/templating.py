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
    from jinja2 import Environment


def template_environment(user_dir: Path | None = None) -> Environment:
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loaders = [FileSystemLoader(str(packaged_dir("templates")))]
    if user_dir is not None:
        loaders.insert(0, FileSystemLoader(str(user_dir)))
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
