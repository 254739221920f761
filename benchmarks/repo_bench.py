"""Benchmark `mgi validate` on a generated matrices repository, full and incremental.

    python benchmarks/repo_bench.py --files 1000

Builds a git repository laid out as `mgi init` makes one (mgi.toml, and
matrices/<ISO3>/<year>-baseline.yaml), holding N complete matrices from
validate_bench.generate (every indicator answered, about 90 KB each), commits it,
then times, against check-jsonschema (the JSON Schema only) on the same files:

- a full run: ``mgi validate --format json`` in the repository (all file rules and
  the repository rules, parallel by default) vs check-jsonschema on every file;
- an incremental run after editing one matrix: ``mgi validate --changed-since HEAD``
  vs check-jsonschema on that one file.

Each command runs ``--repeat`` times, the commands of a comparison taking turns so
that other load on the machine falls on both alike; the best wall time, the CPU time
(user + system, worker processes included) of that run and the peak resident memory
of the largest process are reported. The full run is repeated on a tenth of the
files to show whether peak memory grows with the number of files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate_bench import generate

#: ISO 3166-1 alpha-3 codes reserved for users, in order: 1,092 of them.
_RANGES = (("AAA", "AAZ"), ("QMA", "QZZ"), ("XAA", "XZZ"), ("ZZA", "ZZZ"))


def user_assigned_codes() -> list[str]:
    codes = []
    for low, high in _RANGES:
        for first in range(ord(low[0]), ord(high[0]) + 1):
            for second in range(ord("A"), ord("Z") + 1):
                for third in range(ord("A"), ord("Z") + 1):
                    code = chr(first) + chr(second) + chr(third)
                    if low <= code <= high:
                        codes.append(code)
    return codes


def build_repository(root: Path, count: int) -> list[Path]:
    """A committed repository of ``count`` baselines, one country each."""
    codes = user_assigned_codes()
    if count > len(codes):
        raise SystemExit(f"at most {len(codes)} files: one per user-assigned country code")
    staging = root.parent / f"{root.name}-generated"
    staging.mkdir()
    generated = generate(staging, count)
    (root / "matrices").mkdir(parents=True)
    (root / "mgi.toml").write_text(
        'catalogue = "mgi-national@1.0"\nrequired-modules = ["standard"]\n', encoding="utf-8"
    )
    files = []
    for code, source in zip(codes, generated, strict=False):
        text = source.read_text(encoding="utf-8")
        lines = text.split("\n", 2)
        assert lines[1].startswith("country: ")
        target = root / "matrices" / code / "2022-baseline.yaml"
        target.parent.mkdir()
        target.write_text(f"{lines[0]}\ncountry: {code}\n{lines[2]}", encoding="utf-8")
        files.append(target)
    shutil.rmtree(staging)
    git = ["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "bench"], check=True)
    return files


class Timing(NamedTuple):
    wall: float
    cpu: float
    peak_mib: int
    status: int


def run(command: list[str], folder: Path) -> Timing:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    # A child's usage includes the workers it waited for; ru_maxrss is the largest one.
    cpu = usage.ru_utime + usage.ru_stime
    return Timing(wall, cpu, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status))


def compare(commands: list[tuple[list[str], Path]], repeat: int) -> list[Timing]:
    """The best run of each command, the commands taking turns."""
    runs: list[list[Timing]] = [[] for _ in commands]
    for _ in range(repeat):
        for index, (command, folder) in enumerate(commands):
            runs[index].append(run(command, folder))
    return [min(timings) for timings in runs]


def line(name: str, timing: Timing) -> str:
    return (
        f"{name:42s} {timing.wall:6.2f} s wall {timing.cpu:6.2f} s CPU  "
        f"peak {timing.peak_mib:3d} MiB  exit {timing.status}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    mgi = [sys.executable, "-m", "mgi_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        files = build_repository(root, args.files)
        schema = Path(tmp) / "schema.json"
        schema.write_bytes(subprocess.run([*mgi, "schema"], check=True, capture_output=True).stdout)
        cjs = ["check-jsonschema", "--schemafile", str(schema)]
        size = sum(f.stat().st_size for f in files) / len(files) / 1024
        print(f"{len(files)} matrices in a git repository, {size:.0f} KB each, "
              f"{os.cpu_count()} cores")  # fmt: skip

        here = Path(tmp)
        full, full_cjs = compare(
            [([*mgi, "validate", "--format", "json"], root), ([*cjs, *map(str, files)], here)],
            args.repeat,
        )
        changed = files[len(files) // 2]
        text = changed.read_text(encoding="utf-8")
        changed.write_text(text.replace("status: validated", "status: published", 1), "utf-8")
        incremental, one_cjs = compare(
            [
                ([*mgi, "validate", "--format", "json", "--changed-since", "HEAD"], root),
                ([*cjs, str(changed)], here),
            ],
            max(args.repeat, 5),
        )
        small_root = here / "small"
        build_repository(small_root, max(1, len(files) // 10))
        [small] = compare([([*mgi, "validate", "--format", "json"], small_root)], 1)

    print(line("mgi validate (full)", full))
    print(line(f"check-jsonschema ({len(files)} files)", full_cjs))
    print(
        f"{'ratio':42s} {full_cjs.wall / full.wall:6.2f}x faster than check-jsonschema "
        f"(wall; {full_cjs.cpu / full.cpu:.2f}x less CPU)"
    )
    print(line("mgi validate --changed-since HEAD (1 file)", incremental))
    print(line("check-jsonschema (1 file)", one_cjs))
    print(f"{'peak memory, full run':42s} {small.peak_mib} MiB for {len(files) // 10} files, "
          f"{full.peak_mib} MiB for {len(files)}")  # fmt: skip


if __name__ == "__main__":
    main()
