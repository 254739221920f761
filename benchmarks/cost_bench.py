"""How `mgi` scales with what a matrix holds: context-specific indicators, answers to
undefined ones (each gets a "did you mean") and unknown keys. Times each command at
growing sizes: linear cost doubles with the size, quadratic quadruples.

    python benchmarks/cost_bench.py --sizes 1000 2000 4000
    python benchmarks/cost_bench.py --huge

``--huge`` times instead each command on a (sparse) 100 MB matrix, which every reader
refuses by its size, unread: the time is start-up plus a refusal.

Figures go in docs/benchmarks.md; the tests check the counts of work done
(tests/hardening/test_cost.py) and the refusals (tests/hardening/test_hostile.py),
not times.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "catalogues" / "mini-1.0.yaml"
HEAD = """format: mgi-matrix/1
country: XAM
level: national
assessment: baseline
catalogue: mini@1.0
modules: [standard]
assessed_on: 2021-04-20
status: draft
"""


def matrix(size: int, *, defined: bool = True, unknown_keys: int = 0) -> str:
    lines = [HEAD, "context_indicators:"]
    lines += [
        f'  - id: X.c{i}\n    dimension: D1\n    question: {{en: "Question {i}?"}}'
        for i in range(size)
    ]
    lines.append("answers:")
    name = "c" if defined else "d"  # X.d<i> are not defined: each is an unknown id
    lines += [
        f'  X.{name}{i}: {{answer: "yes", justification: J, references: [{{title: T, '
        f'url: "https://a.example/{i}", accessed: 2021-03-01}}]}}'
        for i in range(size)
    ]
    lines += [f"unknown_{i}: 1" for i in range(unknown_keys)]
    return "\n".join(lines) + "\n"


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mgi_cli", *args], capture_output=True, check=False)
    return time.perf_counter() - start


def huge(folder: Path) -> None:
    """Each command of the fuzz table (tests/hardening/test_fuzz.py) on a 100 MB matrix."""
    sys.path.insert(0, str(ROOT))
    from tests.hardening.test_fuzz import READERS, Scratch

    print("| command | seconds | refused by its size |")
    print("| --- | --- | --- |")
    for reader in READERS:
        case = Scratch(folder / reader.name).case("XAM/2022-follow_up.yaml", b"")
        with case.target.open("wb") as handle:  # sparse: 100 MB on paper, nothing written
            handle.write(b"format: mgi-matrix/1\n")
            handle.truncate(100 * 1024 * 1024)
        args = [str(a) for a in reader.argv(case, lambda choices: choices[0])]
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "mgi_cli", *args], capture_output=True, text=True, check=False
        )
        took = time.perf_counter() - start
        # `render summary` leaves a file it cannot read out, unnamed, and goes on.
        words = "not a valid matrix" if reader.name == "render-summary" else "larger than 16 MiB"
        refused = words in done.stdout + done.stderr
        print(f"| {reader.name} | {took:.2f} | {'yes' if refused else 'NO'} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--huge", action="store_true", help="time the refusal of 100 MB")
    options = parser.parse_args()
    sizes = options.sizes
    if options.huge:
        with tempfile.TemporaryDirectory() as name:
            huge(Path(name))
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("| size | command | seconds |")
        print("| --- | --- | --- |")
        for size in sizes:
            files = {
                "defined": matrix(size),
                "undefined": matrix(size, defined=False),
                "unknown-keys": matrix(10, unknown_keys=size),
            }
            for kind, text in files.items():
                (folder / f"{kind}.yaml").write_text(text, encoding="utf-8")
            d = str(folder / "defined.yaml")
            runs = {
                "validate (context indicators)": ["validate", d],
                "validate (answers to undefined ids)": ["validate", str(folder / "undefined.yaml")],
                "validate (unknown keys)": ["validate", str(folder / "unknown-keys.yaml")],
                "diff": ["diff", d, d],
                "status": ["status", d],
            }
            for label, args in runs.items():
                took = timed([*args, "--catalogue", str(MINI)])
                print(f"| {size} | {label} | {took:.2f} |")


if __name__ == "__main__":
    main()
