"""Writes are atomic: a failure or a kill in the middle of `mgi fmt` leaves the file whole."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from mgi_cli.files.atomic import write_atomic

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


# --- What is at the path is respected (docs/format.md, "Writing files") ----------------

VALID = Path(__file__).resolve().parents[1] / "matrices" / "valid" / "xam-2018-baseline.yaml"
MINI = Path(__file__).resolve().parents[1] / "catalogues" / "mini-1.0.yaml"
_QUICK = settings(
    max_examples=12,
    deadline=timedelta(seconds=30),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # `mgi` holds no state
)


def _with_umask(umask: int, action: Callable[[], object]) -> object:
    old = os.umask(umask)
    try:
        return action()
    finally:
        os.umask(old)


@_QUICK
@given(
    umask=st.sampled_from([0o022, 0o077, 0o002, 0o027, 0o000, 0o037]),
    existing=st.sampled_from([None, 0o600, 0o640, 0o664, 0o755]),
)
def test_permissions_follow_the_umask_or_the_file(umask: int, existing: int | None) -> None:
    """A new file gets 0o666 less the umask (it used to be made world-readable); a
    replaced file keeps its own mode."""
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "out.txt"
        if existing is not None:
            path.write_text("old", encoding="utf-8")
            path.chmod(existing)
        _with_umask(umask, lambda: write_atomic(path, "new"))
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (existing if existing is not None else 0o666 & ~umask)
        assert path.read_text(encoding="utf-8") == "new"


def _reader(fifo: Path, got: list[bytes]) -> threading.Thread:
    def read() -> None:
        with fifo.open("rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@_QUICK
@given(
    kind=st.sampled_from(["fifo-read", "fifo-unread", "null", "socket"]),
    command=st.sampled_from(["export", "render", "report"]),
)
def test_devices_pipes_and_sockets_are_written_through_or_refused(
    mgi: Mgi, kind: str, command: str
) -> None:
    """`-o` naming a character device or a read pipe writes through it; a pipe no one
    reads, or a socket, is refused; none is replaced by a file."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        target = folder / "target"
        got: list[bytes] = []
        thread = None
        server = None
        if kind.startswith("fifo"):
            os.mkfifo(target)
            if kind == "fifo-read":
                thread = _reader(target, got)
                time.sleep(0.05)  # the reader opens the pipe first
        elif kind == "null":
            target = Path(os.devnull)
        else:
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(target))
        argv = {
            "export": ["export", VALID, "--catalogue", MINI, "--format", "csv", "-o", target],
            "render": ["render", "profile", VALID, "--catalogue", MINI, "--format", "md",
                       "--audience", "government", "-o", target],
            "report": ["report", "gcm", VALID, "--catalogue", MINI, "--audience", "government",
                       "--format", "json", "-o", target],
        }[command]  # fmt: skip
        before = target.lstat().st_mode
        try:
            result = mgi(*argv)
        finally:
            if server is not None:
                server.close()
        if thread is not None:
            thread.join(5)
        if kind in ("fifo-read", "null"):
            assert result.exit_code == 0, result.output
            assert kind == "null" or (got and got[0])
        else:
            assert result.exit_code == 1, result.output
            assert f"cannot write {target}: " in result.output
        assert stat.S_IFMT(target.lstat().st_mode) == stat.S_IFMT(before)
        assert not stat.S_ISREG(target.lstat().st_mode)
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


@_QUICK
@given(command=st.sampled_from(["fmt", "import", "export"]), absolute=st.booleans())
def test_a_linked_file_stays_a_link(mgi: Mgi, command: str, absolute: bool) -> None:
    """fmt, import --force and -o write the file a link leads to; the link stays."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "real").mkdir()
        real = folder / "real" / ("m.xlsx" if command == "export" else "m.yaml")
        text = VALID.read_text(encoding="utf-8")
        real.write_text(text.replace("modules: [standard]", "modules:\n  - standard"), "utf-8")
        link = folder / real.name
        link.symlink_to(real if absolute else Path("real") / real.name)
        sheet = folder / "s.csv"
        sheet.write_text(
            "#format: mgi-matrix/1\n#country: XAM\n#level: national\n#assessment: baseline\n"
            "#catalogue: mini@1.0\n#modules: standard\n#assessed_on: 2024-01-31\n"
            "#status: draft\nid,answer,justification,restricted\nM1.01,yes,Art. 12.,false\n",
            encoding="utf-8",
        )
        argv = {
            "fmt": ["fmt", link],
            "import": ["import", sheet, "-o", link, "--force", "--catalogue", MINI],
            "export": ["export", VALID, "--catalogue", MINI, "-o", link],
        }[command]
        result = mgi(*argv)
        assert result.exit_code == 0, result.output
        assert link.is_symlink()
        assert real.read_text("utf-8", "replace") != text.replace(
            "modules: [standard]", "modules:\n  - standard"
        )
        assert sorted(p.name for p in (folder / "real").iterdir()) == [real.name]


@_QUICK
@given(edit=st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30))
def test_fmt_does_not_overwrite_a_file_changed_while_it_ran(mgi: Mgi, edit: str) -> None:
    """Someone saves the file between fmt's read and its rename: their edit stays."""
    from mgi_cli.formatting import fmt

    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "m.yaml"
        path.write_text(
            VALID.read_text(encoding="utf-8").replace(
                "modules: [standard]", "modules:\n  - standard"
            ),
            encoding="utf-8",
        )
        theirs = path.read_text(encoding="utf-8") + f"# {edit!r}\n"
        real_format = fmt.format_file

        def format_then_edit(target: Path, display: str | None = None) -> fmt.Formatted:
            result = real_format(target, display)
            target.write_text(theirs, encoding="utf-8")  # their save, while fmt runs
            return result

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(fmt, "format_file", format_then_edit)
            result = mgi("fmt", path)
        assert result.exit_code == 1, result.output
        assert path.read_text(encoding="utf-8") == theirs
        message = (
            f"{path}: error fmt-refused {path} changed while mgi was working on it; it was "
            "not overwritten (run the command again)"
        )
        assert message in result.output
        assert "0 file(s) reformatted, 0 unchanged, 1 refused" in result.output
