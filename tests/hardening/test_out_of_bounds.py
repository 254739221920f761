"""Paths out of bounds are refused by every command inside a repository, not only
`mgi validate` (SECURITY.md, "Paths in a matrix stay where they should").

A follow-up's ``baseline:`` (or a local matrix's ``context:``) leading out of the
repository, through ``..``, an absolute path or a link, is reported and never read by
diff, render and the reports; nothing from the file outside (a planted marker) is
echoed.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

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
