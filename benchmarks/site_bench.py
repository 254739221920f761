"""Time `mgi site build` against rendering the same profiles one `mgi render profile`
call at a time, as a script would without the site command.

    python benchmarks/site_bench.py [--countries 60] [--sample 12] [--jobs 0]

The matrices are copies of the 2018 Xamaria baseline, each for its own user-assigned
country code (XAA, XAB, ...), published. The site renders every profile in four
languages (one process pool, nothing cached: a fresh output folder), plus its other
pages and the open data. The per-page commands are timed on a sample of pages, as a
user runs them (a new process each), and the mean is multiplied by the number of pages.
A build with nothing changed and one with one matrix changed show the incremental build
(which validates only the matrices whose inputs changed).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "examples" / "matrices" / "XAM" / "2018-baseline.yaml"
LANGS = ("en", "fr", "es", "pt")


def make_matrices(folder: Path, countries: int) -> list[Path]:
    text = BASELINE.read_text(encoding="utf-8")
    codes = ("X" + a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2))
    paths = []
    for code in itertools.islice(codes, countries):
        target = folder / code / "2018-baseline.yaml"
        target.parent.mkdir(parents=True)
        body = text.replace("country: XAM", f"country: {code}")
        body = body.replace("status: validated", "status: published")
        target.write_text(body, encoding="utf-8")
        paths.append(target)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--countries", type=int, default=60)
    parser.add_argument("--sample", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    from mgi_cli.commands.common import catalogue_library
    from mgi_cli.site.build import SiteOptions, build_site

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_matrices(folder / "matrices", args.countries)
        options = SiteOptions(languages=LANGS, jobs=args.jobs)
        start = time.perf_counter()
        report = build_site([folder / "matrices"], folder / "out", catalogue_library(), options)
        site = time.perf_counter() - start
        profiles = len(paths) * len(LANGS)
        print(f"site build: {args.countries} matrices, {report.pages} pages "
              f"({profiles} profiles): {site:.1f} s")  # fmt: skip

        start = time.perf_counter()
        same = build_site([folder / "matrices"], folder / "out", catalogue_library(), options)
        print(f"rebuild with nothing changed: {time.perf_counter() - start:.1f} s, "
              f"matrices validated: {len(same.validated)}, countries rendered again: "
              f"{len(same.rendered)}, files written: {len(same.written)}")  # fmt: skip

        paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
        start = time.perf_counter()
        again = build_site([folder / "matrices"], folder / "out", catalogue_library(), options)
        print(f"rebuild after one matrix changed: {time.perf_counter() - start:.1f} s, "
              f"matrices validated: {len(again.validated)}, countries rendered again: "
              f"{len(again.rendered)}, files written: {len(again.written)}")  # fmt: skip

        sample = list(itertools.islice(itertools.product(paths, LANGS), args.sample))
        start = time.perf_counter()
        for path, lang in sample:
            out = str(folder / "one.html")
            command = [sys.executable, "-m", "mgi_cli", "render", "profile", str(path),
                       "--format", "html", "--lang", lang, "-o", out]  # fmt: skip
            subprocess.run(command, check=True, capture_output=True)
        per_page = (time.perf_counter() - start) / len(sample)
        one_by_one = per_page * profiles
        print(f"mgi render profile per page: {per_page:.2f} s (mean of {len(sample)}), "
              f"x {profiles} profiles = {one_by_one:.1f} s")  # fmt: skip
        print(f"speed-up of the site build: {one_by_one / site:.1f}x")
        shutil.rmtree(folder / "out")


if __name__ == "__main__":
    main()
