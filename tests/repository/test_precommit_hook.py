"""The real pre-commit tool runs mgi's hooks: passing on a valid matrix, failing with the
location on an invalid one (mgi-validate) and naming a file out of layout (mgi-fmt).

- `pre-commit try-repo <this checkout>` installs mgi from the checkout's HEAD commit
  into pre-commit's own environment (pip may fetch the dependencies from PyPI), then
  runs the hooks of `.pre-commit-hooks.yaml`;
- the `.pre-commit-config.yaml` that `mgi init` writes runs the same hooks with the
  mgi installed here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mgi_cli.commands.common import catalogue_library
from mgi_cli.repository.scaffold import InitOptions, init_repository

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "examples" / "matrices" / "XAM" / "2018-baseline.yaml"
VALID = "matrices/XAM/2018-baseline.yaml"
INVALID = "matrices/XAB/2018-baseline.yaml"
UNFORMATTED = "matrices/XAC/2018-baseline.yaml"
#: pip's words when it cannot reach an index: the test cannot run here, it did not fail.
_OFFLINE = (
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "No matching distribution found",
    "Could not find a version that satisfies",
)

pytestmark = pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None,
    reason="needs the pre-commit tool (the test extra) and git",
)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
         *args],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def _invalid_line(text: str) -> int:
    return text.splitlines().index("    answer: maybe") + 1


@pytest.fixture
def data_repo(tmp_path: Path) -> Path:
    """A scaffolded repository: a valid matrix, an invalid one, one out of layout; committed."""
    root = tmp_path / "data"
    # Pinned to the catalogue the example answers, so the valid matrix has no warning.
    library = catalogue_library()
    pinned = library.get("mgi-national@1.0")
    assert pinned is not None
    init_repository(root, pinned, date.today(), InitOptions())
    shutil.rmtree(root / "matrices" / "XAA")
    (root / VALID).parent.mkdir()
    shutil.copy(BASELINE, root / VALID)
    subprocess.run([sys.executable, "-m", "mgi_cli", "fmt", str(root / VALID)], check=True,
                   capture_output=True)  # fmt: skip
    formatted = (root / VALID).read_text(encoding="utf-8")
    # The first answer made invalid.
    invalid = formatted.replace("country: XAM", "country: XAB", 1)
    invalid = invalid.replace("    answer: yes", "    answer: maybe", 1)
    (root / INVALID).parent.mkdir()
    (root / INVALID).write_text(invalid, encoding="utf-8")
    # Valid, but out of layout: `status` moved to the top.
    lines = formatted.replace("country: XAM", "country: XAC", 1).split("\n")
    status = next(n for n, text in enumerate(lines) if text.startswith("status:"))
    lines.insert(0, lines.pop(status))
    (root / UNFORMATTED).parent.mkdir()
    (root / UNFORMATTED).write_text("\n".join(lines), encoding="utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "mgi_cli", "fmt", "--check", str(root / UNFORMATTED)],
        capture_output=True, check=False,
    )  # fmt: skip
    assert check.returncode == 1, "the out-of-layout matrix should need mgi fmt"
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "matrices")
    return root


def _environment(tmp_path: Path) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "NO_COLOR", "PRE_COMMIT_COLOR")
    }  # fmt: skip
    # The mgi of this test run first on PATH, for the `language: system` hook.
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}"
    environment["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    environment["PRE_COMMIT_COLOR"] = "never"
    return environment


def _expected_failure(root: Path) -> str:
    line = _invalid_line((root / INVALID).read_text(encoding="utf-8"))
    return f"{INVALID}:{line}:13: error invalid-answer "


def _checkout_head() -> tuple[str, list[str]]:
    """The commit pre-commit installs mgi from, and its hooks; skips outside a git checkout."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "HEAD"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout with a commit; try-repo needs one")
    head = done.stdout.strip()
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{head}:.pre-commit-hooks.yaml"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if listed.returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed in this checkout's HEAD")
    return head, re.findall(r"^- id: (\S+)$", listed.stdout, re.MULTILINE)


def _try_repo(
    root: Path, head: str, env: dict[str, str], *files: str
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "--ref", head, "--files", *files],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    hook_ran = "mgi validate....." in done.stdout
    if not hook_ran and any(word in done.stdout + done.stderr for word in _OFFLINE):
        pytest.skip("pip cannot reach a package index to install mgi's dependencies")
    return done


@pytest.mark.slow
def test_try_repo_runs_the_published_hooks(data_repo: Path, tmp_path: Path) -> None:
    head, hooks = _checkout_head()
    assert "mgi-validate" in hooks
    env = _environment(tmp_path)
    passing = _try_repo(data_repo, head, env, VALID)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"^mgi validate\.+Passed$", passing.stdout, re.MULTILINE), passing.stdout
    failing = _try_repo(data_repo, head, env, VALID, INVALID, UNFORMATTED)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert re.search(r"^mgi validate\.+Failed$", failing.stdout, re.MULTILINE), failing.stdout
    assert _expected_failure(data_repo) in failing.stdout
    assert f"{VALID}:" not in failing.stdout
    if "mgi-fmt" in hooks:  # from the commit that added it
        assert re.search(r"^mgi fmt\.+Failed$", failing.stdout, re.MULTILINE), failing.stdout
        assert f"would reformat {UNFORMATTED}\n" in failing.stdout
        assert re.search(r"^mgi fmt\.+Passed$", passing.stdout, re.MULTILINE), passing.stdout


def test_the_scaffolded_config_runs_the_hooks(data_repo: Path, tmp_path: Path) -> None:
    env = _environment(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pre-commit", "run", *args], cwd=data_repo, env=env, capture_output=True,
            text=True, timeout=120, check=False,
        )  # fmt: skip

    passing = run("--files", VALID)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"^mgi validate\.+Passed$", passing.stdout, re.MULTILINE), passing.stdout
    assert re.search(r"^mgi fmt\.+Passed$", passing.stdout, re.MULTILINE), passing.stdout
    failing = run("--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert _expected_failure(data_repo) in failing.stdout
    assert f"would reformat {UNFORMATTED}\n" in failing.stdout
    # Files outside matrices/ are not the hooks' business.
    (data_repo / "notes.yaml").write_text("not: [valid\n", encoding="utf-8")
    _git(data_repo, "add", "notes.yaml")
    skipped = run("--files", "notes.yaml")
    assert skipped.returncode == 0
    assert "(no files to check)Skipped" in skipped.stdout
