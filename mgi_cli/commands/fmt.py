"""`mgi fmt`: rewrite matrices in the canonical layout, keeping every comment."""

import sys
from pathlib import Path
from typing import Annotated

import typer


def fmt(
    paths: Annotated[list[Path], typer.Argument(help="Matrix files or folders.")],
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Change nothing; list the files that would change and "
            "exit 1 if there are any (for CI and pre-commit).",
        ),
    ] = False,
) -> None:
    """Rewrite matrices in one layout: key order, indentation, wrapping; comments kept."""
    from mgi_cli.files.atomic import Changed, write_atomic
    from mgi_cli.formatting.fmt import format_file
    from mgi_cli.problems import codes
    from mgi_cli.problems.problem import Problem, shown_path
    from mgi_cli.validate.discover import expand_paths

    files, problems = expand_paths(paths)
    if not (files or problems):
        from mgi_cli.commands.common import no_matrices_found

        raise no_matrices_found(paths)
    changed: list[Path] = []
    for path in files:
        result = format_file(path)
        problems.extend(result.problems)
        if result.problems or not result.changed:
            continue
        changed.append(path)
        if check:
            sys.stdout.write(f"would reformat {shown_path(path)}\n")
        else:
            assert result.text is not None
            try:  # someone else's edit made while fmt ran is not overwritten
                write_atomic(path, result.text, expected=result.original)
            except Changed as error:
                changed.pop()
                problems.append(Problem(shown_path(path), codes.FMT_REFUSED, error.message))
                continue
            sys.stdout.write(f"reformatted {shown_path(path)}\n")
    for problem in problems:
        at = f":{problem.line}:{problem.column or 1}" if problem.line else ""
        where = problem.path + at
        sys.stderr.write(f"{where}: {problem.severity} {problem.code} {problem.message}\n")
    refused = {p.path for p in problems if p.severity == "error"}
    verb = "would be reformatted" if check else "reformatted"
    unchanged = len(files) - len(changed) - len(refused)
    tail = f", {len(refused)} refused" if refused else ""
    sys.stdout.write(f"{len(changed)} file(s) {verb}, {unchanged} unchanged{tail}\n")
    raise typer.Exit(1 if refused or (check and changed) else 0)


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        "mgi fmt matrices",
        "mgi fmt --check matrices/XAM/2026-follow_up.yaml  # in CI: change nothing",
    )
    app.command(cls=Command, epilog=epilog)(fmt)
