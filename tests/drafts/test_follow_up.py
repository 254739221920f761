"""`mgi new --follow-up-of`: a follow-up draft that starts from the baseline's answers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Matrix

Mgi = Callable[..., Result]
BASELINE = Path(__file__).resolve().parents[1] / "matrices" / "valid" / "xam-2018-baseline.yaml"


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    folder = tmp_path / "2018"
    folder.mkdir()
    return Path(shutil.copy(BASELINE, folder / "baseline.yaml"))


@pytest.fixture
def mini_v2(tmp_path: Path, mini_catalogue: Path) -> Path:
    """mini@2.0: M1.02 becomes M1.20, M1.03 loses an answer, M3.01 is retired."""
    text = mini_catalogue.read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', 'version: "2.0"\nlineage: ["1.0"]')
    text = text.replace("  - id: M1.02\n", "  - id: M1.20\n    replaces: [M1.02]\n")
    text = text.replace(
        "      - {id: within_a_year, counts_as: partial, label: {en: Within a year}}\n", ""
    )
    text = text.replace(
        "    guidance:\n      at_once: A residence permit allows work from its first day.\n", ""
    )
    head, _, rest = text.partition("  - id: M3.01\n")
    text = head + rest.partition("    gcm: [23]\n")[2]
    path = tmp_path / "mini-2.0.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _matrix(path: Path) -> Matrix:
    loaded = load_matrix(path)
    assert loaded.matrix is not None, loaded.problems
    return loaded.matrix


def test_follow_up_carries_every_answer_marked_unreviewed(
    mgi: Mgi, tmp_path: Path, baseline: Path, mini_catalogue: Path
) -> None:
    out = tmp_path / "2022" / "follow-up.yaml"
    out.parent.mkdir()
    result = mgi("new", "--follow-up-of", baseline, "-o", out, "--assessed-on", "2022-06-01",
                 "--catalogue", mini_catalogue)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "6 answer(s) carried over, marked `reviewed: false`" in result.output
    base, follow = _matrix(baseline), _matrix(out)
    assert follow.assessment == "follow_up"
    assert follow.baseline == "../2018/baseline.yaml"
    assert (follow.status, follow.catalogue, follow.modules) == ("draft", "mini@1.0", ["standard"])
    assert (follow.country, follow.title, follow.confidentiality) == (
        base.country,
        base.title,
        base.confidentiality,
    )
    assert follow.assessed_on.isoformat() == "2022-06-01"
    expected = {k: v.model_copy(update={"reviewed": False}) for k, v in base.answers.items() if v}
    assert follow.answers == expected
    text = out.read_text(encoding="utf-8")
    assert (
        "  # M1.01 Can migrants in an irregular situation obtain emergency health care?\n" in text
    )


def test_validate_counts_the_unreviewed_answers(
    mgi: Mgi, tmp_path: Path, baseline: Path, mini_catalogue: Path
) -> None:
    out = tmp_path / "follow-up.yaml"
    mgi("new", "--follow-up-of", baseline, "-o", out, "--assessed-on", "2022-06-01",
        "--catalogue", mini_catalogue)  # fmt: skip
    result = mgi("validate", out, "--catalogue", mini_catalogue, "--format", "json")
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    assert {p["severity"] for p in problems} == {"warning"}
    unreviewed = [p for p in problems if p["code"] == "unreviewed-answers"]
    assert [p["message"] for p in unreviewed] == [
        "6 answer(s) carried over from the baseline still need review (first: M1.01)"
    ]


def test_follow_up_maps_answers_through_replaces_links(
    mgi: Mgi, tmp_path: Path, baseline: Path, mini_catalogue: Path, mini_v2: Path
) -> None:
    out = tmp_path / "follow-up.yaml"
    result = mgi("new", "--follow-up-of", baseline, "-o", out, "--assessed-on", "2022-06-01",
                 "--catalogue", mini_v2, "--catalogue", mini_catalogue,
                 "--catalogue-version", "mini@2.0")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "mgi: M1.20 starts from the baseline's answer to M1.02\n" in result.output
    assert "the baseline's answer to M3.01 has no place in mini@2.0" in result.output
    assert "M1.03: the baseline's answer is not on the new scale; left empty" in result.output
    base, follow = _matrix(baseline), _matrix(out)
    assert follow.catalogue == "mini@2.0"
    assert set(follow.answers) == {"M1.01", "M1.20", "M1.03", "M2.01", "M2.02"}
    moved = follow.answers["M1.20"]
    assert moved is not None and base.answers["M1.02"] is not None
    assert (moved.answer, moved.justification, moved.references, moved.reviewed) == (
        "partial",
        base.answers["M1.02"].justification,
        base.answers["M1.02"].references,
        False,
    )
    assert moved.notes == (
        "Carried over from the baseline's answer to M1.02, which M1.20 replaces; check it "
        "against the new question."
    )
    off = follow.answers["M1.03"]
    assert off is not None and off.answer is None and off.justification
    assert (
        off.notes
        == "The baseline answered 'within_a_year', which is not on this indicator's scale."
    )
    check = mgi("validate", out, "--catalogue", mini_catalogue, "--catalogue", mini_v2,
                "--format", "json")  # fmt: skip
    assert check.exit_code == 0, check.output


def test_follow_up_usage_errors(
    mgi: Mgi, tmp_path: Path, baseline: Path, mini_catalogue: Path
) -> None:
    out = tmp_path / "f.yaml"
    both = mgi("new", "XAM", "--follow-up-of", baseline, "-o", out, "--catalogue", mini_catalogue)
    assert both.exit_code == 2
    assert "give either COUNTRY or --follow-up-of, not both" in both.output
    module = mgi("new", "--follow-up-of", baseline, "-o", out, "--modules", "standard,extra",
                 "--catalogue", mini_catalogue)  # fmt: skip
    assert module.exit_code == 2
    assert "mini@1.0 has no module extra" in module.output
    assert not out.exists()


def test_follow_up_of_a_broken_baseline_is_refused(mgi: Mgi, tmp_path: Path) -> None:
    broken = tmp_path / "base.yaml"
    broken.write_text("format: mgi-matrix/1\ncountry: [XAM\n", encoding="utf-8")
    result = mgi("new", "--follow-up-of", broken, "-o", tmp_path / "f.yaml")
    assert result.exit_code == 1
    assert f"mgi: {broken} cannot be read as a matrix" in result.output
    assert "yaml-syntax" in result.output


def test_follow_up_of_a_local_matrix_keeps_its_context(mgi: Mgi, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "examples"
    local = root / "matrices" / "XAM" / "local" / "port-selen" / "2021-baseline.yaml"
    out = tmp_path / "2025-follow_up.yaml"
    result = mgi("new", "--follow-up-of", local, "-o", out, "--assessed-on", "2025-06-01")
    assert result.exit_code == 0, result.output
    follow = _matrix(out)
    assert (follow.level, follow.locality, follow.subdivision) == ("local", "Port Selen", "XAM-PS")
    assert follow.context is not None
    assert (out.parent / follow.context).resolve() == (
        root / "matrices/XAM/2018-baseline.yaml"
    ).resolve()
    check = mgi("validate", out, "--format", "json")
    assert check.exit_code == 0, check.output


def test_follow_up_carries_context_specific_indicators(mgi: Mgi, tmp_path: Path) -> None:
    source = (
        Path(__file__).resolve().parents[2]
        / "examples"
        / "context"
        / "XAM-2022-follow_up-context.yaml"
    )
    out = tmp_path / "2026-follow_up.yaml"
    result = mgi("new", "--follow-up-of", source, "-o", out, "--assessed-on", "2025-12-01")
    assert result.exit_code == 0, result.output
    base, follow = _matrix(source), _matrix(out)
    assert follow.context_indicators == base.context_indicators
    assert follow.answers["X.01"] == base.answers["X.01"].model_copy(update={"reviewed": False})  # type: ignore[union-attr]
    assert follow.action_plan == []
    text = out.read_text(encoding="utf-8")
    assert "  # X.01 Do migrant crew members hired for the seasonal fishing fleet" in text
    check = mgi("validate", out, "--format", "json")
    assert check.exit_code == 0, check.output
