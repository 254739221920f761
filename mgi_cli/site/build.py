"""Build the public site: find the published matrices, render what changed, write it.

The core of ``mgi site build``: it never prints; it returns a ``BuildReport`` saying
which files it wrote, which it left as they were and which it removed. Profiles are
rendered by ``mgi render profile``'s own core function (``render_profile_file``) in one
process pool, and only for countries whose inputs changed (``cache.py``); every file is
written only when its bytes change, so an unchanged page keeps its modification time.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli import __version__
from mgi_cli.site import pages
from mgi_cli.site.cache import Manifest, digest, folder_digest, manifest_text, read_manifest
from mgi_cli.site.pages import Assessment, Site

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue


@dataclass(frozen=True)
class SiteOptions:
    title: str = "Migration Governance Indicators"
    languages: tuple[str, ...] = ()
    base_url: str | None = None
    aggregates: bool = True
    #: The summary suppresses every figure drawn from fewer countries than this.
    min_group: int = 5
    #: Count matrices whose confidentiality is restricted in the aggregated views.
    include_restricted: bool = False
    template_dir: Path | None = None
    #: Extra catalogue files (``--catalogue``), for the worker processes.
    catalogues: tuple[Path, ...] = ()
    #: Worker processes for the profiles; 1 renders in this process.
    jobs: int = 0
    today: date = field(default_factory=date.today)


@dataclass
class BuildReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: Countries whose pages were rendered again (the others came from the cache).
    rendered: list[str] = field(default_factory=list)
    #: Matrix files not published, in numbers only (their names could name a country).
    left_out: Counter[str] = field(default_factory=Counter)

    @property
    def pages(self) -> int:
        return sum(1 for f in self.written + self.unchanged if f.endswith(".html"))


@dataclass
class _Published:
    path: Path
    assessment: Assessment
    inputs: bytes


def build_site(
    paths: Sequence[Path], out: Path, library: CatalogueLibrary, options: SiteOptions
) -> BuildReport:
    """Write the site for the matrices under ``paths`` into ``out``."""
    from mgi_cli.languages import LANGUAGES
    from mgi_cli.validate.discover import expand_paths

    languages = options.languages or LANGUAGES
    files, _ = expand_paths(list(paths))
    report = BuildReport()
    published = _published(files, library, options, report)
    countries: dict[str, list[_Published]] = {}
    for item in published:
        countries.setdefault(item.assessment.matrix.country, []).append(item)
    out.mkdir(parents=True, exist_ok=True)
    writer = _Writer(out, report)
    previous = read_manifest(out)
    manifest = Manifest()
    common = _common_inputs(options, languages)

    todo: list[tuple[str, _Published, str]] = []
    for code, items in sorted(countries.items()):
        key = digest([common, *(i.inputs for i in sorted(items, key=lambda i: str(i.path)))])
        files_of = [
            pages.profile_page(lang, code, i.assessment.slug) for i in items for lang in languages
        ]
        manifest.countries[code] = {"hash": key, "files": sorted(files_of)}
        kept = previous.unchanged(code, key, out)
        if kept is not None and set(kept) == set(files_of):
            for name in kept:
                writer.keep(name)
            continue
        report.rendered.append(code)
        todo += [
            (lang, i, pages.profile_page(lang, code, i.assessment.slug))
            for i in items
            for lang in languages
        ]

    site = Site(
        title=options.title,
        languages=tuple(languages),
        base_url=options.base_url,
        aggregates=options.aggregates,
        downloads=tuple(
            (f"{n}.{fmt}", d) for n, (_, d) in _tables().items() for fmt in ("csv", "json")
        ),
    )
    for name, html in _render_profiles(todo, library, options, site):
        writer.write(name, html)
    by_country = {c: [i.assessment for i in items] for c, items in countries.items()}
    _write_pages(writer, site, by_country, library, options, published)
    _write_data(writer, site, published)
    for name in sorted(set(previous.files) - set(writer.names)):
        target = out / name
        if target.is_file():
            target.unlink()
            report.removed.append(name)
            for folder in target.parents:  # a country with no page left goes whole
                if folder == out or any(folder.iterdir()):
                    break
                folder.rmdir()
    manifest.files = list(writer.names)
    from mgi_cli.files.atomic import write_atomic

    write_atomic(out / ".mgi-site-cache.json", manifest_text(manifest))
    return report


def _tables() -> dict[str, tuple[Any, str]]:
    from mgi_cli.site.data import TABLES

    return TABLES


def _published(
    files: list[Path], library: CatalogueLibrary, options: SiteOptions, report: BuildReport
) -> list[_Published]:
    """The valid matrices whose status is ``published``, with the bytes they depend on."""
    from mgi_cli.matrix.linked import linked_path
    from mgi_cli.validate.gate import load_checked
    from mgi_cli.validate.rule_input import ValidationOptions

    found = []
    for path in sorted(files):
        checked = load_checked(path, library, ValidationOptions(today=options.today))
        matrix = checked.loaded.matrix
        if matrix is None or not checked.valid:
            report.left_out["invalid"] += 1
            continue
        if matrix.status != "published":
            report.left_out["not_published"] += 1
            continue
        catalogue = library.get(matrix.catalogue)
        if catalogue is None:
            report.left_out["invalid"] += 1
            continue
        inputs: list[bytes | str] = [str(path), path.read_bytes()]
        if matrix.baseline:
            # A follow-up's profile says what changed since its baseline.
            target = linked_path(path, matrix.baseline)
            if target.is_file():
                inputs += [str(target), target.read_bytes()]
        slug = pages.assessment_slug(matrix)
        found.append(_Published(path, Assessment(matrix, catalogue, slug), digest(inputs).encode()))
    return found


def _common_inputs(options: SiteOptions, languages: Sequence[str]) -> str:
    """Everything every page depends on besides its matrices: mgi, catalogues, templates,
    translations and settings."""
    from mgi_cli.resources import packaged_dir

    folders = [
        packaged_dir("templates"),
        packaged_dir("indicators"),
        Path(__file__).parents[1] / "locale",
    ]
    if options.template_dir is not None:
        folders.append(options.template_dir)
    extra = [p.read_bytes() for p in options.catalogues if p.is_file()]
    settings = repr(
        (
            options.title,
            tuple(languages),
            options.base_url,
            options.aggregates,
            options.min_group,
            options.include_restricted,
            options.today.isoformat(),
        )
    )
    return digest([__version__, folder_digest(folders), *extra, settings])


class _Writer:
    """Writes each file only when its bytes change, and remembers what it was given."""

    def __init__(self, out: Path, report: BuildReport) -> None:
        self.out, self.report, self.names = out, report, set[str]()

    def keep(self, name: str) -> None:
        self.names.add(name)
        self.report.unchanged.append(name)

    def write(self, name: str, text: str | bytes) -> None:
        from mgi_cli.files.atomic import write_atomic

        data = text.encode("utf-8") if isinstance(text, str) else text
        target = self.out / name
        self.names.add(name)
        try:
            same = target.read_bytes() == data
        except OSError:
            same = False
        if same:
            self.report.unchanged.append(name)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
        self.report.written.append(name)


# -- profiles, in a process pool ---------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(catalogues: tuple[Path, ...]) -> None:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.resources import packaged_dir

    library = CatalogueLibrary(packaged_dir("indicators"))
    for path in catalogues:
        library.add(path)
    _WORKER["library"] = library


def _profile_job(job: tuple[Path, str, str, SiteOptions, Site]) -> tuple[str, str]:
    path, lang, name, options, site = job
    return name, _profile_html(path, lang, name, _WORKER["library"], options, site)


def _profile_html(
    path: Path, lang: str, name: str, library: CatalogueLibrary, options: SiteOptions, site: Site
) -> str:
    from mgi_cli.render.run import render_profile_file

    document = render_profile_file(
        path,
        library,
        fmt="html",
        audience="public",
        lang=lang,
        template_dir=options.template_dir,
        today=options.today,
    )
    return pages.wrap_document(document, site, name, lang, options.template_dir)


def _render_profiles(
    todo: list[tuple[str, _Published, str]],
    library: CatalogueLibrary,
    options: SiteOptions,
    site: Site,
) -> list[tuple[str, str]]:
    jobs = options.jobs or os.cpu_count() or 1
    if jobs <= 1 or len(todo) < 4:
        return [
            (name, _profile_html(item.path, lang, name, library, options, site))
            for lang, item, name in todo
        ]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the caller may run threads (a test runner, `mgi site serve`).
    context = multiprocessing.get_context("spawn")
    work = [(item.path, lang, name, options, site) for lang, item, name in todo]
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(todo)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(options.catalogues,),
    ) as pool:
        return list(pool.map(_profile_job, work, chunksize=max(1, len(work) // (jobs * 4))))


# -- the other pages and the data ---------------------------------------------------------


def _write_pages(
    writer: _Writer,
    site: Site,
    countries: dict[str, list[Assessment]],
    library: CatalogueLibrary,
    options: SiteOptions,
    published: list[_Published],
) -> None:
    from mgi_cli.output.templates import render

    pdfs: set[str] = set()
    template_dir = options.template_dir
    catalogue = _main_catalogue(countries, library)
    summary = _summaries(published, library, options) if site.aggregates else None
    for lang in site.languages:

        def page(name: str, template: str, context: dict[str, Any], lang: str = lang) -> None:
            writer.write(name, pages.render_page(template, context, site, name, lang, template_dir))

        name = f"{lang}/index.html"
        page(name, "index.html.j2", pages.index_context(countries, lang, name))
        for code, items in sorted(countries.items()):
            name = pages.country_page(lang, code)
            page(name, "country.html.j2", pages.country_context(code, items, lang, name, pdfs))
        page(
            f"{lang}/catalogue.html", "catalogue.html.j2", pages.catalogue_context(catalogue, lang)
        )
        page(f"{lang}/methodology.html", "methodology.html.j2", {"min_group": options.min_group})
        files = [{"path": p, "description": d} for p, d in site.downloads]
        page(f"{lang}/downloads.html", "downloads.html.j2", {"files": files, "pdfs": []})
        document = summary(lang) if summary is not None else None
        if document is not None:
            name = f"{lang}/summary.html"
            writer.write(name, pages.wrap_document(document, site, name, lang, template_dir))
        elif summary is not None:
            page(f"{lang}/summary.html", "summary_empty.html.j2", {})
    writer.write(
        "assets/site.css", render("site/site.css", {}, lang="en", template_dir=template_dir)
    )
    languages = [{"code": c, "name": pages.LANGUAGE_NAMES.get(c, c)} for c in site.languages]
    root = {"site_title": site.title, "languages": languages, "first": site.languages[0]}
    writer.write(
        "index.html", render("site/root.html.j2", root, lang="en", template_dir=template_dir)
    )


def _main_catalogue(countries: dict[str, list[Assessment]], library: CatalogueLibrary) -> Catalogue:
    """The national catalogue most published matrices answer, else the newest packaged one."""
    tally = Counter(
        a.catalogue.ref
        for items in countries.values()
        for a in items
        if a.matrix.level == "national"
    )
    if tally:
        ref = min(tally, key=lambda r: (-tally[r], r))
        found = library.get(ref)
        if found is not None:
            return found
    return library.default("national")


def _summaries(
    published: list[_Published], library: CatalogueLibrary, options: SiteOptions
) -> Callable[[str], str | None]:
    """``mgi render summary --audience public`` of the published matrices, as HTML in a
    language; the matrices are collected once for every language."""
    from mgi_cli.reports.layout import render_report
    from mgi_cli.reports.summary import SummaryOptions, collect_matrices
    from mgi_cli.reports.summary_tables import summary_report

    chosen = SummaryOptions("public", options.min_group, options.include_restricted, None)
    collection = collect_matrices([p.path for p in published], library, chosen, options.today)

    def summary(lang: str) -> str | None:
        if collection.catalogue is None:  # nothing counted: the site says so instead
            return None
        return render_report(summary_report(collection, chosen, lang), "html", lang)

    return summary


def _write_data(writer: _Writer, site: Site, published: list[_Published]) -> None:
    from mgi_cli.site import data

    answers: list[dict[str, Any]] = []
    references: list[dict[str, Any]] = []
    sdg: list[dict[str, Any]] = []
    catalogues: dict[str, Catalogue] = {}
    for item in published:
        matrix, catalogue = item.assessment.matrix, item.assessment.catalogue
        catalogues[catalogue.ref] = catalogue
        if matrix.confidentiality != "public":
            continue
        found, sources = data.answer_rows(matrix, catalogue)
        answers += found
        references += sources
        if matrix.level == "national":
            sdg += data.sdg_rows(matrix, catalogue)
    rows = {
        "answers": answers,
        "references": references,
        "catalogue": [
            r for ref in sorted(catalogues) for r in data.catalogue_rows(catalogues[ref])
        ],
        "sdg-10-7-2": sdg,
    }
    for name, (columns, _) in data.TABLES.items():
        writer.write(f"data/{name}.csv", data.table_csv(columns, rows[name]))
        writer.write(f"data/{name}.json", data.table_json(columns, rows[name]))
    writer.write("data/datapackage.json", data.datapackage(site.title, site.base_url))
