"""Time loading the packaged catalogues and the commands that show them.

    python benchmarks/catalogue_bench.py [--repeat 5]

Loading is parsing the YAML with positions, the pydantic model and the cross-checks
(mgi_cli/catalogue/checks.py); the commands are run as a user runs them, in a new
process, so their time includes the interpreter and the imports.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (
    ["catalogue", "--catalogue", "mgi-national@1.0", "--format", "json"],
    ["catalogue", "--format", "json"],
    ["catalogue", "diff", "mgi-national@1.0", "mgi-national@1.1"],
)


def best(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    from mgi_cli.catalogue.load import load_catalogue

    for path in sorted((ROOT / "indicators").glob("*.yaml")):
        seconds = best(repeat, lambda p=path: load_catalogue(p))
        print(f"load {path.name:<26} {seconds * 1000:7.0f} ms")
    for args in COMMANDS:
        command = [sys.executable, "-m", "mgi_cli", *args]
        seconds = best(repeat, lambda c=command: subprocess.run(c, check=True, capture_output=True))
        print(f"mgi {' '.join(args):<58} {seconds * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
