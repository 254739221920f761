"""Where `mgi init` says to install mgi from: mgi's git repository at this version's tag."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from mgi_cli import __version__
from mgi_cli.repository import install_source
from mgi_cli.repository.install_source import PLACEHOLDER, default_install, mgi_repository_url


class _Distribution:
    def __init__(self, direct: dict[str, Any] | None, urls: list[str]) -> None:
        self.direct = direct
        self.metadata = {"Project-URL": urls}

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return json.dumps(self.direct) if self.direct is not None else None


class _Metadata:
    def __init__(self, urls: list[str]) -> None:
        self.urls = urls

    def get_all(self, name: str) -> list[str]:
        assert name == "Project-URL"
        return self.urls


def _installed(monkeypatch: pytest.MonkeyPatch, direct: Any, urls: list[str]) -> None:
    distribution = _Distribution(direct, urls)
    distribution.metadata = _Metadata(urls)  # type: ignore[assignment]
    monkeypatch.setattr(metadata, "distribution", lambda name: distribution)


def test_a_pip_install_from_git_names_its_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    direct = {"url": "https://git.example.org/mgi.git", "vcs_info": {"vcs": "git"}}
    _installed(monkeypatch, direct, ["Repository, https://elsewhere.example/mgi"])
    assert mgi_repository_url() == "https://git.example.org/mgi.git"
    assert default_install() == f"git+https://git.example.org/mgi.git@v{__version__}"


def test_the_project_metadata_names_it_next(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, None, ["Documentation, https://d.example", "Source, https://s.example"])
    assert mgi_repository_url() == "https://s.example"


def test_an_editable_clone_names_its_origin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    direct = {"url": tmp_path.as_uri(), "dir_info": {"editable": True}}
    _installed(monkeypatch, direct, [])
    calls: list[tuple[Path, tuple[str, ...]]] = []

    def run_git(folder: Path, *args: str, what: str) -> bytes:
        calls.append((folder, args))
        return b"https://git.example.org/mgi\n"

    monkeypatch.setattr("mgi_cli.files.git.run_git", run_git)
    assert mgi_repository_url() == "https://git.example.org/mgi"
    assert calls == [(tmp_path, ("remote", "get-url", "origin"))]


def test_unknown_the_placeholder_docs_install_md_explains(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(install_source, "mgi_repository_url", lambda: None)
    assert default_install() == f"git+{PLACEHOLDER}@v{__version__}"
    assert PLACEHOLDER in (Path(__file__).parents[2] / "docs" / "install.md").read_text("utf-8")
