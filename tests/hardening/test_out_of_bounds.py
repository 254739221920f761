"""Paths out of bounds are refused by every command inside a repository, not only
`mgi validate` (SECURITY.md, "Paths in a matrix stay where they should"): a matrix's
``baseline:`` and ``context:``, and ``catalogue-files`` in ``mgi.toml``.

A follow-up's ``baseline:`` (or a local matrix's ``context:``) leading out of the
repository, through ``..``, an absolute path or a link, is reported and never read by
diff, render and the reports; nothing from the file outside (a planted marker) is
echoed.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from mgi_cli.cli import app

VALID = Path(__file__).resolve().parents[1] / "matrices" / "valid"
MINI = VALID.parent.parent / "catalogues" / "mini-1.0.yaml"
MARKER = "Outside-marker-never-echoed"
_runner = CliRunner()


def run(*args: object) -> Result:
    return _runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})


COMMANDS = {
    "diff": lambda f: ["diff", f],
    "render": lambda f: ["render", "profile", f, "--audience", "government"],
    "report gcm": lambda f: ["report", "gcm", f, "--audience", "government"],
    "report score": lambda f: ["report", "score", f, "--audience", "government"],
    "validate": lambda f: ["validate", f],
}


@settings(max_examples=20, deadline=timedelta(seconds=30), database=None)
@given(command=st.sampled_from(sorted(COMMANDS)), way=st.sampled_from(["dots", "absolute", "link"]))
def test_a_baseline_outside_the_repository_is_refused_by_every_command(
    command: str, way: str
) -> None:
    with tempfile.TemporaryDirectory() as name:
        top = Path(name)
        repository = top / "repo"
        (repository / "matrices" / "XAM").mkdir(parents=True)
        (repository / "mgi.toml").write_text("", encoding="utf-8")
        outside = top / "outside" / "xam-2018-baseline.yaml"
        outside.parent.mkdir()
        baseline = (VALID / "xam-2018-baseline.yaml").read_text(encoding="utf-8")
        outside.write_text(baseline.replace("Republic of Xamaria", MARKER), encoding="utf-8")
        follow_up = repository / "matrices" / "XAM" / "2022-follow_up.yaml"
        if way == "link":
            (follow_up.parent / "base.yaml").symlink_to(outside)
            named = "base.yaml"
        else:
            named = "../../../outside/xam-2018-baseline.yaml" if way == "dots" else str(outside)
        text = (VALID / "xam-2022-follow-up.yaml").read_text(encoding="utf-8")
        follow_up.write_text(
            text.replace("baseline: xam-2018-baseline.yaml", f"baseline: {named}"),
            encoding="utf-8",
        )
        argv = [*COMMANDS[command](follow_up), "--catalogue", MINI]
        result = run(*argv)
        assert result.exit_code == 1, result.output
        assert "baseline-outside-repository" in result.output, result.output
        assert MARKER not in result.output
        assert "Traceback" not in result.output


# --- catalogue-files in mgi.toml ------------------------------------------------------------

LOCAL = VALID / "xam-local-port-xam-2020-baseline.yaml"
MINI_LOCAL = MINI.parent / "mini-local-1.0.yaml"
#: Every command that reads mgi.toml's catalogue-files (run from inside the repository).
CATALOGUE_READERS: dict[str, Callable[[Path], list[object]]] = {
    "validate": lambda f: ["validate", f],
    "diff": lambda f: ["diff", f, f],
    "render": lambda f: ["render", "profile", f, "--audience", "government"],
    "report gcm": lambda f: ["report", "gcm", f, "--audience", "government"],
    "report themes": lambda f: ["report", "themes", f, "--audience", "government"],
    "status": lambda f: ["status", f],
    "export": lambda f: ["export", f, "-o", f.parent / "x.csv"],
    "site": lambda f: ["site", "build", f.parent, "-o", f.parent / "site", "--jobs", "1"],
    "catalogue": lambda f: ["catalogue", "--catalogue", "mini@1.0"],
    "catalogue diff": lambda f: ["catalogue", "diff", "mini@1.0", "mgi-national@1.0"],
    "schema": lambda f: ["schema", "--catalogue", "mini@1.0"],
}


def _repository(top: Path, catalogue_path: str | None = None) -> tuple[Path, Path]:
    """A repository in ``top``/repo with the test catalogue planted outside it."""
    repository = top / "repo"
    (repository / "matrices" / "XAM").mkdir(parents=True)
    outside = top / "outside" / "mini-1.0.yaml"
    outside.parent.mkdir()
    text = MINI.read_text(encoding="utf-8")
    outside.write_text(text.replace("Can migrants", f"{MARKER} can migrants"), encoding="utf-8")
    matrix = repository / "matrices" / "XAM" / "2018-baseline.yaml"
    matrix.write_text((VALID / "xam-2018-baseline.yaml").read_text(encoding="utf-8"))
    return repository, outside


@pytest.mark.parametrize("way", ["dots", "absolute", "link"])
@pytest.mark.parametrize("command", sorted(CATALOGUE_READERS))
def test_catalogue_files_outside_the_repository_are_refused(
    command: str, way: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`catalogue-files` naming a catalogue outside the repository: every command that
    reads mgi.toml refuses it (exit 2) without reading it, whatever the way out."""
    repository, outside = _repository(tmp_path)
    if way == "link":
        (repository / "catalogues").mkdir()
        (repository / "catalogues" / "mini.yaml").symlink_to(outside)
        named = "catalogues/mini.yaml"
    else:
        named = "../outside/mini-1.0.yaml" if way == "dots" else str(outside)
    (repository / "mgi.toml").write_text(
        f"catalogue-files = [{json.dumps(named)}]\n", encoding="utf-8"
    )
    monkeypatch.chdir(repository)
    matrix = repository / "matrices" / "XAM" / "2018-baseline.yaml"
    result = run(*CATALOGUE_READERS[command](matrix))
    assert result.exit_code == 2, result.output
    assert "leads out of the repository" in result.output, result.output
    assert MARKER not in result.output
    assert "Traceback" not in result.output
    if way != "link":  # placed at its line in mgi.toml
        assert "mgi.toml:1:" in result.output, result.output


def test_catalogue_files_inside_the_repository_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository, outside = _repository(tmp_path)
    (repository / "catalogues").mkdir()
    shutil.copyfile(outside, repository / "catalogues" / "mini-1.0.yaml")
    (repository / "mgi.toml").write_text(
        'catalogue-files = ["catalogues/mini-1.0.yaml"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(repository)
    result = run("catalogue", "--catalogue", "mini@1.0", "M1.01")
    assert result.exit_code == 0, result.output
    assert MARKER in result.output


@pytest.mark.parametrize("way", ["dots", "absolute", "link"])
@pytest.mark.parametrize("command", ["validate", "status", "site"])
def test_profiles_output_outside_the_repository_is_refused(
    command: str, way: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[profiles] output` (where CI writes) leading out of the repository: refused by
    every command that reads mgi.toml (exit 2), at its line unless it is a link."""
    repository, outside = _repository(tmp_path)
    if way == "link":
        (repository / "profiles").symlink_to(outside.parent)
        named = "profiles"
    else:
        named = "../outside" if way == "dots" else str(outside.parent)
    (repository / "mgi.toml").write_text(
        f"[profiles]\noutput = {json.dumps(named)}\n", encoding="utf-8"
    )
    monkeypatch.chdir(repository)
    matrix = repository / "matrices" / "XAM" / "2018-baseline.yaml"
    result = run(*CATALOGUE_READERS[command](matrix), "--catalogue", MINI)
    assert result.exit_code == 2, result.output
    if way == "link":
        expected = (
            f"{repository / 'mgi.toml'}: profiles.output: profiles leads out of the "
            "repository (a link); it is refused"
        )
    else:
        expected = (
            f"{repository / 'mgi.toml'}:2:1: error invalid-value profiles.output: "
            f"{named!r} leads out of the repository: give a path inside it, relative to "
            "the folder of mgi.toml"
        )
    assert expected in " ".join(result.output.split()), result.output


# --- context: (a local matrix's national matrix) ----------------------------------------------

CONTEXT_READERS: dict[str, Callable[[Path], list[object]]] = {
    "validate": lambda f: ["validate", f],
    "render": lambda f: ["render", "profile", f, "--audience", "government", "--compare-national"],
    "report gcm": lambda f: ["report", "gcm", f, "--audience", "government"],
    "report score": lambda f: ["report", "score", f, "--audience", "government"],
    "status": lambda f: ["status", f],
}


@pytest.mark.parametrize("way", ["dots", "absolute", "link"])
@pytest.mark.parametrize("command", sorted(CONTEXT_READERS))
def test_a_context_outside_the_repository_is_never_read(
    command: str, way: str, tmp_path: Path
) -> None:
    """A local matrix whose ``context:`` (its national matrix) leads out of the
    repository: refused or left out, and nothing from the file outside is echoed."""
    repository = tmp_path / "repo"
    (repository / "matrices" / "XAM").mkdir(parents=True)
    (repository / "mgi.toml").write_text("", encoding="utf-8")
    outside = tmp_path / "outside" / "xam-2018-baseline.yaml"
    outside.parent.mkdir()
    national = (VALID / "xam-2018-baseline.yaml").read_text(encoding="utf-8")
    outside.write_text(national.replace("Republic of Xamaria", MARKER), encoding="utf-8")
    local = repository / "matrices" / "XAM" / "2020-port-xam.yaml"
    if way == "link":
        (local.parent / "national.yaml").symlink_to(outside)
        named = "national.yaml"
    else:
        named = "../../../outside/xam-2018-baseline.yaml" if way == "dots" else str(outside)
    text = LOCAL.read_text(encoding="utf-8")
    local.write_text(text.replace("context: xam-2018-baseline.yaml", f"context: {named}"))
    result = run(*CONTEXT_READERS[command](local), "--catalogue", MINI, "--catalogue", MINI_LOCAL)
    assert result.exit_code in (0, 1), result.output
    assert MARKER not in result.output
    assert "Traceback" not in result.output
    if command == "validate":
        assert result.exit_code == 1
        assert "context" in result.output, result.output
