"""Benchmark `mgi validate` against check-jsonschema on the same generated matrices.

    python benchmarks/validate_bench.py --files 300

Generates N complete matrices (every indicator of the packaged catalogue answered,
about 90 KB each) in a temporary folder, then times, on the same files:

- ``mgi validate DIR --format json`` (all rules, line numbers, parallel by default),
- ``check-jsonschema --schemafile <mgi schema output> FILES`` (the JSON Schema only).

Each command runs ``--repeat`` times; the best wall time and the peak resident
memory of any one process are reported, with the ratio. Single-file start-up
(``mgi --help`` and validating one matrix) is measured too.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mgi_cli.commands.common import catalogue_library  # noqa: E402

WORDS = [
    "the",
    "act",
    "section",
    "ministry",
    "regulation",
    "provides",
    "migrants",
    "access",
    "national",
    "policy",
    "strategy",
    "directorate",
    "implementation",
    "circular",
    "framework",
    "services",
    "protection",
    "registration",
    "permit",
    "residence",
    "agency",
    "coordination",
    "committee",
    "annual",
    "report",
]


def generate(folder: Path, count: int, seed: int = 7) -> list[Path]:
    catalogue = catalogue_library().get("mgi-national@1.0")
    assert catalogue is not None
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        lines = [
            "format: mgi-matrix/1",
            f"country: X{chr(65 + n % 26)}{chr(65 + (n // 26) % 26)}",
            "level: national",
            "assessment: baseline",
            "catalogue: mgi-national@1.0",
            "modules: [standard, covid19]",
            "assessed_on: 2022-10-14",
            "status: validated",
            "confidentiality: restricted",
            "answers:",
        ]
        for indicator in catalogue.indicators:
            scale = [c.id for c in catalogue.scale_of(indicator) if c.counts_as != "not_applicable"]
            words = " ".join(rng.choice(WORDS) for _ in range(45))
            lines += [
                f"  {indicator.id}:",
                f"    answer: {scale[rng.randrange(len(scale))]}",
                "    justification: >-",
                f"      Section {rng.randint(1, 90)} of the Aliens Act 2009 {words[:120]}",
                f"      {words[120:240]}",
                f"      {words[240:]}",
                "    references:",
            ]
            for r in range(2):
                lines += [
                    f"      - title: Reference {r + 1} for {indicator.id}, {words[:60]}",
                    f"        url: https://laws.xamaria.example/{indicator.id.lower()}/{r}",
                    "        published: 2019-05-01",
                    "        accessed: 2022-06-01",
                ]
        path = folder / f"matrix-{n:04d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def run(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MiB of the largest process, exit status."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    peak = max(usage.ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, usage.ru_maxrss // 1024 or peak // 1024, os.waitstatus_to_exitcode(status)


def best(command: list[str], repeat: int) -> tuple[float, int, int]:
    runs = [run(command) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    mgi = [sys.executable, "-m", "mgi_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "matrices"
        folder.mkdir()
        files = generate(folder, args.files)
        size = statistics.mean(f.stat().st_size for f in files) / 1024
        schema = Path(tmp) / "schema.json"
        schema.write_bytes(subprocess.run([*mgi, "schema"], check=True, capture_output=True).stdout)
        print(f"{len(files)} matrices, {size:.0f} KB each, {os.cpu_count()} cores")
        mgi_time, mgi_mem, mgi_rc = best(
            [*mgi, "validate", str(folder), "--format", "json"], args.repeat
        )
        cjs = ["check-jsonschema", "--schemafile", str(schema), *map(str, files)]
        cjs_time, cjs_mem, cjs_rc = best(cjs, args.repeat)
        one_time, _, _ = best([*mgi, "validate", str(files[0]), "--format", "json"], 5)
        help_time, _, _ = best([*mgi, "--help"], 5)
        small = Path(tmp) / "small"
        small.mkdir()
        for f in files[: max(1, len(files) // 10)]:
            (small / f.name).write_bytes(f.read_bytes())
        _, small_mem, _ = best([*mgi, "validate", str(small), "--format", "json"], 1)
    print(f"mgi validate       {mgi_time:7.2f} s  peak {mgi_mem:4d} MiB  exit {mgi_rc}")
    print(f"check-jsonschema   {cjs_time:7.2f} s  peak {cjs_mem:4d} MiB  exit {cjs_rc}")
    print(f"ratio              {cjs_time / mgi_time:7.2f}x faster than check-jsonschema")
    tenth = max(1, len(files) // 10)
    print(f"peak memory        {small_mem} MiB for {tenth} files, {mgi_mem} MiB for {len(files)}")
    print(f"one file           {one_time:7.3f} s   mgi --help {help_time:.3f} s")


if __name__ == "__main__":
    main()
