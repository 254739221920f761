"""Time rendering the Xamaria follow-up profile in each format, on one core.

    python benchmarks/profile_bench.py [--repeat 3] [--audience government --lang fr]

In process (the interpreter and imports left out: ``mgi render profile`` adds them),
after one warm-up run per format so the catalogue and the templates are loaded once,
as in a real command. Pinned to one CPU where the system allows. Targets: md and html
under 1 s, pdf under 5 s (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MATRIX = ROOT / "examples" / "matrices" / "XAM" / "2026-follow_up.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--audience", choices=("public", "government"), default="public")
    parser.add_argument("--lang", choices=("en", "fr", "es", "pt"), default="en")
    parser.add_argument("--matrix", type=Path, default=MATRIX)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from mgi_cli.commands.common import catalogue_library
    from mgi_cli.render.run import render_profile_file, render_profile_file_document

    library = catalogue_library()
    for fmt in ("md", "html", "pdf", "docx"):
        render = render_profile_file_document if fmt in ("pdf", "docx") else render_profile_file
        times, cpu = [], []
        for _ in range(args.repeat + 1):
            start, start_cpu = time.perf_counter(), time.process_time()
            render(
                args.matrix,
                library,
                fmt=fmt,
                audience=args.audience,
                lang=args.lang,
                today=date(2026, 12, 1),
            )
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        # CPU time as well: on a loaded machine the wall time measures the neighbours.
        print(
            f"{fmt:5} best {min(times[1:]):.3f} s wall, {min(cpu[1:]):.3f} s CPU "
            f"(first run {times[0]:.3f} s wall)"
        )


if __name__ == "__main__":
    main()
