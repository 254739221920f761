"""PDF and Word profiles (docs/profiles.md): the text a reader gets, its structure,
determinism, and the confidentiality rules, checked on the text extracted with pypdf
and python-docx."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from mgi_cli.commands.common import catalogue_library
from mgi_cli.languages import LANGUAGES
from mgi_cli.render.run import render_profile_file_document
from tests.render.test_confidentiality import NOTE, SECRET, edit_matrix, plant_markers

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM"
TODAY = date(2026, 1, 1)


def _document(path: Path, fmt: str, audience: str = "public", lang: str = "en") -> bytes:
    return render_profile_file_document(
        path, catalogue_library(), fmt=fmt, audience=audience, lang=lang, today=TODAY
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in Document(BytesIO(data)).paragraphs]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("planted")
    for name in ("2018-baseline", "2022-follow_up"):
        shutil.copy(EXAMPLES / f"{name}.yaml", folder / f"{name}.yaml")
        edit_matrix(folder / f"{name}.yaml", plant_markers)
    return folder / "2022-follow_up.yaml"


def test_the_pdf_is_an_a4_document_with_cover_contents_and_page_numbers(planted: Path) -> None:
    data = _document(planted, "pdf")
    reader = PdfReader(BytesIO(data))
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)
    pages = [page.extract_text() for page in reader.pages]
    assert "Republic of Xamaria" in pages[0] and "14 October 2022" in pages[0]
    assert "Contents" in pages[1] and "Methodology" in pages[1]
    assert f"2 / {len(pages)}" in pages[1]
    text = "\n".join(pages)
    assert SECRET not in text and NOTE not in text
    assert pdf_text(_document(planted, "pdf")) == text  # deterministic


def test_the_government_pdf_in_portuguese(planted: Path) -> None:
    text = pdf_text(_document(planted, "pdf", audience="government", lang="pt"))
    assert "Somente para as autoridades." in text
    assert "Metodologia" in text


@pytest.mark.parametrize("audience", ["public", "government"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_docx_uses_words_heading_styles_in_every_language(
    planted: Path, audience: str, lang: str
) -> None:
    data = _document(planted, "docx", audience=audience, lang=lang)
    paragraphs = docx_paragraphs(data)
    styles = {style for style, _ in paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"} <= styles
    assert paragraphs[0][0] == "Title" and "Xam" in paragraphs[0][1]
    text = "\n".join(t for _, t in paragraphs)
    assert NOTE not in text
    assert (SECRET in text) is (audience == "government")
    assert docx_paragraphs(_document(planted, "docx", audience=audience, lang=lang)) == paragraphs
    properties = Document(BytesIO(data)).core_properties
    assert properties.created is not None and properties.created.date() == date(2022, 10, 14)


def test_the_command_writes_a_pdf_and_a_docx(mgi: object, tmp_path: Path) -> None:
    from typer.testing import Result

    run = mgi  # the CLI fixture
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"profile.{fmt}"
        result: Result = run(  # type: ignore[operator]
            "render", "profile", EXAMPLES / "2022-follow_up.yaml", "--format", fmt, "-o", out
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes()[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")


def test_charts_are_refused_for_the_public(mgi: object) -> None:
    result = mgi(  # type: ignore[operator]
        "render", "profile", EXAMPLES / "2022-follow_up.yaml", "--charts"
    )
    assert result.exit_code == 2
    assert "--charts is for --audience government" in result.stderr


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here"
)
def test_libreoffice_opens_the_docx(planted: Path, tmp_path: Path) -> None:
    source = tmp_path / "profile.docx"
    source.write_bytes(_document(planted, "docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert "Republic of Xamaria" in pdf_text((tmp_path / "profile.pdf").read_bytes())


def _part(paragraphs: list[tuple[str, str]], heading: str) -> list[tuple[str, str]]:
    """The paragraphs under the Heading 1 ``heading``, up to the next Heading 1."""
    start = paragraphs.index(("Heading 1", heading)) + 1
    end = next(
        (n for n in range(start, len(paragraphs)) if paragraphs[n][0] == "Heading 1"),
        len(paragraphs),
    )
    return paragraphs[start:end]


def _md_bullets(markdown: str, heading: str) -> int:
    section = markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return sum(1 for line in section.splitlines() if line.startswith("- "))


@pytest.mark.parametrize("audience", ["public", "government"])
def test_the_docx_of_a_follow_up_gives_its_developments(audience: str) -> None:
    """The government reviews a follow-up's Word draft with what changed since the
    baseline, item for item as the Markdown profile gives it."""
    from mgi_cli.render.run import render_profile_file

    follow_up = EXAMPLES / "2022-follow_up.yaml"
    paragraphs = docx_paragraphs(_document(follow_up, "docx", audience=audience))
    part = _part(paragraphs, "Developments since the baseline")
    assert part[0] == (
        "Normal",
        "Changes in the answers between the baseline assessment of 30 September 2018 and "
        "this assessment of 14 October 2022.",
    )
    assert [t for s, t in part if s == "Heading 2"][:3] == [
        "Progress",
        "Regression",
        "Other changes in the answers",
    ]
    markdown = render_profile_file(
        follow_up, catalogue_library(), fmt="md", audience=audience, lang="en", today=TODAY
    )
    bullets = [t for s, t in part if s == "List Bullet"]
    assert len(bullets) == _md_bullets(markdown, "Developments since the baseline") > 0
    # The government sees the indicator ids, the public does not.
    assert any(" — " in b for b in bullets) is (audience == "government")


@pytest.mark.parametrize("audience", ["public", "government"])
def test_the_docx_of_a_local_profile_gives_the_national_comparison(audience: str) -> None:
    local = EXAMPLES / "local" / "port-selen" / "2021-baseline.yaml"
    data = render_profile_file_document(
        local, catalogue_library(), fmt="docx", audience=audience, lang="en", today=TODAY,
        compare_national=True,
    )  # fmt: skip
    part = _part(docx_paragraphs(data), "Beside the national assessment")
    text = "\n".join(t for _, t in part)
    neutral = "The findings in this area are not set out indicator by indicator in this profile."
    assert ("Heading 3", "Right to work") in part
    assert part[part.index(("Heading 3", "Right to work")) + 1] == ("Normal", neutral)
    if audience == "government":
        assert part[0][1].startswith("How the answers of this local assessment compare")
        assert sum(t.startswith("Local: Yes ") for _, t in part) == 6
        assert sum(t.startswith("National: Yes ") for _, t in part) == 6
    else:  # not a ranking, and nothing counted
        assert part[0][1].startswith("The key findings of the national assessment")
        assert "%" not in text and "Local:" not in text and "Indicators" not in text
        assert ("Heading 3", "Nationally well developed: Migrants' rights") in part
