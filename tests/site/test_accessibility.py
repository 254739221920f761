"""The site in a real browser: axe-core finds no serious or critical violation on the
index, a country page, the catalogue and a profile.

Playwright drives the system's Chromium (never a downloaded one); axe-core comes from
node_modules (package.json; `.ci/run` runs `npm ci`). Skipped with the reason where
either is missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.site.test_build import build, published_examples

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
PAGES = ("en/index.html", "fr/XAM/index.html", "es/catalogue.html", "en/XAM/2022-follow_up.html",
         "pt/XAM/2018-baseline.html", "en/summary.html")  # fmt: skip

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed at /usr/bin"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)"),
]


def violations(out: Path, pages: tuple[str, ...] = PAGES) -> dict[str, list[dict[str, Any]]]:
    sync_api = pytest.importorskip("playwright.sync_api")
    found: dict[str, list[dict[str, Any]]] = {}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        try:
            # The pages forbid every script (their CSP); axe is the test's, not the site's.
            page = browser.new_context(bypass_csp=True).new_page()
            for name in pages:
                page.goto((out / name).as_uri())
                page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
                result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
                found[name] = [
                    {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
                    for v in json.loads(result)["violations"]
                ]
        finally:
            browser.close()
    return found


def test_no_serious_or_critical_violation(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(published_examples(tmp_path), out)
    found = violations(out)
    assert set(found) == set(PAGES)
    serious = {
        name: [v for v in items if v["impact"] in ("serious", "critical")]
        for name, items in found.items()
    }
    assert serious == {name: [] for name in PAGES}


PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"


@pytest.mark.skipif(not PAGEFIND.is_file(), reason="Pagefind is not installed (npm ci)")
def test_the_search_page_has_no_serious_or_critical_violation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With Pagefind's search box running in it (its own markup, labelled by the page)."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    build(published_examples(tmp_path), out, languages=("en", "fr"), search=True)
    found = violations(out, ("fr/search.html", "en/index.html"))
    serious = {
        name: [v for v in items if v["impact"] in ("serious", "critical")]
        for name, items in found.items()
    }
    assert serious == {"fr/search.html": [], "en/index.html": []}
