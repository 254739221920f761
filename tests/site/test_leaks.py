"""The site is a public output: no page and no data file holds a planted marker.

The markers of tests/hardening/test_leaks.py (restricted answers' justifications and
sources, every answer's notes, action-plan items touching restricted answers) go into
the two published national examples, with matrix-level confidentiality restricted and
then public (the open data then gives answers one by one).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgi_cli.commands.common import catalogue_library
from mgi_cli.site.build import SiteOptions, build_site
from tests.conftest import TODAY
from tests.hardening.test_leaks import EXAMPLES, NAMES, assert_no_marker, plant_everywhere
from tests.render.test_confidentiality import edit_matrix


@pytest.mark.parametrize("confidentiality", ["restricted", "public"])
def test_no_page_or_data_file_leaks_a_marker(tmp_path: Path, confidentiality: str) -> None:
    matrices = tmp_path / "matrices" / "XAM"
    matrices.mkdir(parents=True)
    for name in NAMES:
        target = matrices / f"{name}.yaml"
        shutil.copy(EXAMPLES / f"{name}.yaml", target)

        def plant(data: dict[str, object]) -> None:
            plant_everywhere(data, confidentiality)
            data["status"] = "published"

        edit_matrix(target, plant)
    out = tmp_path / "out"
    report = build_site(
        [tmp_path / "matrices"], out, catalogue_library(), SiteOptions(today=TODAY, jobs=1)
    )
    assert report.left_out == {}
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len([f for f in files if f.name.endswith(".html")]) == report.pages > 20
    for path in files:
        assert_no_marker(path.read_text(encoding="utf-8"), str(path.relative_to(out)))
    answers = (out / "data" / "answers.csv").read_text(encoding="utf-8")
    assert (answers.count("\n") > 1) == (confidentiality == "public")
