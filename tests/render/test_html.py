"""The HTML profile: one self-contained, well-formed, accessible page.

Checked with the standard library's parser: elements balanced, one ``h1`` and no
skipped heading level, ``lang`` set, ids unique and every ``aria-labelledby``
target present, each chart with a title and a description, nothing that runs
or fetches (no script, no event handler, no external resource).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mgi_cli.commands.common import catalogue_library
from mgi_cli.render.run import render_profile_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM"
VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr", "col", "area", "base"}
# Elements the HTML parser may legitimately close implicitly; none are used.
SVG_SELF_CLOSING = {"rect", "path", "circle", "line"}


@dataclass
class Page(HTMLParser):
    stack: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    labelled_by: list[str] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    svg_children: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if "id" in attributes:
            self.ids.append(str(attributes["id"]))
        self.labelled_by += str(attributes.get("aria-labelledby") or "").split()
        if tag == "svg":
            self.svg_children.append([])
        elif "svg" in self.stack and self.stack[-1] == "svg":
            self.svg_children[-1].append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()


def _render(name: str, audience: str, lang: str = "en") -> str:
    """The page; the government's with its charts (public profiles have none)."""
    return render_profile_file(
        EXAMPLES / f"{name}.yaml", catalogue_library(), fmt="html", audience=audience,
        lang=lang, today=date(2026, 1, 1), charts=audience == "government",
    )  # fmt: skip


def _parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.mark.parametrize("audience", ["public", "government"])
@pytest.mark.parametrize("name", ["2018-baseline", "2022-follow_up"])
def test_the_page_is_well_formed_and_accessible(name: str, audience: str) -> None:
    _check_page(_render(name, audience))


@pytest.mark.parametrize("audience", ["public", "government"])
@pytest.mark.parametrize(
    ("path", "options"),
    [
        (EXAMPLES / "local" / "port-selen" / "2021-baseline.yaml", {"compare_national": True}),
        (EXAMPLES.parent.parent / "context" / "XAM-2022-follow_up-context.yaml", {}),
    ],
    ids=["local", "context-specific"],
)
def test_local_and_context_specific_pages_are_well_formed_and_accessible(
    path: Path, options: dict[str, bool], audience: str
) -> None:
    html = render_profile_file(
        path, catalogue_library(), fmt="html", audience=audience, lang="en",
        today=date(2026, 1, 1), charts=audience == "government",
        compare_national=options.get("compare_national", False),
    )  # fmt: skip
    _check_page(html)
    assert ('<section id="national">' in html) is bool(options)
    assert ('class="context-tag"' in html) is not bool(options)


def _check_page(html: str) -> None:
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    page = _parse(html)
    assert page.problems == []
    assert page.stack == []
    assert page.headings.count(1) == 1 and page.headings[0] in (1, 2)
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"h{before} followed by h{after}"
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    assert set(page.labelled_by) <= set(page.ids)
    charts = [a for t, a in page.tags if t == "svg"]
    # Not a ranking: no chart of answers in public, the government's on request.
    assert len(charts) >= 6 if 'class="notice"' in html else charts == []
    for attributes, children in zip(charts, page.svg_children, strict=True):
        assert attributes.get("role") == "img"
        assert children[:2] == ["title", "desc"]
    assert page.tags[0][0] == "html"
    assert any(t == "title" for t, _ in page.tags)
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in page.tags)


@pytest.mark.parametrize("audience", ["public", "government"])
def test_nothing_runs_and_nothing_is_fetched(audience: str) -> None:
    html = _render("2022-follow_up", audience)
    page = _parse(html)
    used = {tag for tag, _ in page.tags}
    assert not used & {"script", "iframe", "object", "embed", "img", "link", "base", "form"}
    for tag, attributes in page.tags:
        assert not [a for a in attributes if a.startswith("on")], tag
        assert "src" not in attributes and "srcset" not in attributes, tag
        assert "style" not in attributes, tag
        href = attributes.get("href")
        if href is not None:
            assert tag == "a" and href.startswith(("#", "https://", "http://")), href
    assert "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html


def test_styles_cover_print_on_a4_and_narrow_screens() -> None:
    html = _render("2018-baseline", "public")
    assert "@media print" in html and "size: A4" in html
    assert "@media (max-width:" in html


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_page_language_is_set(lang: str) -> None:
    html = _render("2018-baseline", "public", lang)
    assert html.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_have_sufficient_contrast() -> None:
    """WCAG 2: 4.5:1 for text, 3:1 for the bars of the charts (graphical objects)."""
    import re

    from mgi_cli.resources import packaged_dir

    css = (packaged_dir("templates") / "partials" / "profile.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", css))
    white = "#ffffff"
    for text in ("ink", "muted", "accent", "alert"):
        assert _contrast(colours[text], white) >= 4.5, text
    assert _contrast(colours["ink"], colours["soft"]) >= 4.5
    assert _contrast(colours["ink"], colours["alert-bg"]) >= 4.5
    assert _contrast(colours["badge-ink"], colours["badge-bg"]) >= 4.5  # "partially in place"
    assert _contrast(colours["context-ink"], colours["context-bg"]) >= 4.5  # "context-specific"
    assert _contrast(white, colours["alert"]) >= 4.5  # the "restricted" badge
    for bar in ("yes", "partial", "no", "na", "unanswered"):
        assert _contrast(colours[bar], white) >= 3, bar
