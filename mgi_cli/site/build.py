"""Build the public site: find the published matrices, render what changed, write it.

The core of ``mgi site build``: it never prints; it returns a ``BuildReport`` saying
which files it wrote, which it left as they were and which it removed. Profiles are
rendered by ``mgi render profile``'s own core function (``render_profile_file``) in one
process pool, and only for countries whose inputs changed (``cache.py``); every file is
written only when its bytes change, so an unchanged page keeps its modification time.
Matrices are validated again only when what validation reads changed (``_published``).
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
from mgi_cli.errors import MgiError
from mgi_cli.site import pages
from mgi_cli.site.cache import Manifest, digest, folder_digest, manifest_text, read_manifest
from mgi_cli.site.pages import Assessment, Site

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.matrix.load import LoadedMatrix
    from mgi_cli.matrix.models import Matrix


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
    #: Also typeset each profile as PDF (``pdf/<ISO>/<slug>-<lang>.pdf``; needs WeasyPrint).
    pdf: bool = False
    #: Index the pages with Pagefind and add a search page (needs the pagefind binary).
    search: bool = False
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
    #: Matrix files validated by this build (the others' results came from the cache).
    validated: list[str] = field(default_factory=list)
    #: Warnings for the operator, one line each (``path: warning code message``).
    warnings: list[str] = field(default_factory=list)

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
    if options.pdf:
        _require_weasyprint()
    pagefind = _pagefind_command() if options.search else None
    files, _ = expand_paths(list(paths))
    report = BuildReport()
    previous = read_manifest(out)
    manifest = Manifest()
    published = _published(files, library, options, report, previous, manifest)
    countries: dict[str, list[_Published]] = {}
    for item in published:
        countries.setdefault(item.assessment.matrix.country, []).append(item)
    out.mkdir(parents=True, exist_ok=True)
    writer = _Writer(out, report)
    common = _common_inputs(options, languages)

    todo: list[tuple[str, _Published]] = []
    for code, items in sorted(countries.items()):
        key = digest([common, *(i.inputs for i in sorted(items, key=lambda i: str(i.path)))])
        files_of = [
            name
            for i in items
            for lang in languages
            for name in _profile_files(lang, code, i.assessment.slug, options)
        ]
        manifest.countries[code] = {"hash": key, "files": sorted(files_of)}
        kept = previous.unchanged(code, key, out)
        if kept is not None and set(kept) == set(files_of):
            for name in kept:
                writer.keep(name)
            continue
        report.rendered.append(code)
        todo += [(lang, i) for i in items for lang in languages]

    site = Site(
        title=options.title,
        languages=tuple(languages),
        base_url=options.base_url,
        aggregates=options.aggregates,
        search=options.search,
        downloads=tuple(
            (f"{n}.{fmt}", d) for n, (_, d) in _tables().items() for fmt in ("csv", "json")
        ),
    )
    for rendered in _render_profiles(todo, library, options, site):
        for name, content in rendered:
            writer.write(name, content)
    by_country = {c: [i.assessment for i in items] for c, items in countries.items()}
    _write_pages(writer, site, by_country, library, options, published)
    _write_data(writer, site, published)
    index = [n for n in previous.files if n.startswith(SEARCH_INDEX + "/")]
    # The search index is made again below, after the pages it must not find.
    stale = set(previous.files) - set(writer.names) - set(index if pagefind else [])
    _remove(out, sorted(stale), report)
    manifest.files = list(writer.names)
    if pagefind is not None:
        manifest.files += _search_index(out, pagefind, report, index)
    from mgi_cli.files.atomic import write_atomic

    write_atomic(out / ".mgi-site-cache.json", manifest_text(manifest))
    return report


def _remove(out: Path, names: list[str], report: BuildReport) -> None:
    """Delete files the last build wrote and this one did not (a matrix unpublished)."""
    for name in names:
        target = out / name
        if target.is_file():
            target.unlink()
            report.removed.append(name)
            for folder in target.parents:  # a country with no page left goes whole
                if folder == out or any(folder.iterdir()):
                    break
                folder.rmdir()


def _profile_files(lang: str, code: str, slug: str, options: SiteOptions) -> list[str]:
    """The files of one profile in one language: its page, and its PDF with ``--pdf``."""
    page = pages.profile_page(lang, code, slug)
    return [page, pages.profile_pdf(lang, code, slug)] if options.pdf else [page]


def _require_weasyprint() -> None:
    """Refuse ``--pdf`` before anything is written when WeasyPrint cannot typeset."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError) as error:
        raise MgiError(
            "--pdf needs WeasyPrint and the Pango library, and they cannot be loaded here "
            f"({error}); build the site without --pdf, or install Pango (see the WeasyPrint "
            "installation guide)"
        ) from None


#: Where Pagefind writes its index and its search box, under the output folder.
SEARCH_INDEX = "pagefind"


def _pagefind_command() -> list[str]:
    """The Pagefind binary npm installed (``npm install --save-dev pagefind``, in the
    folder here or one above it), else one on PATH; it is never downloaded here."""
    import shutil

    for folder in (Path.cwd(), *Path.cwd().parents):
        binary = folder / "node_modules" / ".bin" / "pagefind"
        if binary.is_file():
            return [str(binary)]
    found = shutil.which("pagefind")
    if found is None:
        raise MgiError(
            "--search needs Pagefind, and it is not installed here: run `npm install "
            "--save-dev pagefind` in the repository (mgi never downloads it while building), "
            "or build without --search"
        )
    return [found]


def _search_index(out: Path, command: list[str], report: BuildReport, last: list[str]) -> list[str]:
    """Index the pages with Pagefind, once they are all written and stale ones removed
    (an unpublished page must not stay findable); kept as it was when no page changed."""
    import shutil
    import subprocess

    folder = out / SEARCH_INDEX
    pages_changed = any(n.endswith(".html") for n in report.written + report.removed)
    if pages_changed or not folder.is_dir() or not last:
        if folder.exists():
            shutil.rmtree(folder)
        done = subprocess.run(
            [*command, "--site", str(out), "--output-subdir", SEARCH_INDEX, "--silent",
             "--exclude-selectors", ".site-bar, .skip, .site-pdf"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise MgiError(f"Pagefind could not index the site: {done.stderr.strip()[-500:]}")
    names = sorted(p.relative_to(out).as_posix() for p in folder.rglob("*") if p.is_file())
    report.written += [n for n in names if n not in last]
    report.unchanged += [n for n in names if n in last]
    return names


def _tables() -> dict[str, tuple[Any, str]]:
    from mgi_cli.site.data import TABLES

    return TABLES


def _published(
    files: list[Path],
    library: CatalogueLibrary,
    options: SiteOptions,
    report: BuildReport,
    previous: Manifest,
    manifest: Manifest,
) -> list[_Published]:
    """The valid matrices whose status is ``published``, with the bytes they depend on.

    A file is validated again only when what validation reads changed since the last
    build (``previous.checked``): its bytes, the baseline or national matrix it names,
    the catalogues, mgi and the date. A file whose status is not ``published`` is not
    even read again while its bytes stay the same: nothing can put it on the site.
    """
    from mgi_cli.files.read import Unread, read_regular_file
    from mgi_cli.matrix.load import load_matrix
    from mgi_cli.repository.root import absolute, find_root

    common = _validation_inputs(options)
    found = []
    for path in sorted(files):
        data = read_regular_file(path)  # a pipe, a device or a huge file: not read
        if isinstance(data, Unread):
            report.left_out["invalid"] += 1
            continue
        where = absolute(path)
        root = find_root(where.parent)
        name = digest([str(where)])
        own = digest([common, str(root), data])
        entry = previous.checked.get(name, {})
        if entry.get("own") == own and entry.get("status") != "published":
            # Its status is in its bytes: still not published. (Whether it was counted
            # as invalid or as not published may be a build late: numbers only.)
            manifest.checked[name] = entry
            report.left_out[str(entry.get("verdict"))] += 1
            continue
        loaded = load_matrix(path)
        matrix = loaded.matrix
        links = _link_bytes(path, matrix, root)
        key = digest([own, *links])
        if entry.get("key") != key:
            entry = _check(loaded, root, library, options)
            entry.update(own=own, key=key)
            report.validated.append(loaded.display)
        manifest.checked[name] = entry
        verdict = str(entry.get("verdict"))
        if verdict != "published" or matrix is None:
            report.left_out[verdict] += 1
            continue
        catalogue = library.get(matrix.catalogue)
        if catalogue is None:
            report.left_out["invalid"] += 1
            continue
        if entry.get("withheld"):
            # The profile leaves out the developments since a draft baseline; say why.
            report.warnings.append(
                f"{loaded.display}: warning no-developments the developments since the "
                f"baseline are left out: {entry['withheld']}"
            )
        slug = pages.assessment_slug(matrix)
        assessment = Assessment(
            matrix,
            catalogue,
            slug,
            developments=matrix.assessment == "follow_up" and entry.get("developments") is True,
        )
        inputs = digest([str(path), data, *links])
        found.append(_Published(path, assessment, inputs.encode()))
    return found


def _link_bytes(path: Path, matrix: Matrix | None, root: Path | None) -> list[bytes | str]:
    """The names and bytes of the matrices ``matrix`` names (``baseline:``, ``context:``),
    as validation reads them: a path out of the repository is refused, not read."""
    from mgi_cli.files.read import Unread, read_regular_file
    from mgi_cli.matrix.linked import linked_path

    parts: list[bytes | str] = []
    for name in (matrix.baseline, matrix.context) if matrix is not None else ():
        if not name:
            parts.append("-")
            continue
        data = read_regular_file(linked_path(path, name), within=root)
        parts += [name, repr(data) if isinstance(data, Unread) else data]
    return parts


def _check(
    loaded: LoadedMatrix, root: Path | None, library: CatalogueLibrary, options: SiteOptions
) -> dict[str, object]:
    """What the site needs to know of a validated matrix file, as the cache keeps it."""
    from mgi_cli.files.read import Unread
    from mgi_cli.matrix.confidentiality import baseline_withheld
    from mgi_cli.matrix.linked import load_linked
    from mgi_cli.validate.gate import check
    from mgi_cli.validate.rule_input import ValidationOptions

    checked = check(loaded, library, ValidationOptions(today=options.today))
    matrix = loaded.matrix
    status = matrix.status if matrix is not None else None
    if matrix is None or not checked.valid:
        return {"status": status, "verdict": "invalid"}
    if matrix.status != "published":
        return {"status": status, "verdict": "not_published"}
    entry: dict[str, object] = {"status": status, "verdict": "published"}
    if matrix.assessment == "follow_up" and matrix.baseline:
        # One rule for every public output: nothing drawn from a draft baseline.
        linked = load_linked(loaded.path, matrix.baseline, root=root)
        base = None if isinstance(linked.loaded, Unread) else linked.loaded.matrix
        withheld = baseline_withheld(base, "public")
        entry["developments"] = base is not None and withheld is None
        entry["withheld"] = withheld
    return entry


def _validation_inputs(options: SiteOptions) -> str:
    """What validation reads besides the matrix files: mgi, the catalogues, the date."""
    from mgi_cli.resources import packaged_dir

    extra = [p.read_bytes() for p in options.catalogues if p.is_file()]
    return digest(
        [
            __version__,
            folder_digest([packaged_dir("indicators")]),
            *extra,
            options.today.isoformat(),
        ]
    )


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
            options.pdf,
            options.search,  # the navigation of every profile page links search.html
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


_Job = tuple[Path, str, str, str, SiteOptions, Site]


def _profile_job(job: _Job) -> list[tuple[str, str | bytes]]:
    return _profile_files_of(job, _WORKER["library"])


def _profile_files_of(job: _Job, library: CatalogueLibrary) -> list[tuple[str, str | bytes]]:
    """The page of one profile in one language, and its PDF with ``--pdf``: both made by
    ``mgi render profile``'s own core functions, for the public."""
    from mgi_cli.render.run import render_profile_file, render_profile_file_document

    path, lang, code, slug, options, site = job
    common: dict[str, Any] = {
        "audience": "public",
        "lang": lang,
        "template_dir": options.template_dir,
        "today": options.today,
    }
    document = render_profile_file(path, library, fmt="html", **common)
    name = pages.profile_page(lang, code, slug)
    pdf = pages.profile_pdf(lang, code, slug) if options.pdf else None
    page = pages.wrap_document(document, site, name, lang, options.template_dir, pdf=pdf)
    if pdf is None:
        return [(name, page)]
    return [(name, page), (pdf, render_profile_file_document(path, library, fmt="pdf", **common))]


def _render_profiles(
    todo: list[tuple[str, _Published]],
    library: CatalogueLibrary,
    options: SiteOptions,
    site: Site,
) -> list[list[tuple[str, str | bytes]]]:
    work: list[_Job] = [
        (item.path, lang, item.assessment.matrix.country, item.assessment.slug, options, site)
        for lang, item in todo
    ]
    jobs = options.jobs or os.cpu_count() or 1
    if jobs <= 1 or len(todo) < 4:
        return [_profile_files_of(job, library) for job in work]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the caller may run threads (a test runner, `mgi site serve`).
    context = multiprocessing.get_context("spawn")
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

    pdfs = {
        pages.profile_pdf(lang, code, a.slug)
        for code, items in countries.items()
        for a in items
        for lang in site.languages
        if options.pdf
    }
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
        name = f"{lang}/downloads.html"
        listed = pages.pdf_downloads(countries, lang, name) if options.pdf else []
        page(name, "downloads.html.j2", {"files": files, "pdfs": listed})
        document = summary(lang) if summary is not None else None
        if document is not None:
            name = f"{lang}/summary.html"
            writer.write(name, pages.wrap_document(document, site, name, lang, template_dir))
        elif summary is not None:
            page(f"{lang}/summary.html", "summary_empty.html.j2", {})
        if site.search:
            name = f"{lang}/search.html"
            page(
                name, "search.html.j2", {"search_assets": pages.relative(f"{SEARCH_INDEX}/", name)}
            )
    writer.write(
        "assets/site.css", render("site/site.css", {}, lang="en", template_dir=template_dir)
    )
    if site.search:
        writer.write(
            "assets/search.js", render("site/search.js", {}, lang="en", template_dir=template_dir)
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
    from mgi_cli.reports.summary import SummaryOptions, collect_valid
    from mgi_cli.reports.summary_tables import summary_report

    chosen = SummaryOptions("public", options.min_group, options.include_restricted, None)
    # The published matrices were validated once (_published): not again here.
    collection = collect_valid([p.assessment.matrix for p in published], library, chosen)
    template_dir = options.template_dir

    def summary(lang: str) -> str | None:
        if collection.catalogue is None:  # nothing counted: the site says so instead
            return None
        report = summary_report(collection, chosen, lang)
        return render_report(report, "html", lang, template_dir)

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
