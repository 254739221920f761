"""The progress bar of long runs: on a terminal only, never in CI, never for machines."""

from __future__ import annotations

import io
import json
import os
import select
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mgi_cli.commands.common import catalogue_library
from mgi_cli.commands.validate import PROGRESS_MIN_FILES, show_progress
from mgi_cli.validate.rule_input import ValidationOptions
from mgi_cli.validate.run import validate_paths

TESTS = Path(__file__).resolve().parents[1]
MINI = TESTS / "catalogues" / "mini-1.0.yaml"
TODAY = date(2026, 1, 1)
BASELINE = (TESTS / "matrices" / "valid" / "xam-2018-baseline.yaml").read_text(encoding="utf-8")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("fmt", "stdout_tty", "stderr_tty", "environ", "shown"),
    [
        ("text", True, True, {}, True),
        ("text", True, True, {"CI": "true"}, False),
        ("text", True, True, {"CI": "1"}, False),
        ("text", False, True, {}, False),
        ("text", True, False, {}, False),
        ("json", True, True, {}, False),
        ("github", True, True, {}, False),
    ],
)
def test_when_the_bar_is_shown(
    fmt: str, stdout_tty: bool, stderr_tty: bool, environ: dict[str, str], shown: bool
) -> None:
    out = _Terminal() if stdout_tty else io.StringIO()
    err = _Terminal() if stderr_tty else io.StringIO()
    assert show_progress(fmt, out, err, environ) is shown


def _repository(root: Path, count: int) -> Path:
    shutil.copyfile(MINI, root / MINI.name)  # catalogue-files stay inside the repository
    (root / "mgi.toml").write_text(f'catalogue-files = ["{MINI.name}"]\n', encoding="utf-8")
    for n in range(count):
        country = f"X{chr(65 + n // 26)}{chr(65 + n % 26)}"
        folder = root / "matrices" / country
        folder.mkdir(parents=True)
        text = BASELINE.replace("country: XAM", f"country: {country}")
        (folder / "2018-baseline.yaml").write_text(text, encoding="utf-8")
    return root


def test_the_core_reports_progress(tmp_path: Path) -> None:
    _repository(tmp_path, 20)
    seen: list[int] = []
    report = validate_paths(
        [tmp_path / "matrices"], catalogue_library([MINI]), ValidationOptions(today=TODAY),
        jobs=2, on_start=seen.append, on_file=lambda: seen.append(-1),
    )  # fmt: skip
    assert report.ok
    assert seen == [20] + [-1] * 20


def _in_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal, as a person at a terminal would."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdin=follower, stdout=follower, stderr=follower, close_fds=True
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not data:
            break
        chunks.append(data)
    status = process.wait(timeout=60)
    os.close(leader)
    return status, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    ("extra_env", "args", "shown"),
    [
        ({}, [], True),
        ({"CI": "true"}, [], False),
        ({}, ["--format", "json"], False),
        ({}, ["--format", "github"], False),
    ],
)
def test_a_long_run_on_a_terminal_shows_a_bar(
    tmp_path: Path, extra_env: dict[str, str], args: list[str], shown: bool
) -> None:
    _repository(tmp_path, PROGRESS_MIN_FILES + 10)
    env = {
        key: value for key, value in os.environ.items()
        if key not in ("CI", "GITHUB_ACTIONS", "NO_COLOR")
    }  # fmt: skip
    env.update({"TERM": "xterm", "COLUMNS": "100", **extra_env})
    status, output = _in_a_terminal(
        [sys.executable, "-m", "mgi_cli", "validate", "--jobs", "2", *args], tmp_path, env
    )
    assert status == 0, output
    assert ("validating" in output) is shown
    if args[1:] == ["json"]:
        assert json.loads(output)["ok"] is True
    elif not args:
        assert "OK: 60 files checked, 0 warnings" in output.splitlines()[-1]


def test_a_short_run_shows_no_bar(tmp_path: Path) -> None:
    _repository(tmp_path, 3)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    status, output = _in_a_terminal([sys.executable, "-m", "mgi_cli", "validate"], tmp_path, env)
    assert status == 0
    assert "validating" not in output
