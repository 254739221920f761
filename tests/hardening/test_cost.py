"""Cost linear in the input, memory bounded, and the ceilings of the readers
(SECURITY.md, "Cost and ceilings").

No timings here (they go in benchmarks/cost_bench.py and docs/benchmarks.md): the
tests count the work done, which a quadratic loop multiplies, and check each reader
at its ceiling. A MemoryError or RecursionError anywhere becomes a plain refusal.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

import mgi_cli.suggest
from mgi_cli.cli import app
from mgi_cli.commands.common import catalogue_library
from mgi_cli.files import yamlread
from mgi_cli.files.yamlread import MAX_MARK_DEPTH, parse_yaml
from mgi_cli.matrix import indicators
from mgi_cli.suggest import Suggestions
from mgi_cli.validate.checker import validate_file
from mgi_cli.validate.rule_input import ValidationOptions

ROOT = Path(__file__).resolve().parents[2]


def _benchmark() -> Any:
    """benchmarks/cost_bench.py, whose generator of matrices the tests share."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "cost_bench", ROOT / "benchmarks" / "cost_bench.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


matrix: Callable[..., str] = _benchmark().matrix

MINI = ROOT / "tests" / "catalogues" / "mini-1.0.yaml"
OPTIONS = ValidationOptions(today=date(2026, 1, 1))
QUICK = settings(
    max_examples=15,
    deadline=timedelta(seconds=30),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
_runner = CliRunner()


def run(*args: object) -> Result:
    return _runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """How many context indicators were built, and how many ids compared for hints."""
    counts = {"built": 0, "compared": 0}
    build, nearest = indicators.as_indicator, mgi_cli.suggest.nearest

    def building(defined: Any) -> Any:
        counts["built"] += 1
        return build(defined)

    def comparing(word: str, choices: Any, cutoff: float = 0.6) -> str | None:
        options = list(choices)
        counts["compared"] += len(options)
        return nearest(word, options, cutoff)

    monkeypatch.setattr(indicators, "as_indicator", building)
    monkeypatch.setattr(mgi_cli.suggest, "nearest", comparing)
    yield counts


@QUICK
@given(size=st.integers(1, 400), defined=st.booleans())
def test_validation_is_linear_in_context_indicators(
    counted: dict[str, int], tmp_path_factory: pytest.TempPathFactory, size: int, defined: bool
) -> None:
    """Each context-specific indicator is built a fixed number of times per validation
    (a look-up per answer used to rebuild them all: 4,000 took minutes), and the "did
    you mean" hints for answers to undefined ids stay within their budget."""
    path = tmp_path_factory.mktemp("cost") / "m.yaml"
    path.write_text(matrix(size, defined=defined), encoding="utf-8")
    counted.update(built=0, compared=0)
    problems = validate_file(path, catalogue_library([MINI]), OPTIONS)
    assert counted["built"] <= 3 * size
    assert counted["compared"] <= Suggestions.BUDGET
    unknown = [p for p in problems if p.code == "unknown-indicator"]
    assert len(unknown) == (0 if defined else size)  # every one reported, hint or not


def test_hints_within_the_budget_then_none() -> None:
    hints = Suggestions(budget=10)
    assert hints.nearest("M1.01x", ["M1.01", "M1.02", "M2.01"]) == "M1.01"
    assert hints.left == 7
    assert hints.nearest("M1.01x", [f"M1.{i:02d}" for i in range(8)]) is None
    assert hints.left == 0
    assert hints.did_you_mean("M1.01x", ["M1.01"]) is None


# --- YAML: positions kept to a depth, so nesting does not multiply memory ----------


def _nested(depth: int, width: int) -> str:
    """``depth`` levels of mappings and lists, ``width`` leaves at the bottom."""
    lines, indent = [], ""
    for level in range(depth):
        key = f"k{level}:" if level % 2 == 0 else "- k:"
        lines.append(indent + key)
        indent += "  " if level % 2 == 0 else "    "
    lines += [f"{indent}leaf{i}: {i}" for i in range(width)]
    return "\n".join(lines) + "\n"


@settings(max_examples=30, deadline=timedelta(seconds=10), database=None)
@given(depth=st.integers(1, 130), width=st.integers(1, 300))  # 130 "- k:" levels: 195 deep
def test_nesting_does_not_store_full_paths(depth: int, width: int) -> None:
    text = _nested(depth, width)
    parsed = parse_yaml(text, "deep.yaml")
    assert parsed.problems == []
    assert max(len(p) for p in parsed.marks) <= MAX_MARK_DEPTH
    assert len(parsed.marks) <= MAX_MARK_DEPTH + 1 + width
    # A problem deep down is placed at the deepest position kept, on its way.
    node: Any = parsed.data
    path: list[Any] = []
    while isinstance(node, (dict, list)) and node:
        key = next(iter(node)) if isinstance(node, dict) else 0
        path.append(key)
        node = node[key]
    kept = tuple(path[:MAX_MARK_DEPTH])
    assert parsed.problem(tuple(path), "x", "deep").line == parsed.marks[kept][0]
    if len(path) > MAX_MARK_DEPTH:  # below the last kept position: nothing stored
        assert tuple(path) not in parsed.marks


def test_nesting_at_the_ceiling_and_one_past_it() -> None:
    deepest = parse_yaml("a: " * 1 + "[" * (yamlread.MAX_DEPTH - 1) + "]" * 199, "x.yaml")
    assert deepest.problems == []
    past = parse_yaml("a: " + "[" * yamlread.MAX_DEPTH + "]" * yamlread.MAX_DEPTH, "x.yaml")
    assert [p.code for p in past.problems] == ["yaml-too-deep"]


# --- git: a blob at PATH@REV is refused by its size, unread --------------------------


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("blobs")
    _git(folder, "init", "-q")
    for size in range(96, 105):
        (folder / f"m{size}.yaml").write_text("#" * (size - 1) + "\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    _git(folder, "add", ".")
    _git(folder, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "blobs")
    return folder


@settings(max_examples=9, deadline=timedelta(seconds=20), database=None)
@given(size=st.integers(96, 104))
def test_a_blob_over_the_ceiling_is_refused_before_it_is_read(repository: Path, size: int) -> None:
    """At the ceiling (lowered to 100 bytes here) the blob is read; one byte over, git is
    asked its size and nothing more."""
    from mgi_cli.diff import sides
    from mgi_cli.files import git

    asked: list[tuple[str, ...]] = []
    run_git = git.run_git

    def recording(folder: Path, *args: str, what: str) -> bytes:
        asked.append(args)
        return run_git(folder, *args, what=what)

    path = repository / f"m{size}.yaml"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sides, "MAX_BYTES", 100)
        patch.setattr(git, "run_git", recording)
        result = run("diff", f"{path}@HEAD", f"{path}@HEAD", "--catalogue", MINI)
    if size > 100:
        assert result.exit_code == 1
        message = f"{path}@HEAD: the file is larger than 100 bytes ({size} bytes); it was not read"
        assert message in result.output
        assert all(a[:2] != ("cat-file", "blob") for a in asked)
    else:
        assert "it was not read" not in result.output
        assert ("cat-file", "blob") in [a[:2] for a in asked]


def test_a_folder_at_a_revision_is_not_a_file(repository: Path) -> None:
    result = run("diff", f"{repository / 'sub'}@HEAD", f"{repository / 'm96.yaml'}@HEAD")
    assert result.exit_code == 2
    assert "not a file at that revision (a tree)" in result.output


# --- MemoryError and RecursionError become a plain refusal ------------------------------

#: Where a command may run out: reading YAML, validating, reading a workbook, formatting.
FAILING: dict[str, tuple[str, Callable[..., list[object]]]] = {
    "yaml": (
        "mgi_cli.files.yamlread._Builder.run",
        lambda folder: ["validate", folder / "m.yaml", "--catalogue", MINI],
    ),
    "rules": (
        "mgi_cli.validate.rule_input.RuleContext.expected_indicators",
        lambda folder: ["validate", folder / "m.yaml", "--catalogue", MINI],
    ),
    "workbook": (
        "mgi_cli.spreadsheet.reader._read_book",
        lambda folder: ["import", folder / "m.xlsx", "-o", folder / "o.yaml", "--force"],
    ),
    "fmt": ("mgi_cli.formatting.fmt.canonical_text", lambda folder: ["fmt", folder / "m.yaml"]),
}


@settings(max_examples=16, deadline=timedelta(seconds=20), database=None)
@given(where=st.sampled_from(sorted(FAILING)), error=st.sampled_from([MemoryError, RecursionError]))
def test_memory_and_recursion_errors_are_refusals(
    tmp_path_factory: pytest.TempPathFactory, where: str, error: type[Exception]
) -> None:
    folder = tmp_path_factory.mktemp("exhausted")
    source = ROOT / "tests" / "matrices" / "valid" / "xam-2018-baseline.yaml"
    (folder / "m.yaml").write_bytes(source.read_bytes())
    (folder / "m.xlsx").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    target, argv = FAILING[where]

    def exhausted(*args: object, **kwargs: object) -> None:
        raise error()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(target, exhausted)
        result = run(*argv(folder))
    assert result.exit_code == 1, result.output
    what = "memory" if error is MemoryError else "stack depth (nesting)"
    assert f"mgi: the input needs more {what} than this process has" in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert (folder / "m.yaml").read_bytes() == source.read_bytes()
