"""`mgi catalogue`: read the indicator questions without opening YAML."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Lang, Level, ListingFormat
from mgi_cli.commands.catalogue_diff import CatalogueCommand
from mgi_cli.commands.common import catalogue_library
from mgi_cli.errors import MgiError, UsageError


def catalogue(
    indicator: Annotated[
        str | None, typer.Argument(help="Show one indicator in full, e.g. D1.04 (any case).")
    ] = None,
    catalogue: Annotated[
        str | None,
        typer.Option(
            "--catalogue",
            metavar="FILE|ID@VERSION",
            help="A catalogue file, or a packaged version such as mgi-national@1.0 "
            "(default: the newest packaged one of --level).",
        ),
    ] = None,
    level: Annotated[
        Level, typer.Option("--level", help="The packaged catalogue of this level.")
    ] = Level.NATIONAL,
    output_format: Annotated[
        ListingFormat, typer.Option("--format", help="The output's format.")
    ] = ListingFormat.TEXT,
    dimension: Annotated[
        str | None, typer.Option("--dimension", help="Only this dimension, e.g. D1.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", help="Only this theme: rights, gender, environment.")
    ] = None,
    gcm: Annotated[
        int | None,
        typer.Option(
            "--gcm",
            min=1,
            max=23,
            metavar="N",
            help="Only indicators linked to this GCM objective.",
        ),
    ] = None,
    module: Annotated[
        str | None, typer.Option("--module", help="Only this module, e.g. covid19.")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="The language of the texts.")] = DEFAULT_LANG,
) -> None:
    """List the indicators of a catalogue, or show one in full.

    `mgi catalogue diff OLD NEW` lists what a version adds, removes and changes.
    """
    from mgi_cli.catalogue.view import (
        IndicatorFilter,
        catalogue_json,
        write_catalogue_text,
        write_indicator_text,
    )

    library = catalogue_library()
    cat = library.add(catalogue) if catalogue else library.default(level)
    _check_filter(cat.ref, "dimension", dimension, [d.id for d in cat.dimensions])
    _check_filter(cat.ref, "theme", tag, [t.id for t in cat.themes])
    _check_filter(cat.ref, "module", module, cat.module_ids)
    wanted = IndicatorFilter(dimension, tag, gcm, module, indicator)
    selected = wanted.apply(cat)
    if indicator is not None and not selected:
        raise MgiError(f"{cat.ref} has no indicator {indicator!r}")
    if output_format is ListingFormat.JSON:
        json.dump(catalogue_json(cat, selected), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif indicator is not None:
        write_indicator_text(cat, selected[0], lang, sys.stdout)
    else:
        write_catalogue_text(cat, selected, lang, sys.stdout)


def _check_filter(ref: str, name: str, value: str | None, known: list[str]) -> None:
    """A filter naming nothing in the catalogue is a typo, not an empty selection."""
    if value is not None and value not in known:
        raise UsageError(f"{ref} has no {name} {value!r}; use one of {', '.join(known)}")


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import examples

    epilog = examples(
        "mgi catalogue --dimension D1",
        "mgi catalogue D1.04 --lang fr",
        "mgi catalogue diff mgi-national@1.0 mgi-national@1.1",
    )
    app.command(cls=CatalogueCommand, epilog=epilog)(catalogue)
