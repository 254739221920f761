"""Options and helpers shared by several commands."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mgi_cli.choices import Color
from mgi_cli.problems.problem import shown_path
from mgi_cli.repository.settings import DEFAULT_STALE_AFTER_DAYS

if TYPE_CHECKING:
    from datetime import date

    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.errors import MgiError
    from mgi_cli.repository.root import Repository
    from mgi_cli.repository.settings import RepositoryConfig

StaleAfterOption = Annotated[
    int | None,
    typer.Option(
        "--stale-after",
        min=1,
        metavar="DAYS",
        help="Days after which a reference is stale (default: mgi.toml's, else "
        f"{DEFAULT_STALE_AFTER_DAYS}).",
    ),
]


def template_dir_option(names: str = "") -> Any:
    """The --template-dir option of a command whose templates a user may override;
    ``names`` says which templates the folder may hold."""
    held = f" ({names})" if names else ""
    return typer.Option(
        "--template-dir",
        metavar="DIR",
        exists=True,
        file_okay=False,
        help=f"Your templates{held}, used before the packaged ones (run sandboxed).",
    )


CatalogueOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalogue",
        help="A catalogue file, or ID@VERSION of a packaged one (repeatable); matrices "
        "naming it use it.",
        metavar="FILE|ID@VERSION",
    ),
]


def catalogue_library(extra: list[Path] | None = None) -> CatalogueLibrary:
    """The packaged catalogues plus any the user named with --catalogue (a file, or
    ``<id>@<version>``, which must be one mgi has: a typo exits 2)."""
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.resources import packaged_dir

    library = CatalogueLibrary(packaged_dir("indicators"), cache_folder(os.environ))
    for path in extra or []:
        library.add(path)
    return library


def cache_folder(environ: Mapping[str, str]) -> Path | None:
    """Where mgi keeps packaged catalogues parsed between runs (catalogue/cache.py):
    $MGI_CACHE_DIR (empty: nowhere), else $XDG_CACHE_HOME/mgi, else ~/.cache/mgi."""
    if "MGI_CACHE_DIR" in environ:
        return Path(environ["MGI_CACHE_DIR"]) if environ["MGI_CACHE_DIR"] else None
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / "mgi"
    try:
        return Path.home() / ".cache" / "mgi"
    except RuntimeError:  # no home folder to be found: no cache
        return None


def repository_here(paths: Sequence[Path] = ()) -> Repository | None:
    """The matrices repository a command works in: the one with mgi.toml holding every
    path given, else the one around the current folder (mgi.toml or .git), if any."""
    from mgi_cli.repository.root import repository_for

    found = repository_for(list(paths), Path.cwd()) if paths else None
    return found or repository_for([], Path.cwd())


def settings_here(paths: Sequence[Path] = ()) -> RepositoryConfig:
    """That repository's mgi.toml (every command reads it: docs/format.md), or the
    defaults outside one. A broken mgi.toml stops the command (exit 2)."""
    from mgi_cli.repository.settings import RepositoryConfig

    repository = repository_here(paths)
    return repository.config if repository is not None else RepositoryConfig()


def with_settings(config: RepositoryConfig, catalogue: list[Path] | None) -> list[Path]:
    """mgi.toml's catalogue-files, then those of --catalogue: every one is known."""
    return [*config.catalogue_files, *(catalogue or [])]


def repository_matrices(repository: Repository | None) -> list[Path]:
    """The matrices/ folder of the repository, for a command given no PATH."""
    from mgi_cli.errors import UsageError

    if repository is None:
        raise UsageError(
            "no PATH given and no matrices repository here (a folder with mgi.toml or .git)"
        )
    if not repository.matrices.is_dir():
        raise UsageError(f"{shown_path(repository.root)} has no matrices/ folder")
    # Shown relative to here, as git and GitHub annotations expect.
    return [Path(os.path.relpath(repository.matrices))]


def no_matrices_found(paths: Sequence[Path]) -> MgiError:
    """The refusal of a reading command whose folders hold no matrix file (exit 1): an
    empty or mistyped folder must not pass as 'all matrices are fine'."""
    from mgi_cli.errors import MgiError

    where = ", ".join(shown_path(path) for path in paths) or "."
    return MgiError(
        f"no matrices found in {where}: mgi reads *.yaml and *.yml files, in subfolders "
        "too (not hidden ones); give the folder that holds them, or start a matrix with "
        "`mgi new COUNTRY -o matrices/COUNTRY/YEAR-baseline.yaml`"
    )


#: This run's --color: set by `mgi --color` (cli.py) and by a command's own --color,
#: which is nearer the user's intent; read by ``use_color``.
_COLOR: ContextVar[Color] = ContextVar("mgi_color", default=Color.AUTO)


def choose_color(value: Color | None) -> Color | None:
    """The callback of every --color option: a value given is this run's choice."""
    if value is not None:
        _COLOR.set(Color(value))
    return value


ColorOption = Annotated[
    Color | None,
    typer.Option(
        "--color",
        callback=choose_color,
        show_default=False,
        help="Colour the output: auto (on a terminal, unless NO_COLOR is set or "
        "FORCE_COLOR is), always or never (as `mgi --color` does for every command).",
    ),
]


def use_color(stream: object) -> bool:
    """Whether to colour ``stream``: --color, then NO_COLOR and FORCE_COLOR, then
    whether it is a terminal (output/console.py, ``wants_color``)."""
    from mgi_cli.output.console import wants_color

    return wants_color(_COLOR.get(), stream, os.environ)


def emit(text: str | bytes, output: Path | None) -> None:
    """Generated output: standard output, or ``output`` replaced atomically. Bytes (a
    PDF, a Word document) go to standard output as they are."""
    import sys

    from mgi_cli.files.atomic import write_atomic

    if output is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
    else:
        write_atomic(output, text)


def option_date(text: str | None, option: str) -> date:
    """The day an option names as YYYY-MM-DD (``--today``, ``--assessed-on``); today
    when it is not given. Only that form: ISO 8601's others (20240301, 2024-W09-5) are
    not what the help promises."""
    import re
    from datetime import date

    from mgi_cli.errors import UsageError

    if text is None:
        return date.today()
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) is None:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date as YYYY-MM-DD") from None
