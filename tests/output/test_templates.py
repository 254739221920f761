"""The one Jinja environment: filters, escaping by name, translations, sandbox, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from mgi_cli.errors import MgiError
from mgi_cli.output import i18n
from mgi_cli.output.markdown import escape_markdown
from mgi_cli.output.templates import FILTERS, render, template_environment


def _folder(tmp_path: Path, **templates: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name, text in templates.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("sandboxed", [False, True])
def test_every_environment_has_the_filters_and_the_settings(
    tmp_path: Path, sandboxed: bool
) -> None:
    folder = _folder(tmp_path) if sandboxed else None
    environment = template_environment(lang="fr", template_dir=folder)
    assert isinstance(environment, ImmutableSandboxedEnvironment) is sandboxed
    assert {"md", "md_inline", "md_url", "percent"} <= set(environment.filters)
    assert environment.filters["md"] is escape_markdown  # one escaper, the diff's too
    assert environment.trim_blocks and environment.lstrip_blocks
    assert environment.globals["lang"] == "fr"
    assert "jinja2.ext.InternationalizationExtension" in environment.extensions


def test_html_is_escaped_by_the_template_name(tmp_path: Path) -> None:
    text = "{{ value }}|{{ value | md }}"
    folder = _folder(tmp_path, page_html_j2=text, page_md_j2=text, page_svg_j2=text)
    value = {"value": "<b>&"}
    assert render("page.html.j2", value, lang="en", template_dir=folder) == (
        "&lt;b&gt;&amp;|\\&lt;b\\&gt;\\&amp;"
    )
    assert render("page.svg.j2", value, lang="en", template_dir=folder).startswith("&lt;b")
    assert render("page.md.j2", value, lang="en", template_dir=folder) == "<b>&|\\<b\\>\\&"


def test_percent() -> None:
    assert FILTERS["percent"](0.456) == "46%"
    assert FILTERS["percent"](None) == "\u2013"


def test_translations_in_the_language_asked_for(tmp_path: Path) -> None:
    folder = _folder(tmp_path, t_md_j2='{{ _("Key findings") }}')
    for lang in ("en", "fr", "es"):
        expected = i18n.translations(lang).gettext("Key findings")
        assert render("t.md.j2", {}, lang=lang, template_dir=folder) == expected


def test_translations_in_html_escaped_only_when_asked(tmp_path: Path) -> None:
    message = "Scores of the country's own progress"
    folder = _folder(tmp_path, t_html_j2=f'{{{{ _("{message}") }}}} {{{{ x }}}}')
    context = {"x": "<i>"}
    assert render("t.html.j2", context, lang="en", template_dir=folder) == (
        "Scores of the country's own progress &lt;i&gt;"
    )
    assert render(
        "t.html.j2", context, lang="en", template_dir=folder, escape_translations=True
    ) == ("Scores of the country&#39;s own progress &lt;i&gt;")


def test_markdown_is_tidied_only_when_asked(tmp_path: Path) -> None:
    folder = _folder(tmp_path, t_md_j2="# Title\n\n\n\ntext   \n")
    assert render("t.md.j2", {}, lang="en", template_dir=folder) == "# Title\n\n\n\ntext   \n"
    assert render("t.md.j2", {}, lang="en", template_dir=folder, tidy=True) == "# Title\n\ntext\n"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("line\n{% for x in %}", r"t\.md\.j2:2 has a syntax error"),
        ("{{ nothing }}", r"t\.md\.j2:1 cannot be rendered: 'nothing' is undefined"),
        ("{{ ''.__class__.__mro__ }}", r"t\.md\.j2:1 tried something the sandbox forbids"),
        ("{% include 'missing.j2' %}", r"no template named 'missing\.j2'"),
    ],
)
def test_template_errors_name_the_template_and_line(
    tmp_path: Path, template: str, message: str
) -> None:
    folder = _folder(tmp_path, t_md_j2=template)
    with pytest.raises(MgiError, match=message):
        render("t.md.j2", {}, lang="en", template_dir=folder)


def test_a_packaged_template_that_is_missing_is_an_error_not_a_traceback() -> None:
    with pytest.raises(MgiError, match=r"no template named 'nope\.md\.j2'"):
        render("nope.md.j2", {}, lang="en")
