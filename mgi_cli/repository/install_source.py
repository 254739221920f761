"""Where `mgi init`'s CI workflow and pre-commit config install mgi from.

mgi is not published on a package index, so ``mgi-cli==VERSION`` would fail: the
default is mgi's git repository at the tag of the running version,
``git+<url>@v<version>``. The address is the one this mgi was installed from (pip
records it for ``pip install git+URL``), else the project's metadata, else the
``origin`` of the clone an editable install runs from; else ``<mgi-repo-url>``,
which `mgi init` says to replace (docs/install.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from mgi_cli import __version__

PLACEHOLDER = "<mgi-repo-url>"
#: Project-URL labels that name the source repository, in order of preference.
_LABELS = ("repository", "source", "source code", "homepage")


def default_install(url: str | None = None) -> str:
    """A pip requirement for this version of mgi from its git repository."""
    return f"git+{url or mgi_repository_url() or PLACEHOLDER}@v{__version__}"


def mgi_repository_url() -> str | None:
    """The address of mgi's git repository, as far as this installation tells."""
    from importlib import metadata

    try:
        distribution = metadata.distribution("mgi-cli")
    except metadata.PackageNotFoundError:
        return None
    direct = _direct_url(distribution.read_text("direct_url.json"))
    if direct is not None and direct.get("vcs_info", {}).get("vcs") == "git":
        return str(direct["url"]).removeprefix("git+")
    for entry in distribution.metadata.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in _LABELS and url.strip():
            return str(url).strip()
    if direct is not None and direct.get("dir_info", {}).get("editable"):
        return _origin(str(direct.get("url", "")))
    return None


def _direct_url(text: str | None) -> dict[str, Any] | None:
    try:
        found = json.loads(text) if text else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _origin(file_url: str) -> str | None:
    """The ``origin`` remote of the clone at a ``file://`` URL, if it has one."""
    from mgi_cli.errors import MgiError
    from mgi_cli.files.git import run_git

    parsed = urlparse(file_url)
    if parsed.scheme != "file":
        return None
    try:
        out = run_git(Path(unquote(parsed.path)), "remote", "get-url", "origin", what="origin")
    except MgiError:  # no git, no remote: the placeholder, and init says so
        return None
    url = out.decode("utf-8", "replace").strip()
    return url or None
