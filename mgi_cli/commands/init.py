"""`mgi init`: scaffold a matrices repository (layout, mgi.toml, CI, pre-commit, README)."""

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.errors import CatalogueError, UsageError
from mgi_cli.problems.problem import shown_path


def init(
    folder: Annotated[
        Path,
        typer.Argument(help="The repository's folder (created if missing; default: here)."),
    ] = Path(),
    country: Annotated[
        str,
        typer.Option(
            "--country", metavar="ISO3", help="The example matrix's country (XAA-XZZ: examples)."
        ),
    ] = "XAA",
    branch: Annotated[
        str, typer.Option("--branch", help="The branch pull requests target (for CI).")
    ] = "main",
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            metavar="REQUIREMENT",
            help="What CI and the pre-commit hooks install mgi from, as a pip requirement "
            "or a local path (default: mgi's git repository at this version's tag, "
            "git+URL@vVERSION).",
        ),
    ] = None,
    hooks_repo: Annotated[
        str | None,
        typer.Option(
            "--hooks-repo",
            metavar="URL",
            help="mgi's git repository, for pre-commit to install the hooks from "
            "(default: local hooks, mgi installed from --install).",
        ),
    ] = None,
) -> None:
    """Create a matrices repository: layout, mgi.toml, CI workflows, pre-commit, README.

    Writes matrices/<COUNTRY>/<year>-baseline.yaml (a blank draft), mgi.toml,
    .github/workflows/mgi.yml (validation), .github/workflows/pages.yml (the public
    site on GitHub Pages), .pre-commit-config.yaml, .gitignore, README.md, and for
    editors the catalogues' JSON Schemas (.mgi/schema/) and .vscode/settings.json.
    Never overwrites a file: if any exists, nothing is written (exit 1); an existing
    .vscode/settings.json is left as it is, with a warning saying what to add to it.
    """
    from mgi_cli.commands.common import catalogue_library
    from mgi_cli.repository.editor import VSCODE_SETTINGS, yaml_schemas
    from mgi_cli.repository.install_source import PLACEHOLDER, default_install
    from mgi_cli.repository.scaffold import InitOptions, init_repository
    from mgi_cli.validate.rules_metadata import is_known_country

    code = country.upper()
    if len(code) != 3 or not code.isalpha() or not is_known_country(code):
        raise UsageError(f"--country {country!r} is not an ISO 3166-1 alpha-3 code")
    options = InitOptions(country=code, branch=branch, hooks_repo=hooks_repo)
    if install is not None:
        options = replace(options, install=install)
    library = catalogue_library()
    try:
        local = library.default("local")
    except CatalogueError:  # no local catalogue installed: local matrices are not pinned
        local = None
    written = init_repository(folder, library.default("national"), date.today(), options, local)
    for path in written:
        sys.stdout.write(f"created {shown_path(path)}\n")
    settings = folder.joinpath(*VSCODE_SETTINGS.parts)
    if settings not in written:  # the user's own, left as it is
        entry = json.dumps({"yaml.schemas": yaml_schemas(local is not None)}, indent=2)
        sys.stderr.write(
            f"mgi: warning: {shown_path(settings)} exists and was left as it is; for VS Code "
            f"to check matrices against the schemas in .mgi/schema/, add to it:\n{entry}\n"
        )
    if install is None and PLACEHOLDER in default_install():
        sys.stderr.write(
            f"mgi: this mgi does not know its repository's address: replace {PLACEHOLDER} "
            "in .github/workflows/*.yml and .pre-commit-config.yaml, or run mgi init "
            "again with --install REQUIREMENT\n"
        )
    sys.stdout.write(
        "\nNext: cd into it, `git init` if it is not a repository yet, "
        "`pre-commit install`, then `mgi validate`.\n"
    )


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        "mgi init xamaria-mgi --country XAM",
        "mgi init mgi-matrices --country XAM --branch trunk  # PRs target trunk",
    )
    app.command(cls=Command, epilog=epilog)(init)
