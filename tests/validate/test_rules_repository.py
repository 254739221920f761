"""Repository rules: paths agree with contents, no duplicates, nothing read from outside.

Each test builds a small matrices repository (mgi.toml + matrices/) from the test
corpus and runs `mgi validate` in it, as a user or CI would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.repository.root import Place, place_of_path, repository_for, slugify
from mgi_cli.repository.settings import RepositoryConfig, load_config

Mgi = Callable[..., Result]
TESTS = Path(__file__).resolve().parents[1]
VALID = TESTS / "matrices" / "valid"
CATALOGUES = [TESTS / "catalogues" / "mini-1.0.yaml", TESTS / "catalogues" / "mini-local-1.0.yaml"]
BASELINE = VALID / "xam-2018-baseline.yaml"
FOLLOW_UP = VALID / "xam-2022-follow-up.yaml"
LOCAL = VALID / "xam-local-2015-baseline.yaml"


def write_config(root: Path, extra: str = "", pin: str = "mini@1.0") -> None:
    # catalogue-files must stay inside the repository: copy the test catalogues in.
    (root / "catalogues").mkdir(parents=True, exist_ok=True)
    for catalogue in CATALOGUES:
        shutil.copyfile(catalogue, root / "catalogues" / catalogue.name)
    files = ", ".join(json.dumps(f"catalogues/{c.name}") for c in CATALOGUES)
    (root / "mgi.toml").write_text(
        f'catalogue = "{pin}"\ncatalogue-files = [{files}]\n{extra}', encoding="utf-8"
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


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A configured repository holding nothing yet, as the current folder."""
    root = tmp_path / "repo"
    (root / "matrices").mkdir(parents=True)
    write_config(root)
    monkeypatch.chdir(root)
    return root


def problems(mgi: Mgi, *args: str | Path) -> tuple[int, set[tuple[str, int | None, str]]]:
    result = mgi("validate", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)["problems"]
    return result.exit_code, {(p["path"], p["line"], p["code"]) for p in found}


def test_a_repository_laid_out_right_passes(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    put(repo, "matrices/XAM/2022-follow_up.yaml", FOLLOW_UP, baseline="2018-baseline.yaml")
    put(repo, "matrices/XAM/local/port-xam/2015-baseline.yaml", LOCAL)
    result = mgi("validate", "--format", "text")
    assert result.exit_code == 0, result.output
    assert result.stdout == "OK: 3 files checked, 0 warnings\n"


# Lines in xam-2018-baseline.yaml / xam-local-2015-baseline.yaml: country 3, level 5,
# assessment 6, assessed_on 9; locality 5 in the local one (level 4). In
# xam-2022-follow-up.yaml, baseline is on line 6.
@pytest.mark.parametrize(
    ("relative", "source", "expected"),
    [
        ("matrices/XAB/2018-baseline.yaml", BASELINE, {(3, "path-mismatch")}),
        ("matrices/xam/2018-baseline.yaml", BASELINE, {(3, "path-mismatch")}),
        ("matrices/XAM/2019-baseline.yaml", BASELINE, {(9, "path-mismatch")}),
        ("matrices/XAM/2018-follow_up.yaml", BASELINE, {(6, "path-mismatch")}),
        ("matrices/XAM/local/port-xam/2018-baseline.yaml", BASELINE, {(5, "path-mismatch")}),
        ("matrices/XAM/2015-baseline.yaml", LOCAL, {(4, "path-mismatch")}),
        ("matrices/XAM/local/port-xan/2015-baseline.yaml", LOCAL, {(5, "path-mismatch")}),
        ("matrices/XAB/local/port-xan/2016-follow_up.yaml", LOCAL, {
            (3, "path-mismatch"), (5, "path-mismatch"), (6, "path-mismatch"),
            (9, "path-mismatch"),
        }),
        ("matrices/XAM/2018-baseline.yml", BASELINE, {(None, "path-layout")}),
        ("matrices/XAM/baseline.yaml", BASELINE, {(None, "path-layout")}),
        ("matrices/2018-baseline.yaml", BASELINE, {(None, "path-layout")}),
        ("matrices/XAM/2018/2018-baseline.yaml", BASELINE, {(None, "path-layout")}),
        ("matrices/XAM/local/2018-baseline.yaml", BASELINE, {(None, "path-layout")}),
    ],
)  # fmt: skip
def test_the_path_must_agree_with_the_contents(
    mgi: Mgi, repo: Path, relative: str, source: Path, expected: set[tuple[int | None, str]]
) -> None:
    put(repo, relative, source)
    status, found = problems(mgi)
    assert status == 1
    assert found == {(relative, line, code) for line, code in expected}


def test_a_misnamed_file_is_told_where_it_belongs(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2019-baseline.yaml", BASELINE)
    put(repo, "matrices/XAM/local/Port Xam/2015-baseline.yaml", LOCAL)
    found = json.loads(mgi("validate", "--format", "json").stdout)["problems"]
    by_path = {p["path"]: p for p in found}
    assert by_path["matrices/XAM/2019-baseline.yaml"]["message"] == (
        "the path says year '2019', the file says '2018'"
    )
    local = by_path["matrices/XAM/local/Port Xam/2015-baseline.yaml"]
    assert local["message"] == "the path says locality slug 'Port Xam', the file says 'port-xam'"
    text = mgi("validate", "--format", "text").stdout
    assert "hint: move it to matrices/XAM/2018-baseline.yaml, or correct `assessed_on`" in text
    assert "hint: move it to matrices/XAM/local/port-xam/2015-baseline.yaml" in text


def test_slugs() -> None:
    assert slugify("Port Xam") == "port-xam"
    assert slugify("São Paulo") == "sao-paulo"
    assert slugify("  Saint-Étienne (Loire) ") == "saint-etienne-loire"
    assert slugify("東京") == "東京"
    assert place_of_path(Path("matrices/XAM/local/sao-paulo/2019-follow_up.yaml")) == Place(
        "XAM", "local", "sao-paulo", "2019", "follow_up"
    )
    assert place_of_path(Path("matrices/XAM/2019-x.yaml")) == Place(
        "XAM", "national", None, "2019", "x"
    )
    assert place_of_path(Path("elsewhere/XAM/2019-baseline.yaml")) is None


def test_two_files_for_one_assessment(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    put(repo, "matrices/XAM/2019-baseline.yaml", BASELINE)  # misnamed copy
    status, found = problems(mgi)
    assert status == 1
    assert found == {
        ("matrices/XAM/2018-baseline.yaml", 9, "duplicate-assessment"),
        ("matrices/XAM/2019-baseline.yaml", 9, "duplicate-assessment"),
        ("matrices/XAM/2019-baseline.yaml", 9, "path-mismatch"),
    }
    first = mgi("validate", "--format", "json").stdout
    message = next(
        p["message"] for p in json.loads(first)["problems"]
        if p["path"] == "matrices/XAM/2018-baseline.yaml"
    )  # fmt: skip
    assert message == "matrices/XAM/2019-baseline.yaml also holds the XAM national baseline of 2018"


def test_a_duplicate_is_found_when_only_one_file_is_named(mgi: Mgi, repo: Path) -> None:
    """pre-commit names only the changed file; its twin is found by its path."""
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    put(repo, "matrices/XAM/2018-baseline-copy.yaml", BASELINE, title="Copy")
    put(repo, "matrices/XAM/2018-baseline.yml", BASELINE)
    status, found = problems(mgi, "matrices/XAM/2018-baseline.yml")
    assert status == 1
    assert found == {
        ("matrices/XAM/2018-baseline.yml", None, "path-layout"),
        ("matrices/XAM/2018-baseline.yml", 9, "duplicate-assessment"),
    }


def test_a_baseline_outside_the_repository_is_not_read(
    mgi: Mgi, repo: Path, tmp_path: Path
) -> None:
    # If it were read, its contents would be judged (baseline-unreadable, quoting them).
    (tmp_path / "secret.yaml").write_text("token: s3cret\n", encoding="utf-8")
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    for name, baseline in [
        ("XAM", "../../../secret.yaml"),
        ("XAB", json.dumps(str(tmp_path / "secret.yaml"))),
        ("XAC", "../../matrices/XAM/../../../secret.yaml"),
    ]:
        put(repo, f"matrices/{name}/2022-follow_up.yaml", FOLLOW_UP, country=name,
            baseline=baseline)  # fmt: skip
    status, found = problems(mgi)
    assert status == 1
    assert found == {
        (f"matrices/{name}/2022-follow_up.yaml", 6, "baseline-outside-repository")
        for name in ("XAM", "XAB", "XAC")
    }
    text = mgi("validate", "--format", "text").stdout
    assert "s3cret" not in text and "token" not in text
    assert "the baseline '../../../secret.yaml' leads outside the repository; it was not read" in (
        text
    )


def test_a_baseline_may_climb_within_the_repository(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    put(repo, "matrices/XAM/2022-follow_up.yaml", FOLLOW_UP,
        baseline="../../matrices/XAM/2018-baseline.yaml")  # fmt: skip
    assert problems(mgi) == (0, set())


def test_links_out_of_the_repository_are_not_followed(mgi: Mgi, repo: Path, tmp_path: Path) -> None:
    outside = put(tmp_path, "outside/2018-baseline.yaml", BASELINE)
    (repo / "matrices" / "XAM").mkdir()
    (repo / "matrices" / "XAM" / "2018-baseline.yaml").symlink_to(outside)
    put(repo, "matrices/XAM/2022-follow_up.yaml", FOLLOW_UP, baseline="2018-baseline.yaml")
    status, found = problems(mgi)
    assert status == 1
    assert found == {
        ("matrices/XAM/2018-baseline.yaml", None, "link-outside-repository"),
        ("matrices/XAM/2022-follow_up.yaml", 6, "baseline-outside-repository"),
    }


def test_a_link_inside_the_repository_is_fine(mgi: Mgi, repo: Path) -> None:
    put(repo, "archive/xam-2018.yaml", BASELINE)
    (repo / "matrices" / "XAM").mkdir()
    (repo / "matrices" / "XAM" / "2018-baseline.yaml").symlink_to(repo / "archive/xam-2018.yaml")
    assert problems(mgi) == (0, set())


def _run_mgi(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A separate process with a timeout: reading a FIFO would block for ever.
    return subprocess.run(
        [sys.executable, "-m", "mgi_cli", "validate", "--format", "json", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_special_files_are_never_read(repo: Path) -> None:
    (repo / "matrices" / "XAM").mkdir()
    os.mkfifo(repo / "matrices" / "XAM" / "2018-baseline.yaml")
    done = _run_mgi(repo)
    assert done.returncode == 1, done.stderr
    [problem] = json.loads(done.stdout)["problems"]
    assert (problem["code"], problem["message"]) == (
        "file-unreadable", "not a regular file (a device, pipe or socket); it was not read"
    )  # fmt: skip


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_not_read(tmp_path: Path) -> None:
    done = _run_mgi(tmp_path, "/dev/zero")
    assert done.returncode == 1, done.stderr
    assert [p["code"] for p in json.loads(done.stdout)["problems"]] == ["file-unreadable"]


def test_files_outside_matrices_are_ignored_unless_named(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    put(repo, "drafts/anything.yaml", BASELINE, country="XAB")
    (repo / "notes.yaml").write_text("not: [a matrix\n", encoding="utf-8")
    result = mgi("validate", "--format", "json")
    assert json.loads(result.stdout)["files"] == ["matrices/XAM/2018-baseline.yaml"]
    assert result.exit_code == 0
    # Named, a file elsewhere is checked as a matrix, but not held to the layout.
    assert problems(mgi, "drafts/anything.yaml") == (0, set())
    assert problems(mgi, "notes.yaml")[1] == {("notes.yaml", 2, "yaml-syntax")}


def test_catalogue_pin(mgi: Mgi, repo: Path) -> None:
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    put(repo, "matrices/XAM/local/port-xam/2015-baseline.yaml", LOCAL)
    assert problems(mgi) == (0, set())  # pinned national; local matrices unpinned
    write_config(repo, pin="mini@2.0")
    assert problems(mgi) == (
        0, {("matrices/XAM/2018-baseline.yaml", 7, "catalogue-not-pinned")}
    )  # fmt: skip
    text = mgi("validate", "--format", "text").stdout
    assert "warning catalogue-not-pinned this matrix answers mini@1.0; the repository pins " \
        "mini@2.0 (mgi.toml)" in text  # fmt: skip
    write_config(repo, 'other-catalogues = ["mini@1.0"]\n', pin="mini@2.0")
    assert problems(mgi) == (0, set())
    write_config(repo, 'local-catalogue = "mini-local@0.9"\n')
    assert problems(mgi) == (
        0, {("matrices/XAM/local/port-xam/2015-baseline.yaml", 7, "catalogue-not-pinned")}
    )  # fmt: skip
    write_config(repo, "strict = true\n", pin="mini@2.0")
    assert problems(mgi)[0] == 1


def test_required_modules(mgi: Mgi, repo: Path) -> None:
    write_config(repo, 'required-modules = ["standard", "covid19"]\n')
    # 2018: before the COVID-19 module existed (since 2020-06-01), so not required.
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    put(repo, "matrices/XAM/2022-follow_up.yaml", FOLLOW_UP, baseline="2018-baseline.yaml")
    put(repo, "matrices/XAB/2021-baseline.yaml", BASELINE, country="XAB",
        assessed_on="2021-01-10")  # fmt: skip
    # The local catalogue has no covid19 module: nothing to require.
    put(repo, "matrices/XAM/local/port-xam/2015-baseline.yaml", LOCAL)
    status, found = problems(mgi)
    assert (status, found) == (1, {("matrices/XAB/2021-baseline.yaml", 8, "required-module")})
    text = mgi("validate", "--format", "text").stdout
    assert "error required-module the repository requires the module 'covid19'" in text


def test_repository_rules_apply_only_inside_a_repository(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no mgi.toml, named paths are checked file by file; with no PATH, .git is enough."""
    root = tmp_path / "plain"
    put(root, "matrices/XAB/2018-baseline.yaml", BASELINE)  # misnamed
    monkeypatch.chdir(root)
    catalogues = [a for c in CATALOGUES for a in ("--catalogue", str(c))]
    assert problems(mgi, *catalogues, "matrices") == (0, set())
    (root / ".git").mkdir()
    assert problems(mgi, *catalogues) == (
        1, {("matrices/XAB/2018-baseline.yaml", 3, "path-mismatch")}
    )  # fmt: skip
    assert repository_for([Path("matrices")], root) is None
    write_config(root)
    assert problems(mgi, "matrices")[1] == {("matrices/XAB/2018-baseline.yaml", 3, "path-mismatch")}


def test_paths_in_two_repositories_are_checked_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("one", "two"):
        (tmp_path / name / "matrices").mkdir(parents=True)
        write_config(tmp_path / name)
    monkeypatch.chdir(tmp_path)
    one = repository_for([Path("one/matrices")], tmp_path)
    assert one is not None and one.root == tmp_path / "one"
    assert repository_for([Path("one/matrices"), Path("two/matrices")], tmp_path) is None


# --- mgi.toml: settings, and command-line options winning over them


def test_mgi_toml_settings(tmp_path: Path) -> None:
    path = tmp_path / "mgi.toml"
    path.write_text(
        'catalogue = "mgi-national@1.0"\nlocal-catalogue = "mgi-local@1.0"\n'
        'other-catalogues = ["mgi-national@0.9"]\ncatalogue-files = ["cat/x.yaml"]\n'
        'strict = true\nstale-after-days = 400\nrequired-modules = ["standard"]\n'
        '[profiles]\noutput = "out"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config == RepositoryConfig(
        catalogue="mgi-national@1.0", local_catalogue="mgi-local@1.0",
        other_catalogues=("mgi-national@0.9",), catalogue_files=(tmp_path / "cat/x.yaml",),
        strict=True, stale_after_days=400, required_modules=("standard",), profiles_dir="out",
    )  # fmt: skip
    assert config.pin_for("local") == "mgi-local@1.0"
    with pytest.raises(AttributeError):
        config.strict = False  # type: ignore[misc]
    path.write_text("", encoding="utf-8")
    assert load_config(path) == RepositoryConfig()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("strict = tru\n", "mgi.toml: not valid TOML: Invalid value (at line 1, column 10)"),
        # Read like a matrix's errors (mgi_cli/files/tomlmodel.py): line, code, key path, hint.
        (
            "stict = true\n",
            "mgi.toml:1:1: error unknown-key unknown key 'stict' in the top level; "
            "did you mean 'strict'?\n",
        ),
        ("strict = 1\n", "mgi.toml:1:1: error wrong-type strict should be true or false, not"),
        ("stale-after-days = 0\n", "stale-after-days is the number 0; it must be at least 1"),
        ('catalogue = "mgi-national"\n', "catalogue: 'mgi-national' is not a catalogue as"),
        ("required-modules = 'standard'\n", "required-modules should be a list, not 'standard'"),
        (
            '[profiles]\nouptut = "x"\n',
            "mgi.toml:2:1: error unknown-key unknown key 'ouptut' in profiles; "
            "did you mean 'output'?",
        ),
        ('[profiles]\noutput = ""\n', "mgi.toml:2:1: error invalid-value profiles.output is empty"),
        ('catalogue-files = ["missing.yaml"]\n', "missing.yaml: catalogue file not found"),
    ],
)
def test_a_broken_mgi_toml_stops_with_exit_2(mgi: Mgi, repo: Path, text: str, message: str) -> None:
    (repo / "mgi.toml").write_text(text, encoding="utf-8")
    result = mgi("validate")
    assert result.exit_code == 2
    assert message in result.stderr


def test_strictness_and_staleness_come_from_mgi_toml(mgi: Mgi, repo: Path) -> None:
    stale = put(repo, "matrices/XAM/2018-baseline.yaml", VALID / "stale-reference.yaml")
    assert problems(mgi)[0] == 0  # a warning only
    write_config(repo, "strict = true\n")
    assert problems(mgi)[0] == 1
    assert problems(mgi, "--no-strict")[0] == 0  # the command line wins
    write_config(repo, "stale-after-days = 5000\n")
    assert problems(mgi) == (0, set())
    _, found = problems(mgi, "--stale-after", "100")  # the command line wins
    assert (str(stale.relative_to(repo)), 18, "stale-reference") in found


def test_output_is_the_same_in_parallel(mgi: Mgi, repo: Path) -> None:
    for n in range(40):
        country = f"XA{chr(65 + n % 26)}" if n < 26 else f"XB{chr(65 + n % 26)}"
        put(repo, f"matrices/{country}/2018-baseline.yaml", BASELINE, country=country)
    put(repo, "matrices/XAA/2019-baseline.yaml", BASELINE, country="XAA")  # duplicate, misnamed
    put(repo, "matrices/XBZ/2018-baseline.yaml", BASELINE, country="XBZ", status="wrong")
    serial = mgi("validate", "--format", "json", "--jobs", "1")
    parallel = mgi("validate", "--format", "json", "--jobs", "4")
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout == parallel.stdout
    report = json.loads(serial.stdout)
    assert len(report["files"]) == 42
    assert [(p["path"], p["code"]) for p in report["problems"]] == [
        ("matrices/XAA/2018-baseline.yaml", "duplicate-assessment"),
        ("matrices/XAA/2019-baseline.yaml", "duplicate-assessment"),
        ("matrices/XAA/2019-baseline.yaml", "path-mismatch"),
        ("matrices/XBZ/2018-baseline.yaml", "invalid-value"),
    ]


def test_no_path_outside_any_repository_is_a_usage_error(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = mgi("validate")
    assert result.exit_code == 2
    assert "no matrices repository here" in result.stderr
    write_config(tmp_path)
    result = mgi("validate")
    assert result.exit_code == 2
    assert "has no matrices/ folder" in result.stderr


def test_copying_a_repository_keeps_it_valid(
    mgi: Mgi, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing in a repository depends on where it is: a clone checks the same."""
    put(repo, "matrices/XAM/2018-baseline.yaml", BASELINE)
    put(repo, "matrices/XAM/2022-follow_up.yaml", FOLLOW_UP, baseline="2018-baseline.yaml")
    clone = tmp_path / "clone"
    shutil.copytree(repo, clone)
    monkeypatch.chdir(clone)
    assert problems(mgi) == (0, set())
