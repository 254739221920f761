"""Benchmark `mgi validate` against check-jsonschema on the same generated matrices,
and the start-up of `mgi --help` and of a one-file `mgi validate`.

    python benchmarks/validate_bench.py --files 300
    python benchmarks/validate_bench.py --startup-only --importtime

Generates N complete matrices (every indicator of the packaged catalogue answered,
about 90 KB each) in a temporary folder, then times, on the same files:

- ``mgi validate DIR --format json`` (all rules, line numbers, parallel by default),
- ``check-jsonschema --schemafile <mgi schema output> FILES`` (the JSON Schema only).

Each command runs ``--repeat`` times; the best wall time and the peak resident
memory of any one process are reported, with the ratio.

Start-up is timed as hyperfine does: ``--runs`` runs of each command after one
warm-up run, the best and the median wall time, and the CPU time (user + system),
which a loaded machine inflates less than the wall time. One-file validation is
timed with the packaged catalogue already kept parsed (catalogue/cache.py, in a
temporary cache folder) and once without it ("cold"). The load average is printed:
read wall times taken above a load of about 1 per core as upper bounds.
``--importtime`` adds the modules a one-file run imports, slowest first (``python
-X importtime``, the best of five runs per module).
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


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS in MiB of the largest process, exit status, CPU seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    peak = max(usage.ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss // 1024 or peak // 1024, os.waitstatus_to_exitcode(status), cpu


def best(command: list[str], repeat: int) -> tuple[float, int, int, float]:
    """Best wall time, largest peak memory, last exit status, best CPU time (the
    process and the workers it waited for)."""
    runs = [run(command) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2], min(r[3] for r in runs)


def startup(command: list[str], runs: int, env: dict[str, str]) -> str:
    """Best and median wall and CPU time of ``runs`` runs after a warm-up run."""
    run(command, env)
    times = [run(command, env) for _ in range(runs)]
    walls, cpus = sorted(t[0] for t in times), sorted(t[3] for t in times)
    status = times[-1][2]
    return (
        f"wall best {walls[0]:.3f} s median {statistics.median(walls):.3f} s, "
        f"CPU best {cpus[0]:.3f} s median {statistics.median(cpus):.3f} s (exit {status})"
    )


def importtime(command: list[str], env: dict[str, str], top: int = 15) -> list[str]:
    """The ``top`` slowest imports of ``command`` (self time, best of five runs)."""
    best_self: dict[str, int] = {}
    for _ in range(5):
        done = subprocess.run(
            [command[0], "-X", "importtime", *command[1:]],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for line in done.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[0].startswith("import time:"):
                own = parts[0].removeprefix("import time:").strip()
                if own.isdigit():
                    name = parts[2].strip()
                    best_self[name] = min(best_self.get(name, 1 << 62), int(own))
    total = sum(best_self.values())
    ranked = sorted(best_self.items(), key=lambda item: -item[1])[:top]
    return [f"{total / 1000:8.1f} ms  all imports"] + [
        f"{us / 1000:8.1f} ms  {name}" for name, us in ranked
    ]


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs", type=int, default=20, help="start-up runs per command")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    mgi = [sys.executable, "-m", "mgi_cli"]
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "MGI_CACHE_DIR": str(Path(tmp) / "cache"), "NO_COLOR": "1"}
        folder = Path(tmp) / "matrices"
        folder.mkdir()
        files = generate(folder, args.files if not args.startup_only else 1)
        one = [*mgi, "validate", str(files[0]), "--format", "json"]
        cold = run(one, {**env, "MGI_CACHE_DIR": ""})
        print(f"mgi --help         {startup([*mgi, '--help'], args.runs, env)}")
        print(f"validate one file  {startup(one, args.runs, env)}")
        print(f"  no catalogue kept: wall {cold[0]:.3f} s, CPU {cold[3]:.3f} s (one run)")
        if args.importtime:
            print("imports of a one-file run, slowest first:")
            print("\n".join(f"  {line}" for line in importtime(one, env)))
        if args.startup_only:
            print(f"load average {load()}")
            return
        size = statistics.mean(f.stat().st_size for f in files) / 1024
        schema = Path(tmp) / "schema.json"
        schema.write_bytes(subprocess.run([*mgi, "schema"], check=True, capture_output=True).stdout)
        print(f"{len(files)} matrices, {size:.0f} KB each")
        mgi_time, mgi_mem, mgi_rc, mgi_cpu = best(
            [*mgi, "validate", str(folder), "--format", "json"], args.repeat
        )
        cjs = ["check-jsonschema", "--schemafile", str(schema), *map(str, files)]
        cjs_time, cjs_mem, cjs_rc, cjs_cpu = best(cjs, args.repeat)
        small = Path(tmp) / "small"
        small.mkdir()
        for f in files[: max(1, len(files) // 10)]:
            (small / f.name).write_bytes(f.read_bytes())
        _, small_mem, _, _ = best([*mgi, "validate", str(small), "--format", "json"], 1)
    print(
        f"mgi validate       {mgi_time:7.2f} s  CPU {mgi_cpu:6.2f} s  "
        f"peak {mgi_mem:4d} MiB  exit {mgi_rc}"
    )
    print(
        f"check-jsonschema   {cjs_time:7.2f} s  CPU {cjs_cpu:6.2f} s  "
        f"peak {cjs_mem:4d} MiB  exit {cjs_rc}"
    )
    print(
        f"ratio              {cjs_time / mgi_time:7.2f}x faster than check-jsonschema "
        f"(wall), {cjs_cpu / mgi_cpu:.2f}x less CPU"
    )
    tenth = max(1, len(files) // 10)
    print(f"peak memory        {small_mem} MiB for {tenth} files, {mgi_mem} MiB for {len(files)}")
    print(f"load average {load()}")


if __name__ == "__main__":
    main()
