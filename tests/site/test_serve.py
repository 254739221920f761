"""`mgi site serve`'s core: builds, serves on 127.0.0.1 (an ephemeral port), rebuilds
when a watched file changes, and stops when told; every wait is bounded."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgi_cli.cli import app
from mgi_cli.site.serve import HOST, serve_site
from tests.site.test_build import published_examples


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def test_serves_the_site_and_rebuilds_on_change(tmp_path: Path) -> None:
    source = tmp_path / "matrix.yaml"
    source.write_text("one\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    builds: list[str] = []
    rebuilt = threading.Event()

    def rebuild() -> None:
        text = source.read_text(encoding="utf-8")
        (out / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
        builds.append(text)
        if len(builds) > 1:
            rebuilt.set()

    urls: list[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    stop = threading.Event()
    thread = threading.Thread(
        target=serve_site,
        args=(out, rebuild, [source]),
        kwargs={"port": 0, "interval": 0.05, "on_ready": on_ready, "stop": stop},
    )
    thread.start()
    try:
        assert ready.wait(10)
        assert urls[0].startswith(f"http://{HOST}:")
        assert fetch(urls[0] + "index.html") == "<p>one\n</p>"
        source.write_text("two, longer\n", encoding="utf-8")
        assert rebuilt.wait(10)
        assert fetch(urls[0] + "index.html") == "<p>two, longer\n</p>"
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert builds == ["one\n", "two, longer\n"]


def test_serve_search_without_pagefind_is_refused_before_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mgi site serve --search` builds first, as `site build --search` does: without
    Pagefind it stops with exit 1, writing nothing and serving nothing."""
    matrices = published_examples(tmp_path)
    monkeypatch.chdir(tmp_path)  # no node_modules here or above
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    result = CliRunner().invoke(
        app,
        ["site", "serve", str(matrices), "-o", str(tmp_path / "out"), "--search", "--port", "0"],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 1
    assert "--search needs Pagefind, and it is not installed here" in result.stderr
    assert not (tmp_path / "out").exists()
