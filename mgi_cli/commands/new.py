"""`mgi new`: start a matrix, or a follow-up draft from a baseline."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Lang, Level
from mgi_cli.commands.common import (
    CatalogueOption,
    catalogue_library,
    option_date,
    settings_here,
    with_settings,
)
from mgi_cli.errors import CatalogueError, MgiError, UsageError
from mgi_cli.problems.problem import shown_path

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue


def new(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", dir_okay=False, metavar="FILE", help="The matrix file to create."
        ),
    ],
    country: Annotated[
        str | None,
        typer.Argument(
            help="ISO 3166-1 alpha-3 code (XAA-XZZ for training); not with --follow-up-of."
        ),
    ] = None,
    level: Annotated[
        Level, typer.Option("--level", help="A national or a local assessment.")
    ] = Level.NATIONAL,
    locality: Annotated[
        str | None, typer.Option("--locality", help="The city or region (--level local).")
    ] = None,
    modules: Annotated[
        str | None,
        typer.Option(
            "--modules",
            help="Comma-separated modules, e.g. standard,covid19 "
            "(default: standard; a follow-up: the baseline's).",
        ),
    ] = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the question comments.")
    ] = DEFAULT_LANG,
    assessed_on: Annotated[
        str | None,
        typer.Option("--assessed-on", metavar="DATE", help="YYYY-MM-DD (default: today)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Display name, e.g. the country's name.")
    ] = None,
    follow_up_of: Annotated[
        Path | None,
        typer.Option(
            "--follow-up-of",
            exists=True,
            dir_okay=False,
            metavar="BASELINE",
            help="Start a follow-up draft from this baseline matrix.",
        ),
    ] = None,
    catalogue_version: Annotated[
        str | None,
        typer.Option(
            "--catalogue-version",
            metavar="ID@VERSION",
            help="The catalogue to answer, as <id>@<version> "
            "(default: the last --catalogue file, else mgi.toml's pin, else the newest "
            "packaged one; a follow-up: the baseline's).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")] = False,
    catalogue: CatalogueOption = None,
) -> None:
    """Create a draft matrix: every indicator of the modules, its question above it."""
    from mgi_cli.files.atomic import write_atomic

    if output.exists() and not force:
        raise MgiError(f"{shown_path(output)} already exists; use --force to replace it")
    # Every --catalogue file is known (and mgi.toml's catalogue-files); the last one is
    # the catalogue to answer by default, else the repository's pin for the level.
    config = settings_here([output.parent]) if output.parent.is_dir() else settings_here()
    library = catalogue_library(with_settings(config, catalogue[:-1] if catalogue else None))
    last = library.add(catalogue[-1]) if catalogue else None
    pinned = config.pin_for(level) if last is None else None
    day = option_date(assessed_on, "--assessed-on")
    if follow_up_of is not None:
        if country is not None:
            raise UsageError("give either COUNTRY or --follow-up-of, not both")
        text = _follow_up(
            follow_up_of, output, library, last, catalogue_version, modules, day, lang
        )
    else:
        if country is None:
            raise UsageError("missing COUNTRY (or --follow-up-of BASELINE)")
        text = _baseline(
            country,
            level,
            locality,
            modules,
            lang,
            day,
            title,
            _target(library, last, catalogue_version or pinned, level),
            output,
        )
    try:  # e.g. matrices/XAM/ for a new country
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MgiError(
            f"cannot create {shown_path(output.parent)}: {error.strerror or error}"
        ) from None
    write_atomic(output, text, overwrite=force)
    sys.stdout.write(f"wrote {shown_path(output)}\n")


def _baseline(
    country: str,
    level: str,
    locality: str | None,
    modules: str | None,
    lang: str,
    day: date,
    title: str | None,
    cat: Catalogue,
    output: Path,
) -> str:
    from mgi_cli.drafts.new import NewMatrix, new_matrix_text, parse_modules
    from mgi_cli.repository.editor import schema_line_for

    request = NewMatrix(
        country=country.upper(),
        level=level,
        modules=parse_modules(modules or "standard"),
        assessed_on=day,
        locality=locality,
        title=title,
        lang=lang,
    )
    return new_matrix_text(request, cat, schema_line_for(output, str(level)))


def _follow_up(
    baseline: Path,
    output: Path,
    library: CatalogueLibrary,
    last: Catalogue | None,
    version: str | None,
    modules: str | None,
    day: date,
    lang: str,
) -> str:
    from mgi_cli.drafts.follow_up import follow_up
    from mgi_cli.drafts.new import parse_modules
    from mgi_cli.matrix.load import load_matrix

    loaded = load_matrix(baseline)
    if loaded.matrix is None:
        raise MgiError(
            f"{shown_path(baseline)} cannot be read as a matrix", problems=loaded.problems
        )
    base = loaded.matrix
    if version is None and last is None:
        version = base.catalogue
        if library.get(version) is None:  # named by the file, not the command line: exit 1
            known = ", ".join(library.known()) or "none"
            raise MgiError(
                f"{shown_path(baseline)} answers the catalogue {version!r}, which mgi does "
                f"not have (installed: {known}); add its file with --catalogue "
                "FILE"
            )
    cat = _target(library, last, version, base.level)
    newest = library.newest(cat.id)
    if newest is not None and newest.ref != cat.ref and (version, last) == (base.catalogue, None):
        # The follow-up keeps the baseline's version, so every answer compares exactly;
        # moving to the newer one is the user's choice, so say what it would bring.
        from mgi_cli.catalogue.changes import newer_version_note

        sys.stderr.write(f"mgi: {newer_version_note(cat, newest)}\n")
    result = follow_up(
        base,
        (baseline, output),
        cat,
        modules=parse_modules(modules) if modules else None,
        assessed_on=day,
        lang=lang,
    )
    for new_id, old_id in result.mapped:
        sys.stderr.write(f"mgi: {new_id} starts from the baseline's answer to {old_id}\n")
    for old_id in result.dropped:
        sys.stderr.write(
            f"mgi: the baseline's answer to {old_id} has no place in "
            f"{cat.ref} and is not carried over\n"
        )
    for new_id in result.off_scale:
        sys.stderr.write(
            f"mgi: {new_id}: the baseline's answer is not on the new scale; left empty\n"
        )
    sys.stderr.write(
        f"mgi: {len(result.carried)} answer(s) carried over, marked `reviewed: false`\n"
    )
    return result.text


def _target(
    library: CatalogueLibrary, last: Catalogue | None, version: str | None, level: str
) -> Catalogue:
    """--catalogue-version, else the last --catalogue file, else the newest for the level."""
    if version is not None:
        found = library.get(version)
        if found is None:
            known = ", ".join(library.known()) or "none"
            raise UsageError(
                f"no catalogue {version!r} (installed: {known}); add its file with --catalogue FILE"
            )
        return found
    if last is not None:
        return last
    try:
        return library.default(level)
    except CatalogueError:
        raise MgiError(
            f"no {level} catalogue is installed; pass one with --catalogue FILE"
        ) from None


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        'mgi new XAM -o matrices/XAM/2030-baseline.yaml --title "Republic of Xamaria"',
        "mgi new --follow-up-of matrices/XAM/2026-follow_up.yaml "
        "-o matrices/XAM/2030-follow_up.yaml",
        "mgi new XAM --level local --locality 'Port Selen' "
        "-o matrices/XAM/local/port-selen/2030.yaml",
    )
    app.command(cls=Command, epilog=epilog)(new)
