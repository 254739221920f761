"""A reference's address: validation accepts exactly the addresses the renderer links."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.matrix.load import LoadedMatrix, load_matrix
from mgi_cli.matrix.urls import web_url
from mgi_cli.render.sources import reference_view
from mgi_cli.validate.checker import validate_loaded
from mgi_cli.validate.rule_input import ValidationOptions

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM" / "2018-baseline.yaml"
)

GOOD = [
    "https://example.org",
    "http://example.org/a?b=c#d",
    "HtTpS://Example.org/Path",  # the scheme in any case
    "  https://example.org/trimmed  ",  # surrounding blanks are trimmed
    "https://user@example.org/",
    "https://example.org:8443/x",
    "https://[::1]/x",
    "https://bücher.example/é",
]
BAD = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "//evil.example/x",
    "http:/x",
    "http:x",
    "https://",
    "https:///path",
    "https://:80/x",
    "https://user@/x",
    "http://[::1/x",  # an unbalanced bracket: not an address at all
    "https://exa mple.org",
    "https://example.org/a b",
    "https://example.org/\u00a0x",  # a no-break space
    "https://example.org/\x01",
    "https://example.org/\x1b[31m",
    "https://example.org/\x7f",
    "https://example.org/\nx",
    "example.org",
    "",
]


@pytest.mark.parametrize("url", GOOD)
def test_web_addresses(url: str) -> None:
    assert web_url(url) == url.strip()


@pytest.mark.parametrize("url", BAD)
def test_not_web_addresses(url: str) -> None:
    assert web_url(url) is None


def test_no_address() -> None:
    assert web_url(None) is None


@pytest.fixture(scope="module")
def example() -> LoadedMatrix:
    loaded = load_matrix(EXAMPLE)
    assert loaded.matrix is not None
    return loaded


def _with_url(loaded: LoadedMatrix, url: str) -> LoadedMatrix:
    """The example with its first reference's address replaced by ``url``."""
    assert loaded.matrix is not None
    answers = dict(loaded.matrix.answers)
    key = next(k for k, a in answers.items() if a is not None and a.references)
    entry = answers[key]
    assert entry is not None
    references = [entry.references[0].model_copy(update={"url": url}), *entry.references[1:]]
    answers[key] = entry.model_copy(update={"references": references})
    return replace(loaded, matrix=loaded.matrix.model_copy(update={"answers": answers}))


@pytest.mark.parametrize("url", GOOD + BAD)
def test_validation_and_rendering_agree(
    url: str,
    example: LoadedMatrix,
    test_library: CatalogueLibrary,
    validation_options: ValidationOptions,
) -> None:
    """An address validation lets through becomes a link; one it refuses never does."""
    loaded = _with_url(example, url)
    codes = {p.code for p in validate_loaded(loaded, test_library, validation_options)}
    assert loaded.matrix is not None
    reference = next(
        r for a in loaded.matrix.answers.values() if a is not None for r in a.references
    )
    linked = reference_view(reference, "en")["url"]
    accepted = "reference-url" not in codes
    assert accepted == (linked is not None), (url, codes)
    assert accepted == (url in GOOD)
