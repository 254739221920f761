"""`mgi catalogue diff OLD NEW`: what a catalogue version adds, removes and changes.

`mgi catalogue` takes an optional INDICATOR argument, so `diff` cannot be a
subcommand of a group (click would read an indicator id as a command name):
``CatalogueCommand`` hands the arguments after `diff` to this command instead.
"""

import json
import sys
from typing import Annotated, Any

import typer

from mgi_cli.choices import ListingFormat
from mgi_cli.commands.common import catalogue_library, settings_here
from mgi_cli.commands.help import Command, examples


def catalogue_diff(
    old: Annotated[str, typer.Argument(help="The older catalogue: ID@VERSION or a file.")],
    new: Annotated[str, typer.Argument(help="The newer catalogue: ID@VERSION or a file.")],
    output_format: Annotated[
        ListingFormat, typer.Option("--format", help="The output's format.")
    ] = ListingFormat.TEXT,
) -> None:
    """List the indicators NEW adds, removes and changes (and which fields) against OLD."""
    from mgi_cli.catalogue.changes import compare_catalogues, write_changes_text

    library = catalogue_library(list(settings_here().catalogue_files))
    before, after = library.add(old), library.add(new)
    changes = compare_catalogues(before, after)
    if output_format is ListingFormat.JSON:
        json.dump(changes.as_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_changes_text(changes, after, sys.stdout)


_diff_app = typer.Typer(add_completion=False, rich_markup_mode=None)
_diff_app.command(
    cls=Command,
    epilog=examples(
        "mgi catalogue diff mgi-national@1.0 mgi-national@1.1",
        "mgi catalogue diff mgi-national@1.0 mgi-national@1.1 --format json",
    ),
)(catalogue_diff)


class CatalogueCommand(Command):
    """`mgi catalogue [INDICATOR]`, and `mgi catalogue diff OLD NEW`."""

    @property
    def commands(self) -> dict[str, Any]:
        """``diff``, for the help and the command-line reference as a group's would be."""
        return {"diff": typer.main.get_command(_diff_app)}

    def list_commands(self, _ctx: Any) -> list[str]:
        return ["diff"]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args[:1] == ["diff"]:
            ctx.meta["mgi.catalogue.diff"] = args[1:]
            return []
        result: list[str] = super().parse_args(ctx, args)
        return result

    def invoke(self, ctx: Any) -> Any:
        rest = ctx.meta.pop("mgi.catalogue.diff", None)
        if rest is None:
            return super().invoke(ctx)
        command = self.commands["diff"]
        # The root's context as parent: the usage line reads `mgi catalogue diff`, not
        # `mgi catalogue [indicator] diff`.
        name = f"{ctx.info_name} diff"
        with command.make_context(name, rest, parent=ctx.parent) as sub:
            return command.invoke(sub)
