"""No public output draws on a draft baseline (docs/format.md, "Confidentiality").

A follow-up's baseline that is a `draft` or `in_review` is not published: a public
profile leaves out the developments since it (with a `no-developments` warning
naming why), a public score report, which is made of the baseline's scores, refuses;
for the government both use it. One rule decides, ``baseline_withheld`` in
mgi_cli/matrix/confidentiality.py, for every output (the site included).
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from mgi_cli.cli import app
from mgi_cli.matrix.confidentiality import baseline_withheld
from mgi_cli.matrix.load import load_matrix

VALID = Path(__file__).resolve().parents[1] / "matrices" / "valid"
MINI = VALID.parent.parent / "catalogues" / "mini-1.0.yaml"
MARKER = "Marker-of-the-baseline-justification"
STATUSES = ("draft", "in_review", "validated", "published")
_runner = CliRunner()


def run(*args: object) -> Result:
    return _runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})


def pair(folder: Path, status: str) -> Path:
    baseline = (VALID / "xam-2018-baseline.yaml").read_text(encoding="utf-8")
    baseline = baseline.replace("status: published", f"status: {status}").replace(
        "The statistics office has published no migration data since 2009.",
        f"{MARKER} - the statistics office has published no migration data since 2009.",
    )
    (folder / "xam-2018-baseline.yaml").write_text(baseline, encoding="utf-8")
    follow_up = folder / "xam-2022-follow-up.yaml"
    follow_up.write_bytes((VALID / "xam-2022-follow-up.yaml").read_bytes())
    return follow_up


@settings(max_examples=16, deadline=timedelta(seconds=30), database=None)
@given(
    status=st.sampled_from(STATUSES),
    audience=st.sampled_from(["public", "government"]),
    output=st.sampled_from(["md", "html"]),
)
def test_public_outputs_never_draw_on_a_draft_baseline(
    status: str, audience: str, output: str
) -> None:
    withheld = audience == "public" and status in ("draft", "in_review")
    with tempfile.TemporaryDirectory() as name:
        follow_up = pair(Path(name), status)
        baseline = load_matrix(Path(name) / "xam-2018-baseline.yaml").matrix
        assert (baseline_withheld(baseline, audience) is not None) == withheld
        profile = run("render", "profile", follow_up, "--catalogue", MINI, "--audience",
                      audience, "--format", output)  # fmt: skip
        assert profile.exit_code == 0, profile.output
        said = (
            f"warning no-developments the developments since the baseline are left out: the "
            f"baseline is {status!r}: public output draws only on validated or published "
            "matrices"
        )
        assert (said in profile.output) == withheld, profile.output
        if withheld:
            assert MARKER not in profile.stdout
        score = run("report", "score", follow_up, "--catalogue", MINI, "--audience", audience,
                    "--format", "json")  # fmt: skip
        assert score.exit_code == (1 if withheld else 0), score.output
        if withheld:
            assert MARKER not in score.output
