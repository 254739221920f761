"""Diff reporters, chosen by name: text, md, json, html (the last two as docs/format.md says)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from mgi_cli.diff.model import Diff
from mgi_cli.diff.present import diff_context
from mgi_cli.diff.text import write_text

DiffReporter = Callable[[Diff, TextIO, bool], None]


def write_json(diff: Diff, stream: TextIO, color: bool) -> None:  # noqa: ARG001
    json.dump(diff.as_json(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def render_template(name: str, diff: Diff) -> str:
    """Lay the diff's context out through a packaged template (``diff.md.j2`` ...)."""
    from mgi_cli.output.templates import render

    # The diff's headings and labels are English (diff_context writes them), so the
    # gettext installed for the templates is the English one.
    return render(name, diff_context(diff), lang="en")


def write_md(diff: Diff, stream: TextIO, color: bool) -> None:  # noqa: ARG001
    stream.write(render_template("diff.md.j2", diff))


def write_html(diff: Diff, stream: TextIO, color: bool) -> None:  # noqa: ARG001
    stream.write(render_template("diff.html.j2", diff))


DIFF_REPORTERS: dict[str, DiffReporter] = {
    "text": write_text,
    "md": write_md,
    "json": write_json,
    "html": write_html,
}
