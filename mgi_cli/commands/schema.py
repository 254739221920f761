"""`mgi schema`: the JSON Schema of the matrix format."""

from __future__ import annotations

import sys

import typer


def schema() -> None:
    """Print the JSON Schema of the matrix format (for editors and other tools)."""
    from mgi_cli.matrix.schema import matrix_schema_text

    sys.stdout.write(matrix_schema_text())


def register(app: typer.Typer) -> None:
    app.command()(schema)
