"""`mgi validate` end to end, through Typer's CliRunner: exact output and exit status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import Result

import mgi_cli
from mgi_cli.commands.common import catalogue_library
from mgi_cli.validate.rule_input import ValidationOptions
from mgi_cli.validate.run import validate_paths

Mgi = Callable[..., Result]
TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the test matrices and catalogues as the current folder, so paths are short."""
    shutil.copytree(TESTS / "matrices", tmp_path / "matrices")
    shutil.copytree(TESTS / "catalogues", tmp_path / "catalogues")
    monkeypatch.chdir(tmp_path)
    return tmp_path


MINI = ("--catalogue", "catalogues/mini-1.0.yaml")
FAILING = (
    "matrices/invalid/unknown-key.yaml",
    "matrices/valid/stale-reference.yaml",
    "matrices/valid/aliases.yaml",
)
PASSING = ("matrices/valid/stale-reference.yaml", "matrices/valid/aliases.yaml")

FAILING_TEXT = """\
matrices/invalid/unknown-key.yaml:2:1: error missing-key the top level needs the key 'assessed_on'
matrices/invalid/unknown-key.yaml:8:1: error unknown-key unknown key 'asessed_on' in the top level
    hint: did you mean 'assessed_on'?
matrices/invalid/unknown-key.yaml:12:25: error unknown-key unknown key 'justifcation' in \
answers.M1.02
    hint: did you mean 'justification'?

matrices/valid/stale-reference.yaml:18:19: warning stale-reference the reference was last accessed \
3 year(s) before the assessment (2015-09-30); data go stale
    hint: check the source again and update `accessed`

FAILED: 3 errors, 1 warning in 1 of 3 files
"""

STALE_TEXT = """\
matrices/valid/stale-reference.yaml:18:19: warning stale-reference the reference was last accessed \
3 year(s) before the assessment (2015-09-30); data go stale
    hint: check the source again and update `accessed`

"""

FAILING_GITHUB = """\
::error file=matrices/invalid/unknown-key.yaml,line=2,col=1,title=missing-key::the top level needs \
the key 'assessed_on'
::error file=matrices/invalid/unknown-key.yaml,line=8,col=1,title=unknown-key::unknown key \
'asessed_on' in the top level (did you mean 'assessed_on'?)
::error file=matrices/invalid/unknown-key.yaml,line=12,col=25,title=unknown-key::unknown key \
'justifcation' in answers.M1.02 (did you mean 'justification'?)
::warning file=matrices/valid/stale-reference.yaml,line=18,col=19,title=stale-reference::the \
reference was last accessed 3 year(s) before the assessment (2015-09-30); data go stale (check the \
source again and update `accessed`)
FAILED: 3 errors, 1 warning in 1 of 3 files
"""


def test_text_format(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--format", "text", *MINI, *FAILING)
    assert (result.exit_code, result.stdout, result.stderr) == (1, FAILING_TEXT, "")


def test_text_format_passing_with_warnings(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--format", "text", *MINI, *PASSING)
    assert (result.exit_code, result.stdout) == (0, STALE_TEXT + "OK: 2 files checked, 1 warning\n")


def test_text_format_clean(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--format", "text", *MINI, "matrices/valid/aliases.yaml")
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked, 0 warnings\n")


def test_strict_fails_on_warnings(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--strict", "--format", "text", *MINI, *PASSING)
    assert (result.exit_code, result.stdout) == (
        1,
        STALE_TEXT + "FAILED: 0 errors, 1 warning in 1 of 2 files\n",
    )
    clean = mgi("validate", "--strict", *MINI, "matrices/valid/aliases.yaml")
    assert clean.exit_code == 0


def test_json_format(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--format", "json", *MINI, *FAILING)
    assert result.exit_code == 1
    output = json.loads(result.stdout)
    assert list(output) == ["ok", "files", "problems"]
    assert output["ok"] is False
    assert output["files"] == list(FAILING)
    assert output["problems"][0] == {
        "path": "matrices/invalid/unknown-key.yaml",
        "line": 2,
        "column": 1,
        "severity": "error",
        "code": "missing-key",
        "message": "the top level needs the key 'assessed_on'",
        "indicator": None,
    }
    assert [(p["line"], p["code"], p["indicator"]) for p in output["problems"]] == [
        (2, "missing-key", None),
        (8, "unknown-key", None),
        (12, "unknown-key", "M1.02"),
        (18, "stale-reference", "M1.01"),
    ]
    for problem in output["problems"]:
        assert list(problem) == [
            "path",
            "line",
            "column",
            "severity",
            "code",
            "message",
            "indicator",
        ]


def test_json_format_equals_the_api_result(mgi: Mgi, workspace: Path) -> None:
    paths = ["matrices/valid", "matrices/invalid"]
    result = mgi(
        "validate",
        "--format",
        "json",
        *MINI,
        "--catalogue",
        "catalogues/mini-local-1.0.yaml",
        *paths,
    )
    library = catalogue_library(
        [Path("catalogues/mini-1.0.yaml"), Path("catalogues/mini-local-1.0.yaml")]
    )
    report = validate_paths(
        [Path(p) for p in paths], library, ValidationOptions(today=date.today()), jobs=1
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout) == report.as_json()


def test_json_format_ok(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--format", "json", *MINI, "matrices/valid/aliases.yaml")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "ok": True,
        "files": ["matrices/valid/aliases.yaml"],
        "problems": [],
    }


def test_github_format(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--format", "github", *MINI, *FAILING)
    assert (result.exit_code, result.stdout) == (1, FAILING_GITHUB)


def test_github_format_escapes_properties_and_data(mgi: Mgi, workspace: Path) -> None:
    odd = workspace / "a,b:c%.yaml"
    odd.write_text("format: mgi-matrix/1\n", encoding="utf-8")
    result = mgi("validate", "--format", "github", str(odd.name))
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=a%2Cb%3Ac%25.yaml,line=1,col=1,title=missing-key::")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"GITHUB_ACTIONS": "true"}, FAILING_GITHUB),
        ({}, FAILING_TEXT),
        ({"GITHUB_ACTIONS": "false"}, FAILING_TEXT),
    ],
    ids=["github-actions", "terminal", "not-github"],
)
def test_auto_format(mgi: Mgi, workspace: Path, env: dict[str, str], expected: str) -> None:
    explicit = mgi("validate", "--format", "auto", *MINI, *FAILING, env=env)
    default = mgi("validate", *MINI, *FAILING, env=env)
    assert explicit.stdout == default.stdout == expected


def test_missing_path_is_a_usage_error(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", *MINI, "matrices/valid/aliases.yaml", "nope.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "mgi: nope.yaml: no such file or folder\n"


def test_unknown_option_is_a_usage_error(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--bogus", "matrices/valid")
    assert result.exit_code == 2
    assert "No such option: --bogus" in result.stderr


def test_unknown_format_is_a_usage_error(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--format", "xml", "matrices/valid")
    assert result.exit_code == 2
    # Typer checks the choice and names them all (mgi_cli/choices.py).
    assert "Invalid value for '--format'" in result.stderr
    assert "'xml' is not one of 'text', 'json', 'github', 'auto'" in result.stderr


def test_missing_catalogue_file_is_a_usage_error(mgi: Mgi, workspace: Path) -> None:
    result = mgi("validate", "--catalogue", "nope.yaml", "matrices/valid")
    assert result.exit_code == 2


def test_stale_after_option(mgi: Mgi, workspace: Path) -> None:
    stale = "matrices/valid/stale-reference.yaml"
    lenient = mgi("validate", "--format", "json", "--stale-after", "1096", *MINI, stale)
    strict = mgi("validate", "--format", "json", "--stale-after", "100", *MINI, stale)
    assert json.loads(lenient.stdout)["problems"] == []
    assert [p["code"] for p in json.loads(strict.stdout)["problems"]] == ["stale-reference"] * 2


def test_the_examples_validate(mgi: Mgi, project_root: Path) -> None:
    """The README's main command; the examples answer the packaged catalogues fully.

    Four files: the national baseline and its 2022 and 2026 follow-ups (the last on
    catalogue 1.1), and Port Selen's local baseline.
    """
    result = mgi("validate", "--format", "text", project_root / "examples" / "matrices")
    assert result.stdout.endswith("OK: 4 files checked, 0 warnings\n"), result.stdout
    assert result.exit_code == 0


def test_folders_are_walked_recursively(mgi: Mgi, workspace: Path) -> None:
    tree = workspace / "tree"
    source = workspace / "matrices" / "valid" / "aliases.yaml"
    for relative in [
        "a.yaml",
        "sub/b.yml",
        "sub/deeper/c.yaml",
        ".hidden/d.yaml",
        "sub/.e.yaml",
        "notes.txt",
        "sub/README.md",
    ]:
        target = tree / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    result = mgi("validate", "--format", "json", *MINI, "tree")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"] == [
        "tree/a.yaml",
        "tree/sub/b.yml",
        "tree/sub/deeper/c.yaml",
    ]


def test_a_file_named_twice_is_checked_once(mgi: Mgi, workspace: Path) -> None:
    result = mgi(
        "validate",
        "--format",
        "json",
        *MINI,
        "matrices/valid/aliases.yaml",
        "matrices/valid/aliases.yaml",
    )
    assert json.loads(result.stdout)["files"] == ["matrices/valid/aliases.yaml"]


def test_symlink_loop_is_a_warning(mgi: Mgi, workspace: Path) -> None:
    (workspace / "tree" / "a").mkdir(parents=True)
    shutil.copy(workspace / "matrices" / "valid" / "aliases.yaml", workspace / "tree" / "a")
    (workspace / "tree" / "a" / "up").symlink_to("..", target_is_directory=True)
    result = mgi("validate", "--format", "text", *MINI, "tree")
    assert (result.exit_code, result.stdout) == (
        0,
        (
            "tree/a/up: warning symlink-loop this folder links back to one already checked; "
            "skipped\n\nOK: 1 file checked, 1 warning\n"
        ),
    )


@pytest.mark.filterwarnings("ignore:.*fork.*:DeprecationWarning")
def test_parallel_output_equals_serial(mgi: Mgi, workspace: Path) -> None:
    many = workspace / "many"
    many.mkdir()
    sources = [
        "valid/aliases.yaml",
        "valid/stale-reference.yaml",
        "invalid/reference-url.yaml",
        "invalid/wrong-types.yaml",
        "invalid/not-yaml.yaml",
    ]
    for number in range(20):
        source = workspace / "matrices" / sources[number % len(sources)]
        shutil.copy(source, many / f"{number:02d}-{source.name}")
    outputs = {
        jobs: mgi("validate", "--format", "text", "--jobs", jobs, *MINI, "many")
        for jobs in ("1", "2")
    }
    assert outputs["1"].exit_code == outputs["2"].exit_code == 1
    assert outputs["1"].stdout == outputs["2"].stdout
    assert outputs["1"].stdout.endswith("in 12 of 20 files\n")


def test_version(mgi: Mgi) -> None:
    result = mgi("--version")
    assert (result.exit_code, result.stdout) == (0, f"mgi {mgi_cli.__version__}\n")


def test_python_m_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mgi_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"mgi {mgi_cli.__version__}\n",
        "",
    )
