"""The problem codes page (docs/codes.md), from mgi_cli/problems/codes.py.

Regenerate with ``python -m mgi_cli.tools.codes_reference > docs/codes.md``.
"""

from __future__ import annotations

import sys

HEADER = """\
# Problem codes

Every problem `mgi` reports has a stable code: scripts, CI and editors may rely on
it (the `code` of `mgi validate --format json`, the `title` of `--format github`
annotations). A problem is an *error* or a *warning*; some codes are warnings while a
matrix is a `draft` and errors from `in_review` on, as their meaning says.

This page is generated from `mgi_cli/problems/codes.py`
(`python -m mgi_cli.tools.codes_reference > docs/codes.md`); a test fails when it is
out of date. A new rule adds its code there, with its meaning.

"""


def codes_reference() -> str:
    """The page, as Markdown."""
    from mgi_cli.problems.codes import codes_table_markdown

    return HEADER + codes_table_markdown()


if __name__ == "__main__":
    sys.stdout.write(codes_reference())
