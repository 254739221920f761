"""Hostile input given to every command, each case with its test.

test_bad_input.py already gives the YAML test suite, a 50 MB file, 10,000 levels of
nesting, an alias bomb, binary, UTF-16 and a symlink loop to `mgi validate`; here the
same kinds of input go to every command that reads a matrix (the READERS table of
test_fuzz.py), with what test_bad_input.py does not try: a 100 MB file, devices and
pipes named as matrices, baselines and contexts, catalogues, rule files or templates
that lead somewhere else, dangerous URLs, sandbox escapes.

Whatever could hang or crash the interpreter runs in a subprocess with a timeout and
an address-space limit, so a regression fails the test instead of the test run.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from mgi_cli.commands.common import catalogue_library
from mgi_cli.matrix.load import load_matrix
from mgi_cli.render.profile import render_profile
from tests.hardening.test_fuzz import MINI, READERS, SEEDS, Reader, Scratch, check_answer, run

Mgi = Callable[..., Result]
TESTS = Path(__file__).resolve().parents[1]
FOLLOW_UP = "XAM/2022-follow_up.yaml"
LOCAL = "XAM/local/port-selen/2021-baseline.yaml"
FIRST: Callable[[list[object]], object] = lambda choices: choices[0]  # noqa: E731
MEMORY_LIMIT = 1536 * 1024 * 1024
SECRET = "ZQXHOSTILESECRET"


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    return Scratch(tmp_path)


def every_reader(scratch: Scratch, content: bytes, slot: str = FOLLOW_UP) -> Iterator[Result]:
    """Each command of READERS on ``content`` in ``slot``; checks the common contract."""
    for reader in READERS:
        case = scratch.case(slot, content)
        args = reader.argv(case, FIRST)
        result = run(args)
        check_answer(result, args, reader.exits)
        yield result


def expect_refused(reader: Reader, result: Result, words: str) -> None:
    refused(reader.name, result.exit_code, result.output, words)


def refused(name: str, exit_code: int, output: str, words: str) -> None:
    """The input is refused with ``words`` in the message; `render summary` leaves the
    file out (counted, not named: names could tell countries apart) and goes on."""
    if name == "render-summary":
        assert "not a valid matrix" in output, output[-500:]
        return
    assert exit_code != 0, name
    if name not in ("diff-alone", "diff"):  # "cannot be read as a matrix", problems below
        assert words in output, (name, output[-500:])


@contextlib.contextmanager
def hang_guard(seconds: float = 20) -> Iterator[None]:
    """Fail, rather than hang the test run, if a command blocks (opening a pipe would)."""

    def interrupt(_signal: int, _frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# Every reader on one input, in a fresh interpreter: a crash (a signal) or a memory
# blow-up there fails the test instead of killing pytest.
_HARNESS = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.hardening.test_fuzz import READERS, Scratch, run
slot, folder = sys.argv[2], Path(sys.argv[3])
found = []
for number, source in enumerate(sys.argv[4:]):
    content = Path(source).read_bytes()
    for reader in READERS:
        case = Scratch(folder / f"{number}-{reader.name}").case(slot, content)
        result = run(reader.argv(case, lambda choices: choices[0]))
        crash = result.exception if not isinstance(result.exception, SystemExit) else None
        found.append({"name": reader.name, "exit": result.exit_code,
                      "output": result.output[-3000:], "crash": repr(crash) if crash else None})
print(json.dumps(found))
"""


def readers_in_a_subprocess(
    folder: Path, *contents: bytes, slot: str = FOLLOW_UP, timeout: float = 120
) -> list[dict[str, Any]]:
    """Each READERS command on each of ``contents``, in one memory-limited child."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for number, content in enumerate(contents):
        sources.append(folder / f"input-{number}.bin")
        sources[-1].write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-c", _HARNESS, str(TESTS.parent), slot, str(folder), *map(str, sources)],
        capture_output=True, text=True, timeout=timeout, check=False,
        preexec_fn=_limits,  # safe: pytest runs no threads here
    )  # fmt: skip
    assert done.returncode == 0, f"the commands crashed ({done.returncode}): {done.stderr[-3000:]}"
    found: list[dict[str, Any]] = json.loads(done.stdout)
    for entry, reader in zip(found, READERS * len(contents), strict=True):
        assert entry["crash"] is None, entry
        assert entry["exit"] in reader.exits, entry
        assert "Traceback" not in entry["output"] and "internal error" not in entry["output"]
    return found


# --- Alias bombs ------------------------------------------------------------------------


def test_alias_bomb_through_every_command(scratch: Scratch) -> None:
    bomb = (TESTS / "matrices" / "invalid" / "alias-bomb.yaml").read_bytes()
    for reader, result in zip(READERS, every_reader(scratch, bomb), strict=True):
        expect_refused(reader, result, "alias")


def test_a_wider_alias_bomb_stays_within_memory(tmp_path: Path) -> None:
    """Twenty levels of twenty: 20**20 nodes if expanded; refused within 1.5 GiB."""
    lines = ["format: mgi-matrix/1", "a0: &a0 [" + ", ".join(['"lol"'] * 20) + "]"]
    for level in range(1, 21):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 20) + "]")
    content = ("\n".join(lines) + "\n").encode("utf-8")
    for entry in readers_in_a_subprocess(tmp_path, content):
        refused(entry["name"], entry["exit"], entry["output"], "alias")


# --- Size -----------------------------------------------------------------------------


def test_a_100_megabyte_file_is_refused_by_every_command(tmp_path: Path) -> None:
    """Refused by its size, unread (how fast: benchmarks/cost_bench.py --huge)."""
    for reader in READERS:
        case = Scratch(tmp_path / reader.name).case(FOLLOW_UP, b"")
        with case.target.open("wb") as handle:  # sparse: 100 MB on paper, nothing written
            handle.write(b"format: mgi-matrix/1\n")
            handle.truncate(100 * 1024 * 1024)
        args = reader.argv(case, FIRST)
        result = run(args)
        check_answer(result, args, reader.exits)
        expect_refused(reader, result, "larger than 16 MiB")


def test_ten_thousand_levels_through_every_command(tmp_path: Path) -> None:
    """In a child interpreter: a crash of the C parser shows as a signal, not a dead pytest."""
    lists = b"format: mgi-matrix/1\nnotes: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"
    mappings = b"format: mgi-matrix/1\nnotes: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n"
    blocks = b"format: mgi-matrix/1\n" + b"".join(b" " * i + b"k%d:\n" % i for i in range(1_000))
    for entry in readers_in_a_subprocess(tmp_path, lists, mappings, blocks):
        refused(entry["name"], entry["exit"], entry["output"], "nests deeper than 200 levels")


# --- Bytes that are not UTF-8 YAML ----------------------------------------------------


def _example(slot: str = FOLLOW_UP) -> bytes:
    return SEEDS[slot].read_bytes()


def test_a_nul_byte_inside_a_matrix(scratch: Scratch) -> None:
    raw = _example()
    at = raw.index(b"Section 14 of the Public Health Act")
    line = raw[:at].count(b"\n") + 1
    content = raw[:at] + b"Section\x00 14" + raw[at + len(b"Section 14") :]
    for reader, result in zip(READERS, every_reader(scratch, content), strict=True):
        expect_refused(reader, result, "U+0000")
        if reader.name not in ("diff-alone", "render-summary", "status"):
            where = (f":{line}:", f"line {line}", f'"line": {line},')
            assert any(w in result.output for w in where), (reader.name, result.output[-500:])


def test_invalid_utf8_inside_a_matrix(scratch: Scratch) -> None:
    raw = _example()
    at = raw.index(b"Section 14 of the Public Health Act")
    content = raw[:at] + b"Secci\xf3n 14" + raw[at + len(b"Section 14") :]
    for reader, result in zip(READERS, every_reader(scratch, content), strict=True):
        expect_refused(reader, result, "not valid UTF-8")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16", True), ("utf-16-le", False), ("utf-16-be", False), ("utf-32", True)],
)
def test_utf16_and_utf32_through_every_command(scratch: Scratch, encoding: str, bom: bool) -> None:
    content = _example().decode("utf-8").encode(encoding)
    expected = "encoded as UTF-" if bom else "(without BOM)"
    for reader, result in zip(READERS, every_reader(scratch, content), strict=True):
        expect_refused(reader, result, expected)


# --- Folders ----------------------------------------------------------------------------


def test_a_symlink_loop_in_a_folder_given_to_every_folder_command(mgi: Mgi, tmp_path: Path) -> None:
    folder = tmp_path / "matrices"
    (folder / "XAM").mkdir(parents=True)
    shutil.copy(SEEDS["XAM/2018-baseline.yaml"], folder / "XAM" / "2018-baseline.yaml")
    (folder / "XAM" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "XAM" / "self").symlink_to(".", target_is_directory=True)
    (folder / "XAM" / "a.yaml").symlink_to(folder / "XAM" / "b.yaml")
    (folder / "XAM" / "b.yaml").symlink_to(folder / "XAM" / "a.yaml")  # a file-name loop
    for args in (
        ["validate", "--jobs", "1", folder],
        ["fmt", "--check", folder],
        ["status", folder],
        ["render", "summary", folder, "--audience", "government", "--min-group", "1"],
    ):
        started = time.perf_counter()
        result = mgi(*args)
        check_answer(result, list(args), frozenset({0, 1}))
        assert time.perf_counter() - started < 10
        if args[0] != "render":
            assert "symlink-loop" in result.output or "a.yaml" in result.output, result.output


# --- Devices, pipes and paths that lead elsewhere --------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("device", ["/dev/zero", "fifo"])
def test_a_device_or_pipe_named_as_a_matrix_is_never_read(
    tmp_path: Path, fifo: Path, device: str
) -> None:
    special = fifo if device == "fifo" else Path(device)
    if not special.exists():
        pytest.skip(f"{device} does not exist here")
    for reader in READERS:
        case = Scratch(tmp_path / reader.name).case(FOLLOW_UP, b"")
        case.target.unlink()
        case.target.symlink_to(special)
        args = reader.argv(case, FIRST)
        with hang_guard():
            result = run(args)
        check_answer(result, args, reader.exits)
        expect_refused(reader, result, "pipe")


def _with(slot: str, key: str, value: str) -> bytes:
    lines = _example(slot).decode("utf-8").splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
    assert found, key
    lines[found[0]] = f"{key}: {value}\n"
    return "".join(lines).encode("utf-8")


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_a_baseline_or_context_naming_a_device_pipe_or_folder(
    tmp_path: Path, fifo: Path, target: str
) -> None:
    """Only regular files are read: no hang, no 16 MiB read, a clear problem."""
    named = {"/dev/zero": "/dev/zero", "fifo": str(fifo), "folder": str(tmp_path)}[target]
    # The commands that follow `baseline:` or `context:` each in their own way (the
    # others reach them through the same validation); for a folder, validation alone.
    names = ("validate", "diff-alone", "render-profile", "report-score", "status")
    readers = [r for r in READERS if r.name in names[: 1 if target == "folder" else None]]
    for slot, key in ((FOLLOW_UP, "baseline"), (LOCAL, "context")):
        content = _with(slot, key, named)
        for reader in readers:
            case = Scratch(tmp_path / f"{reader.name}-{key}").case(slot, content)
            args = reader.argv(case, FIRST)
            started = time.perf_counter()
            with hang_guard():
                result = run(args)
            check_answer(result, args, reader.exits)
            assert time.perf_counter() - started < 5, reader.name
            if reader.name == "validate":
                assert result.exit_code == 1
                assert f"{key}-unreadable" in result.output
                assert "does not exist" not in result.output  # it does: it is not a file


def test_names_too_long_for_the_file_system(tmp_path: Path) -> None:
    """As a `baseline:` or `context:` (a problem in the file) or on the command line
    (a message): never an internal error. Found by the fuzz tests."""
    long = "n" * 300 + ".yaml"
    names = ("validate", "diff-alone", "render-profile", "report-score", "status")
    for slot, key in ((FOLLOW_UP, "baseline"), (LOCAL, "context")):
        content = _with(slot, key, long)
        for reader in (r for r in READERS if r.name in names):
            case = Scratch(tmp_path / f"{reader.name}-{key}").case(slot, content)
            args = reader.argv(case, FIRST)
            result = run(args)
            check_answer(result, args, reader.exits)
            if reader.name == "validate":
                assert f"{key}-unreadable" in result.output and "too long" in result.output
    for args in (["validate", long], ["fmt", long], ["status", long], ["diff", long],
                 ["init", tmp_path / long / "repo"]):  # fmt: skip
        result = run(args)
        check_answer(result, args, frozenset({1, 2}))
        assert "too long" in result.output or "no such file" in result.output, result.output


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "matrices" / "XAM" / "local" / "port-selen").mkdir(parents=True)
    (root / "mgi.toml").write_text("", encoding="utf-8")
    for slot in ("XAM/2018-baseline.yaml", FOLLOW_UP, LOCAL):
        shutil.copy(SEEDS[slot], root / "matrices" / slot)
    # Outside the repository: a YAML mapping whose values would show in messages.
    (tmp_path / "outside.yaml").write_text(
        f"format: {SECRET}1\ncountry: {SECRET}2\n{SECRET}3: x\n", encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("key", ["baseline", "context"])
def test_a_baseline_or_context_climbing_out_of_the_repository_is_not_read(
    mgi: Mgi, tmp_path: Path, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repository(tmp_path)
    slot = FOLLOW_UP if key == "baseline" else LOCAL
    depth = slot.count("/") + 2  # up to the root, then one more
    path = root / "matrices" / slot
    for value in ("../" * depth + "outside.yaml", str(tmp_path / "outside.yaml")):
        path.write_bytes(_with(slot, key, value))
        monkeypatch.chdir(root)
        for args in (["validate"], ["validate", path], ["validate", "--format", "json"]):
            result = mgi(*args)
            check_answer(result, list(args), frozenset({1}))
            assert SECRET not in result.output
            assert "leads outside the repository; it was not read" in result.output


# --- Dangerous URLs -------------------------------------------------------------------

BAD_URLS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_dangerous_reference_url_is_a_validation_error(
    mgi: Mgi, scratch: Scratch, url: str
) -> None:
    raw = _example().decode("utf-8")
    first = "url: https://laws.xamaria.example/acts/2011-public-health"
    content = raw.replace(first, "url: " + json.dumps(url), 1).encode("utf-8")
    case = scratch.case(FOLLOW_UP, content)
    result = mgi("validate", "--format", "json", case.target)
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["reference-url"]
    for audience in ("public", "government"):
        refused = mgi("render", "profile", case.target, "--audience", audience, "--format", "html")
        assert refused.exit_code == 1
        assert "reference-url" in refused.stderr
        assert refused.stdout == ""


def test_render_shows_a_dangerous_url_as_nothing_but_text() -> None:
    """Should one reach the renderer (it validates first), no address becomes a link."""
    matrix = load_matrix(SEEDS["XAM/2018-baseline.yaml"]).matrix
    assert matrix is not None
    catalogue = catalogue_library().get(matrix.catalogue)
    assert catalogue is not None
    answers = dict(matrix.answers)
    keys = [k for k, a in answers.items() if a is not None and a.references][: len(BAD_URLS)]
    for key, url in zip(keys, BAD_URLS, strict=True):
        entry = answers[key]
        assert entry is not None
        bad = entry.references[0].model_copy(update={"url": url, "title": f"T {url}"})
        answers[key] = entry.model_copy(update={"references": [bad], "restricted": False})
    matrix = matrix.model_copy(update={"answers": answers, "confidentiality": "public"})
    for fmt in ("md", "html"):
        for audience in ("public", "government"):
            text = render_profile(matrix, catalogue, fmt=fmt, audience=audience, lang="en")
            lowered = text.lower()
            for scheme in ("javascript:", "vbscript:", "data:", "file:"):
                assert f'href="{scheme}' not in lowered
                assert f"](<{scheme}" not in lowered and f"]({scheme}" not in lowered
            assert 'href="//' not in lowered and "](<//" not in lowered


# --- Catalogues -------------------------------------------------------------------------


def _cyclic_catalogue(tmp_path: Path, *, everything: bool) -> Path:
    """mini@1.0 where M1.01 and M2.02 replace each other, or all indicators form one ring."""
    text = MINI.read_text(encoding="utf-8")
    listed = text.partition("\nindicators:\n")[2].splitlines()
    ids = [line.split("id: ")[1] for line in listed if line.startswith("  - id: ")]
    ring = ids if everything else ["M1.01", "M2.02"]
    for current, previous in zip(ring, [ring[-1], *ring[:-1]], strict=True):
        text = text.replace(
            f"  - id: {current}\n", f"  - id: {current}\n    replaces: [{previous}]\n"
        )
    path = tmp_path / f"cyclic-{len(ring)}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("everything", [False, True], ids=["two", "ring"])
def test_a_catalogue_with_cycles_in_replaces_through_every_command(
    tmp_path: Path, everything: bool
) -> None:
    cyclic = _cyclic_catalogue(tmp_path, everything=everything)
    matrix = tmp_path / "m.yaml"
    shutil.copy(SEEDS["mini/xam-2022-follow-up.yaml"], matrix)
    shutil.copy(SEEDS["mini/xam-2018-baseline.yaml"], tmp_path / "xam-2018-baseline.yaml")
    for args in (
        ["catalogue", "--catalogue", cyclic],
        ["catalogue", "--catalogue", cyclic, "M1.01"],
        ["validate", "--catalogue", cyclic, matrix],
        ["diff", "--catalogue", cyclic, matrix],
        ["render", "profile", "--catalogue", cyclic, matrix],
        ["report", "gcm", "--catalogue", cyclic, matrix],
        ["status", "--catalogue", cyclic, matrix],
        ["export", "--catalogue", cyclic, matrix, "-o", tmp_path / "x.csv"],
        ["new", "XAM", "--catalogue", cyclic, "-o", tmp_path / "new.yaml"],
    ):
        started = time.perf_counter()
        result = run(list(args))
        check_answer(result, list(args), frozenset({1}))
        assert "catalogue-cycle" in result.output, (args, result.output[-400:])
        assert time.perf_counter() - started < 2
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "new.yaml").exists()


def test_a_catalogue_or_rule_file_that_is_a_device_or_pipe(tmp_path: Path, fifo: Path) -> None:
    matrix = SEEDS["XAM/2018-baseline.yaml"]
    for special in (Path("/dev/zero"), fifo):
        for args in (
            ["catalogue", "--catalogue", special],
            ["validate", "--catalogue", special, matrix],
            ["report", "sdg-10-7-2", matrix, "--config", special],
            ["report", "score", matrix, "--config", special],
        ):
            with hang_guard():
                result = run(list(args))
            check_answer(result, list(args), frozenset({1, 2}))
            # validate checks --catalogue files up front: "catalogue file not found"
            words = ("not a regular file", "catalogue file not found")
            assert any(w in result.output for w in words), (args, result.output)


def test_rule_files_and_mgi_toml_that_are_not_utf8(mgi: Mgi, tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_bytes(b"\xff\xfe[scoring]\n")
    matrix = SEEDS["XAM/2018-baseline.yaml"]
    for args in (["report", "sdg-10-7-2", matrix, "--config", bad],
                 ["report", "score", matrix, "--config", bad]):  # fmt: skip
        result = mgi(*args)
        check_answer(result, list(args), frozenset({2}))
        assert "not valid TOML: the file is not UTF-8 text" in result.stderr
    (tmp_path / "mgi.toml").write_bytes(b"strict = \xff\n")
    (tmp_path / "matrices").mkdir()
    result = mgi("validate", tmp_path / "matrices")
    check_answer(result, ["validate"], frozenset({2}))
    assert "mgi.toml: not valid TOML" in result.stderr


# --- User templates ---------------------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ _.__globals__ }}",
    "{{ gettext.__self__ }}",
    "{% set x = [].__class__.__base__.__subclasses__() %}{{ x }}",
    "{{ dimensions.__class__.__init__.__globals__ }}",
    "{{ (dimensions|first).items.__self__.__class__ }}",
    "{{ 'a'.format.__globals__ }}",
    "{{ '{0.__class__}'.format(1) }}",
]
READS = [
    "{% include '/etc/passwd' %}",
    "{% include '../../etc/passwd' %}",
    "{% include '../outside.txt' %}",
    "{% extends '/etc/passwd' %}",
    "{% import '../../../../etc/passwd' as x %}",
    "{% from '/etc/hostname' import y %}",
    "{% include 'link.txt' %}",
    "{% include 'linked/outside.txt' %}",
]


@pytest.fixture
def template_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text(f"{SECRET} outside the template folder\n")
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    return folder


@pytest.mark.parametrize("template", ESCAPES + READS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_user_template_cannot_reach_python_internals_or_files(
    mgi: Mgi, template_folder: Path, template: str, fmt: str
) -> None:
    (template_folder / f"profile.{fmt}.j2").write_text(template, encoding="utf-8")
    result = mgi(
        "render", "profile", SEEDS["XAM/2018-baseline.yaml"], "--template-dir", template_folder,
        "--format", fmt, "-o", template_folder.parent / "out",
    )  # fmt: skip
    check_answer(result, ["render", "profile", template], frozenset({1}))
    assert result.stderr.startswith("mgi: ")
    message = result.stderr.splitlines()[0]
    assert any(
        words in message
        for words in ("sandbox forbids", "no template named", "is undefined", "cannot be rendered")
    ), message
    assert result.stdout == ""
    assert SECRET not in result.output
    assert "root:" not in result.output
    assert "<class '" not in result.output and "<function" not in result.output
    assert not (template_folder.parent / "out").exists()


def test_a_template_folder_link_to_the_packaged_templates_is_fine(mgi: Mgi, tmp_path: Path) -> None:
    """The confinement is to the folder as given: a link *to* the folder is not an escape."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "profile.md.j2").write_text("{{ lang }} ok\n", encoding="utf-8")
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    result = mgi("render", "profile", SEEDS["XAM/2018-baseline.yaml"],
                 "--template-dir", tmp_path / "alias")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "en ok\n"
