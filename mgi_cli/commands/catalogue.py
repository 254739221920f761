"""`mgi catalogue`: read the indicator questions without opening YAML."""

import json
import sys
from typing import Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Lang, Level, ListingFormat
from mgi_cli.commands.catalogue_diff import CatalogueCommand
from mgi_cli.commands.common import catalogue_library, settings_here
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

    config = settings_here()
    library = catalogue_library(list(config.catalogue_files))
    if catalogue is None and config.pin_for(level) is not None:
        catalogue = config.pin_for(level)  # the repository's pin, not the newest
    cat = library.add(catalogue) if catalogue else library.default(level)
    dimension = _check_filter(cat.ref, "dimension", dimension, [d.id for d in cat.dimensions])
    tag = _check_filter(cat.ref, "theme", tag, [t.id for t in cat.themes])
    module = _check_filter(cat.ref, "module", module, cat.module_ids)
    if indicator is not None:
        indicator = _indicator_id(cat.ref, indicator, [i.id for i in cat.indicators])
    wanted = IndicatorFilter(dimension, tag, gcm, module, indicator)
    selected = wanted.apply(cat)
    if output_format is ListingFormat.JSON:
        json.dump(catalogue_json(cat, selected), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif indicator is not None:
        write_indicator_text(cat, selected[0], lang, sys.stdout)
    else:
        write_catalogue_text(cat, selected, lang, sys.stdout)


def _check_filter(ref: str, name: str, value: str | None, known: list[str]) -> str | None:
    """The catalogue's own spelling of a filter, whatever its case (``d1``: D1); one
    naming nothing in the catalogue is a typo, not an empty selection."""
    if value is None:
        return None
    found = _same_but_case(value, known)
    if found is None:
        raise UsageError(f"{ref} has no {name} {value!r}; use one of {', '.join(known)}")
    return found


def _indicator_id(ref: str, value: str, known: list[str]) -> str:
    """The catalogue's id for ``value`` typed in any case (``d1.04``: D1.04), else
    exit 1 with the nearest id: the zero-padded one first (``D1.4``: D1.04)."""
    from mgi_cli.suggest import did_you_mean

    found = _same_but_case(value, known)
    if found is not None:
        return found
    prefix, dot, number = value.rpartition(".")
    padded = f"{prefix}.{number.zfill(2)}" if dot and number.isdigit() else ""
    padded_id = _same_but_case(padded, known) if padded else None
    hint = f"did you mean {padded_id!r}?" if padded_id else did_you_mean(value, known)
    raise MgiError(f"{ref} has no indicator {value!r}" + (f"; {hint}" if hint else ""))


def _same_but_case(value: str, known: list[str]) -> str | None:
    if value in known:
        return value
    folded = value.casefold()
    return next((item for item in known if item.casefold() == folded), None)


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import examples

    epilog = examples(
        "mgi catalogue --dimension D1",
        "mgi catalogue D1.04 --lang fr",
        "mgi catalogue diff mgi-national@1.0 mgi-national@1.1",
    )
    app.command(cls=CatalogueCommand, epilog=epilog)(catalogue)
