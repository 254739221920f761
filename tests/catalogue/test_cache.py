"""Packaged catalogues kept parsed between runs (catalogue/cache.py): the same catalogue
as parsing gives, never a stale one, and no cache is no harm."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgi_cli.catalogue import cache
from mgi_cli.catalogue.load import CatalogueLibrary, load_catalogue
from mgi_cli.commands.common import cache_folder
from mgi_cli.errors import CatalogueError
from mgi_cli.resources import packaged_dir

PACKAGED = packaged_dir("indicators") / "mgi-national-1.0.yaml"


def test_a_kept_catalogue_is_the_parsed_one(tmp_path: Path) -> None:
    parsed = load_catalogue(PACKAGED)
    first = load_catalogue(PACKAGED, tmp_path)  # parses, and keeps
    (kept,) = tmp_path.glob("catalogue-*.json")
    second = load_catalogue(PACKAGED, tmp_path)  # reads what was kept
    assert parsed == first == second
    assert cache.entry(tmp_path, PACKAGED) == kept


def test_an_edited_catalogue_is_parsed_again(tmp_path: Path) -> None:
    copy = tmp_path / "mgi-national-1.0.yaml"
    shutil.copy(PACKAGED, copy)
    folder = tmp_path / "cache"
    load_catalogue(copy, folder)
    before = cache.entry(folder, copy)
    text = copy.read_text(encoding="utf-8")
    assert text.count("Do all migrant children") == 1
    copy.write_text(text.replace("Do all migrant children", "Do all the children"), "utf-8")
    assert cache.entry(folder, copy) != before
    edited = load_catalogue(copy, folder)
    assert any("Do all the children" in str(i.question) for i in edited.indicators)


def test_what_is_kept_is_checked_again(tmp_path: Path) -> None:
    load_catalogue(PACKAGED, tmp_path)
    (kept,) = tmp_path.glob("catalogue-*.json")
    kept.write_text('{"id": 3}', encoding="utf-8")  # not a catalogue: the file is parsed
    assert load_catalogue(PACKAGED, tmp_path) == load_catalogue(PACKAGED)
    kept.write_text("{not json", encoding="utf-8")
    assert load_catalogue(PACKAGED, tmp_path) == load_catalogue(PACKAGED)


def test_a_catalogue_with_problems_is_not_kept(tmp_path: Path) -> None:
    broken = tmp_path / "broken-1.0.yaml"
    broken.write_text("id: broken\nversion: '1.0'\n", encoding="utf-8")
    folder = tmp_path / "cache"
    with pytest.raises(CatalogueError):
        load_catalogue(broken, folder)
    assert not folder.exists() or not list(folder.iterdir())


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert load_catalogue(PACKAGED, blocked / "cache") == load_catalogue(PACKAGED)


def test_the_library_keeps_only_packaged_catalogues(tmp_path: Path, mini_catalogue: Path) -> None:
    library = CatalogueLibrary(packaged_dir("indicators"), tmp_path)
    library.add(mini_catalogue)  # a user's file: never kept
    assert list(tmp_path.iterdir()) == []
    library.get("mgi-national@1.0")
    assert len(list(tmp_path.glob("catalogue-*.json"))) == 1


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"MGI_CACHE_DIR": "/c"}, Path("/c")),
        ({"MGI_CACHE_DIR": "", "XDG_CACHE_HOME": "/x"}, None),
        ({"XDG_CACHE_HOME": "/x"}, Path("/x/mgi")),
        ({"HOME": "/h"}, Path("/h/.cache/mgi")),
    ],
)
def test_the_cache_folder(
    environ: dict[str, str], expected: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", environ.get("HOME", "/h"))
    assert cache_folder(environ) == expected


def test_only_the_newest_entries_are_kept(tmp_path: Path) -> None:
    import os

    for n in range(cache.KEEP + 3):
        old = tmp_path / f"catalogue-{n:064x}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    load_catalogue(PACKAGED, tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("catalogue-*.json"))
    assert len(kept) == cache.KEEP
    assert cache.entry(tmp_path, PACKAGED).name in kept  # type: ignore[union-attr]
    assert f"catalogue-{0:064x}.json" not in kept
