"""The generated reference pages match the code: docs/cli.md and docs/codes.md."""

from __future__ import annotations

import re
from pathlib import Path

from mgi_cli.problems.codes import CODES
from mgi_cli.tools.cli_reference import cli_reference
from mgi_cli.tools.codes_reference import codes_reference

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_cli_reference_is_current() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert page == cli_reference(), (
        "docs/cli.md is stale: python -m mgi_cli.tools.cli_reference > docs/cli.md"
    )


def test_the_cli_reference_has_every_command_and_option() -> None:
    page = cli_reference()
    for heading in ("## mgi validate ", "## mgi render profile ", "## mgi report sdg-10-7-2 "):
        assert heading in page
    for option in ("--changed-since", "--compare-national", "--follow-up-of", "--min-group"):
        assert option in page


def test_the_codes_page_is_current() -> None:
    page = (DOCS / "codes.md").read_text(encoding="utf-8")
    assert page == codes_reference(), (
        "docs/codes.md is stale: python -m mgi_cli.tools.codes_reference > docs/codes.md"
    )


def test_the_codes_page_lists_every_problem_code() -> None:
    page = (DOCS / "codes.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \|$", page, re.MULTILINE))
    assert table == CODES
