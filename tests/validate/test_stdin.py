"""`mgi validate -`: one matrix on standard input, named `-`, checked as a file would be."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mgi_cli.cli import app
from mgi_cli.commands.common import catalogue_library
from mgi_cli.files.read import MAX_BYTES
from mgi_cli.problems import codes
from mgi_cli.validate.rule_input import ValidationOptions
from mgi_cli.validate.run import validate_paths
from mgi_cli.validate.stdin import STDIN, validate_stream

ROOT = Path(__file__).resolve().parents[2]
XAM = ROOT / "examples" / "matrices" / "XAM"
TODAY = date(2026, 12, 5)


def run(*args: str, given: bytes, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, list(args), input=given, env={"NO_COLOR": "1"})


def test_a_valid_matrix_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    given = (XAM / "2018-baseline.yaml").read_bytes()
    result = run("validate", "-", given=given, cwd=ROOT, monkeypatch=monkeypatch)
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked, 0 warnings\n")


def test_a_follow_up_reads_its_baseline_from_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    given = (XAM / "2022-follow_up.yaml").read_bytes()
    result = run("validate", "-", given=given, cwd=XAM, monkeypatch=monkeypatch)
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked, 0 warnings\n")
    # Elsewhere the baseline it names is not there, and the problem says so at `-`.
    elsewhere = run("validate", "-", "--format", "json", given=given, cwd=tmp_path,
                    monkeypatch=monkeypatch)  # fmt: skip
    assert elsewhere.exit_code == 1
    found = json.loads(elsewhere.stdout)["problems"]
    assert {p["path"] for p in found} == {"-"}
    assert {p["code"] for p in found} == {codes.BASELINE_UNREADABLE}


def test_problems_are_placed_in_the_text_given(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (XAM / "2018-baseline.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index("    answer: yes") + 1
    given = text.replace("    answer: yes", "    answer: maybe", 1).encode()
    result = run("validate", "-", "--format", "json", given=given, cwd=ROOT,
                 monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["path"], problem["line"], problem["code"]) == ("-", line, "invalid-answer")


@pytest.mark.parametrize(
    ("given", "code"),
    [
        (b"", codes.FILE_EMPTY),
        (b"\xff\xfe a", codes.ENCODING),
        (b"answers: [\n", codes.YAML_SYNTAX),
        (b"on:\n  push:\n", codes.NOT_A_MATRIX),
    ],
)
def test_bad_input_on_stdin_is_a_problem_not_a_crash(
    given: bytes, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("validate", "-", "--format", "json", given=given, cwd=ROOT,
                 monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == [code]


def test_more_than_the_ceiling_is_not_read_further() -> None:
    stream = io.BytesIO(b"#" * (MAX_BYTES + 10))
    report = validate_stream(
        stream, catalogue_library(), ValidationOptions(today=TODAY), folder=ROOT
    )
    assert [p.code for p in report.problems] == [codes.FILE_TOO_LARGE]
    assert stream.tell() == MAX_BYTES + 1


def test_stdin_reports_what_the_file_would(tmp_path: Path) -> None:
    """The same problems as the file itself, named `-` instead of its path."""
    text = (XAM / "2018-baseline.yaml").read_text(encoding="utf-8")
    broken = text.replace("    answer: yes", "    answer: Yes", 2).replace(
        "\n  - title:", "\n  - titel:", 1
    )
    path = tmp_path / "m.yaml"
    path.write_text(broken, encoding="utf-8")
    library, options = catalogue_library(), ValidationOptions(today=TODAY)
    from_file = validate_paths([path], library, options).problems
    from_stdin = validate_stream(
        io.BytesIO(broken.encode()), library, options, folder=tmp_path
    ).problems
    assert from_file
    assert [(p.line, p.column, p.code, p.message) for p in from_stdin] == [
        (p.line, p.column, p.code, p.message) for p in from_file
    ]
    assert {p.path for p in from_stdin} == {STDIN}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["validate", "-", "x.yaml"], "cannot be combined with other paths"),
        (["validate", "-", "--changed-since", "HEAD"], "drop --changed-since"),
    ],
)
def test_stdin_with_other_paths_is_a_usage_error(
    args: list[str], said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(*args, given=b"", cwd=ROOT, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said in result.output
