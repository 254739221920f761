"""Options and helpers shared by several commands."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary

CatalogueOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalogue",
        help="An extra catalogue file (repeatable); matrices naming it use it.",
        exists=True,
        dir_okay=False,
    ),
]


def catalogue_library(extra: list[Path] | None = None) -> CatalogueLibrary:
    """The packaged catalogues plus any files the user named with --catalogue."""
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.resources import packaged_dir

    library = CatalogueLibrary(packaged_dir("indicators"))
    for path in extra or []:
        library.add_file(path)
    return library


def use_color(stream: object) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


def emit(text: str, output: Path | None) -> None:
    """Generated output: standard output, or ``output`` replaced atomically."""
    import sys

    from mgi_cli.files.atomic import write_atomic

    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
