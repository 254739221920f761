"""The real pre-commit tool runs mgi's hooks: passing on a valid matrix, failing with the
location on an invalid one (mgi-validate), rewriting a file out of layout (mgi-fmt, which
stops the commit as ruff-format's hook does) or only naming it (mgi-fmt-check).

- a config naming this checkout as `repo:` at its HEAD commit installs mgi from that
  commit into pre-commit's own environment (pip may fetch the dependencies from PyPI),
  then runs the hooks of `.pre-commit-hooks.yaml` one by one (`pre-commit try-repo` does
  the same in one step; one environment per test keeps the suite short);
- the `.pre-commit-config.yaml` that `mgi init` writes installs mgi from `--install`
  (here: this checkout at HEAD) and runs the same hooks.

Each skips, saying why, where pip cannot reach a package index for mgi's dependencies.
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
    """A scaffolded repository: a valid matrix, an invalid one, one out of layout; committed.

    Its pre-commit config installs mgi from this checkout's HEAD commit."""
    root = tmp_path / "data"
    # Pinned to the catalogue the example answers, so the valid matrix has no warning.
    library = catalogue_library()
    pinned = library.get("mgi-national@1.0")
    assert pinned is not None
    head, _ = _checkout_head()
    options = InitOptions(install=f"git+file://{ROOT}@{head}")
    init_repository(root, pinned, date.today(), options)
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


def _offline(done: subprocess.CompletedProcess[str]) -> None:
    """Skips when pre-commit could not build mgi's environment for want of an index."""
    ran = re.search(r"^mgi validate\.+(Passed|Failed)$", done.stdout, re.MULTILINE)
    if not ran and any(word in done.stdout + done.stderr for word in _OFFLINE):
        pytest.skip("pip cannot reach a package index to install mgi's dependencies")


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


@pytest.mark.slow
def test_this_checkout_as_hook_repository_fixes_or_checks(data_repo: Path, tmp_path: Path) -> None:
    """`repo:` this checkout at its HEAD commit, as a user's config names a published hook
    repository: mgi-validate passes a valid matrix and fails an invalid one at its
    location; mgi-fmt-check names the file out of layout and changes nothing; mgi-fmt
    rewrites it, and says so; a second commit attempt passes."""
    head, hooks = _checkout_head()
    if "mgi-fmt-check" not in hooks:
        pytest.skip("HEAD's .pre-commit-hooks.yaml predates mgi-fmt-check")
    assert hooks == ["mgi-validate", "mgi-fmt", "mgi-fmt-check"]
    config = tmp_path / "hooks-from-checkout.yaml"
    config.write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n"
        "      - id: mgi-validate\n      - id: mgi-fmt\n      - id: mgi-fmt-check\n",
        encoding="utf-8",
    )
    env = _environment(tmp_path)

    def run(hook: str, *files: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["pre-commit", "run", hook, "--config", str(config),
             "--files", *(files or (VALID, UNFORMATTED))],
            cwd=data_repo, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        _offline(done)
        return done

    passing = run("mgi-validate", VALID)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"^mgi validate\.+Passed$", passing.stdout, re.MULTILINE), passing.stdout
    failing = run("mgi-validate", VALID, INVALID)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert _expected_failure(data_repo) in failing.stdout
    assert f"{VALID}:" not in failing.stdout
    before = (data_repo / UNFORMATTED).read_bytes()
    checked = run("mgi-fmt-check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert re.search(
        r"^mgi fmt --check \(mgi fmt FILE fixes a file\)\.+Failed$", checked.stdout, re.MULTILINE
    ), checked.stdout
    assert f"would reformat {UNFORMATTED}\n" in checked.stdout
    assert (data_repo / UNFORMATTED).read_bytes() == before
    fixed = run("mgi-fmt")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert re.search(r"^mgi fmt\.+Failed$", fixed.stdout, re.MULTILINE), fixed.stdout
    assert "- files were modified by this hook" in fixed.stdout
    assert f"reformatted {UNFORMATTED}\n" in fixed.stdout
    assert (data_repo / UNFORMATTED).read_bytes() != before
    assert run("mgi-fmt").returncode == 0
    assert run("mgi-fmt-check").returncode == 0


@pytest.mark.slow
def test_the_scaffolded_config_runs_the_hooks(data_repo: Path, tmp_path: Path) -> None:
    env = _environment(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["pre-commit", "run", *args], cwd=data_repo, env=env, capture_output=True,
            text=True, timeout=600, check=False,
        )  # fmt: skip
        _offline(done)
        return done

    passing = run("--files", VALID)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"^mgi validate\.+Passed$", passing.stdout, re.MULTILINE), passing.stdout
    assert re.search(r"^mgi fmt\.+Passed$", passing.stdout, re.MULTILINE), passing.stdout
    failing = run("--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert _expected_failure(data_repo) in failing.stdout
    # mgi-fmt rewrites the file out of layout (and fails, so the commit stops).
    assert f"reformatted {UNFORMATTED}\n" in failing.stdout
    assert "- files were modified by this hook" in failing.stdout
    # Files outside matrices/ are not the hooks' business.
    (data_repo / "notes.yaml").write_text("not: [valid\n", encoding="utf-8")
    _git(data_repo, "add", "notes.yaml")
    skipped = run("--files", "notes.yaml")
    assert skipped.returncode == 0
    assert "(no files to check)Skipped" in skipped.stdout
