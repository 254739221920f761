"""The command line: parse arguments, call one core function, hand the result to a reporter.

Heavy modules (pydantic models, jinja2) are imported inside the commands that use
them, so ``mgi --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from mgi_cli import __version__
from mgi_cli.errors import MgiError, UsageError

app = typer.Typer(
    name="mgi",
    help="Validate, compare and publish Migration Governance Indicators (MGI) matrices.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mgi {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
) -> None:
    _state["debug"] = debug


CatalogueOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalogue", help="An extra catalogue file (repeatable); matrices naming it use it.",
        exists=True, dir_okay=False,
    ),
]  # fmt: skip


def _library(extra: list[Path] | None) -> object:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.resources import packaged_dir

    library = CatalogueLibrary(packaged_dir("indicators"))
    for path in extra or []:
        library.add_file(path)
    return library


def _color(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Matrix files or folders; none: the repository's matrices/."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text | json | github | auto (github under GitHub Actions).")
    ] = "auto",
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    catalogue: CatalogueOption = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parallel processes (default: cores).")
    ] = None,
    stale_after: Annotated[
        int, typer.Option("--stale-after", min=1, help="Days after which a reference is stale.")
    ] = 3 * 365,
) -> None:
    """Check matrices: format, answers, justifications, references, follow-up links."""
    from mgi_cli.reporters import REPORTERS, resolve_format
    from mgi_cli.validate.context import ValidationOptions
    from mgi_cli.validate.run import default_jobs, validate_paths

    fmt = resolve_format(output_format, github_actions=os.environ.get("GITHUB_ACTIONS") == "true")
    if fmt not in REPORTERS:
        raise UsageError(f"unknown --format {output_format!r}; use text, json, github or auto")
    targets = paths or _repository_matrices()
    options = ValidationOptions(today=date.today(), stale_after_days=stale_after)
    report = validate_paths(
        targets, _library(catalogue), options,  # type: ignore[arg-type]
        jobs=jobs or default_jobs(), strict=strict,
    )  # fmt: skip
    REPORTERS[fmt](report, sys.stdout, _color(sys.stdout))
    raise typer.Exit(0 if report.ok else 1)


def _repository_matrices() -> list[Path]:
    from mgi_cli.repository import find_root

    root = find_root(Path.cwd())
    if root is None:
        raise UsageError(
            "no PATH given and no matrices repository here (a folder with mgi.toml or .git)"
        )
    folder = root / "matrices"
    if not folder.is_dir():
        raise UsageError(f"{root} has no matrices/ folder")
    return [folder]


@app.command()
def schema() -> None:
    """Print the JSON Schema of the matrix format (for editors and other tools)."""
    from mgi_cli.schema import matrix_schema_text

    sys.stdout.write(matrix_schema_text())


@app.command(name="catalogue")
def catalogue_command(
    indicator: Annotated[str | None, typer.Argument(help="Show one indicator in full.")] = None,
    catalogue: Annotated[
        Path | None, typer.Option("--catalogue", exists=True, dir_okay=False, help="A catalogue file.")
    ] = None,
    level: Annotated[str, typer.Option("--level", help="national | local")] = "national",
    output_format: Annotated[str, typer.Option("--format", help="text | json")] = "text",
    dimension: Annotated[str | None, typer.Option("--dimension", help="Only this dimension, e.g. D1.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only this theme: rights, gender, environment.")] = None,
    gcm: Annotated[int | None, typer.Option("--gcm", min=1, max=23, help="Only indicators linked to this GCM objective.")] = None,
    module: Annotated[str | None, typer.Option("--module", help="Only this module, e.g. covid19.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="en | fr | es")] = "en",
) -> None:
    """List the indicators of a catalogue, or show one, without opening YAML."""
    from mgi_cli.catalogue.view import IndicatorFilter, catalogue_json, write_catalogue_text, write_indicator_text
    from mgi_cli.catalogue.load import CatalogueLibrary, load_catalogue

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown --format {output_format!r}; use text or json")
    if catalogue is not None:
        cat = load_catalogue(catalogue)
    else:
        library = _library(None)
        assert isinstance(library, CatalogueLibrary)
        cat = library.default(level)
    chosen = IndicatorFilter(dimension=dimension, tag=tag, gcm=gcm, module=module, indicator=indicator)
    selected = chosen.apply(cat)
    if indicator is not None and not selected:
        raise MgiError(f"{cat.ref} has no indicator {indicator!r}")
    if output_format == "json":
        import json

        json.dump(catalogue_json(cat, selected), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif indicator is not None:
        write_indicator_text(cat, selected[0], lang, sys.stdout)
    else:
        write_catalogue_text(cat, selected, lang, sys.stdout)


def main() -> NoReturn:
    """Entry point: run the app and map every error to a message and an exit status."""
    try:
        app(standalone_mode=False)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except MgiError as error:
        _print_error(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("mgi: interrupted\n")
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(error.exit_code)
        if isinstance(error, click.exceptions.Abort):
            sys.exit(1)
        if _state["debug"]:
            raise
        sys.stderr.write(
            f"mgi: internal error: {type(error).__name__}: {error}\n"
            "Please report it; rerun with --debug to see where it happened.\n"
        )
        sys.exit(1)
    sys.exit(0)


def _print_error(error: MgiError) -> None:
    sys.stderr.write(f"mgi: {error.message}\n")
    for problem in error.problems:
        where = problem.path + (f":{problem.line}:{problem.column}" if problem.line else "")
        sys.stderr.write(f"{where}: {problem.severity} {problem.code} {problem.message}\n")
