"""`mgi diff A B` where A is the later assessment: a warning, and the sides labelled by date."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.diff.run import reversed_sides
from mgi_cli.diff.sides import SideSpec
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Matrix
from mgi_cli.problems import codes

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
DATA = Path("tests") / "diff_data"
BASE = DATA / "XDT-2018-baseline.yaml"
FOLLOW = DATA / "XDT-2022-follow_up.yaml"
CATALOGUES = (
    "--catalogue", str(DATA / "difftest-1.0.yaml"),
    "--catalogue", str(DATA / "difftest-2.0.yaml"),
)  # fmt: skip
WARNING = (
    f"{FOLLOW}: warning diff-reversed the sides look reversed: it names {BASE} as its "
    "baseline; the changes are shown from the first to the second, labelled by date (give "
    "the baseline first: mgi diff BASELINE FOLLOW_UP)\n"
)


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _matrix(path: Path) -> Matrix:
    loaded = load_matrix(ROOT / path)
    assert loaded.matrix is not None
    return loaded.matrix


def test_reversed_sides_warn_and_are_labelled_by_date(mgi: Mgi) -> None:
    result = mgi("diff", FOLLOW, BASE, *CATALOGUES)
    assert result.exit_code == 0, result.output
    assert result.stderr == WARNING
    lines = result.stdout.splitlines()
    assert lines[:8] == [
        "Test Republic (XDT), national MGI: changes from 2022-06-30 to 2018-06-30",
        f"  first (later)    {FOLLOW}  (assessed 2022-06-30, difftest@2.0, validated)",
        f"  second (earlier) {BASE}  (assessed 2018-06-30, difftest@1.0, published)",
        "",
        "The sides look reversed: the first matrix is the later assessment. The changes read "
        "from 2022-06-30",
        "to 2018-06-30; give the baseline first to see the changes since it.",
        "",
        "Summary",
    ]
    assert "Answers by dimension and sub-area (2022-06-30→2018-06-30; other modules apart)" in lines
    header = [line.split() for line in lines if line.startswith("  indicator")]
    assert header[0][:4] == ["indicator", "dim", "2022-06-30", "2018-06-30"]


def test_markdown_and_html_say_so_too(mgi: Mgi) -> None:
    notice = (
        "The sides look reversed: the first matrix is the later assessment. The changes read "
        "from 2022-06-30 to 2018-06-30; give the baseline first to see the changes since it."
    )
    md = mgi("diff", FOLLOW, BASE, *CATALOGUES, "--format", "md")
    assert md.stdout.startswith(
        "## Test Republic (XDT), national MGI: changes from 2022-06-30 to 2018-06-30\n"
    )
    assert f"\n**{notice}**\n" in md.stdout
    assert "| first (later) |" in md.stdout and "| second (earlier) |" in md.stdout
    assert "### Answers by dimension (2022-06-30 → 2018-06-30)" in md.stdout
    html = mgi("diff", FOLLOW, BASE, *CATALOGUES, "--format", "html")
    assert f'<p class="notice">{notice}</p>' in html.stdout
    assert "<th>2022-06-30</th><th>2018-06-30</th>" in html.stdout
    assert md.stderr == html.stderr == WARNING


def test_json_keeps_its_shape_and_the_exit_status_is_unchanged(mgi: Mgi) -> None:
    reversed_ = mgi("diff", FOLLOW, BASE, *CATALOGUES, "--format", "json")
    in_order = mgi("diff", BASE, FOLLOW, *CATALOGUES, "--format", "json")
    assert reversed_.exit_code == in_order.exit_code == 0
    assert reversed_.stderr == WARNING
    assert set(json.loads(reversed_.stdout)) == set(json.loads(in_order.stdout))
    # --fail-on regression judges the diff as given: the reversed one has regressions
    failing = mgi("diff", FOLLOW, BASE, *CATALOGUES, "--fail-on", "regression")
    assert failing.exit_code == 1
    assert failing.stderr.startswith(WARNING)


def test_the_right_order_says_nothing(mgi: Mgi) -> None:
    result = mgi("diff", BASE, FOLLOW, *CATALOGUES)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith(
        "Test Republic (XDT), national MGI: changes since the baseline\n  baseline   "
    )
    alone = mgi("diff", FOLLOW, *CATALOGUES)  # the baseline its file names
    assert alone.stderr == ""


def test_a_later_date_alone_or_a_baseline_link_alone_is_enough() -> None:
    base, follow = _matrix(BASE), _matrix(FOLLOW)
    first, second = SideSpec(FOLLOW), SideSpec(BASE)
    unlinked = follow.model_copy(update={"baseline": None, "assessment": "baseline"})
    by_date = reversed_sides(unlinked, base, first, second)
    assert by_date is not None and by_date.code == codes.DIFF_REVERSED
    assert "it was assessed on 2022-06-30, after tests/diff_data/XDT-2018-baseline.yaml " in (
        by_date.message
    )
    same_day = follow.model_copy(update={"assessed_on": date(2018, 6, 30)})
    by_link = reversed_sides(same_day, base, first, second)
    assert by_link is not None and "names tests/diff_data/XDT-2018-baseline.yaml" in (
        by_link.message
    )
    assert reversed_sides(base, follow, second, first) is None
    # the same file at two revisions is two versions of one assessment, not reversed
    assert reversed_sides(base, base, SideSpec(BASE, "HEAD"), SideSpec(BASE)) is None
