"""Text output: --quiet, runs of one code grouped, --show-all, --statistics, --select/--ignore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from mgi_cli.problems.problem import Problem, Severity
from mgi_cli.validate.grouping import GROUP_ABOVE, shown_problems
from mgi_cli.validate.result import Report
from mgi_cli.validate.statistics import statistics

Mgi = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BASELINE = EXAMPLES / "matrices" / "XAM" / "2018-baseline.yaml"


def _problem(line: int, code: str = "missing-answer", path: str = "a.yaml") -> Problem:
    return Problem(path, code, f"D1.{line:02} has no answer", Severity.WARNING, line, 3)


def test_a_run_of_one_code_in_one_file_is_one_line() -> None:
    run = [_problem(line) for line in (20, 27, 33, 40, 46, 53, 60)]
    (shown,) = shown_problems(run)
    assert (shown.path, shown.line, shown.code) == ("a.yaml", 20, "missing-answer")
    assert shown.message == (
        "7 times, at lines 20, 27, 33, 40, 46 and 2 more; the first: D1.20 has no answer "
        "(--show-all lists each)"
    )
    assert shown_problems(run, show_all=True) == run


def test_few_problems_and_other_files_stay_as_they_are() -> None:
    few = [_problem(line) for line in range(1, GROUP_ABOVE + 1)]
    other = [_problem(1, path="b.yaml"), _problem(2, "invalid-answer", "b.yaml")]
    assert shown_problems([*few, *other]) == [*few, *other]


def test_quiet_keeps_only_errors() -> None:
    error = Problem("a.yaml", "invalid-answer", "no", Severity.ERROR, 5)
    assert shown_problems([_problem(1), error, _problem(9)], quiet=True) == [error]


@given(st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from(["x", "y"]), st.integers(1, 50))))
def test_grouping_shows_each_code_of_each_file_and_keeps_the_order(
    found: list[tuple[str, str, int]],
) -> None:
    problems = sorted(
        (_problem(line, code, path) for path, code, line in found), key=Problem.sort_key
    )
    shown = shown_problems(problems)
    assert {(p.path, p.code) for p in shown} == {(p.path, p.code) for p in problems}
    assert len(shown) <= len(problems)
    assert [p for p in shown if p in problems] == [p for p in problems if p in shown]


def test_statistics_counts_each_code_commonest_first() -> None:
    report = Report(["a.yaml"], [_problem(1), _problem(2, "invalid-answer"), _problem(3)])
    assert statistics(report) == [
        (2, "missing-answer", Severity.WARNING),
        (1, "invalid-answer", Severity.WARNING),
    ]


@pytest.fixture
def draft(mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh draft outside a matrices repository (so without a `$schema` line)."""
    monkeypatch.chdir(tmp_path)
    result = mgi("new", "XAM", "-o", "draft.yaml", "--assessed-on", "2026-01-15")
    assert result.exit_code == 0, result.output
    return Path("draft.yaml")


def test_a_fresh_draft_prints_less_than_a_screenful(mgi: Mgi, draft: Path) -> None:
    result = mgi("validate", draft)
    assert result.exit_code == 0
    assert result.stdout == (
        "draft.yaml:32:3: warning missing-answer 94 times, at lines 32, 39, 45, 52, 58 and 89 "
        "more; the first: D1.01 has no answer (--show-all lists each)\n"
        "\n"
        "OK: 1 file checked, 94 warnings\n"
    )
    every = mgi("validate", "--show-all", draft).stdout.splitlines()
    assert len(every) == 94 + 2
    assert every[0] == "draft.yaml:32:3: warning missing-answer D1.01 has no answer"


def test_json_and_github_list_every_problem(mgi: Mgi, draft: Path) -> None:
    github = mgi("validate", "--format", "github", draft).stdout.splitlines()
    assert len(github) == 94 + 1
    assert '"code": "missing-answer"' in mgi("validate", "--format", "json", draft).stdout
    assert mgi("validate", "--format", "json", draft).stdout.count('"missing-answer"') == 94


def test_quiet_prints_the_errors_and_the_summary(mgi: Mgi, draft: Path) -> None:
    assert mgi("validate", "-q", draft).stdout == "OK: 1 file checked, 94 warnings\n"
    broken = Path("broken.yaml")
    broken.write_text(draft.read_text().replace("answer: null", "answer: perhaps", 1))
    result = mgi("validate", "--quiet", broken)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        "broken.yaml:33:13: error invalid-answer 'perhaps' is not an answer to D1.01"
    )
    assert "missing-answer" not in result.stdout
    assert result.stdout.endswith("FAILED: 1 error, 93 warnings in 1 of 1 file\n")


def test_statistics(mgi: Mgi, draft: Path) -> None:
    result = mgi("validate", "--statistics", draft)
    assert (result.exit_code, result.stdout) == (
        0,
        "94  missing-answer  warning\n\nOK: 1 file checked, 94 warnings\n",
    )


def test_select_and_ignore(mgi: Mgi, draft: Path) -> None:
    ignored = mgi("validate", "--ignore", "missing-answer,stale-reference", draft)
    assert ignored.stdout == "OK: 1 file checked, 0 warnings\n"
    selected = mgi("validate", "--select", "invalid-answer", "--select", "yaml-syntax", draft)
    assert selected.stdout == "OK: 1 file checked, 0 warnings\n"
    kept = mgi("validate", "--select", "missing-answer", "--statistics", draft)
    assert kept.stdout.startswith("94  missing-answer")


def test_an_unknown_code_is_a_usage_error(mgi: Mgi, draft: Path) -> None:
    result = mgi("validate", "--ignore", "missing-answr", draft)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--ignore missing-answr: not a problem code" in result.stderr
    assert "did you mean 'missing-answer'?" in result.stderr


def test_mgi_toml_select_and_ignore(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert mgi("init", "repo", "--country", "XAM").exit_code == 0
    monkeypatch.chdir(tmp_path / "repo")
    settings = Path("mgi.toml")
    original = settings.read_text()
    settings.write_text('ignore = ["missing-answer"]\n' + original)
    assert mgi("validate").stdout.startswith("OK: 1 file checked, 0 warnings")
    # --select on the command line replaces mgi.toml's; its ignore still applies.
    assert mgi("validate", "--select", "missing-answer").stdout.startswith("OK: 1 file checked, 0")
    settings.write_text('select = ["missing-answr"]\n' + original)
    result = mgi("validate")
    assert result.exit_code == 2
    assert "'missing-answr' is not a problem code" in result.stderr
    assert "did you mean 'missing-answer'?" in result.stderr
