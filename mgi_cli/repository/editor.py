"""Editor support kept inside a matrices repository, so it works offline.

`mgi init` writes the JSON Schema of the catalogue each level's matrices answer (every
indicator id with its question and its answers) under .mgi/schema/, and the VS Code
settings that give it to matrices/; `mgi new` starts each file with a
``# yaml-language-server: $schema=`` line that leads from the file's own folder to
that schema, for the other editors that use yaml-language-server.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from mgi_cli.catalogue.models import Catalogue
from mgi_cli.repository.root import MATRICES, find_root

SCHEMA_FOLDER = PurePosixPath(".mgi", "schema")
#: The schema of each level's matrices, relative to the repository's root.
SCHEMAS = {
    "national": SCHEMA_FOLDER / "matrix.schema.json",
    "local": SCHEMA_FOLDER / "local-matrix.schema.json",
}
#: Which matrices each schema is for (docs/format.md: the layout of a repository).
GLOBS = {
    "national": f"{MATRICES}/*/*.yaml",
    "local": f"{MATRICES}/*/local/**/*.yaml",
}
VSCODE_SETTINGS = PurePosixPath(".vscode", "settings.json")


def editor_files(
    catalogue: Catalogue, local_catalogue: Catalogue | None = None
) -> dict[PurePosixPath, str]:
    """The schema of each level's pinned catalogue, and the VS Code settings."""
    from mgi_cli.matrix.catalogue_schema import matrix_schema_for_text

    pinned = {"national": catalogue, "local": local_catalogue}
    files: dict[PurePosixPath, str] = {}
    for level, pinned_catalogue in pinned.items():
        if pinned_catalogue is not None:
            files[SCHEMAS[level]] = matrix_schema_for_text(pinned_catalogue)
    settings = {"yaml.schemas": yaml_schemas(local_catalogue is not None)}
    files[VSCODE_SETTINGS] = json.dumps(settings, indent=2) + "\n"
    return files


def yaml_schemas(local: bool) -> dict[str, list[str]]:
    """VS Code's ``yaml.schemas``: each level's schema (the local one when a local
    catalogue is pinned) and the matrices it is for."""
    levels = ["national", "local"] if local else ["national"]
    return {f"./{SCHEMAS[level]}": [GLOBS[level]] for level in levels}


def schema_path(folder: PurePosixPath, level: str) -> str:
    """The level's schema as a path from ``folder`` (both relative to the root)."""
    return PurePosixPath(os.path.relpath(SCHEMAS[level], folder or ".")).as_posix()


def schema_line_for(output: Path, level: str) -> str | None:
    """The `$schema` of a new matrix at ``output``: a path from its folder to the
    repository's schema for ``level``; None outside a repository that has one."""
    folder = output.parent.resolve()
    root = find_root(folder)
    if root is None or level not in SCHEMAS:
        return None
    schema = root.joinpath(*SCHEMAS[level].parts)
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema, folder)).as_posix()
