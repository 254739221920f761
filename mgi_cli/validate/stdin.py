"""Validate a matrix given on standard input (``mgi validate -``), named ``-``.

Editors and scripts pipe a buffer that is not saved yet. Its ``baseline:`` and
``context:`` are read relative to the current folder, as a file there would read them;
it is read up to the readers' ceiling (files/read.py, ``MAX_BYTES``) and no further.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.files.read import MAX_BYTES, Unread, decode
from mgi_cli.files.yamlread import ParsedYaml, parse_yaml
from mgi_cli.matrix.load import matrix_from_parsed
from mgi_cli.problems.problem import Problem
from mgi_cli.validate.checker import validate_loaded
from mgi_cli.validate.result import Report
from mgi_cli.validate.rule_input import ValidationOptions

#: The name of standard input on the command line and in every problem.
STDIN = "-"


def validate_stream(
    stream: BinaryIO,
    library: CatalogueLibrary,
    options: ValidationOptions,
    *,
    folder: Path,
    strict: bool = False,
    root: Path | None = None,
) -> Report:
    """The report of the one matrix ``stream`` holds; links are read from ``folder``,
    and inside a repository (``root``) a link leading out of it is reported, not read."""
    raw = stream.read(MAX_BYTES + 1)
    parsed = _parsed(raw)
    loaded = matrix_from_parsed(folder / STDIN, parsed)
    problems = validate_loaded(loaded, library, options, root=root)
    return Report([STDIN], problems, strict=strict)


def _parsed(raw: bytes) -> ParsedYaml:
    if len(raw) > MAX_BYTES:
        return ParsedYaml(STDIN, problems=[Unread("too-large").problem(STDIN)])
    text = decode(raw, STDIN)
    if isinstance(text, Problem):
        return ParsedYaml(STDIN, problems=[text])
    return parse_yaml(text, STDIN)
