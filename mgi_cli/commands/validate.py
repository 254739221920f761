"""`mgi validate`: the gate for every change to a matrix."""

import os
import sys
import time
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from mgi_cli.choices import ValidateFormat
from mgi_cli.commands.common import (
    CatalogueOption,
    ColorOption,
    StaleAfterOption,
    catalogue_library,
    no_matrices_found,
    repository_matrices,
    use_color,
)
from mgi_cli.errors import UsageError
from mgi_cli.problems.problem import shown_path

if TYPE_CHECKING:
    from mgi_cli.repository.root import Repository
    from mgi_cli.validate.result import Report
    from mgi_cli.validate.rule_input import ValidationOptions

#: A progress bar only for runs longer than this many files.
PROGRESS_MIN_FILES = 50


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Matrix files or folders; none: the repository's matrices/; "
            "- : one matrix on standard input."
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option("--format", help="The output's format; auto: github under GitHub Actions."),
    ] = ValidateFormat.AUTO,
    strict: Annotated[
        bool | None,
        typer.Option("--strict/--no-strict", help="Fail on warnings too (default: mgi.toml's)."),
    ] = None,
    catalogue: CatalogueOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, metavar="N", help="Parallel processes (default: cores)."
        ),
    ] = None,
    stale_after: StaleAfterOption = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Only matrices changed since this git revision (uncommitted and untracked "
            "files count), and the follow-ups of changed baselines.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Text output: only the errors, and the summary."),
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Report only these problem codes, comma-separated (default: mgi.toml's select).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Never report these problem codes, comma-separated (added to mgi.toml's).",
        ),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--show-all",
            help="Text output: every problem on its own line (default: more than "
            "3 of one code in one file make one line).",
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="How many problems of each code, not each problem."),
    ] = False,
    color: ColorOption = None,  # noqa: ARG001 (its callback records it: common.use_color)
) -> None:
    """Check matrices: format, answers, justifications, references, follow-up links."""
    from mgi_cli.repository.root import repository_for
    from mgi_cli.repository.settings import RepositoryConfig
    from mgi_cli.validate.output import REPORTERS, resolve_format
    from mgi_cli.validate.rule_input import ValidationOptions
    from mgi_cli.validate.selection import parse_codes, select_problems

    fmt = resolve_format(output_format, github_actions=os.environ.get("GITHUB_ACTIONS") == "true")
    chosen, dropped = parse_codes(select or [], "--select"), parse_codes(ignore or [], "--ignore")
    from_stdin = _reads_stdin(paths or [], changed_since)
    for path in [] if from_stdin else paths or []:
        if not (path.exists() or path.is_symlink()):
            raise UsageError(f"{shown_path(path)}: no such file or folder")
    repository = repository_for([] if from_stdin else paths or [], Path.cwd())
    config = repository.config if repository is not None else None
    targets = paths or repository_matrices(repository)
    options = ValidationOptions(
        today=date.today(),
        stale_after_days=stale_after or (config or RepositoryConfig()).stale_after_days,
    )
    from mgi_cli.catalogue.versions import parse_ref

    extra_catalogues = [*(config.catalogue_files if config else ()), *(catalogue or [])]
    for path in extra_catalogues:
        if not path.is_file() and parse_ref(str(path)) is None:  # ID@VERSION: the library checks
            raise UsageError(
                f"{shown_path(path)}: catalogue file not found (mgi.toml catalogue-files)"
            )
    strictly = strict if strict is not None else bool(config and config.strict)
    if from_stdin:
        from mgi_cli.validate.stdin import validate_stream

        report = validate_stream(
            sys.stdin.buffer,
            catalogue_library(extra_catalogues),
            options,
            folder=Path.cwd(),
            strict=strictly,
            root=repository.root if repository is not None else None,
        )
    else:
        report = _validate_files(
            targets, extra_catalogues, options, fmt, jobs, strictly, repository, changed_since
        )
    if not (report.files or report.skipped or report.problems):
        raise no_matrices_found(targets)
    # The command line's --select replaces mgi.toml's; --ignore adds to it.
    select_problems(
        report,
        chosen or (config.select if config else ()),
        (*(config.ignore if config else ()), *dropped),
    )
    if statistics:
        from mgi_cli.validate.statistics import write_statistics

        write_statistics(report, sys.stdout)
        raise typer.Exit(0 if report.ok else 1)
    if fmt == "text":
        from mgi_cli.validate.grouping import shown_problems

        report.display = shown_problems(report.problems, quiet=quiet, show_all=show_all)
    REPORTERS[fmt](report, sys.stdout, use_color(sys.stdout))
    raise typer.Exit(0 if report.ok else 1)


def _reads_stdin(paths: list[Path], changed_since: str | None) -> bool:
    """``-`` alone names standard input; with other paths or --changed-since it is a
    usage error (exit 2)."""
    if Path("-") not in paths:
        return False
    if len(paths) > 1:
        raise UsageError("`-` (a matrix on standard input) cannot be combined with other paths")
    if changed_since is not None:
        raise UsageError(
            "`-` (a matrix on standard input) has no git history: drop --changed-since"
        )
    return True


def _validate_files(
    targets: list[Path],
    extra_catalogues: list[Path],
    options: "ValidationOptions",
    fmt: str,
    jobs: int | None,
    strict: bool,
    repository: "Repository | None",
    changed_since: str | None,
) -> "Report":
    from mgi_cli.validate.run import default_jobs, validate_paths

    progress = _Progress(show_progress(fmt, sys.stdout, sys.stderr, os.environ))
    try:
        return validate_paths(
            targets,
            catalogue_library(extra_catalogues),
            options,
            jobs=jobs or default_jobs(),
            strict=strict,
            on_start=progress.start,
            on_file=progress.advance,
            repository=repository,
            changed_since=changed_since,
        )
    finally:
        progress.stop()


def show_progress(fmt: str, stdout: TextIO, stderr: TextIO, environ: Mapping[str, str]) -> bool:
    """A progress bar only for people watching: text output on a terminal, never in CI."""
    return fmt == "text" and not environ.get("CI") and _isatty(stdout) and _isatty(stderr)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Progress:
    """A transient bar on stderr for runs of more than PROGRESS_MIN_FILES files."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None
        self._drawn = 0.0

    def start(self, total: int) -> None:
        if not self.enabled or total <= PROGRESS_MIN_FILES:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        from mgi_cli.output.console import make_console

        # No refresh thread: the run forks worker processes, and forking a threaded
        # process can deadlock; the bar is redrawn as results come in instead.
        self._bar = Progress(
            "validating",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=make_console(sys.stderr, color=use_color(sys.stderr)),
            transient=True,
            auto_refresh=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("validate", total=total)

    def advance(self) -> None:
        if self._bar is None:
            return
        self._bar.advance(self._task)
        now = time.monotonic()
        if now - self._drawn > 0.1:
            self._drawn = now
            self._bar.refresh()

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        "mgi validate matrices",
        "mgi validate matrices/XAM/2026-follow_up.yaml --format json",
        "mgi validate matrices --statistics  # counts per problem code",
    )
    app.command(cls=Command, epilog=epilog)(validate)
