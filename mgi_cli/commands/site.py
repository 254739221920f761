"""`mgi site build` and `mgi site serve`: the public site of a matrices repository."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mgi_cli.commands.common import (
    CatalogueOption,
    catalogue_library,
    repository_matrices,
    template_dir_option,
)
from mgi_cli.commands.help import Command, examples
from mgi_cli.errors import UsageError
from mgi_cli.problems.problem import shown_path

if TYPE_CHECKING:
    from mgi_cli.site.build import SiteOptions

site_app = typer.Typer(
    name="site",
    help="Build and preview the public site: published profiles, the indicators, "
    "aggregated views and open data.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        show_default=False,
        help="Matrix files or folders (default: matrices/ of the repository around here).",
    ),
]
OutputOption = Annotated[
    Path,
    typer.Option(
        "--output", "-o", file_okay=False, metavar="DIR", help="The folder the site is written to."
    ),
]
TemplateDirOption = Annotated[Path | None, template_dir_option("site/*.j2, profile.html.j2...")]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs", "-j", min=0, metavar="N", help="Processes rendering profiles (0: one per core)."
    ),
]

PdfOption = Annotated[
    bool,
    typer.Option(
        "--pdf",
        help="Also typeset each profile as PDF (pdf/<ISO>/<slug>-<lang>.pdf), linked from "
        "its pages; needs WeasyPrint (exit 1 when it cannot load).",
    ),
]
SearchOption = Annotated[
    bool,
    typer.Option(
        "--search",
        help="Add a search page: Pagefind indexes the pages (npm install --save-dev "
        "pagefind; never downloaded here). Every other page works without JavaScript.",
    ),
]


def _prepare(
    paths: list[Path] | None,
    template_dir: Path | None,
    catalogue: list[Path] | None,
    jobs: int,
    *,
    pdf: bool = False,
    search: bool = False,
) -> tuple[list[Path], SiteOptions, list[Path]]:
    """The matrices to publish and the options, from the arguments and mgi.toml [site]."""
    from mgi_cli.repository.root import repository_for
    from mgi_cli.repository.settings import RepositoryConfig
    from mgi_cli.site.build import SiteOptions

    for path in paths or []:
        if not path.exists():
            raise UsageError(f"{shown_path(path)}: no such file or folder")
    repository = repository_for(paths or [], Path.cwd())
    config = repository.config if repository is not None else RepositoryConfig()
    paths = paths or repository_matrices(repository)
    extra = [*config.catalogue_files, *(catalogue or [])]
    site = config.site
    options = SiteOptions(
        title=site.title,
        languages=site.languages,
        base_url=site.base_url,
        aggregates=site.aggregates,
        min_group=site.min_group,
        include_restricted=site.include_restricted,
        template_dir=template_dir,
        catalogues=tuple(p for p in extra if p.is_file()),
        jobs=jobs,
        pdf=pdf,
        search=search,
        today=date.today(),
    )
    return paths, options, extra


@site_app.command(
    "build",
    cls=Command,
    epilog=examples(
        "mgi site build matrices -o site", "mgi site build  # in a matrices repository"
    ),
)
def build(
    paths: PathsArgument = None,
    output: OutputOption = Path("site"),
    template_dir: TemplateDirOption = None,
    catalogue: CatalogueOption = None,
    jobs: JobsOption = 0,
    pdf: PdfOption = False,
    search: SearchOption = False,
) -> None:
    """Write the public site: a page per published profile and language, the countries,
    the indicators, aggregated views, methodology, and open data under data/."""
    from mgi_cli.commands.common import no_matrices_found
    from mgi_cli.site.build import build_site
    from mgi_cli.validate.discover import expand_paths

    targets, options, extra = _prepare(paths, template_dir, catalogue, jobs, pdf=pdf, search=search)
    # An empty or mistyped folder is refused as `mgi validate` refuses it, not
    # published as a site without a country.
    if expand_paths(targets) == ([], []):
        raise no_matrices_found(targets)
    report = build_site(targets, output, catalogue_library(extra), options)
    _summary(report, output)


def _summary(report: object, output: Path) -> None:
    from mgi_cli.site.build import BuildReport

    assert isinstance(report, BuildReport)
    for warning in report.warnings:
        sys.stderr.write(warning + "\n")
    left = ", ".join(f"{k.replace('_', ' ')}: {n}" for k, n in sorted(report.left_out.items()))
    sys.stderr.write(
        f"mgi: site in {shown_path(output)}: {report.pages} pages; "
        f"{len(report.written)} files written, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed"
        + (f"; matrices left out ({left})" if left else "")
        + "\n"
    )


@site_app.command(
    "serve",
    cls=Command,
    epilog=examples("mgi site serve matrices --port 8080"),
)
def serve(
    paths: PathsArgument = None,
    output: OutputOption = Path("site"),
    template_dir: TemplateDirOption = None,
    catalogue: CatalogueOption = None,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, metavar="PORT", help="0: any free port.")
    ] = 8000,
    interval: Annotated[
        float,
        typer.Option(
            "--interval", min=0.2, metavar="SECONDS", help="Seconds between checks for changes."
        ),
    ] = 1.0,
    pdf: PdfOption = False,
    search: SearchOption = False,
) -> None:
    """Build the site, serve it on http://127.0.0.1:PORT/ and rebuild it when a matrix
    or template changes (Ctrl-C stops)."""
    from mgi_cli.site.build import build_site
    from mgi_cli.site.serve import serve_site

    targets, options, extra = _prepare(paths, template_dir, catalogue, 1, pdf=pdf, search=search)
    library = catalogue_library(extra)

    def rebuild() -> None:
        _summary(build_site(targets, output, library, options), output)

    watched = [*targets, *([template_dir] if template_dir else [])]

    def announce(url: str) -> None:
        sys.stderr.write(f"mgi: serving {shown_path(output)} at {url} (Ctrl-C stops)\n")

    serve_site(output, rebuild, watched, port=port, interval=interval, on_ready=announce)


def register(app: typer.Typer) -> None:
    app.add_typer(site_app)
