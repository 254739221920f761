"""The command line: parse arguments, call one core function, hand the result to a reporter.

Heavy modules (pydantic models, jinja2) are imported inside the commands that use
them, so ``mgi --help`` starts fast.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from mgi_cli import __version__
from mgi_cli.choices import Color
from mgi_cli.errors import MgiError


class _Group(TyperGroup):
    """Maps mgi's errors to messages and exit statuses, in one place (docs/format.md)."""

    def list_commands(self, ctx: Any) -> list[str]:
        """In the order of the work (commands.WORKFLOW_ORDER), not as registered: Typer
        lists the groups (render, report, site) after the single commands."""
        from mgi_cli.commands import WORKFLOW_ORDER

        names: list[str] = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(WORKFLOW_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def invoke(self, ctx: Any) -> Any:  # click.Context, vendored by typer
        from mgi_cli.output.console import PrintableStream

        # Whatever a command writes, a file's text never drives the terminal: control
        # characters (ANSI escapes, carriage returns) are shown escaped (SECURITY.md).
        streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = PrintableStream(sys.stdout), PrintableStream(sys.stderr)
        try:
            return self._invoke(ctx)
        finally:
            sys.stdout, sys.stderr = streams

    def _invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MgiError as error:
            _print_error(error)
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except KeyboardInterrupt:
            sys.stderr.write("mgi: interrupted\n")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # `mgi ... | head -1`: the reader left. Stop quietly, as Unix tools do, with
            # nothing left to flush into the closed pipe.
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as error:
            if _state["debug"]:
                raise
            # The system refused a path the user gave (a name too long, a permission...):
            # that is the answer, not a bug in mgi.
            from mgi_cli.problems.problem import shown_path

            where = f"{shown_path(error.filename)}: " if error.filename else ""
            sys.stderr.write(f"mgi: {where}{error.strerror or error}\n")
            raise typer.Exit(1) from None
        except (MemoryError, RecursionError) as error:
            if _state["debug"]:
                raise
            # Every reader has a ceiling (docs/format.md, "Guarantees"); an input that
            # still exhausts memory or Python's stack within them, or a memory limit set
            # low (ulimit -v), is refused in words, not as a bug. Writes are atomic: a file
            # being written when it happened is as it was.
            what = "memory" if isinstance(error, MemoryError) else "stack depth (nesting)"
            sys.stderr.write(
                f"mgi: the input needs more {what} than this process has; the command "
                "stopped (a file it was writing is left as it was). Make the input "
                "smaller, or raise the memory limit\n"
            )
            raise typer.Exit(1) from None
        except Exception as error:
            if _state["debug"]:
                raise
            sys.stderr.write(
                f"mgi: internal error: {type(error).__name__}: {error}\n"
                "This is a bug in mgi; please report it. Rerun with --debug to see where "
                "it happened.\n"
            )
            raise typer.Exit(1) from None


def _print_error(error: MgiError) -> None:
    sys.stderr.write(f"mgi: {error.message}\n")
    for problem in error.problems:
        where = problem.path + (f":{problem.line}:{problem.column}" if problem.line else "")
        sys.stderr.write(f"{where}: {problem.severity} {problem.code} {problem.message}\n")


_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mgi {__version__}")
        raise typer.Exit


def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            help="Colour the output: auto (on a terminal, unless NO_COLOR is set or "
            "FORCE_COLOR is), always or never. Also a command's own option.",
        ),
    ] = Color.AUTO,
) -> None:
    from mgi_cli.commands.common import choose_color

    _state["debug"] = debug
    # Before the command's options are read: a command's own --color comes after it.
    choose_color(color)


def make_app(only: str | None = None) -> typer.Typer:
    """The command line with every command, or with only the command ``only``.

    Typer turns each registered command into a click command on every run, reading its
    signature and building a validator per option: for all of them, about a quarter of
    the start-up of `mgi validate FILE`. So a run that names its command builds that one
    alone (``main``); ``app`` (the tests, the CLI reference) and `mgi --help` have all.
    """
    from mgi_cli.commands import command_modules

    new = typer.Typer(
        cls=_Group,
        name="mgi",
        help="Validate, compare and publish Migration Governance Indicators (MGI) matrices.",
        no_args_is_help=True,
        # `mgi --install-completion` / `--show-completion`: Typer's shell completion.
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    new.callback()(_root)
    for module in command_modules(only):
        module.register(new)
    return new


def named_command(args: list[str]) -> str | None:
    """The command `mgi ARGS` runs, when it is one mgi has; else None (help, a typo,
    shell completion): those need every command."""
    from mgi_cli.commands import WORKFLOW_ORDER

    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--color":  # the one root option that takes a value
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in WORKFLOW_ORDER else None
    return None


def __getattr__(name: str) -> typer.Typer:
    """``app``, every command registered, made when first asked for."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    built = make_app()
    globals()["app"] = built
    return built


def main() -> None:
    """Console-script entry point."""
    make_app(named_command(sys.argv[1:]))(prog_name="mgi")
