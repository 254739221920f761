"""No data lost: a killed, failing or racing command never damages a user's file.

For every command that writes a file (the WRITERS table), over an existing file:

- killed with SIGKILL at random moments, the file is byte for byte the old one or the
  complete new one, never a mix (``python -m mgi_cli`` in a subprocess);
- killed inside the write itself (half the bytes written to the temporary file, or
  all of them just before the rename), the old file is intact;
- on a full disk or in a read-only folder it says so, exits 1, and the old file is
  intact with no temporary file left behind; a read-only file is not replaced.

Two `mgi fmt` at once on the same file leave a valid, formatted file.
test_fmt_atomic.py holds the first such tests for `fmt`; this file covers every writer.
"""

from __future__ import annotations

import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.hardening.test_fuzz import MINI, READERS, SEEDS, Scratch, run

Mgi = Callable[..., Result]
BASELINE = SEEDS["XAM/2018-baseline.yaml"]
FOLLOW_UP = SEEDS["XAM/2022-follow_up.yaml"]
OLD = b"# the user's old file: must survive\n"


@dataclass(frozen=True)
class Writer:
    """A command that writes ``target`` (relative to its folder) over an existing file."""

    name: str
    target: str
    argv: Callable[[Path], list[str | Path]]
    #: What is there before (``OLD`` by default); a file `fmt` must rewrite for fmt.
    before: Callable[[Path], bytes] = lambda folder: OLD
    #: `init` never replaces a file: it is run in an empty folder instead.
    replaces: bool = True
    #: Whether ``content`` is the whole new file, given a finished run's (xlsx files hold
    #: the time they were written, so two runs differ).
    same: Callable[[bytes, bytes], bool] = lambda content, finished: content == finished


def _same_workbook(content: bytes, finished: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(content)) as got, zipfile.ZipFile(io.BytesIO(finished)) as ref:
        return got.testzip() is None and got.namelist() == ref.namelist()


def _messy(folder: Path) -> bytes:
    """The 2022 example with its modules in block style: `mgi fmt` rewrites it."""
    text = FOLLOW_UP.read_text(encoding="utf-8")
    text = text.replace(
        "modules: [standard, covid19]\n", "modules:\n    - standard\n    - covid19\n"
    )
    shutil.copy(BASELINE, folder / "2018-baseline.yaml")
    return text.encode("utf-8")


def _sheet(folder: Path) -> bytes:
    sheet = folder / "sheet.csv"
    if not sheet.exists():
        done = run(["export", SEEDS["mini/xam-2018-baseline.yaml"], "--catalogue", MINI,
                    "-o", sheet])  # fmt: skip
        assert done.exit_code == 0, done.output
    return SEEDS["mini/xam-2018-baseline.yaml"].read_bytes()


WRITERS = [
    Writer("render-profile", "profile.html", lambda f: [
        "render", "profile", FOLLOW_UP, "--format", "html", "-o", f / "profile.html"]),
    Writer("render-summary", "summary.md", lambda f: [
        "render", "summary", BASELINE.parent, "--audience", "government", "--min-group", "1",
        "--include-restricted",
        "-o", f / "summary.md"]),
    Writer("diff", "diff.html", lambda f: [
        "diff", BASELINE, FOLLOW_UP, "--format", "html", "-o", f / "diff.html"]),
    Writer("report", "gcm.md", lambda f: ["report", "gcm", FOLLOW_UP, "-o", f / "gcm.md"]),
    Writer("export", "sheet.xlsx", lambda f: ["export", FOLLOW_UP, "-o", f / "sheet.xlsx"],
           same=_same_workbook),
    Writer("fmt", "2022-follow_up.yaml", lambda f: ["fmt", f / "2022-follow_up.yaml"],
           before=_messy),
    Writer("import", "matrix.yaml", lambda f: [
        "import", f / "sheet.csv", "--catalogue", MINI, "-o", f / "matrix.yaml", "--force"],
           before=_sheet),
    Writer("new", "matrix.yaml", lambda f: [
        "new", "XAM", "-o", f / "matrix.yaml", "--force", "--assessed-on", "2030-01-01"]),
    Writer("init", "mgi.toml", lambda f: ["init", f, "--country", "XAM"], replaces=False),
]  # fmt: skip
NAMES = [w.name for w in WRITERS]
BY_NAME = {w.name: w for w in WRITERS}


def prepare(writer: Writer, folder: Path) -> bytes | None:
    """A folder with the old target; returns its bytes (None: no old file, for init)."""
    folder.mkdir(parents=True, exist_ok=True)
    before = writer.before(folder)
    if not writer.replaces:
        return None
    (folder / writer.target).write_bytes(before)
    return before


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def command(args: list[str | Path]) -> list[str]:
    return [sys.executable, "-m", "mgi_cli", *map(str, args)]


#: How long each writer takes when it runs to the end, in seconds (see ``finished``).
DURATION: dict[str, float] = {}


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """What each writer leaves when it runs to the end (every file of its folder)."""
    outcome = {}
    for writer in WRITERS:
        folder = tmp_path_factory.mktemp(writer.name)
        before = prepare(writer, folder)
        started = time.monotonic()
        done = subprocess.run(command(writer.argv(folder)), capture_output=True, check=False)
        DURATION[writer.name] = time.monotonic() - started
        assert done.returncode == 0, done.stderr.decode()
        outcome[writer.name] = files(folder)
        if before is not None:
            assert outcome[writer.name][writer.target] != before, writer.name
    return outcome


def _whole(writer: Writer, folder: Path, before: bytes | None, after: dict[str, bytes]) -> None:
    """The target is the old file or the whole new one; other files are whole or absent."""
    for name, content in files(folder).items():
        if Path(name).name.startswith(".") and name.endswith(".tmp"):
            continue  # a killed write's hidden temporary file: nothing reads it
        if name == writer.target and before is not None:
            whole = content == before or writer.same(content, after[name])
            assert whole, f"{writer.name}: {name} is damaged"
        elif name in after:
            assert writer.same(content, after[name]) or content == writer.before(folder), (
                writer.name,
                name,
            )
    if before is not None:
        assert (folder / writer.target).exists(), f"{writer.name} lost {writer.target}"


# --- SIGKILL ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_killed_at_random_moments(
    name: str, tmp_path: Path, finished: dict[str, dict[str, bytes]]
) -> None:
    writer = BY_NAME[name]
    rng = random.Random(f"{name}-2026")
    folders = [tmp_path / f"run{n}" for n in range(2)]
    befores = [prepare(writer, folder) for folder in folders]
    # Two at once run slower than one alone: kills spread from the middle of a lone
    # run (start-up is most of it) to past its end, where the writing happens.
    span = DURATION[name]
    started = time.monotonic()
    processes = []
    for folder in folders:
        processes.append(subprocess.Popen(
            command(writer.argv(folder)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ))  # fmt: skip
    delays = sorted(rng.uniform(0.5 * span, 1.8 * span) for _ in folders)
    for process, delay in zip(processes, delays, strict=True):
        time.sleep(max(0.0, started + delay - time.monotonic()))
        process.send_signal(signal.SIGKILL)
    for process in processes:
        process.wait(timeout=60)
    for folder, before in zip(folders, befores, strict=True):
        _whole(writer, folder, before, finished[name])


_DIE = """
import os, signal, sys
mode = sys.argv.pop(1)
die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
if mode == "before-rename":
    os.replace = os.rename = os.link = die
else:
    real = os.fdopen
    class HalfThenDie:
        def __init__(self, *args, **kwargs):
            self.file = real(*args, **kwargs)
        def write(self, data):
            self.file.write(data[: len(data) // 2])
            self.file.flush()
            die()
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.file.close()
        def __getattr__(self, name):
            return getattr(self.file, name)
    os.fdopen = lambda fd, mode="r", *a, **k: (
        HalfThenDie(fd, mode, *a, **k) if "w" in mode else real(fd, mode, *a, **k))
import runpy
sys.argv[0] = "mgi"
runpy.run_module("mgi_cli", run_name="__main__")
"""


@pytest.mark.parametrize("moment", ["mid-write", "before-rename"])
def test_killed_inside_the_write(
    moment: str, tmp_path: Path, finished: dict[str, dict[str, bytes]]
) -> None:
    """Every writer at once, each killed at the same point of its own write."""
    running = []
    for writer in WRITERS:
        folder = tmp_path / writer.name
        before = prepare(writer, folder)
        args = [sys.executable, "-c", _DIE, moment, *map(str, writer.argv(folder))]
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        running.append((writer, folder, before, process))
    for writer, folder, before, process in running:
        _, err = process.communicate(timeout=120)
        assert process.returncode == -signal.SIGKILL, (writer.name, err.decode()[-2000:])
        if before is not None:
            assert (folder / writer.target).read_bytes() == before, writer.name
        else:
            assert writer.target not in files(folder), writer.name
        _whole(writer, folder, before, finished[writer.name])


# --- Full disk, read-only folder, read-only file ----------------------------------------


class _FullDisk:
    """A file object whose writes fail as on a full disk; reads work as usual."""

    real_fdopen: Any = staticmethod(os.fdopen)

    def __init__(self, fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> None:
        self.file = self.real_fdopen(fd, mode, *args, **kwargs)

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.file, name)


@pytest.mark.parametrize("name", NAMES)
def test_a_full_disk_is_a_clear_error(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = BY_NAME[name]
    before = prepare(writer, tmp_path)
    existing = files(tmp_path)
    monkeypatch.setattr(os, "fdopen", _FullDisk)
    result = run(writer.argv(tmp_path))
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output
    assert "Traceback" not in result.output
    assert files(tmp_path) == existing, "the old files, intact, and no temporary file left"
    del before


def _unshare() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


_IN_NAMESPACE = """
set -e
folder="$1"; target="$2"; after="$3"; shift 3
{setup}
set +e
"$@"
code=$?
cat "$folder/$target" > "$after" 2>/dev/null
(cd "$folder" && find . -type f) > "$after.list"
echo "exit=$code"
"""
_TMPFS = """
saved=$(mktemp -d)
cp -a "$folder/." "$saved/"
mount -t tmpfs -o size=512k tmpfs "$folder"
cp -a "$saved/." "$folder/"
head -c 4M /dev/zero > "$folder/.filler" 2>/dev/null || true
"""
_READ_ONLY = """
mount --bind "$folder" "$folder"
mount -o remount,bind,ro "$folder"
"""


@pytest.mark.skipif(not _unshare(), reason="needs `unshare -rm` (Linux user namespaces)")
@pytest.mark.parametrize(
    ("place", "message"),
    [("tmpfs", "No space left on device"), ("read-only", "ead-only")],
)
def test_a_real_full_disk_or_read_only_folder(tmp_path: Path, place: str, message: str) -> None:
    """On a 512 KiB tmpfs filled up, or under a read-only bind mount, in a private mount
    namespace (``unshare -rm``): nothing outside the test sees either."""
    setup = _TMPFS if place == "tmpfs" else _READ_ONLY
    # One writer of each kind (all of them: test_a_full_disk_is_a_clear_error).
    for writer in (BY_NAME[n] for n in ("render-profile", "fmt", "import", "init")):
        folder = tmp_path / writer.name
        before = prepare(writer, folder)
        listing = sorted(f"./{name}" for name in files(folder))
        after = tmp_path / f"{writer.name}.after"
        script = _IN_NAMESPACE.format(setup=setup)
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", script, "sh", str(folder), writer.target, str(after),
             *command(writer.argv(folder))],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        output = done.stdout + done.stderr
        assert "exit=1" in done.stdout, (writer.name, output)
        assert message in output, (writer.name, output)
        assert "Traceback" not in output
        if before is not None:
            assert after.read_bytes() == before, writer.name
        extra = ["./.filler"] if place == "tmpfs" else []  # folders `init` made may stay
        shown = after.with_name(after.name + ".list").read_text().split()
        assert sorted(shown) == sorted(listing + extra), (writer.name, "a temporary file is left")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes in read-only folders"
)
@pytest.mark.parametrize("name", NAMES)
def test_a_read_only_folder_is_a_clear_error(name: str, tmp_path: Path) -> None:
    writer = BY_NAME[name]
    prepare(writer, tmp_path)
    existing = files(tmp_path)
    tmp_path.chmod(0o555)
    try:
        result = run(writer.argv(tmp_path))
    finally:
        tmp_path.chmod(0o755)
    assert result.exit_code == 1, result.output
    assert "Permission denied" in result.output
    assert files(tmp_path) == existing


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write read-only files"
)
@pytest.mark.parametrize("name", [w.name for w in WRITERS if w.replaces])
def test_a_read_only_file_is_not_replaced(name: str, tmp_path: Path) -> None:
    writer = BY_NAME[name]
    before = prepare(writer, tmp_path)
    target = tmp_path / writer.target
    target.chmod(0o444)
    result = run(writer.argv(tmp_path))
    assert result.exit_code == 1, result.output
    assert "the file is read-only" in result.output
    assert target.read_bytes() == before


def test_a_read_only_file_is_not_replaced_even_when_checked_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root may write anything; what a user without the right sees, simulated."""
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **k: mode != os.W_OK and real_access(p, mode, **k)
    )
    for writer in WRITERS:
        if not writer.replaces:
            continue
        folder = tmp_path / writer.name
        before = prepare(writer, folder)
        result = run(writer.argv(folder))
        assert result.exit_code == 1, (writer.name, result.output)
        assert "the file is read-only" in result.output, (writer.name, result.output)
        assert (folder / writer.target).read_bytes() == before


# --- Reading never writes ------------------------------------------------------------------


@pytest.mark.parametrize(
    "slot", ["XAM/2022-follow_up.yaml", "XAM/local/port-selen/2021-baseline.yaml"]
)
def test_commands_never_write_the_files_they_read(tmp_path: Path, slot: str) -> None:
    """Every reader but `fmt` (which rewrites by design) leaves every matrix as it was,
    to the byte and the modification time: its own, the baseline, the national context."""
    for reader in READERS:
        if reader.name.startswith("fmt"):
            continue
        case = Scratch(tmp_path / reader.name).case(slot, SEEDS[slot].read_bytes())
        inputs = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in case.work.rglob("*.yaml")}
        result = run(reader.argv(case, lambda choices: choices[-1]))  # -o where it can
        assert result.exit_code in reader.exits, (reader.name, result.output)
        for path, (content, mtime) in inputs.items():
            if path.name == "new.yaml":
                continue  # `new -o new.yaml --force`: its output
            assert (path.read_bytes(), path.stat().st_mtime_ns) == (content, mtime), (
                reader.name, path
            )  # fmt: skip


# --- Two fmt at once ----------------------------------------------------------------------


def test_two_fmt_at_once_leave_a_valid_formatted_file(
    tmp_path: Path, finished: dict[str, dict[str, bytes]]
) -> None:
    writer = BY_NAME["fmt"]
    formatted = finished["fmt"][writer.target]
    for attempt in range(2):
        folder = tmp_path / f"race{attempt}"
        prepare(writer, folder)
        args = command(writer.argv(folder))
        racers = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                  for _ in range(2)]  # fmt: skip
        for racer in racers:
            _, err = racer.communicate(timeout=60)
            # The one that finds the file changed under it refuses rather than overwrite.
            assert racer.returncode == 0 or b"fmt-refused" in err, err.decode()
        assert any(r.returncode == 0 for r in racers)
        assert (folder / writer.target).read_bytes() == formatted
        check = run(["fmt", "--check", folder / writer.target])
        assert check.exit_code == 0, check.output
        valid = run(["validate", folder / writer.target])
        assert valid.exit_code == 0, valid.output
