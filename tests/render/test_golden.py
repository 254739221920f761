"""Golden files of `mgi render profile` for each format, audience and language.

The national examples; the local Port Selen example, rendered with
``--compare-national``; the example with context-specific indicators (English).

Refresh them after an intended change (to the templates, the translations, the
examples or the catalogue) with `pytest tests/render/test_golden.py --update-golden`
and review the result with `git diff tests/golden/profile`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.commands.common import catalogue_library
from mgi_cli.languages import LANGUAGES
from mgi_cli.render.run import render_profile_file

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "profile"
EXAMPLES = ROOT / "examples" / "matrices" / "XAM"
PORT_SELEN = EXAMPLES / "local" / "port-selen" / "2021-baseline.yaml"
WITH_CONTEXT = ROOT / "examples" / "context" / "XAM-2022-follow_up-context.yaml"


@pytest.fixture(scope="module")
def library() -> CatalogueLibrary:
    return catalogue_library()


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("audience", ["public", "government"])
@pytest.mark.parametrize("name", ["2018-baseline", "2022-follow_up"])
def test_golden(
    library: CatalogueLibrary, update_golden: bool, name: str, audience: str, lang: str, fmt: str
) -> None:
    text = render_profile_file(
        EXAMPLES / f"{name}.yaml", library, fmt=fmt, audience=audience, lang=lang,
        today=date(2026, 1, 1),
    )  # fmt: skip
    golden = GOLDEN / f"{name}.{audience}.{lang}.{fmt}"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), f"{golden} is missing: run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs"


def _check(update_golden: bool, golden: Path, text: str) -> None:
    if update_golden:
        golden.write_text(text, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), f"{golden} is missing: run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs"


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("audience", ["public", "government"])
def test_golden_local(
    library: CatalogueLibrary, update_golden: bool, audience: str, lang: str, fmt: str
) -> None:
    text = render_profile_file(
        PORT_SELEN, library, fmt=fmt, audience=audience, lang=lang, today=date(2026, 1, 1),
        compare_national=True,
    )  # fmt: skip
    _check(update_golden, GOLDEN / f"port-selen-2021-baseline.{audience}.{lang}.{fmt}", text)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("audience", ["public", "government"])
def test_golden_context_specific(
    library: CatalogueLibrary, update_golden: bool, audience: str, fmt: str
) -> None:
    text = render_profile_file(
        WITH_CONTEXT, library, fmt=fmt, audience=audience, lang="en", today=date(2026, 1, 1)
    )
    _check(update_golden, GOLDEN / f"XAM-2022-follow_up-context.{audience}.en.{fmt}", text)
