"""Diff reporters, chosen by name: text, md, json, html (the last two as docs/format.md says)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from mgi_cli.diff.model import Diff
from mgi_cli.diff.present import diff_context
from mgi_cli.diff.text import write_text

DiffReporter = Callable[[Diff, TextIO, bool], None]


def write_json(diff: Diff, stream: TextIO, color: bool) -> None:  # noqa: ARG001
    json.dump(diff.as_json(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def render_template(name: str, diff: Diff) -> str:
    """Lay the diff's context out through a packaged template (``diff.md.j2`` ...)."""
    from mgi_cli.output.templates import template_environment

    environment = template_environment()
    environment.filters["md"] = md_escape
    return environment.get_template(name).render(**diff_context(diff))


def md_escape(value: Any) -> str:
    """Text safe inside a Markdown table cell or list item."""
    text = " ".join(str(value).split())
    for char in "\\`*_[]<>|~":
        text = text.replace(char, "\\" + char)
    return text


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
