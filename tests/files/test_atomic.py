"""Writes are atomic: a failure or a kill in the middle of `mgi fmt` leaves the file whole."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Mgi = Callable[..., Result]
EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM" / "2022-follow_up.yaml"
)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """A large matrix (the 2022 example, 90 KB) that `mgi fmt` rewrites."""
    path = tmp_path / "matrix.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("modules: [standard, covid19]\n", "")
    path.write_text(text + "modules:\n  - standard\n  - covid19\n", encoding="utf-8")
    return path


def test_a_failed_rename_leaves_the_file_whole(
    mgi: Mgi, messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = messy.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("os.replace", fail)
    result = mgi("fmt", messy)
    assert result.exit_code == 1
    assert f"mgi: cannot write {messy}: Input/output error" in result.output
    assert messy.read_bytes() == before
    assert [p.name for p in messy.parent.iterdir()] == ["matrix.yaml"]


# Runs `mgi fmt` and kills it (SIGKILL: no clean-up can run) once the new text is written
# to the temporary file, just before the rename.
_KILLED_MIDWAY = """
import os, signal, sys
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
from mgi_cli.cli import main
sys.argv = ["mgi", "fmt", sys.argv[1]]
main()
"""


def test_a_kill_midway_leaves_the_file_whole(mgi: Mgi, messy: Path) -> None:
    before = messy.read_bytes()
    run = subprocess.run([sys.executable, "-c", _KILLED_MIDWAY, str(messy)],
                         capture_output=True, timeout=60, check=False)  # fmt: skip
    assert run.returncode == -signal.SIGKILL
    assert messy.read_bytes() == before
    # The half-done write is a hidden temporary file that nothing reads; fmt still works.
    leftovers = [p.name for p in messy.parent.iterdir() if p.name != "matrix.yaml"]
    assert all(n.startswith(".matrix.yaml.") and n.endswith(".tmp") for n in leftovers)
    assert mgi("fmt", messy).exit_code == 0
    assert mgi("fmt", "--check", messy).exit_code == 0
    assert "modules: [standard, covid19]\n" in messy.read_text(encoding="utf-8")
