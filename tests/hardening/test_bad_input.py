"""Hostile and broken input: a clear answer in bounded time, exit 1, never a traceback."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

Mgi = Callable[..., Result]
TESTS = Path(__file__).resolve().parents[1]
CORPUS = TESTS / "corpus" / "yaml-test-suite" / "invalid"
YAML_SUITE = sorted(CORPUS.glob("*.yaml")) if CORPUS.is_dir() else []


def validate_json(mgi: Mgi, *paths: Path | str) -> tuple[int, dict[str, Any], Result]:
    result = mgi("validate", "--format", "json", *paths)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout), result


def codes(output: dict[str, Any]) -> list[str]:
    return [p["code"] for p in output["problems"]]


@pytest.mark.skipif(not YAML_SUITE, reason=f"the YAML test suite corpus is not at {CORPUS}")
@pytest.mark.parametrize("case", YAML_SUITE, ids=[p.stem for p in YAML_SUITE])
def test_yaml_test_suite_invalid_inputs(mgi: Mgi, case: Path) -> None:
    exit_code, output, _ = validate_json(mgi, case)
    assert exit_code == 1
    assert output["ok"] is False
    assert output["files"] == [str(case)]
    assert output["problems"], "an invalid input must give at least one problem"
    for problem in output["problems"]:
        assert problem["path"] == str(case)
        assert problem["line"] is not None, problem
        assert problem["column"] is not None, problem
    # Including the dozen inputs libyaml itself accepts (see mgi_cli/files/yamlstrict.py).
    assert any(p["code"].startswith("yaml-") for p in output["problems"]), "not YAML"


def test_yaml_test_suite_is_complete_when_present() -> None:
    if not YAML_SUITE:
        pytest.skip(f"the YAML test suite corpus is not at {CORPUS}")
    assert len(YAML_SUITE) == 94


def test_fifty_megabytes(mgi: Mgi, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    line = b"# " + b"x" * 97 + b"\n"
    with big.open("wb") as handle:
        handle.write(b"format: mgi-matrix/1\n")
        handle.write(line * (50 * 1024 * 1024 // len(line)))
    exit_code, output, _ = validate_json(mgi, big)
    assert exit_code == 1
    assert codes(output) == ["file-too-large"]
    assert output["problems"][0]["message"] == (
        "the file is larger than 16 MiB; a matrix is usually under 200 KiB"
    )


def test_ten_thousand_levels_of_nesting(tmp_path: Path) -> None:
    """In a subprocess, so a crash of the C parser would show as a signal, not kill pytest."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("format: mgi-matrix/1\nnotes: " + "[" * 10_000 + "]" * 10_000 + "\n")
    blocks = tmp_path / "blocks.yaml"  # indentation grows quadratically: 1,000 levels is 0.5 MB
    blocks.write_text("".join(f"{' ' * i}k{i}:\n" for i in range(1_000)))
    result = subprocess.run(
        [sys.executable, "-m", "mgi_cli", "validate", "--format", "json", str(deep), str(blocks)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [(p["path"], p["code"]) for p in problems] == [
        (str(deep), "yaml-too-deep"),
        (str(blocks), "yaml-too-deep"),
    ]


def test_alias_bomb(mgi: Mgi) -> None:
    exit_code, output, _ = validate_json(mgi, TESTS / "matrices" / "invalid" / "alias-bomb.yaml")
    assert exit_code == 1
    assert codes(output) == ["yaml-alias-expansion"]


def test_binary_file(mgi: Mgi, tmp_path: Path) -> None:
    binary = tmp_path / "random.yaml"
    binary.write_bytes(random.Random(2026).randbytes(64 * 1024))
    exit_code, output, _ = validate_json(mgi, binary)
    assert exit_code == 1
    assert codes(output) == ["encoding"]
    assert "not valid UTF-8" in output["problems"][0]["message"]


def test_zero_bytes(mgi: Mgi, tmp_path: Path) -> None:
    zeros = tmp_path / "zeros.yaml"
    zeros.write_bytes(b"\0" * 1000)
    exit_code, output, _ = validate_json(mgi, zeros)
    assert exit_code == 1
    assert len(codes(output)) == 1


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("utf-16", "the file is encoded as UTF-16, not UTF-8"),
        ("utf-16-le", "the file looks encoded as UTF-16 (without BOM), not UTF-8"),
        ("utf-16-be", "the file looks encoded as UTF-16 (without BOM), not UTF-8"),
    ],
)
def test_utf16(mgi: Mgi, tmp_path: Path, encoding: str, message: str) -> None:
    wide = tmp_path / "wide.yaml"
    text = (TESTS / "matrices" / "valid" / "aliases.yaml").read_text(encoding="utf-8")
    wide.write_bytes(text.encode(encoding))
    exit_code, output, _ = validate_json(mgi, wide)
    assert exit_code == 1
    assert [(p["code"], p["line"], p["column"], p["message"]) for p in output["problems"]] == [
        ("encoding", 1, 1, message)
    ]


@pytest.mark.parametrize("name", ["valid/xam-2018-baseline.yaml", "invalid/reference-url.yaml"])
def test_utf8_bom_and_crlf_are_accepted(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path, name: str
) -> None:
    """Saved by a Windows editor: same problems (none for a valid file), same places."""
    original = TESTS / "matrices" / name
    windows = tmp_path / original.name
    windows.write_bytes(b"\xef\xbb\xbf" + original.read_bytes().replace(b"\n", b"\r\n"))
    _, before, _ = validate_json(mgi, "--catalogue", mini_catalogue, original)
    exit_code, after, _ = validate_json(mgi, "--catalogue", mini_catalogue, windows)
    strip = [{k: v for k, v in p.items() if k != "path"} for p in before["problems"]]
    assert [{k: v for k, v in p.items() if k != "path"} for p in after["problems"]] == strip
    assert exit_code == (1 if strip else 0)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a chmod 000 file"
)
def test_unreadable_file(mgi: Mgi, tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("format: mgi-matrix/1\n", encoding="utf-8")
    locked.chmod(0)
    try:
        exit_code, output, _ = validate_json(mgi, locked)
    finally:
        locked.chmod(0o644)
    assert exit_code == 1
    assert codes(output) == ["file-unreadable"]
    assert output["problems"][0]["message"] == "cannot read the file: Permission denied"


def test_dangling_symlink(mgi: Mgi, tmp_path: Path) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    exit_code, output, _ = validate_json(mgi, tmp_path)
    assert exit_code == 1
    assert [(p["path"], p["code"]) for p in output["problems"]] == [
        (str(link), "file-unreadable"),
    ]


def test_folder_symlink_loop(mgi: Mgi, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "back").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "self").symlink_to(".", target_is_directory=True)
    exit_code, output, _ = validate_json(mgi, tmp_path / "a")
    assert exit_code == 0
    assert output["files"] == []
    assert sorted((p["path"], p["code"], p["severity"]) for p in output["problems"]) == [
        (str(tmp_path / "a" / "b" / "back"), "symlink-loop", "warning"),
        (str(tmp_path / "a" / "self"), "symlink-loop", "warning"),
    ]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        str(path): (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.filterwarnings("ignore:.*fork.*:DeprecationWarning")
def test_validation_never_writes_to_its_input(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path, mini_local_catalogue: Path
) -> None:
    tree = tmp_path / "matrices"
    shutil.copytree(TESTS / "matrices", tree)
    before = _snapshot(tree)
    for fmt in ("text", "json", "github"):
        for jobs in ("1", "2"):
            result = mgi(
                "validate",
                "--format",
                fmt,
                "--jobs",
                jobs,
                "--catalogue",
                mini_catalogue,
                "--catalogue",
                mini_local_catalogue,
                tree,
            )
            assert result.exit_code == 1
    assert _snapshot(tree) == before
    assert sorted(p.name for p in tree.rglob("*")) == sorted(
        p.name for p in (TESTS / "matrices").rglob("*")
    )
