"""`mgi render profile`: the context, the command, user templates, escaping, speed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from ruamel.yaml import YAML
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.catalogue.models import Catalogue
from mgi_cli.commands.common import catalogue_library
from mgi_cli.errors import MgiError
from mgi_cli.matrix.confidentiality import disclose
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Matrix
from mgi_cli.problems.problem import Problem
from mgi_cli.render.profile import render_profile
from mgi_cli.render.profile_data import build_profile_context
from mgi_cli.render.run import render_profile_file

Mgi = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM"
BASELINE = EXAMPLES / "2018-baseline.yaml"
FOLLOW_UP = EXAMPLES / "2022-follow_up.yaml"
TODAY = date(2026, 1, 1)
SCRIPT = "<script>document.title='PWNED'</script>"
JS_LINK = '[click me](javascript:alert(1)) <a href="javascript:alert(2)">x</a>'


@pytest.fixture(scope="module")
def library() -> CatalogueLibrary:
    return catalogue_library()


def _load(path: Path) -> Matrix:
    matrix = load_matrix(path).matrix
    assert matrix is not None
    return matrix


def _catalogue(library: CatalogueLibrary, matrix: Matrix) -> Catalogue:
    catalogue = library.get(matrix.catalogue)
    assert catalogue is not None
    return catalogue


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(path)
    change(data)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def _copy_examples(folder: Path) -> Path:
    for path in (BASELINE, FOLLOW_UP):
        shutil.copy(path, folder / path.name)
    return folder


# --- the context -----------------------------------------------------------------


def test_context_metadata_and_structure(library: CatalogueLibrary) -> None:
    matrix = _load(FOLLOW_UP)
    catalogue = _catalogue(library, matrix)
    context = build_profile_context(matrix, catalogue, audience="public", lang="fr")
    assert context["lang"] == "fr"
    assert context["place"] == "République de Xamarie"  # the title in French
    meta = {row["label"]: row["value"] for row in context["meta"]}
    assert meta["Date de l'évaluation"] == "14 octobre 2022"
    assert meta["Catalogue d'indicateurs"] == "mgi-national@1.0"
    assert meta["Statut"] == "Validé par le gouvernement"
    assert [d["number"] for d in context["dimensions"]] == [1, 2, 3, 4, 5, 6]
    assert [m["module"] for m in context["modules"]] == ["covid19"]
    assert [t["id"] for t in context["themes"]] == ["rights", "gender", "environment"]
    assert len(context["framework"]) == 6
    assert context["developments"] is None  # no diff given


def test_each_answer_gets_the_catalogue_sentence_for_its_value(
    library: CatalogueLibrary,
) -> None:
    matrix = _load(BASELINE)
    catalogue = _catalogue(library, matrix)
    context = build_profile_context(matrix, catalogue, audience="government", lang="en")
    by_id = {
        f["indicator"]: (kind, f)
        for section in context["dimensions"]
        for kind in ("well_developed", "further_development")
        for group in section[kind]
        for f in group["findings"]
    }
    for key, entry in matrix.answers.items():
        indicator = catalogue.indicator(key)
        assert entry is not None and indicator is not None and indicator.findings is not None
        if indicator.module != "standard":
            continue
        kind, finding = by_id.get(key, (None, None))
        if entry.answer == "not_applicable":
            assert kind is None
            continue
        # The place with its article, capitalised where it opens the sentence.
        raw = indicator.findings[str(entry.answer)]["en"]
        expected = re.sub(r"^\{country\}", "The Republic of Xamaria", raw).replace(
            "{country}", "the Republic of Xamaria"
        )
        assert finding is not None
        assert finding["text"] == expected
        # A partial answer has its own sentence, which says what is missing.
        assert finding["qualifier"] is None
        assert kind == ("well_developed" if entry.answer == "yes" else "further_development")


def test_findings_are_grouped_by_sub_area_in_catalogue_order(library: CatalogueLibrary) -> None:
    matrix = _load(BASELINE)
    catalogue = _catalogue(library, matrix)
    context = build_profile_context(matrix, catalogue, audience="public", lang="en")
    for section, dimension in zip(context["dimensions"], catalogue.dimensions, strict=True):
        names = [s.name["en"] for s in dimension.sub_areas]
        for kind in ("well_developed", "further_development"):
            groups = [g["name"] for g in section[kind]]
            assert groups == sorted(groups, key=names.index)


def test_sources_are_deduplicated_and_sorted(library: CatalogueLibrary) -> None:
    matrix = _load(FOLLOW_UP)
    context = build_profile_context(
        matrix, _catalogue(library, matrix), audience="government", lang="en"
    )
    keys = [(s["url"] or "", s["title"]) for s in context["sources"]]
    assert len(keys) == len(set(keys))
    titles = [s["title"].casefold() for s in context["sources"]]
    assert titles == sorted(titles)
    cited = {
        (r.url or "", " ".join(r.title.split()))
        for a in matrix.answers.values()
        if a is not None
        for r in a.references
    }
    assert len(keys) == len(cited)


def test_missing_translations_fall_back_to_english_with_a_warning(
    library: CatalogueLibrary,
) -> None:
    matrix = _load(BASELINE)
    catalogue = _catalogue(library, matrix)
    first = next(i for i in catalogue.indicators if i.id in matrix.answers)
    assert first.findings is not None
    sentences = {value: {"en": texts["en"]} for value, texts in first.findings.items()}
    indicators = [
        i.model_copy(update={"findings": sentences}) if i.id == first.id else i
        for i in catalogue.indicators
    ]
    trimmed = catalogue.model_copy(update={"indicators": indicators})
    trimmed.model_post_init(None)
    problems: list[Problem] = []
    text = render_profile(
        matrix, trimmed, fmt="md", audience="public", lang="es", problems=problems
    )
    assert [p.code for p in problems] == ["missing-translation"]
    assert problems[0].severity == "warning"
    assert problems[0].indicator == first.id
    assert "'es'" in problems[0].message
    answer = matrix.answers[first.id]
    assert answer is not None
    english = first.findings[str(answer.answer)]["en"]
    assert english.split()[-1] in text


def test_the_command_prints_fallback_warnings_on_stderr(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(
        "format: mgi-matrix/1\ncountry: XAM\nlevel: national\nassessment: baseline\n"
        "catalogue: mini@1.0\nmodules: [standard]\nassessed_on: 2020-01-01\n"
        "status: draft\nanswers: {}\n",
        encoding="utf-8",
    )
    result = mgi(
        "render", "profile", path, "--audience", "government", "--lang", "fr",
        "--catalogue", mini_catalogue,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning missing-translation" in result.stderr
    assert result.stdout.startswith("# ")


# --- the command -----------------------------------------------------------------


def test_render_to_stdout_and_to_a_file(mgi: Mgi, tmp_path: Path) -> None:
    result = mgi("render", "profile", BASELINE, "--format", "md", "--lang", "es")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# República de Xamaria\n")  # the title in Spanish
    assert "Perfil de gobernanza de la migración" in result.stdout
    out = tmp_path / "profile.html"
    out.write_text("old", encoding="utf-8")
    result = mgi("render", "profile", FOLLOW_UP, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["profile.html"]  # no temporary left


@pytest.mark.parametrize(
    ("option", "value", "choices"),
    [
        ("--format", "odt", "'md', 'html', 'pdf', 'docx'"),
        ("--lang", "de", "'en', 'fr', 'es', 'pt'"),
        ("--audience", "press", "'public', 'government'"),
    ],
)
def test_bad_option_values_are_usage_errors(
    mgi: Mgi, option: str, value: str, choices: str
) -> None:
    """Typer checks the choices (mgi_cli/choices.py) and names them."""
    result = mgi("render", "profile", BASELINE, option, value)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr
    assert f"{value!r} is not one of {choices}." in result.stderr


def test_a_missing_matrix_is_a_usage_error(mgi: Mgi, tmp_path: Path) -> None:
    result = mgi("render", "profile", tmp_path / "nope.yaml")
    assert result.exit_code == 2


def test_an_invalid_matrix_shows_its_problems_and_exits_1(mgi: Mgi, tmp_path: Path) -> None:
    folder = _copy_examples(tmp_path)
    path = folder / BASELINE.name

    def break_it(data: dict[str, Any]) -> None:
        first = next(iter(data["answers"]))
        data["answers"][first]["answer"] = "maybe"

    _edit(path, break_it)
    result = mgi("render", "profile", path, "--audience", "government")
    assert result.exit_code == 1
    assert "is not valid" in result.stderr
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error invalid-answer", result.stderr)
    assert "Traceback" not in result.output


def test_a_profile_renders_to_a_whole_html_page() -> None:
    # How long it takes is measured by benchmarks/profile_bench.py, not here.
    text = render_profile_file(
        FOLLOW_UP, catalogue_library(), fmt="html", audience="government", lang="fr",
        today=TODAY,
    )  # fmt: skip
    assert text.startswith("<!DOCTYPE html>")
    assert text.endswith("</html>\n")


# --- templates -------------------------------------------------------------------


def test_a_user_template_overrides_the_packaged_one(mgi: Mgi, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "profile.md.j2").write_text(
        "CUSTOM {{ place }}: {{ _('Key findings') }}\n"
        "{% for d in dimensions %}- {{ d.heading }} {{ d.total }}\n{% endfor %}",
        encoding="utf-8",
    )
    result = mgi("render", "profile", BASELINE, "--template-dir", folder, "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("CUSTOM République de Xamarie: Principaux constats\n")
    # the packaged HTML template is still found for what the user did not override
    result = mgi("render", "profile", BASELINE, "--template-dir", folder, "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ lipsum.__globals__['os'].system('true') }}",
        "{% set x = dimensions.append(1) %}{{ x }}",
    ],
)
def test_a_sandbox_escape_fails_cleanly(mgi: Mgi, tmp_path: Path, template: str) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "profile.md.j2").write_text(template, encoding="utf-8")
    result = mgi("render", "profile", BASELINE, "--template-dir", folder)
    assert result.exit_code == 1, result.output
    assert "profile.md.j2" in result.stderr
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr
    assert "uid=" not in result.output


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% for x in %}", "syntax error"),
        ("{{ no_such_name }}", "'no_such_name' is undefined"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{% include 'missing.j2' %}", "missing.j2"),
    ],
)
def test_broken_user_templates_are_reported_not_raised(
    mgi: Mgi, tmp_path: Path, template: str, message: str
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "profile.md.j2").write_text(template, encoding="utf-8")
    result = mgi("render", "profile", BASELINE, "--template-dir", folder)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_packaged_templates_are_not_sandboxed_but_strict(library: CatalogueLibrary) -> None:
    matrix = _load(BASELINE)
    with pytest.raises(MgiError, match="no template named"):
        from mgi_cli.output.templates import render

        render("nope.md.j2", {}, lang="en")
    assert render_profile(
        matrix, _catalogue(library, matrix), fmt="md", audience="public", lang="en"
    ).startswith("# ")


# --- escaping --------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The baseline with markup in a justification and a reference."""
    path = _copy_examples(tmp_path) / BASELINE.name

    def plant(data: dict[str, Any]) -> None:
        data["confidentiality"] = "public"
        first = next(k for k, a in data["answers"].items() if not a.get("restricted"))
        entry = data["answers"][first]
        entry["justification"] = f"Law 1 {SCRIPT} {JS_LINK} *bold* # not a heading | pipe"
        entry["references"][0]["title"] = "A <b>bold</b> title [x](javascript:alert(3))"

    _edit(path, plant)
    return path


def test_html_escapes_matrix_text(hostile: Path, library: CatalogueLibrary) -> None:
    html = render_profile_file(
        hostile, library, fmt="html", audience="public", lang="en", today=TODAY
    )
    assert "<script" not in html
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert 'href="javascript' not in html.lower()
    assert "href=&#34;javascript:alert(2)&#34;" in html  # shown as text
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("#", "https://", "http://")) for h in hrefs)


def test_markdown_escapes_matrix_text(hostile: Path, library: CatalogueLibrary) -> None:
    text = render_profile_file(
        hostile, library, fmt="md", audience="public", lang="en", today=TODAY
    )
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html
    assert 'href="javascript' not in html.lower()
    assert "<em>bold</em>" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)


def test_a_non_http_reference_url_is_never_a_link(library: CatalogueLibrary) -> None:
    matrix = _load(BASELINE).model_copy(update={"confidentiality": "public"})
    key, entry = next((k, a) for k, a in matrix.answers.items() if a and a.references)
    assert entry is not None
    bad = entry.references[0].model_copy(update={"url": "javascript:alert(4)"})
    changed = entry.model_copy(update={"references": [bad]})
    matrix = matrix.model_copy(update={"answers": {**matrix.answers, key: changed}})
    catalogue = _catalogue(library, matrix)
    for fmt in ("md", "html"):
        text = render_profile(matrix, catalogue, fmt=fmt, audience="government", lang="en")
        assert "javascript:" not in text
        assert bad.title in text


# --- developments since the baseline -----------------------------------------------


def test_a_follow_up_has_developments_without_restricted_changes_in_public(
    library: CatalogueLibrary,
) -> None:
    from mgi_cli.diff.compare import diff_matrices

    baseline, follow_up = _load(BASELINE), _load(FOLLOW_UP)
    catalogue = _catalogue(library, follow_up)
    diff = diff_matrices(
        baseline, follow_up, catalogue, catalogue,
        baseline_path=str(BASELINE), follow_up_path=str(FOLLOW_UP),
    )  # fmt: skip
    restricted = {c.indicator for c in diff.changes if c.restricted}
    moved = {c.indicator for c in diff.changes if c.before != c.after and c.before is not None}
    assert restricted & moved, "the examples should have a restricted answer that changed"
    contexts = {
        audience: build_profile_context(
            follow_up, catalogue, audience=audience, lang="en", diff=diff, baseline=baseline
        )["developments"]
        for audience in ("public", "government")
    }
    listed = {
        audience: {i["indicator"] for key in ("progress", "regression", "other") for i in d[key]}
        for audience, d in contexts.items()
    }
    assert listed["government"] >= restricted & moved
    assert not listed["public"] & restricted
    # Nor any change in a protected sub-area (one holding a restricted answer).
    protected = disclose(follow_up, "public", catalogue).protected
    assert listed["public"] == listed["government"] - restricted - protected
    assert contexts["public"]["new_modules"] == ["COVID-19 module"]
    assert not any(i.startswith("C19") for i in listed["government"])  # a new module
    progress = {i["indicator"]: i for i in contexts["government"]["progress"]}
    assert all(i["before"] != i["after"] for i in progress.values())


def test_developments_are_left_out_with_a_warning_when_the_baseline_cannot_be_compared(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    folder = _copy_examples(tmp_path)
    _edit(folder / BASELINE.name, lambda data: data.__setitem__("catalogue", "mini@1.0"))
    result = mgi(
        "render", "profile", folder / FOLLOW_UP.name, "--catalogue", mini_catalogue,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning no-developments" in result.stderr
    assert "Developments since the baseline" not in result.stdout
    assert "Key findings" in result.stdout


def test_an_unwritable_output_is_an_error_not_a_traceback(mgi: Mgi, tmp_path: Path) -> None:
    result = mgi("render", "profile", BASELINE, "-o", tmp_path / "no" / "such" / "dir.md")
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.output
