"""`mgi diff PATH@REV`: sides read through git, in a temporary repository, work tree untouched."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.diff.sides import SideSpec, parse_side

DATA = Path(__file__).resolve().parents[1] / "diff_data"
CATALOGUES = [
    arg for name in ("difftest-1.0.yaml", "difftest-2.0.yaml")
    for arg in ("--catalogue", str(DATA / name))
]  # fmt: skip
FOLLOW = "matrices/XDT/2022-follow_up.yaml"
BASE = "matrices/XDT/2018-baseline.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
         "-c", "commit.gpgsign=false", "-C", str(repo), *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Commit 1: baseline and follow-up. Commit 2: the baseline's T1.02 becomes partial."""
    root = tmp_path / "repo"
    folder = root / "matrices" / "XDT"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "XDT-2018-baseline.yaml", root / BASE)
    text = (DATA / "XDT-2022-follow_up.yaml").read_text(encoding="utf-8")
    (root / FOLLOW).write_text(text.replace("XDT-2018-baseline.yaml", "2018-baseline.yaml"))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    baseline = (root / BASE).read_text(encoding="utf-8")
    (root / BASE).write_text(baseline.replace('answer: "yes"', "answer: partial", 1))
    git(root, "commit", "-q", "-am", "second")
    return root


def _json(mgi: Callable[..., Result], *args: str) -> dict[str, object]:
    result = mgi("diff", *args, "--format", "json", *CATALOGUES)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _change(data: dict[str, object], indicator: str) -> dict[str, object]:
    changes = data["changes"]
    assert isinstance(changes, list)
    return next(c for c in changes if c["indicator"] == indicator)


def test_a_work_tree_edit_against_head(
    mgi: Callable[..., Result], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    edited = (
        (repo / FOLLOW)
        .read_text(encoding="utf-8")
        .replace('  T2.01:\n    answer: "yes"', "  T2.01:\n    answer: partial")
    )
    (repo / FOLLOW).write_text(edited)
    status = git(repo, "status", "--porcelain")
    data = _json(mgi, f"{FOLLOW}@HEAD", FOLLOW, "--only", "changed")
    assert data["baseline"] == f"{FOLLOW}@HEAD"
    assert [
        (c["indicator"], c["kind"], c["before"], c["after"], c["direction"])
        for c in data["changes"]
    ] == [("T2.01", "answer_changed", "yes", "partial", "regression")]
    assert git(repo, "status", "--porcelain") == status  # work tree and index untouched
    assert (repo / FOLLOW).read_text(encoding="utf-8") == edited


def test_the_baseline_is_read_at_the_same_revision(
    mgi: Callable[..., Result], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / BASE).unlink()  # gone from the work tree: only git has it
    monkeypatch.chdir(repo / "matrices")
    follow = "XDT/2022-follow_up.yaml"
    then = _json(mgi, f"{follow}@HEAD~1")
    now = _json(mgi, f"{follow}@HEAD")
    assert then["baseline"] == "XDT/2018-baseline.yaml@HEAD~1"
    assert (_change(then, "T1.01")["before"], _change(now, "T1.01")["before"]) == (
        "partial", "partial",
    )  # fmt: skip
    assert (_change(then, "T1.02")["before"], _change(now, "T1.02")["before"]) == ("yes", "partial")


def test_absolute_paths_from_outside_the_repository(
    mgi: Callable[..., Result], repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    data = _json(mgi, f"{repo / BASE}@HEAD~1", f"{repo / BASE}@HEAD", "--only", "changed")
    assert [(c["indicator"], c["before"], c["after"]) for c in data["changes"]] == [
        ("T1.02", "yes", "partial")
    ]


def test_unknown_revisions_and_files_outside_git_exit_2(
    mgi: Callable[..., Result], repo: Path, tmp_path: Path
) -> None:
    unknown = mgi("diff", f"{repo / FOLLOW}@no-such-branch", *CATALOGUES)
    assert unknown.exit_code == 2
    assert "no-such-branch" in unknown.stderr
    loose = tmp_path / "loose.yaml"
    loose.write_text("x: 1\n")
    assert mgi("diff", f"{loose}@HEAD", *CATALOGUES).exit_code == 2


def test_parse_side(tmp_path: Path) -> None:
    assert parse_side("m.yaml@main") == SideSpec(Path("m.yaml"), "main")
    assert parse_side("m.yaml@HEAD~2") == SideSpec(Path("m.yaml"), "HEAD~2")
    assert parse_side("m.yaml@main@{1}") == SideSpec(Path("m.yaml"), "main@{1}")
    assert parse_side("m.yaml") == SideSpec(Path("m.yaml"))
    assert parse_side("m.yaml@") == SideSpec(Path("m.yaml@"))
    odd = tmp_path / "a@b.yaml"
    odd.write_text("")
    assert parse_side(str(odd)) == SideSpec(odd)  # an existing file is a path
    assert parse_side(f"{odd}@HEAD") == SideSpec(odd, "HEAD")
    assert SideSpec(Path("x/m.yaml"), "main").sibling("../b.yaml") == SideSpec(
        Path("b.yaml"), "main"
    )
