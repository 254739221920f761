"""A matrix another names (``baseline:``, ``context:``): found beside the naming matrix,
refused when it leads out of the repository or is not a regular file, else loaded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mgi_cli.files.read import Unread
from mgi_cli.matrix.linked import linked_path, load_linked
from mgi_cli.matrix.load import LoadedMatrix

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matrices" / "XAM"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "matrices" / "XAM").mkdir(parents=True)
    shutil.copy(EXAMPLES / "2018-baseline.yaml", root / "matrices" / "XAM" / "2018-baseline.yaml")
    shutil.copy(EXAMPLES / "2018-baseline.yaml", tmp_path / "outside.yaml")
    return root


def test_the_path_is_relative_to_the_naming_matrix() -> None:
    assert linked_path(Path("m/XAM/2022-follow_up.yaml"), "2018-baseline.yaml") == Path(
        "m/XAM/2018-baseline.yaml"
    )
    assert linked_path(Path("f.yaml"), "../b.yaml") == Path("../b.yaml")


def test_loaded(repo: Path) -> None:
    follow_up = repo / "matrices" / "XAM" / "2022-follow_up.yaml"
    linked = load_linked(follow_up, "2018-baseline.yaml", root=repo)
    assert linked.name == "2018-baseline.yaml"
    assert linked.path == repo / "matrices" / "XAM" / "2018-baseline.yaml"
    assert isinstance(linked.loaded, LoadedMatrix)
    assert linked.loaded.matrix is not None
    assert linked.loaded.matrix.country == "XAM"


def test_leading_out_of_the_root_is_refused_unread(repo: Path) -> None:
    follow_up = repo / "matrices" / "XAM" / "2022-follow_up.yaml"
    for name in ("../../../outside.yaml", str(repo.parent / "outside.yaml")):
        assert load_linked(follow_up, name, root=repo).loaded == Unread("outside")
        assert isinstance(load_linked(follow_up, name).loaded, LoadedMatrix)  # no root given
    (repo / "matrices" / "XAM" / "link.yaml").symlink_to(repo.parent / "outside.yaml")
    assert load_linked(follow_up, "link.yaml", root=repo).loaded == Unread("outside")
    # Outside and missing: where it leads is what is said.
    assert load_linked(follow_up, "../../../gone.yaml", root=repo).loaded == Unread("outside")


def test_what_is_not_a_matrix_file_is_not_read(repo: Path) -> None:
    follow_up = repo / "matrices" / "XAM" / "2022-follow_up.yaml"
    missing = load_linked(follow_up, "2010-baseline.yaml", root=repo).loaded
    assert isinstance(missing, Unread) and missing.kind == "missing"
    assert load_linked(follow_up, ".", root=repo).loaded == Unread("folder")
    if hasattr(os, "mkfifo"):
        os.mkfifo(repo / "matrices" / "XAM" / "pipe.yaml")
        assert load_linked(follow_up, "pipe.yaml", root=repo).loaded == Unread("special")
    too_long = load_linked(follow_up, "n" * 300 + ".yaml").loaded
    assert too_long == Unread("error", "File name too long")
