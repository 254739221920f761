"""`mgi schema`: the JSON Schema of the matrix format."""

import sys
from typing import Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Lang


def schema(
    catalogue: Annotated[
        str | None,
        typer.Option(
            "--catalogue",
            metavar="FILE|ID@VERSION",
            help="Narrow the schema to this catalogue: its indicator ids, their answers "
            "and modules (a file, or a packaged version such as mgi-national@1.1; "
            "default: mgi.toml's pin, if any).",
        ),
    ] = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help="The language of the questions (with a catalogue).")
    ] = DEFAULT_LANG,
) -> None:
    """Print the JSON Schema of the matrix format (for editors and other tools).

    Inside a repository whose mgi.toml pins a catalogue, narrowed to it unless --catalogue.
    """
    from mgi_cli.commands.common import settings_here

    # mgi.toml is read as every command reads it: a broken one stops this one too.
    config = settings_here()
    catalogue = catalogue or config.catalogue
    if catalogue is None:
        from mgi_cli.matrix.schema import matrix_schema_text

        sys.stdout.write(matrix_schema_text())
        return
    from mgi_cli.commands.common import catalogue_library
    from mgi_cli.matrix.catalogue_schema import matrix_schema_for_text

    library = catalogue_library(list(config.catalogue_files))
    sys.stdout.write(matrix_schema_for_text(library.add(catalogue), lang))


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples("mgi schema", "mgi schema --catalogue mgi-national@1.1 --lang fr")
    app.command(cls=Command, epilog=epilog)(schema)
