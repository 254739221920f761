"""The GitHub Pages workflow `mgi init` writes beside the validation workflow: it
parses, builds with `mgi site build` and deploys with the official Pages actions; its
build step, run as GitHub runs it, makes a site from a scaffolded repository."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from mgi_cli.commands.common import catalogue_library
from mgi_cli.repository.scaffold import InitOptions, init_repository
from tests.repository.test_workflow import _commands, _load, _mgi_calls

PAGES = ".github/workflows/pages.yml"


def test_the_pages_workflow_builds_the_site_and_deploys_it(tmp_path: Path) -> None:
    init_repository(tmp_path, catalogue_library().default("national"), date.today(), InitOptions())
    workflow = _load(tmp_path / PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses[-1] == "actions/upload-pages-artifact"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["needs"] == "build"
    [step] = [s for s in build["steps"] if s.get("name") == "Build the site"]
    assert _mgi_calls(step["run"]) == [["site", "build", "-o", "_site"]]
    assert {"-o"} <= _commands()[("site", "build")]
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The scaffold's example is a draft: the site has its pages and no profile.
    assert (tmp_path / "_site" / "en" / "index.html").is_file()
    assert not list((tmp_path / "_site").glob("*/XAA"))
