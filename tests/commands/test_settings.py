"""Every command run inside a matrices repository reads its mgi.toml (common.settings_here):
catalogue-files and the pin for every command; stale-after-days and select/ignore for
`mgi status` as for `mgi validate`; and a folder with no matrix is refused."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Mgi = Callable[..., Result]

TESTS = Path(__file__).resolve().parent.parent
MINI = TESTS / "catalogues" / "mini-1.0.yaml"
VALID = TESTS / "matrices" / "valid"
BASELINE = "matrices/KEN/2019-baseline.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose matrices answer a catalogue mgi knows only from mgi.toml."""
    root = tmp_path / "repo"
    (root / "matrices" / "KEN").mkdir(parents=True)
    shutil.copy(VALID / "ken-2019-baseline.yaml", root / BASELINE)
    (root / "catalogues").mkdir()
    shutil.copy(MINI, root / "catalogues" / "mini-1.0.yaml")
    (root / "mgi.toml").write_text(
        'catalogue = "mini@1.0"\ncatalogue-files = ["catalogues/mini-1.0.yaml"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    return root


#: Each command that needs the catalogue a matrix answers, without --catalogue.
COMMANDS = {
    "validate": ["validate", BASELINE],
    "status": ["status"],
    "render profile": ["render", "profile", BASELINE, "--audience", "government"],
    "render summary": [
        "render",
        "summary",
        "matrices",
        "--audience",
        "government",
        "--include-restricted",
    ],
    "report gcm": ["report", "gcm", BASELINE, "--audience", "government"],
    "report score": ["report", "score", BASELINE, "--audience", "government"],
    "export": ["export", BASELINE, "-o", "ken.csv"],
    "catalogue": ["catalogue", "--catalogue", "mini@1.0"],
    "catalogue diff": ["catalogue", "diff", "mini@1.0", "mini@1.0"],
    "schema": ["schema", "--catalogue", "mini@1.0"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_catalogue_files_of_mgi_toml(mgi: Mgi, repo: Path, name: str) -> None:
    result = mgi(*COMMANDS[name])
    assert result.exit_code == 0, result.output
    (repo / "mgi.toml").unlink()  # the same command, outside a repository that has it
    assert mgi(*COMMANDS[name]).exit_code != 0


def test_a_follow_up_diff_and_a_round_trip_in_the_repository(mgi: Mgi, repo: Path) -> None:
    follow_up = "matrices/KEN/2023-follow_up.yaml"
    made = mgi("new", "--follow-up-of", BASELINE, "-o", follow_up, "--assessed-on", "2023-11-01")
    assert made.exit_code == 0, made.output
    assert mgi("diff", follow_up).exit_code == 0
    assert mgi("export", BASELINE, "-o", "ken.csv").exit_code == 0
    back = mgi("import", "ken.csv", "-o", "matrices/KEN/copy.yaml")
    assert back.exit_code == 0, back.output


def test_mgi_new_answers_the_pin(mgi: Mgi, repo: Path) -> None:
    result = mgi("new", "KEN", "-o", "matrices/KEN/2030-baseline.yaml")
    assert result.exit_code == 0, result.output
    text = (repo / "matrices/KEN/2030-baseline.yaml").read_text(encoding="utf-8")
    assert "\ncatalogue: mini@1.0\n" in text
    chosen = mgi("new", "KEN", "-o", "other.yaml", "--catalogue-version", "mgi-national@1.1")
    assert chosen.exit_code == 0, chosen.output
    assert "\ncatalogue: mgi-national@1.1\n" in Path("other.yaml").read_text(encoding="utf-8")


def test_mgi_catalogue_shows_the_pin(mgi: Mgi, repo: Path) -> None:
    result = mgi("catalogue", "--format", "json")
    assert result.exit_code == 0, result.output
    assert (json.loads(result.stdout)["id"], json.loads(result.stdout)["version"]) == (
        "mini",
        "1.0",
    )
    assert mgi("catalogue", "m1.01").stdout.startswith("M1.01  ")


def _warnings(mgi: Mgi) -> int:
    result = mgi("status", "--format", "json")
    assert result.exit_code == 0, result.output
    (status,) = json.loads(result.stdout)["matrices"]
    return int(status["warnings"])


def test_status_counts_as_validate_does_with_mgi_toml(mgi: Mgi, repo: Path) -> None:
    (repo / BASELINE).unlink()
    (repo / "matrices" / "XAM").mkdir()
    shutil.copy(VALID / "stale-reference.yaml", repo / "matrices" / "XAM" / "2018-baseline.yaml")
    config = (repo / "mgi.toml").read_text(encoding="utf-8")
    assert _warnings(mgi) == 1  # the stale reference
    (repo / "mgi.toml").write_text(config + "stale-after-days = 100000\n", encoding="utf-8")
    assert _warnings(mgi) == 0
    (repo / "mgi.toml").write_text(config + 'ignore = ["stale-reference"]\n', encoding="utf-8")
    assert _warnings(mgi) == 0
    assert mgi("validate").stdout == "OK: 1 file checked, 0 warnings\n"
    # The command line still wins.
    (repo / "mgi.toml").write_text(config + "stale-after-days = 100000\n", encoding="utf-8")
    result = mgi("status", "--format", "json", "--stale-after", "30")
    assert json.loads(result.stdout)["matrices"][0]["warnings"] == 2  # both references


def test_status_without_a_path_reads_the_repositorys_matrices(mgi: Mgi, repo: Path) -> None:
    result = mgi("status")
    assert result.exit_code == 0, result.output
    assert "matrices/KEN/2019-baseline.yaml" in result.stdout
    (repo / "mgi.toml").unlink()
    outside = mgi("status")
    assert outside.exit_code == 2
    assert "no PATH given and no matrices repository here" in outside.stderr


EMPTY = "mgi: no matrices found in {where}: mgi reads *.yaml and *.yml files, in subfolders"


#: The commands that read folders of matrices, and what follows the folder given.
READERS = {
    "validate": ["validate"],
    "status": ["status"],
    "fmt": ["fmt"],
    "site build": ["site", "build", "-o", "site"],
}


@pytest.mark.parametrize("command", sorted(READERS))
def test_a_folder_with_no_matrix_is_refused(
    mgi: Mgi, tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)
    (tmp_path / "empty" / ".hidden" / "x.yaml").write_text("format: mgi-matrix/1\n")
    (tmp_path / "empty" / "notes.txt").write_text("not a matrix\n")
    verb, *options = READERS[command]
    result = mgi(*verb.split(), *options[:1], tmp_path / "empty", *options[1:])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(EMPTY.format(where=tmp_path / "empty"))
    assert "`mgi new COUNTRY -o matrices/COUNTRY/YEAR-baseline.yaml`" in result.stderr
    assert not (tmp_path / "site").exists()  # no site without a country


@pytest.mark.parametrize("command", ["validate", "site build"])
def test_an_empty_matrices_folder_is_refused_too(mgi: Mgi, repo: Path, command: str) -> None:
    (repo / BASELINE).unlink()
    result = mgi(*READERS[command])
    assert result.exit_code == 1
    assert result.stderr.startswith(EMPTY.format(where="matrices"))


def test_mgi_schema_narrows_to_the_pin(mgi: Mgi, repo: Path) -> None:
    """`mgi schema` without --catalogue reads mgi.toml: the pin, found in catalogue-files."""
    pinned = mgi("schema")
    assert pinned.exit_code == 0, pinned.output
    assert pinned.stdout == mgi("schema", "--catalogue", "mini@1.0").stdout
    assert pinned.stdout != mgi("schema", "--catalogue", "mgi-national@1.1").stdout
    (repo / "mgi.toml").write_text('strict = "yes"\n', encoding="utf-8")
    broken = mgi("schema")
    assert (broken.exit_code, broken.stdout) == (2, "")
    assert "is not a valid settings file" in broken.stderr
    (repo / "mgi.toml").write_text("", encoding="utf-8")  # no pin: the general schema
    general = mgi("schema")
    assert general.exit_code == 0
    assert general.stdout != pinned.stdout
    assert '"mini@1.0"' not in general.stdout


def test_nothing_changed_is_not_an_empty_folder(mgi: Mgi, repo: Path) -> None:
    import subprocess

    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "x"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True, cwd=repo
        )
    result = mgi("validate", "--changed-since", "HEAD")
    assert result.exit_code == 0, result.output
