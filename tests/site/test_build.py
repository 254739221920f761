"""`mgi site build`: which pages, what they link, what they load, and what is rebuilt.

The examples hold no published matrix, so the site is built from a copy: the 2018
baseline published with the government's agreement to publish it whole
(``confidentiality: public``), the 2022 follow-up published (restricted), the 2026
follow-up and the Port Selen local matrix left validated (so absent), and a second
country, XAY (a copy of the baseline), for the incremental build.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import Result

from mgi_cli.commands.common import catalogue_library
from mgi_cli.site.build import BuildReport, SiteOptions, build_site
from tests.conftest import TODAY
from tests.render.test_confidentiality import edit_matrix

Mgi = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matrices"
LANGS = ("en", "fr", "es", "pt")
UNPUBLISHED = "ZQXUNPUBLISHED"
#: Enough languages to show what a build does per language, in half the time.
TWO = ("en", "fr")


def published_examples(folder: Path) -> Path:
    """A matrices folder as described in the module's docstring."""
    matrices = folder / "matrices"
    shutil.copytree(EXAMPLES, matrices)
    xam = matrices / "XAM"

    def publish(confidentiality: str) -> Callable[[dict[str, Any]], None]:
        def change(data: dict[str, Any]) -> None:
            data["status"] = "published"
            data["confidentiality"] = confidentiality

        return change

    edit_matrix(xam / "2018-baseline.yaml", publish("public"))
    edit_matrix(xam / "2022-follow_up.yaml", publish("restricted"))
    for unpublished in (xam / "2026-follow_up.yaml", xam / "local/port-selen/2021-baseline.yaml"):
        edit_matrix(unpublished, lambda data: data.update(title=f"{UNPUBLISHED} title"))
    (matrices / "XAY").mkdir()
    shutil.copy(xam / "2018-baseline.yaml", matrices / "XAY" / "2018-baseline.yaml")

    def other_country(data: dict[str, Any]) -> None:
        data["country"] = "XAY"
        data["title"] = "Republic of Xamaya"

    edit_matrix(matrices / "XAY" / "2018-baseline.yaml", other_country)
    return matrices


def build(matrices: Path, out: Path, **options: Any) -> BuildReport:
    chosen = SiteOptions(**{"today": TODAY, "jobs": 1, **options})
    return build_site([matrices], out, catalogue_library(), chosen)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    folder = tmp_path_factory.mktemp("site")
    matrices = published_examples(folder)
    out = folder / "out"
    return out, build(matrices, out)


def html_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


def test_a_page_per_language_published_profile_and_country(
    built: tuple[Path, BuildReport],
) -> None:
    out, report = built
    per_language = [
        "XAM/2018-baseline.html",
        "XAM/2022-follow_up.html",
        "XAM/index.html",
        "XAY/2018-baseline.html",
        "XAY/index.html",
        "catalogue.html",
        "downloads.html",
        "index.html",
        "methodology.html",
        "summary.html",
    ]
    expected = sorted(
        ["index.html", *(f"{lang}/{page}" for lang in LANGS for page in per_language)]
    )
    assert html_files(out) == expected
    # Port Selen is validated; the 2026 follow-up is dated after the tests' "today".
    assert report.left_out == {"not_published": 1, "invalid": 1}
    assert report.rendered == ["XAM", "XAY"]


def test_unpublished_matrices_appear_nowhere(built: tuple[Path, BuildReport]) -> None:
    out, _ = built
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert UNPUBLISHED not in text, path
            assert "2026-follow_up" not in text and "local-port-selen" not in text, path


def test_a_profile_page_is_the_public_profile_with_the_site_navigation(
    built: tuple[Path, BuildReport],
) -> None:
    out, _ = built
    page = (out / "fr" / "XAM" / "2022-follow_up.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    for lang in LANGS:
        assert (
            f'<link rel="alternate" hreflang="{lang}" href="../../{lang}/XAM/2022-follow_up.html">'
            in page
        )
    assert (
        '<a href="../../fr/XAM/2022-follow_up.html" hreflang="fr" lang="fr" '
        'aria-current="page">Français</a>' in page
    )
    assert 'id="developments"' in page  # what changed since the baseline
    country = (out / "en" / "XAM" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../en/XAM/2022-follow_up.html#developments">' in country


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []
        self.ids: set[str] = set()
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "script":
            self.scripts += 1
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag == "link" and values.get("href"):
            (self.loads if values.get("rel") == "stylesheet" else self.links).append(
                str(values["href"])
            )
        for attribute in ("src", "srcset", "data", "poster"):
            if values.get(attribute):
                self.loads.append(str(values[attribute]))
        for key, _value in attrs:
            if key.startswith("on"):
                self.scripts += 1


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_resolves(built: tuple[Path, BuildReport]) -> None:
    """A crawl of every page: each relative link names a file of the site, and its
    fragment an id of that page."""
    out, _ = built
    parsed = {p: parse(p) for p in out.rglob("*.html")}
    broken = []
    checked = 0
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            checked += 1
            if not target.is_file() or out.resolve() not in target.parents:
                broken.append(f"{page.relative_to(out)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[Path(target)].ids if Path(target) in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(out)}: {link} (no such id)")
    assert broken == []
    assert checked > 1000


def test_no_page_needs_javascript_or_loads_from_the_network(
    built: tuple[Path, BuildReport],
) -> None:
    out, _ = built
    for page in out.rglob("*.html"):
        links = parse(page)
        assert links.scripts == 0, page
        for load in links.loads:
            assert not urlsplit(load).scheme and not load.startswith("//"), (page, load)
            if not load.startswith("data:"):
                assert (page.parent / load).is_file(), (page, load)
    for css in out.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text and "url(" not in text


def test_the_same_input_gives_the_same_files(tmp_path: Path) -> None:
    matrices = published_examples(tmp_path)
    build(matrices, tmp_path / "a", languages=TWO)
    build(matrices, tmp_path / "b", languages=TWO, jobs=2)  # the process pool writes the same bytes
    files = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    assert files == sorted(
        p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file()
    )
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_changed_matrix_rewrites_only_its_country(tmp_path: Path) -> None:
    matrices = published_examples(tmp_path)
    out = tmp_path / "out"
    first = build(matrices, out, languages=TWO)
    assert first.unchanged == []
    again = build(matrices, out, languages=TWO)
    assert again.written == [] and again.rendered == [] and again.removed == []

    xay = matrices / "XAY" / "2018-baseline.yaml"
    xay.write_text(xay.read_text(encoding="utf-8") + "# re-checked\n", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    changed = build(matrices, out, languages=TWO)
    assert changed.rendered == ["XAY"]
    # The comment changes no page: the XAY profiles were rendered again, written never.
    assert changed.written == []
    assert {p for p in before if p.stat().st_mtime_ns != before[p]} == {
        out / ".mgi-site-cache.json"
    }

    edit_matrix(xay, lambda data: data.update(title="Republic of Xamaya (2018)"))
    changed = build(matrices, out, languages=TWO)
    assert changed.rendered == ["XAY"]
    rewritten = set(changed.written)
    assert all(not n.startswith(tuple(f"{lang}/XAM/" for lang in TWO)) for n in rewritten)
    assert {f"{lang}/XAY/2018-baseline.html" for lang in TWO} <= rewritten
    assert {f"{lang}/index.html" for lang in TWO} <= rewritten  # the country's name
    assert not any(n.startswith("data/") and "catalogue" in n for n in rewritten)

    edit_matrix(xay, lambda data: data.update(status="validated"))
    unpublished = build(matrices, out, languages=TWO)
    assert not (out / "en" / "XAY").exists()
    assert {f"{lang}/XAY/2018-baseline.html" for lang in TWO} <= set(unpublished.removed)


def test_open_data_holds_only_public_matrices_and_passes_frictionless(
    built: tuple[Path, BuildReport],
) -> None:
    out, _ = built
    with (out / "data" / "answers.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert {(r["country"], r["assessment"]) for r in rows} == {
        ("XAM", "baseline"),
        ("XAY", "baseline"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=out / "data", capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r'"valid": true', result.stdout)


def test_open_data_leaves_out_every_answer_of_a_protected_sub_area(tmp_path: Path) -> None:
    from mgi_cli.catalogue.load import CatalogueLibrary  # noqa: F401 - the library's type
    from mgi_cli.matrix.load import load_matrix
    from mgi_cli.site.data import answer_rows

    matrices = published_examples(tmp_path)
    path = matrices / "XAM" / "2018-baseline.yaml"
    loaded = load_matrix(path)
    assert loaded.matrix is not None
    catalogue = catalogue_library().get(loaded.matrix.catalogue)
    assert catalogue is not None
    restricted = {k for k, a in loaded.matrix.answers.items() if a is not None and a.restricted}
    assert restricted
    rows, references = answer_rows(loaded.matrix, catalogue)
    areas = {(i.dimension, i.sub_area) for i in catalogue.indicators if i.id in restricted}
    shown = {r["indicator"] for r in rows} | {r["indicator"] for r in references}
    for key in shown:
        indicator = catalogue.indicator(key)
        assert indicator is not None and (indicator.dimension, indicator.sub_area) not in areas


def test_the_command_reads_the_site_settings_of_the_repository(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published_examples(tmp_path)
    (tmp_path / "mgi.toml").write_text(
        '[site]\ntitle = "Xamaria MGI"\nlanguages = ["en", "fr"]\naggregates = false\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = mgi("site", "build", "-o", "public", "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("mgi: site in public: ")
    assert sorted(p.name for p in (tmp_path / "public").iterdir()) == [
        ".mgi-site-cache.json", "assets", "data", "en", "fr", "index.html",
    ]  # fmt: skip
    index = (tmp_path / "public" / "en" / "index.html").read_text(encoding="utf-8")
    assert "<title>Home · Xamaria MGI</title>" in index
    assert "summary.html" not in index


def test_wrong_use_exits_2(mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = mgi("site", "build", "-o", "out")
    assert result.exit_code == 2
    assert "no PATH given and no matrices repository here" in result.stderr
    result = mgi("site", "build", "missing", "-o", "out")
    assert result.exit_code == 2
    (tmp_path / "mgi.toml").write_text("[site]\nmin-group = 1\n", encoding="utf-8")
    (tmp_path / "matrices").mkdir()
    result = mgi("site", "build", "-o", "out")
    assert result.exit_code == 2, result.output
    assert "min-group" in result.stderr


def test_templates_are_overridable_and_sandboxed(mgi: Mgi, tmp_path: Path) -> None:
    matrices = published_examples(tmp_path)
    mine = tmp_path / "mine" / "site"
    mine.mkdir(parents=True)
    original = Path(__file__).resolve().parents[2] / "templates" / "site" / "methodology.html.j2"
    mine.joinpath("methodology.html.j2").write_text(
        original.read_text(encoding="utf-8").replace("<h1>", "<h1>Our method: "), encoding="utf-8"
    )
    result = mgi(
        "site",
        "build",
        matrices,
        "-o",
        tmp_path / "out",
        "--template-dir",
        tmp_path / "mine",
        "-j",
        "1",
    )
    assert result.exit_code == 0, result.output
    assert "<h1>Our method: " in (tmp_path / "out" / "fr" / "methodology.html").read_text(
        encoding="utf-8"
    )
    mine.joinpath("methodology.html.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    result = mgi(
        "site",
        "build",
        matrices,
        "-o",
        tmp_path / "out",
        "--template-dir",
        tmp_path / "mine",
        "-j",
        "1",
    )
    assert result.exit_code == 1
    assert "the sandbox forbids" in result.stderr


def test_a_rebuild_validates_only_the_matrices_whose_inputs_changed(tmp_path: Path) -> None:
    """What validation reads is hashed: the file, the matrices it names, the catalogues,
    mgi and the date. The report says which files were validated again."""
    matrices = published_examples(tmp_path)
    out = tmp_path / "out"
    first = build(matrices, out, languages=("en",), aggregates=False)
    assert len(first.validated) == 5
    again = build(matrices, out, languages=("en",), aggregates=False)
    assert again.validated == []
    assert again.left_out == first.left_out == {"not_published": 1, "invalid": 1}

    xay = matrices / "XAY" / "2018-baseline.yaml"
    xay.write_text(xay.read_text(encoding="utf-8") + "# re-checked\n", encoding="utf-8")
    assert build(matrices, out, languages=("en",), aggregates=False).validated == [str(xay)]
    # A follow-up is validated again when its baseline changed; the unpublished 2026
    # follow-up and the Port Selen matrix are not even read while their bytes stay.
    baseline = matrices / "XAM" / "2018-baseline.yaml"
    baseline.write_text(baseline.read_text(encoding="utf-8") + "# again\n", encoding="utf-8")
    changed = build(matrices, out, languages=("en",), aggregates=False)
    assert changed.validated == [str(baseline), str(matrices / "XAM" / "2022-follow_up.yaml")]
    assert changed.rendered == ["XAM"]
    # Another day can change what validation says (dates in the future): all again.
    later = build(
        matrices, out, languages=("en",), aggregates=False, today=TODAY + timedelta(days=1)
    )
    assert len(later.validated) == 5


def test_the_manifest_names_no_matrix_file(built: tuple[Path, BuildReport]) -> None:
    out, _ = built
    manifest = (out / ".mgi-site-cache.json").read_text(encoding="utf-8")
    assert ".yaml" not in manifest and "port-selen" not in manifest and "2026" not in manifest


MARKER = "ZQXDRAFTBASELINEMARKER"


def test_nothing_is_drawn_from_a_draft_baseline(mgi: Mgi, tmp_path: Path) -> None:
    """The 2022 follow-up is published, its 2018 baseline back to draft with a marker:
    the profile leaves out the developments (as `mgi render profile` does), the country
    page does not link them, the build warns, and the marker is nowhere."""
    matrices = published_examples(tmp_path)
    shutil.rmtree(matrices / "XAY")

    def draft(data: dict[str, Any]) -> None:
        data["status"] = "draft"
        entry = next(a for a in data["answers"].values() if a and a.get("justification"))
        entry["justification"] = f"{MARKER} {entry['justification']}"

    edit_matrix(matrices / "XAM" / "2018-baseline.yaml", draft)
    out = tmp_path / "out"
    result = mgi("site", "build", matrices, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.output
    follow_up = matrices / "XAM" / "2022-follow_up.yaml"
    assert (
        f"{follow_up}: warning no-developments the developments since the baseline are left "
        "out: the baseline is 'draft': public output draws only on validated or published "
        "matrices\n"
    ) in result.stderr
    for lang in LANGS:
        assert 'id="developments"' not in (out / lang / "XAM" / "2022-follow_up.html").read_text(
            encoding="utf-8"
        )
        country = (out / lang / "XAM" / "index.html").read_text(encoding="utf-8")
        assert "#developments" not in country
        assert "2022-follow_up.html" in country
    for path in out.rglob("*"):
        if path.is_file():
            assert MARKER not in path.read_text(encoding="utf-8"), path


def test_the_summary_page_uses_the_template_dir(tmp_path: Path) -> None:
    matrices = published_examples(tmp_path)
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.joinpath("summary.html.j2").write_text(
        '<!DOCTYPE html><html lang="{{ lang }}"><head><title>s</title></head><body>'
        "<main><h1>Our own summary</h1></main></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(matrices, out, languages=("en",), template_dir=mine, min_group=3)
    page = (out / "en" / "summary.html").read_text(encoding="utf-8")
    assert "<h1>Our own summary</h1>" in page
    assert 'aria-current="page">Aggregated views</a>' in page  # the site's navigation


def _weasyprint() -> str | None:
    """Why PDFs cannot be typeset here, or None."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError) as error:
        return f"WeasyPrint cannot load: {error}"
    return None


@pytest.mark.skipif(_weasyprint() is not None, reason=str(_weasyprint()))
def test_pdf_profiles_are_built_linked_and_cached(tmp_path: Path) -> None:
    from pypdf import PdfReader

    matrices = published_examples(tmp_path)
    shutil.rmtree(matrices / "XAM")  # one profile: typesetting takes seconds
    out = tmp_path / "out"
    first = build(matrices, out, languages=TWO, pdf=True)
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert pdfs == ["pdf/XAY/2018-baseline-en.pdf", "pdf/XAY/2018-baseline-fr.pdf"]
    assert set(pdfs) <= set(first.written)
    text = "".join(p.extract_text() for p in PdfReader(out / pdfs[0]).pages)
    assert "Republic of Xamaya" in text
    profile = (out / "fr" / "XAY" / "2018-baseline.html").read_text(encoding="utf-8")
    assert '<a href="../../pdf/XAY/2018-baseline-fr.pdf">' in profile
    country = (out / "en" / "XAY" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../pdf/XAY/2018-baseline-en.pdf">' in country
    downloads = (out / "en" / "downloads.html").read_text(encoding="utf-8")
    assert '<a href="../pdf/XAY/2018-baseline-en.pdf">' in downloads

    again = build(matrices, out, languages=TWO, pdf=True)
    assert again.rendered == [] and again.written == []
    assert set(pdfs) <= set(again.unchanged)
    without = build(matrices, out, languages=TWO)
    assert set(pdfs) <= set(without.removed) and not (out / "pdf").exists()
    assert "pdf/" not in (out / "en" / "XAY" / "index.html").read_text(encoding="utf-8")


def test_pdf_without_weasyprint_is_refused_before_anything_is_written(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    matrices = published_examples(tmp_path)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # an import that fails
    result = mgi("site", "build", matrices, "-o", tmp_path / "out", "--pdf", "-j", "1")
    assert result.exit_code == 1
    assert "--pdf needs WeasyPrint and the Pango library" in result.stderr
    assert not (tmp_path / "out").exists()


PAGEFIND = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "pagefind"


@pytest.mark.skipif(
    not PAGEFIND.is_file(), reason="Pagefind is not installed (npm install in the repository)"
)
def test_search_indexes_the_pages_with_pagefind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PAGEFIND.parents[2])  # where npm installed it
    matrices = published_examples(tmp_path)
    out = tmp_path / "out"
    report = build(matrices, out, languages=TWO, search=True, aggregates=False)
    assert (out / "pagefind" / "pagefind-ui.js").is_file()
    assert "pagefind/pagefind-entry.json" in report.written
    fragments = _fragments(out)
    found = {f["url"] for f in fragments if "Xamaya" in f["content"]}
    assert {"/en/XAY/2018-baseline.html", "/fr/XAY/2018-baseline.html", "/en/"} <= found
    assert not any(UNPUBLISHED in json.dumps(f) for f in fragments)
    index = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../en/search.html">Search</a>' in index
    search = (out / "fr" / "search.html").read_text(encoding="utf-8")
    assert '<script src="../pagefind/pagefind-ui.js"></script>' in search
    assert "<noscript>" in search
    # Only the search page has a script: every other page still needs none.
    for page in out.rglob("*.html"):
        if page.name != "search.html" and "pagefind" not in page.parts:
            assert parse(page).scripts == 0, page
    # An unpublished country leaves the index with its pages.
    edit_matrix(matrices / "XAY" / "2018-baseline.yaml", lambda d: d.update(status="validated"))
    build(matrices, out, languages=TWO, search=True, aggregates=False)
    fragments = _fragments(out)
    assert not any("/XAY/" in f["url"] or "Xamaya" in f["content"] for f in fragments)
    profile = out / "fr" / "XAM" / "2018-baseline.html"
    assert '<a href="../../fr/search.html">' in profile.read_text(encoding="utf-8")
    # Without --search the index, the search pages and every link to them go.
    build(matrices, out, languages=TWO, aggregates=False)
    assert not (out / "pagefind").exists() and not (out / "fr" / "search.html").exists()
    assert "search.html" not in profile.read_text(encoding="utf-8")


def _fragments(out: Path) -> list[dict[str, Any]]:
    """Pagefind's page records: gzip, a signature, then JSON."""
    import gzip

    records = []
    for path in (out / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
        records.append(json.loads(data.removeprefix("pagefind_dcd")))
    return records


def test_frictionless_checks_the_rows_of_the_json_tables_too(
    built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    """Each JSON table is a tabular resource with the CSV's schema: frictionless reads
    its rows (as many as the CSV's) and rejects a value of the wrong type."""
    out, _ = built
    data = tmp_path / "data"
    shutil.copytree(out / "data", data)

    def validate() -> dict[str, Any]:
        result = subprocess.run(
            [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
            cwd=data, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        return dict(json.loads(result.stdout))

    report = validate()
    rows = {task["name"]: task["stats"]["rows"] for task in report["tasks"]}
    assert report["valid"] and len(rows) == 8
    for name in ("answers", "references", "catalogue", "sdg-10-7-2"):
        assert rows[f"{name}-json"] == rows[name] > 0
    answers = json.loads((data / "answers.json").read_text(encoding="utf-8"))
    answers[0]["assessed_on"] = "not a date"
    (data / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    broken = validate()
    assert not broken["valid"]
    assert [t["name"] for t in broken["tasks"] if not t["valid"]] == ["answers-json"]


def test_search_without_pagefind_is_refused(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    matrices = published_examples(tmp_path)
    monkeypatch.chdir(tmp_path)  # no node_modules here or above
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    result = mgi("site", "build", matrices, "-o", tmp_path / "out", "--search", "-j", "1")
    assert result.exit_code == 1
    assert "--search needs Pagefind, and it is not installed here" in result.stderr
    assert not (tmp_path / "out").exists()
