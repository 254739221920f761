"""A profile as PDF: the HTML profile typeset by WeasyPrint with a print stylesheet.

A4 pages, a cover page (title, subtitle, date), the table of contents with page
numbers, a running header and page numbers, the DejaVu Sans font shipped under
``templates/fonts`` (embedded, so the PDF looks the same everywhere). Nothing is
fetched while typesetting: the only files WeasyPrint may read are the shipped fonts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mgi_cli.errors import MgiError
from mgi_cli.resources import packaged_dir

#: The print stylesheet, after the page's own (``partials/profile.css``).
PRINT_CSS = """
@font-face { font-family: "DejaVu Sans"; src: url("DejaVuSans.ttf"); }
@font-face { font-family: "DejaVu Sans"; font-weight: bold; src: url("DejaVuSans-Bold.ttf"); }
@page {
  size: A4; margin: 22mm 20mm 20mm 20mm;
  @top-center { content: string(running); font: 8pt "DejaVu Sans"; color: #4a5361; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 8pt "DejaVu Sans"; }
}
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
html, body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; background: #fff; }
.page { max-width: none; margin: 0; padding: 0; box-shadow: none; }
header.cover { page-break-after: always; padding-top: 60mm; border: 0; }
header.cover h1 { font-size: 28pt; string-set: running content(); }
nav.toc { display: block !important; page-break-after: always; }
nav.toc ol { columns: 1 !important; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a::after { content: leader(".") target-counter(attr(href), page); }
h2 { page-break-after: avoid; } h3, h4, h5 { page-break-after: avoid; }
section#framework, section#sources, section#methodology { page-break-before: always; }
a { color: inherit; }
"""


def _fetcher(fonts: Path) -> Any:
    """A URL fetcher that serves the shipped fonts and refuses anything else."""
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    allowed = {p.resolve().as_uri() for p in fonts.glob("*.ttf")}

    class ShippedFilesOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in allowed:
                raise ValueError(f"mgi fetches nothing while typesetting: {url}")
            return super().fetch(url, headers)

    return ShippedFilesOnly()


def html_to_pdf(html: str) -> bytes:
    """The PDF of a profile's HTML; ``MgiError`` (exit 1) when WeasyPrint cannot load."""
    try:
        from weasyprint import CSS, HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:
        raise MgiError(
            "PDF output needs WeasyPrint and the Pango library, and they cannot be loaded "
            f"here ({error}); render --format html and print it, or install Pango "
            "(see the WeasyPrint installation guide)"
        ) from None
    fonts = packaged_dir("templates") / "fonts"
    fetch = _fetcher(fonts)
    base = fonts.resolve().as_uri() + "/"
    document = HTML(string=html, base_url=base, url_fetcher=fetch)
    # No creation date: the same input gives the same text (and, as far as WeasyPrint
    # allows, the same bytes).
    pdf = document.write_pdf(
        stylesheets=[CSS(string=PRINT_CSS, url_fetcher=fetch, base_url=base)],
        uncompressed_pdf=False,
        custom_metadata=False,
        pdf_identifier=b"mgi-profile",
    )
    return bytes(pdf or b"")
