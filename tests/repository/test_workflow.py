"""The GitHub Actions workflow `mgi init` writes: it parses, calls only what exists, and runs.

The dry run executes the workflow's own `run:` lines with bash, as GitHub does
(`shell: bash` is `bash -eo pipefail`), in a scaffolded repository made to look like
a pull request: GitHub's variables are set, `origin/main` is the base branch.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from ruamel.yaml import YAML

from mgi_cli.cli import app
from mgi_cli.commands.common import catalogue_library
from mgi_cli.repository.scaffold import InitOptions, init_repository

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "matrices" / "XAM"
WORKFLOW = ".github/workflows/mgi.yml"


def _load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


@pytest.fixture
def scaffold(tmp_path: Path) -> Path:
    catalogue = catalogue_library().default("national")
    init_repository(tmp_path, catalogue, date.today(), InitOptions())
    return tmp_path


def _steps(root: Path) -> list[dict[str, Any]]:
    workflow = _load(root / WORKFLOW)
    [job] = workflow["jobs"].values()
    assert job["defaults"]["run"]["shell"] == "bash"
    return list(job["steps"])


def test_the_workflow_parses(scaffold: Path) -> None:
    workflow = _load(scaffold / WORKFLOW)
    assert workflow["name"] == "mgi"
    # YAML 1.2 (as GitHub reads it): `on` is a key, not the boolean true.
    assert set(workflow["on"]) == {"pull_request", "push", "workflow_dispatch"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    names = [s.get("name") or s["uses"].split("@")[0] for s in _steps(scaffold)]
    assert names == [
        "actions/checkout", "actions/setup-python", "Install mgi", "Validate", "Layout",
        "Changes since the baseline", "Render profiles", "actions/upload-artifact",
    ]  # fmt: skip


def _commands() -> dict[tuple[str, ...], set[str]]:
    """Every mgi command path, with the options it takes."""
    found: dict[tuple[str, ...], set[str]] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        found[path] = {o for p in command.params for o in getattr(p, "opts", [])}
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def _mgi_calls(script: str) -> list[list[str]]:
    calls = []
    for line in script.splitlines():
        for match in re.finditer(r"(?:^|[\s;|&(])mgi\s+([^;|&)>]*)", line):
            calls.append(shlex.split(match.group(1), comments=True))
    return calls


def test_the_workflow_calls_only_commands_and_options_that_exist(scaffold: Path) -> None:
    commands = _commands()
    calls = [call for step in _steps(scaffold) for call in _mgi_calls(step.get("run", ""))]
    assert len(calls) == 4
    for call in calls:
        path: tuple[str, ...] = ()
        words = call
        while words and (*path, words[0]) in commands:
            path, words = (*path, words[0]), words[1:]
        assert path, f"mgi {' '.join(call)}: no such command"
        assert not any(p[: len(path)] == path and p != path for p in commands), f"{path}: a group"
        options = {word.split("=")[0] for word in words if word.startswith("-")}
        assert options <= commands[path], f"mgi {' '.join(path)}: unknown {options}"
    assert {tuple(c[:2]) for c in calls} == {
        ("validate", "--format"), ("fmt", "--check"), ("diff", "$follow_up"),
        ("render", "profile"),
    }  # fmt: skip


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
         *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


def _run_step(
    root: Path, step: dict[str, Any], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    step_env = {
        key: str(value).replace("${{ github.base_ref }}", env["GITHUB_BASE_REF"])
        for key, value in step.get("env", {}).items()
    }
    assert "${{" not in step["run"], "GitHub expressions belong in env:, not in scripts"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=root, env={**env, **step_env}, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip


@pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)
def test_a_dry_run_of_the_workflow_passes(scaffold: Path, tmp_path: Path) -> None:
    """Every step but the install, on a pull request adding a follow-up."""
    local = "matrices/XAM/local/port-selen/2021-baseline.yaml"
    (scaffold / local).parent.mkdir(parents=True)
    shutil.copy(EXAMPLES / "2018-baseline.yaml", scaffold / "matrices/XAM/2018-baseline.yaml")
    shutil.copy(EXAMPLES / "local/port-selen/2021-baseline.yaml", scaffold / local)
    _git(scaffold, "init", "-q", "-b", "main")
    _git(scaffold, "add", "-A")
    _git(scaffold, "commit", "-q", "-m", "base")
    _git(scaffold, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(scaffold, "checkout", "-q", "-b", "pull-request")
    shutil.copy(EXAMPLES / "2022-follow_up.yaml", scaffold / "matrices/XAM/2022-follow_up.yaml")
    _git(scaffold, "add", "-A")
    _git(scaffold, "commit", "-q", "-m", "follow-up")
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        # The mgi of this test run, as the workflow's install step would provide.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary),
    }  # fmt: skip
    ran = []
    for step in _steps(scaffold):
        if "run" not in step or step.get("name") == "Install mgi":
            continue
        done = _run_step(scaffold, step, env)
        assert done.returncode == 0, f"{step['name']}: {done.stdout}\n{done.stderr}"
        ran.append(step["name"])
        if step["name"] == "Validate":
            # A new repository pins the newest catalogue (mgi-national@1.1): the two
            # copied examples that answer 1.0 are each warned about once.
            assert done.stdout.endswith("OK: 4 files checked, 96 warnings\n")
            assert done.stdout.count("title=catalogue-not-pinned::") == 2
            assert "::error" not in done.stdout
        # Every follow-up compared, every matrix rendered: no warning from those steps.
        assert "::warning" not in done.stdout or step["name"] == "Validate", done.stdout
        if step["name"] == "Layout":  # the copied examples are in mgi fmt's layout
            assert done.stdout == "0 file(s) would be reformatted, 4 unchanged\n"
    assert ran == ["Validate", "Layout", "Changes since the baseline", "Render profiles"]
    # The job summary holds the diff of the one changed follow-up.
    text = summary.read_text(encoding="utf-8")
    assert "XAM" in text or "Xamaria" in text
    assert text.count("\n") > 10
    profiles = sorted(str(p.relative_to(scaffold)) for p in (scaffold / "profiles").rglob("*"))
    year = date.today().year
    assert profiles == [
        "profiles/XAA", f"profiles/XAA/{year}-baseline.html",
        "profiles/XAM", "profiles/XAM/2018-baseline.html", "profiles/XAM/2022-follow_up.html",
        "profiles/XAM/local", "profiles/XAM/local/port-selen",
        "profiles/XAM/local/port-selen/2021-baseline.html",
    ]  # fmt: skip
    assert (scaffold / "profiles/XAM/2022-follow_up.html").read_text().startswith("<!DOCTYPE")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_layout_step_fails_the_job_on_a_matrix_out_of_layout(scaffold: Path) -> None:
    [example] = (scaffold / "matrices").rglob("*.yaml")
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("\ntitle: Example", "\ntitle:    Example"), "utf-8")
    [layout] = [s for s in _steps(scaffold) if s.get("name") == "Layout"]
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "CI": "true", "GITHUB_ACTIONS": "true",
    }  # fmt: skip
    done = _run_step(scaffold, layout, env)
    assert done.returncode == 1
    relative = example.relative_to(scaffold)
    assert done.stdout == (
        f"would reformat {relative}\n1 file(s) would be reformatted, 0 unchanged\n"
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_validate_step_fails_the_job_on_an_error(scaffold: Path) -> None:
    broken = scaffold / "matrices" / "XAB" / "2019-baseline.yaml"
    broken.parent.mkdir()
    broken.write_text("format: mgi-matrix/1\ncountry: XAB\n", encoding="utf-8")
    [validate] = [s for s in _steps(scaffold) if s.get("name") == "Validate"]
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "main",
    }  # fmt: skip
    done = _run_step(scaffold, validate, env)
    assert done.returncode == 1
    assert "::error file=matrices/XAB/2019-baseline.yaml,line=1,col=1,title=missing-key::" in (
        done.stdout
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_matrix_that_cannot_be_rendered_is_a_warning(scaffold: Path) -> None:
    broken = scaffold / "matrices" / "XAB" / "2019-baseline.yaml"
    broken.parent.mkdir()
    broken.write_text("format: mgi-matrix/1\ncountry: XAB\n", encoding="utf-8")
    [render] = [s for s in _steps(scaffold) if s.get("name") == "Render profiles"]
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    done = _run_step(scaffold, render, env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "::warning file=matrices/XAB/2019-baseline.yaml::"
        "mgi render profile could not render this matrix\n"
    )
    year = date.today().year
    assert (scaffold / f"profiles/XAA/{year}-baseline.html").is_file()
