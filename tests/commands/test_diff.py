"""`mgi diff` through the CLI: exit statuses, refusals, problems, options, output files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.diff.model import ANSWER_KINDS

DATA = Path(__file__).resolve().parents[1] / "diff_data"
CATALOGUES = [
    arg
    for name in ("difftest-1.0.yaml", "difftest-2.0.yaml", "unrelated-1.0.yaml")
    for arg in ("--catalogue", str(DATA / name))
]
BASE = DATA / "XDT-2018-baseline.yaml"
FOLLOW = DATA / "XDT-2022-follow_up.yaml"
Mgi = Callable[..., Result]


def diff(mgi: Mgi, *args: str | Path) -> Result:
    return mgi("diff", *args, *CATALOGUES)


def test_follow_up_alone_reads_its_baseline(mgi: Mgi) -> None:
    alone = diff(mgi, FOLLOW, "--format", "json")
    both = diff(mgi, BASE, FOLLOW, "--format", "json")
    assert alone.exit_code == 0, alone.output
    assert json.loads(alone.stdout) == json.loads(both.stdout)
    data = json.loads(alone.stdout)
    assert data["baseline"] == str(BASE)
    assert data["follow_up"] == str(FOLLOW)


def test_text_is_summary_first_then_tables(mgi: Mgi) -> None:
    result = diff(mgi, FOLLOW)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Test Republic (XDT), national MGI: changes since the baseline"
    assert lines[4:7] == [
        "Summary",
        "  3 answers changed: 2 progress, 1 regression, 0 neutral",
        "  1 newly answered, 0 no longer answered",
    ]
    assert "\x1b[" not in result.stdout  # NO_COLOR, and not a terminal
    row = "  T1.02      D1   yes      no     answer changed          regression  also justification"
    assert any(line.startswith(row) for line in lines)


def test_only_changed_hides_unchanged_and_only_answers_hides_evidence(mgi: Mgi) -> None:
    everything = json.loads(diff(mgi, FOLLOW, "--format", "json").stdout)
    changed = json.loads(diff(mgi, FOLLOW, "--format", "json", "--only", "changed").stdout)
    answers = json.loads(diff(mgi, FOLLOW, "--format", "json", "--only", "answers").stdout)
    assert "unchanged" in {c["kind"] for c in everything["changes"]}
    assert "unchanged" not in {c["kind"] for c in changed["changes"]}
    assert {c["kind"] for c in answers["changes"]} <= ANSWER_KINDS
    assert len(everything["changes"]) == 8
    assert (len(changed["changes"]), len(answers["changes"])) == (7, 6)
    assert everything["domains"] == answers["domains"]


def test_dimension_filter(mgi: Mgi) -> None:
    data = json.loads(diff(mgi, FOLLOW, "--format", "json", "--dimension", "D2").stdout)
    assert {c["domain"] for c in data["changes"]} == {"D2"}
    assert [d["id"] for d in data["domains"]] == ["D2"]
    unknown = diff(mgi, FOLLOW, "--dimension", "D9")
    assert unknown.exit_code == 2
    assert "no dimension 'D9'" in unknown.stderr


def test_fail_on_regression(mgi: Mgi) -> None:
    result = diff(mgi, FOLLOW, "--fail-on", "regression", "--only", "answers")
    assert result.exit_code == 1
    assert "1 indicator(s) regressed" in result.stderr
    assert "Answers that changed (6)" in result.stdout  # the report is still printed
    dimension_2 = diff(mgi, FOLLOW, "--fail-on", "regression", "--dimension", "D2")
    assert dimension_2.exit_code == 0
    assert diff(mgi, FOLLOW, "--fail-on", "progress").exit_code == 2


def test_refuses_matrices_of_different_countries(mgi: Mgi) -> None:
    result = diff(mgi, BASE, DATA / "XDU-2022-baseline.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "mgi: cannot compare matrices of different country: the baseline is for 'XDT', "
        "the follow-up for 'XDU'\n"
    )


def test_refuses_catalogues_without_a_shared_lineage(mgi: Mgi) -> None:
    result = diff(mgi, BASE, DATA / "XDT-2022-unrelated.yaml")
    assert result.exit_code == 1
    assert "unrelated@1.0 does not list difftest@1.0 in its lineage" in result.stderr


def test_invalid_input_shows_the_validation_problems(mgi: Mgi) -> None:
    result = diff(mgi, BASE, DATA / "XDT-2022-invalid.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{DATA / 'XDT-2022-invalid.yaml'}:21:13: error invalid-answer" in result.stderr
    assert "stale-reference" not in result.stderr  # warnings do not stop a diff


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "'xml' is not one of 'text', 'md', 'json', 'html'"),
        (["--only", "some"], "'some' is not one of 'changed', 'answers'"),
        (["--fail-on", "progress"], "'progress' is not one of 'regression'"),
        (["--frobnicate"], "No such option"),
    ],
)
def test_usage_errors_exit_2(mgi: Mgi, args: list[str], message: str) -> None:
    result = diff(mgi, FOLLOW, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_missing_files_and_baselines_exit_2(mgi: Mgi, tmp_path: Path) -> None:
    missing = diff(mgi, tmp_path / "nowhere.yaml")
    assert missing.exit_code == 2
    assert missing.stderr == f"mgi: {tmp_path / 'nowhere.yaml'}: no such file\n"
    alone = diff(mgi, BASE)
    assert alone.exit_code == 2
    assert "names no baseline" in alone.stderr
    assert mgi("diff").exit_code == 2
    nowhere = diff(mgi, FOLLOW, "-o", tmp_path / "no" / "out.txt")
    assert (nowhere.exit_code, nowhere.stdout) == (2, "")


@pytest.mark.parametrize("fmt", ["text", "md", "json", "html"])
def test_output_file_is_written_whole(mgi: Mgi, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"diff.{fmt}"
    target.write_text("old")
    result = diff(mgi, FOLLOW, "--format", fmt, "-o", target)
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == diff(mgi, FOLLOW, "--format", fmt).stdout
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_every_format_marks_restricted_answers(mgi: Mgi) -> None:
    for fmt in ("text", "md", "html"):
        assert "restricted" in diff(mgi, FOLLOW, "--format", fmt).stdout
    data = json.loads(diff(mgi, FOLLOW, "--format", "json").stdout)
    assert [c["indicator"] for c in data["changes"] if c["restricted"]] == ["T1.01"]


def test_help_describes_the_command(mgi: Mgi) -> None:
    result = mgi("diff", "--help")
    assert result.exit_code == 0
    assert "PATH@REV" in result.stdout


def test_json_is_the_core_result_serialised(mgi: Mgi) -> None:
    from mgi_cli.catalogue.load import load_catalogue
    from mgi_cli.diff import diff_matrices
    from mgi_cli.matrix.load import load_matrix

    base, follow = load_matrix(BASE).matrix, load_matrix(FOLLOW).matrix
    assert base is not None and follow is not None
    expected = diff_matrices(
        base, follow,
        load_catalogue(DATA / "difftest-1.0.yaml"), load_catalogue(DATA / "difftest-2.0.yaml"),
        baseline_path=str(BASE), follow_up_path=str(FOLLOW), include_unchanged=True,
    ).as_json()  # fmt: skip
    assert json.loads(diff(mgi, BASE, FOLLOW, "--format", "json").stdout) == expected


def test_colour_only_when_asked_for(mgi: Mgi) -> None:
    import io

    from mgi_cli.catalogue.load import load_catalogue
    from mgi_cli.diff import diff_matrices
    from mgi_cli.diff.text import write_text
    from mgi_cli.matrix.load import load_matrix

    base, follow = load_matrix(BASE).matrix, load_matrix(FOLLOW).matrix
    assert base is not None and follow is not None
    result = diff_matrices(
        base, follow,
        load_catalogue(DATA / "difftest-1.0.yaml"), load_catalogue(DATA / "difftest-2.0.yaml"),
        baseline_path="b", follow_up_path="f",
    )  # fmt: skip
    plain, coloured = io.StringIO(), io.StringIO()
    write_text(result, plain, False)
    write_text(result, coloured, True)
    assert "\x1b[" not in plain.getvalue()
    assert "\x1b[31mregression" in coloured.getvalue()
    assert "\x1b[32m{+month.+}\x1b[0m" in coloured.getvalue()
    not_a_terminal = mgi("diff", FOLLOW, *CATALOGUES, env={"NO_COLOR": None})
    assert "\x1b[" not in not_a_terminal.stdout
