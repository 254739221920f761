"""`mgi validate --changed-since REF`: what changed, plus the follow-ups of changed baselines."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.validate.changed import baseline_of

Mgi = Callable[..., Result]
TESTS = Path(__file__).resolve().parents[1]
VALID = TESTS / "matrices" / "valid"
BASELINE = VALID / "xam-2018-baseline.yaml"
FOLLOW_UP = VALID / "xam-2022-follow-up.yaml"
LOCAL = VALID / "xam-local-2015-baseline.yaml"
CATALOGUES = [TESTS / "catalogues" / "mini-1.0.yaml", TESTS / "catalogues" / "mini-local-1.0.yaml"]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def write_config(root: Path) -> None:
    # catalogue-files must stay inside the repository: copy the test catalogues in.
    (root / "catalogues").mkdir(parents=True, exist_ok=True)
    for catalogue in CATALOGUES:
        shutil.copyfile(catalogue, root / "catalogues" / catalogue.name)
    files = ", ".join(json.dumps(f"catalogues/{c.name}") for c in CATALOGUES)
    (root / "mgi.toml").write_text(
        f'catalogue = "mini@1.0"\ncatalogue-files = [{files}]\n', encoding="utf-8"
    )


def put(root: Path, relative: str, source: Path, **keys: str) -> Path:
    """Copy ``source`` to ``root/relative``, replacing top-level ``key: value`` lines."""
    text = source.read_text(encoding="utf-8")
    for key, value in keys.items():
        text, count = re.subn(rf"^{key}: .*$", f"{key}: {value}", text, flags=re.MULTILINE)
        if not count:
            text = text.replace("\nanswers:", f"\n{key}: {value}\nanswers:")
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
         *args],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A committed repository: two countries, each a baseline and a follow-up, and a local one."""
    root = tmp_path / "repo"
    root.mkdir()
    write_config(root)
    for country in ("XAM", "XAB"):
        put(root, f"matrices/{country}/2018-baseline.yaml", BASELINE, country=country)
        put(root, f"matrices/{country}/2022-follow_up.yaml", FOLLOW_UP, country=country,
            baseline="2018-baseline.yaml")  # fmt: skip
    put(root, "matrices/XAM/local/port-xam/2015-baseline.yaml", LOCAL)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "matrices")
    monkeypatch.chdir(root)
    return root


def checked(mgi: Mgi, *args: str) -> tuple[int, list[str], list[tuple[str, str]]]:
    result = mgi("validate", "--format", "json", "--changed-since", *args)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return result.exit_code, report["files"], [(p["path"], p["code"]) for p in report["problems"]]


def test_nothing_changed(mgi: Mgi, repo: Path) -> None:
    assert checked(mgi, "HEAD") == (0, [], [])
    result = mgi("validate", "--format", "text", "--changed-since", "HEAD")
    assert result.exit_code == 0
    assert result.stdout == "OK: 0 files checked, 0 warnings (5 unchanged skipped)\n"


def test_an_edited_follow_up_alone(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAB/2022-follow_up.yaml", FOLLOW_UP, country="XAB",
        baseline="2018-baseline.yaml", title="Edited")  # fmt: skip
    assert checked(mgi, "HEAD") == (0, ["matrices/XAB/2022-follow_up.yaml"], [])


def test_a_changed_baseline_brings_its_follow_up(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE, assessed_on="2021-01-01")
    status, files, found = checked(mgi, "HEAD")
    assert files == ["matrices/XAM/2018-baseline.yaml", "matrices/XAM/2022-follow_up.yaml"]
    assert status == 1
    assert ("matrices/XAM/2018-baseline.yaml", "path-mismatch") in found
    assert ("matrices/XAM/2022-follow_up.yaml", "baseline-too-recent") in found
    text = mgi("validate", "--format", "text", "--changed-since", "HEAD").stdout
    assert text.endswith("in 1 of 2 files (3 unchanged skipped)\n")


def test_a_deleted_baseline_brings_its_follow_up(mgi: Mgi, repo: Path) -> None:
    git(repo, "rm", "-q", "matrices/XAM/2018-baseline.yaml")
    status, files, found = checked(mgi, "HEAD")
    assert (status, files) == (1, ["matrices/XAM/2022-follow_up.yaml"])
    assert found == [("matrices/XAM/2022-follow_up.yaml", "baseline-unreadable")]


def test_a_renamed_baseline_counts_as_changed(mgi: Mgi, repo: Path) -> None:
    git(repo, "mv", "matrices/XAB/2018-baseline.yaml", "matrices/XAB/2018-baseline.yml")
    status, files, found = checked(mgi, "HEAD")
    assert status == 1
    assert files == ["matrices/XAB/2018-baseline.yml", "matrices/XAB/2022-follow_up.yaml"]
    assert ("matrices/XAB/2022-follow_up.yaml", "baseline-unreadable") in found


def test_committed_staged_and_untracked_changes_all_count(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAB/2022-follow_up.yaml", FOLLOW_UP, country="XAB",
        baseline="2018-baseline.yaml", title="Committed")  # fmt: skip
    git(repo, "commit", "-q", "-am", "edit")
    put(repo, "matrices/XAM/local/port-xam/2015-baseline.yaml", LOCAL, title="Staged")
    git(repo, "add", "-A")
    put(repo, "matrices/XAC/2018-baseline.yaml", BASELINE, country="XAC")  # untracked
    (repo / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    put(repo, "matrices/ignored/2018-baseline.yaml", BASELINE)  # ignored: not a change
    status, files, _ = checked(mgi, "HEAD~1")
    assert files == [
        "matrices/XAB/2022-follow_up.yaml",
        "matrices/XAC/2018-baseline.yaml",
        "matrices/XAM/local/port-xam/2015-baseline.yaml",
    ]
    assert status == 0
    assert checked(mgi, "HEAD")[1] == [
        "matrices/XAC/2018-baseline.yaml",
        "matrices/XAM/local/port-xam/2015-baseline.yaml",
    ]


def test_a_new_duplicate_is_caught_against_unchanged_files(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2018-baseline-bis.yaml", BASELINE)
    _, files, found = checked(mgi, "HEAD")
    assert files == ["matrices/XAM/2018-baseline-bis.yaml"]
    assert found == [
        ("matrices/XAM/2018-baseline-bis.yaml", "path-mismatch"),
        ("matrices/XAM/2018-baseline-bis.yaml", "duplicate-assessment"),
    ]


def test_only_the_named_paths(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE, title="Edited")
    put(repo, "matrices/XAB/2018-baseline.yaml", BASELINE, country="XAB", title="Edited")
    result = mgi("validate", "--format", "text", "--changed-since", "HEAD", "matrices/XAB")
    assert result.stdout == "OK: 2 files checked, 0 warnings\n"
    assert checked(mgi, "HEAD", "matrices/XAB")[1] == [
        "matrices/XAB/2018-baseline.yaml",
        "matrices/XAB/2022-follow_up.yaml",
    ]


def test_from_a_subfolder_of_the_git_repository(
    mgi: Mgi, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(repo, "matrices/XAB/2018-baseline.yaml", BASELINE, country="XAB", title="Edited")
    monkeypatch.chdir(repo / "matrices" / "XAB")
    assert checked(mgi, "HEAD", ".")[1] == ["2018-baseline.yaml", "2022-follow_up.yaml"]
    assert checked(mgi, "HEAD")[1] == [
        "../XAB/2018-baseline.yaml", "../XAB/2022-follow_up.yaml"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("no-such-branch", "has no revision 'no-such-branch'"),
        ("HEAD~5", "has no revision 'HEAD~5'"),
        ("--output=x", "a revision cannot start with '-'"),
    ],
)
def test_an_unknown_revision_is_a_usage_error(mgi: Mgi, repo: Path, ref: str, message: str) -> None:
    result = mgi("validate", f"--changed-since={ref}")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (repo / "x").exists()


def test_outside_git_is_a_usage_error(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "nogit"
    put(root, "matrices/XAM/2018-baseline.yaml", BASELINE)
    write_config(root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = mgi("validate", "--changed-since", "HEAD")
    assert result.exit_code == 2
    assert "--changed-since needs a git repository" in result.stderr


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("baseline: 2018-baseline.yaml", "2018-baseline.yaml"),
        ("baseline: 2018-baseline.yaml   # the first one", "2018-baseline.yaml"),
        ("baseline: '../XAM/it''s.yaml'", "../XAM/it's.yaml"),
        ('baseline: "2018 baseline.yaml"', "2018 baseline.yaml"),
        ('baseline: "2018-baseline.yaml"  # quoted', "2018-baseline.yaml"),
        ("baseline: >-\n  2018-baseline.yaml", "2018-baseline.yaml"),
        ("baseline: null", None),
        ("baseline: ~", None),
        ("title: no baseline here", None),
        ("  baseline: nested.yaml", None),
    ],
)
def test_baseline_of(tmp_path: Path, line: str, expected: str | None) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(f"format: mgi-matrix/1\n{line}\nanswers: {{}}\n", encoding="utf-8")
    assert baseline_of(path) == expected
    path.write_text(f"{line}\n", encoding="utf-8")
    assert baseline_of(path) == expected


def test_a_change_seen_through_a_linked_folder(mgi: Mgi, repo: Path) -> None:
    """matrices/XAC links to archive/XAC: editing the real file changes the matrix."""
    put(repo, "archive/XAC/2018-baseline.yaml", BASELINE, country="XAC")
    (repo / "matrices" / "XAC").symlink_to(repo / "archive" / "XAC")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "linked")
    assert checked(mgi, "HEAD")[1] == []
    put(repo, "archive/XAC/2018-baseline.yaml", BASELINE, country="XAC", title="Edited")
    assert checked(mgi, "HEAD")[1] == ["matrices/XAC/2018-baseline.yaml"]


def test_named_paths_in_a_git_repository_without_mgi_toml(mgi: Mgi, repo: Path) -> None:
    """Checked file by file, but still only what changed."""
    git(repo, "rm", "-q", "mgi.toml")
    git(repo, "commit", "-q", "-m", "no settings")
    put(repo, "matrices/XAB/2018-baseline.yaml", BASELINE, country="XAB", title="Edited")
    catalogues = [a for c in CATALOGUES for a in ("--catalogue", str(c))]
    status, files, found = checked(mgi, "HEAD", *catalogues, "matrices")
    assert (status, found) == (0, [])
    assert files == ["matrices/XAB/2018-baseline.yaml", "matrices/XAB/2022-follow_up.yaml"]
