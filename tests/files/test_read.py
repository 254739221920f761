"""Reading a file safely: only regular files, within the size limit and the folder given;
decoding to UTF-8 text or an ``encoding`` problem."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgi_cli.files.read import (
    MAX_BYTES,
    Unread,
    decode,
    is_within,
    probe,
    read_regular_file,
    read_text,
)
from mgi_cli.problems.problem import Problem

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"a: 1\n")
    assert read_regular_file(path) == b"a: 1\n"
    assert probe(path) is None


def test_missing_and_folder(tmp_path: Path) -> None:
    missing = read_regular_file(tmp_path / "nope.yaml")
    assert isinstance(missing, Unread)
    assert (missing.kind, missing.reason) == ("missing", "No such file or directory")
    assert probe(tmp_path / "nope.yaml") == Unread("missing", "No such file or directory")
    assert read_regular_file(tmp_path) == Unread("folder")
    assert probe(tmp_path) == Unread("folder")
    inside_a_file = tmp_path / "f"
    inside_a_file.write_text("x")
    assert probe(inside_a_file / "m.yaml") == Unread("missing", "Not a directory")


def test_names_the_system_refuses(tmp_path: Path) -> None:
    too_long = tmp_path / ("n" * 300 + ".yaml")
    assert probe(too_long) == Unread("error", "File name too long")
    assert read_regular_file(too_long) == Unread("error", "File name too long")
    with_null = tmp_path / "a\0b.yaml"
    assert probe(with_null) == Unread("error", "embedded null byte")
    assert read_regular_file(with_null) == Unread("error", "embedded null byte")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_not_read() -> None:
    assert read_regular_file(Path("/dev/zero")) == Unread("special")
    assert probe(Path("/dev/zero")) == Unread("special")


@needs_fifo
def test_a_named_pipe_is_not_opened_for_long(tmp_path: Path) -> None:
    """Opening never waits for a writer: the pipe is refused at once."""
    fifo = tmp_path / "m.yaml"
    os.mkfifo(fifo)
    found: list[bytes | Unread] = []
    reader = threading.Thread(target=lambda: found.append(read_regular_file(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    assert found == [Unread("special")]
    assert probe(fifo) == Unread("special")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 11)
    assert read_regular_file(path, limit=10) == Unread("too-large", limit=10)
    assert read_regular_file(path, limit=11) == b"x" * 11
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert read_regular_file(huge) == Unread("too-large")


def test_within_refuses_links_and_paths_leading_out(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "secret.yaml"
    (root / "sub").mkdir(parents=True)
    outside.write_text("secret: 1\n")
    (root / "sub" / "m.yaml").write_text("a: 1\n")
    (root / "link.yaml").symlink_to(outside)
    (root / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    assert read_regular_file(root / "sub" / "m.yaml", within=root) == b"a: 1\n"
    assert read_regular_file(root / "sub" / ".." / "sub" / "m.yaml", within=root) == b"a: 1\n"
    for leading_out in ("link.yaml", "../secret.yaml", "sub/../../secret.yaml", "dangling.yaml"):
        assert read_regular_file(root / leading_out, within=root) == Unread("outside")
        assert probe(root / leading_out, within=root) == Unread("outside")
    assert read_regular_file(root / "link.yaml") == b"secret: 1\n"  # no folder given
    # Where it leads is asked first: a file outside is refused before it is looked at.
    assert probe(tmp_path / "gone.yaml", within=root) == Unread("outside")


def test_is_within(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    (tmp_path / "root-2").mkdir()
    assert is_within(tmp_path / "root", tmp_path / "root")
    assert is_within(tmp_path / "root" / "a" / "b.yaml", tmp_path / "root")
    assert not is_within(tmp_path / "root-2" / "b.yaml", tmp_path / "root")  # not a prefix
    assert not is_within(tmp_path, tmp_path / "root")


@pytest.mark.parametrize(
    ("unread", "code", "message"),
    [
        (Unread("folder"), "file-unreadable", "is a folder, not a file"),
        (
            Unread("special"),
            "file-unreadable",
            "not a regular file (a device, pipe or socket); it was not read",
        ),
        (
            Unread("missing", "No such file or directory"),
            "file-unreadable",
            "cannot read the file: No such file or directory",
        ),
        (
            Unread("error", "Permission denied"),
            "file-unreadable",
            "cannot read the file: Permission denied",
        ),
        (
            Unread("too-large"),
            "file-too-large",
            "the file is larger than 16 MiB; a matrix is usually under 200 KiB",
        ),
    ],
)
def test_the_problem_readers_report(unread: Unread, code: str, message: str) -> None:
    assert unread.problem("m.yaml") == Problem("m.yaml", code, message)


def test_read_text(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_text(path, "shown.yaml") == "a: 1\n"
    missing = read_text(tmp_path / "nope.yaml", "shown.yaml")
    assert isinstance(missing, Problem)
    assert (missing.path, missing.code) == ("shown.yaml", "file-unreadable")
    path.write_bytes("a: 1\n".encode("utf-16"))
    wide = read_text(path, "shown.yaml")
    assert isinstance(wide, Problem)
    assert wide.code == "encoding"


# --- Decoding (moved from test_yamlread.py with decode itself)


def test_decode_strips_a_utf8_bom() -> None:
    assert decode("\ufeffa: 1\n".encode(), "m.yaml") == "a: 1\n"


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("utf-16", "the file is encoded as UTF-16, not UTF-8"),
        ("utf-32", "the file is encoded as UTF-32, not UTF-8"),
        ("utf-16-le", "the file looks encoded as UTF-16 (without BOM), not UTF-8"),
        ("utf-16-be", "the file looks encoded as UTF-16 (without BOM), not UTF-8"),
        ("utf-32-le", "the file looks encoded as UTF-32 (without BOM), not UTF-8"),
        ("utf-32-be", "the file looks encoded as UTF-32 (without BOM), not UTF-8"),
    ],
)
def test_decode_rejects_wide_encodings(encoding: str, message: str) -> None:
    problem = decode("a: 1\n".encode(encoding), "m.yaml")
    assert isinstance(problem, Problem)
    assert (problem.code, problem.line, problem.column, problem.message) == (
        "encoding",
        1,
        1,
        message,
    )


def test_decode_places_the_first_bad_byte() -> None:
    problem = decode("a: é\nb: ".encode() + b"\xe9t\xe9\n", "m.yaml")
    assert isinstance(problem, Problem)
    assert (problem.code, problem.line, problem.column) == ("encoding", 2, 4)
    assert "byte 0xe9" in problem.message


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_give_an_encoding_problem(raw: bytes) -> None:
    result = decode(raw, "m.yaml")
    assert isinstance(result, str) or result.code == "encoding"
