"""TOML files mgi is pointed at: read safely, and named on one line when they are wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi_cli.errors import UsageError
from mgi_cli.files.tomlread import load_toml


def test_a_valid_file_gives_its_tables(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[site]\ntitle = "MGI"\n', encoding="utf-8")
    assert load_toml(path) == {"site": {"title": "MGI"}}


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"x = [\n", "not valid TOML: Invalid value (at end of document)"),
        (b"x = '\xff'\n", "not valid TOML: the file is not UTF-8 text"),
    ],
)
def test_a_broken_file_is_named_escaped_on_one_line(
    tmp_path: Path, content: bytes, said: str
) -> None:
    path = tmp_path / "bad\nname\x1b.toml"
    path.write_bytes(content)
    with pytest.raises(UsageError) as raised:
        load_toml(path)
    assert raised.value.message == f"{tmp_path}/bad\\nname\\u001b.toml: {said}"


def test_a_folder_is_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "dir\tname.toml"
    folder.mkdir()
    with pytest.raises(UsageError) as raised:
        load_toml(folder)
    assert raised.value.message == f"{tmp_path}/dir\\tname.toml: is a folder, not a file"
