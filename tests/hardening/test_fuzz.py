"""Fuzzing: generated and mutated matrices through every command that reads one.

Whatever the input, a command answers with exit 0 or 1 and a message, never a
traceback nor an "internal error", within the deadline and in bounded memory (the
test process's address space is capped at 3 GiB). Inputs are the examples
(and two small matrices of the test catalogue) edited at random: keys deleted,
renamed or added, values of the wrong type, huge strings, odd Unicode, control
characters, deep nesting, shared nodes (aliases), bytes inserted or cut; and
random YAML. Workbooks for `mgi import`: exported ones with cells edited, with their
zip parts broken (tests/spreadsheet/test_reader.py), and with their protection
changed (tests/spreadsheet/test_protection.py).

CI runs a few examples per test. The long run, a few minutes, uses the ``fuzz``
profile registered in conftest.py::

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/hardening/test_fuzz.py -p no:cacheprovider

Inputs it found failing are kept under tests/fuzz_regressions/ (see its README) and
replayed here through every command.

``READERS`` is the table of commands that read a matrix; a new command that reads
one gets a row there (and in ``WRITERS`` of test_no_data_loss.py if it writes).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner, Result

from mgi_cli.cli import app
from tests.spreadsheet.test_protection import check_edits, protection_edits
from tests.spreadsheet.test_reader import broken_workbooks
from tests.spreadsheet.test_reader import check_import as check_workbook

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
EXAMPLES = ROOT / "examples" / "matrices"
MINI = TESTS / "catalogues" / "mini-1.0.yaml"
REGRESSIONS = TESTS / "fuzz_regressions"

#: Where each seed sits in the scratch folder of an example; links between them
#: (``baseline:``, ``context:``) resolve as in the examples.
SEEDS: dict[str, Path] = {
    "XAM/2018-baseline.yaml": EXAMPLES / "XAM" / "2018-baseline.yaml",
    "XAM/2022-follow_up.yaml": EXAMPLES / "XAM" / "2022-follow_up.yaml",
    "XAM/local/port-selen/2021-baseline.yaml": (
        EXAMPLES / "XAM" / "local" / "port-selen" / "2021-baseline.yaml"
    ),
    "mini/xam-2018-baseline.yaml": TESTS / "matrices" / "valid" / "xam-2018-baseline.yaml",
    "mini/xam-2022-follow-up.yaml": TESTS / "matrices" / "valid" / "xam-2022-follow-up.yaml",
}
#: The valid matrix each seed is compared with by `mgi diff BASELINE FOLLOW_UP`.
PARTNERS = {
    "XAM/2018-baseline.yaml": "XAM/2022-follow_up.yaml",
    "XAM/2022-follow_up.yaml": "XAM/2018-baseline.yaml",
    "XAM/local/port-selen/2021-baseline.yaml": "XAM/2022-follow_up.yaml",
    "mini/xam-2018-baseline.yaml": "mini/xam-2022-follow-up.yaml",
    "mini/xam-2022-follow-up.yaml": "mini/xam-2018-baseline.yaml",
}

# --- Running a command and judging its answer --------------------------------------

_runner = CliRunner()


def run(args: Sequence[object]) -> Result:
    argv = [str(a) for a in args]
    with _serve_stops_at_once() if argv[:2] == ["site", "serve"] else contextlib.nullcontext():
        return _runner.invoke(app, argv, env={"NO_COLOR": "1", "GITHUB_ACTIONS": None})


@contextlib.contextmanager
def _serve_stops_at_once() -> Iterator[None]:
    """`mgi site serve` as it runs (build, serve, watch), told to stop before it waits."""
    import threading

    from mgi_cli.site import serve

    real = serve.serve_site

    def serve_once(*args: Any, **kwargs: Any) -> None:
        stop = threading.Event()
        stop.set()
        real(*args, **{**kwargs, "stop": stop})

    serve.serve_site = serve_once
    try:
        yield
    finally:
        serve.serve_site = real


def check_answer(result: Result, args: Sequence[object], exits: frozenset[int]) -> None:
    """Exit 0 or 1 (or what the command's row allows), a message on failure, no crash."""
    shown = " ".join(str(a) for a in args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"mgi {shown} raised {result.exception!r}") from result.exception
    output = result.output
    assert result.exit_code in exits, f"mgi {shown}: exit {result.exit_code}\n{output[-2000:]}"
    assert "Traceback" not in output, f"mgi {shown}:\n{output[-3000:]}"
    assert "internal error" not in output, f"mgi {shown}:\n{output[-3000:]}"
    if result.exit_code != 0:
        assert output.strip(), f"mgi {shown}: exit {result.exit_code} without a word"


# --- The commands that read a matrix ------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One example's scratch folder: the fuzzed file, a valid partner, an output path."""

    work: Path
    target: Path
    partner: Path
    target_follows: bool

    @property
    def out(self) -> Path:
        return self.work / "out"


Pick = Callable[[list[Any]], Any]
#: ``draw`` of a composite strategy or ``st.data()``.
Draw = Callable[..., Any]
Argv = Callable[[Case, Pick], list[Any]]


@dataclass(frozen=True)
class Reader:
    name: str
    argv: Argv
    #: `mgi diff FOLLOW_UP` exits 2 when the file names no baseline or one that is
    #: missing (test_diff_cli.py); every other reader answers 0 or 1.
    exits: frozenset[int] = frozenset({0, 1})


def _pair(case: Case) -> list[str | Path]:
    return [case.partner, case.target] if case.target_follows else [case.target, case.partner]


def _report(kind: str) -> Argv:
    def argv(case: Case, pick: Pick) -> list[str | Path]:
        extra: list[str | Path] = ["-o", case.out] if pick(["", "-o"]) else []
        return [
            "report", kind, case.target, "--catalogue", MINI,
            "--format", pick(["md", "html", "json"]), "--lang", pick(["en", "fr", "es"]),
            "--audience", pick(["public", "government"]), *extra,
        ]  # fmt: skip

    return argv


READERS: list[Reader] = [
    Reader("validate", lambda c, pick: [
        "validate", "--jobs", "1", "--catalogue", MINI, "--format",
        pick(["text", "json", "github"]), pick(["--strict", "--no-strict"]), c.target,
    ]),
    Reader("validate-folder", lambda c, pick: [
        "validate", "--jobs", "1", "--format", pick(["json", "text"]), "--catalogue", MINI,
        c.target.parent,
    ]),
    Reader("diff", lambda c, pick: [
        "diff", *_pair(c), "--catalogue", MINI, "--format", pick(["text", "md", "json", "html"]),
        *(["--only", pick(["changed", "answers"])] if pick(["", "only"]) else []),
        *(["-o", c.out] if pick(["", "-o"]) else []),
    ]),
    Reader("diff-alone", lambda c, pick: [
        "diff", c.target, "--catalogue", MINI, "--format", pick(["text", "json"]),
    ], exits=frozenset({0, 1, 2})),
    Reader("render-profile", lambda c, pick: [
        "render", "profile", c.target, "--catalogue", MINI, "--format", pick(["md", "html"]),
        "--lang", pick(["en", "fr", "es"]), "--audience", pick(["public", "government"]),
        *(["-o", c.out] if pick(["", "-o"]) else []),
        *([flag] if (flag := pick(["--compare-national", ""])) else []),  # reads `context:`
    ]),
    Reader("render-summary", lambda c, pick: [
        "render", "summary", c.target.parent, "--catalogue", MINI,
        *pick([["--audience", "public", "--min-group", "3"], ["--audience", "government",
              "--min-group", "1"]]),
        "--format", pick(["md", "html", "json"]), "--include-restricted",
        "--lang", pick(["en", "fr", "es"]),
    ]),
    Reader("status", lambda c, pick: [
        "status", c.target, "--catalogue", MINI, "--format", pick(["text", "json"]),
    ]),
    Reader("fmt-check", lambda c, pick: ["fmt", "--check", c.target]),
    Reader("fmt", lambda c, pick: ["fmt", c.target]),
    Reader("report-gcm", _report("gcm")),
    Reader("report-sdg", _report("sdg-10-7-2")),
    Reader("report-themes", _report("themes")),
    Reader("report-actions", _report("actions")),
    Reader("report-score", _report("score")),
    Reader("export", lambda c, pick: [
        "export", c.target, "--catalogue", MINI, "-o", c.work / f"sheet.{pick(['csv', 'xlsx'])}",
    ]),
    Reader("new-follow-up", lambda c, pick: [
        "new", "--follow-up-of", c.target, "-o", c.work / "new.yaml", "--force",
        "--assessed-on", "2030-01-01",
        # --catalogue would also choose the catalogue of the new matrix: mini ones only.
        *(["--catalogue", MINI] if c.target.parent.name == "mini" else []),
    ]),
]  # fmt: skip


#: The site commands read a folder of matrices: fuzzed like the rest, kept apart from
#: READERS, whose every row test_hostile.py expects to name a refused file (the site
#: leaves a matrix out, counted, as `render summary` does). `site serve` builds, serves
#: and stops at once (``run``: its stop event is set before it starts).
def _site(sub: str) -> Argv:
    def argv(case: Case, pick: Pick) -> list[Any]:
        extra = ["--port", "0"] if sub == "serve" else ["--jobs", "1"]
        return ["site", sub, case.target.parent, "--catalogue", MINI, "-o", case.work / "site",
                *extra]  # fmt: skip

    return argv


SITE_READERS = [Reader(f"site-{sub}", _site(sub)) for sub in ("build", "serve")]
READER_NAMES = [r.name for r in READERS]
SITE_NAMES = [r.name for r in SITE_READERS]
BY_NAME = {r.name: r for r in READERS + SITE_READERS}


@dataclass
class Scratch:
    """A fresh copy of the seeds, with the fuzzed bytes in one of them."""

    folder: Path

    def case(self, slot: str, content: bytes) -> Case:
        for name, source in SEEDS.items():
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, path)
        target = self.folder / slot
        target.write_bytes(content)
        return Case(self.folder, target, self.folder / PARTNERS[slot], "follow" in slot)


class Fuzzed:
    """An input and the seed it replaces; shown short (hypothesis prints failing inputs,
    and would print a dataclass field by field)."""

    def __init__(self, slot: str, content: bytes) -> None:
        self.slot = slot
        self.content = content

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.content).hexdigest()[:12]

    def __repr__(self) -> str:
        return f"Fuzzed({self.slot!r}, {len(self.content)} bytes, sha1 {self.digest})"

    def keep(self) -> Path:
        """Saves a failing input where it can become a regression file (see the README)."""
        folder = Path(os.environ.get("MGI_FUZZ_FAILURES", Path(tempfile.gettempdir())
                                     / "mgi-fuzz-failures"))  # fmt: skip
        path = folder / self.slot.removesuffix(".yaml") / f"{self.digest}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.content)
        return path


def run_reader(reader: Reader, fuzzed: Fuzzed, pick: Pick) -> None:
    with tempfile.TemporaryDirectory(prefix="mgi-fuzz-") as folder:
        case = Scratch(Path(folder)).case(fuzzed.slot, fuzzed.content)
        args = reader.argv(case, pick)
        try:
            check_answer(run(args), args, reader.exits)
        except AssertionError as error:
            error.add_note(f"the input is kept as {fuzzed.keep()}")
            raise


# --- Strategies ---------------------------------------------------------------------

SPECIALS = [
    "\u202e", "\u200b", "\ufeff", "\u2028", "\u2029", "\u0085", "\u00a0", "e\u0301",
    "\U0001f600", "\U0010fffd", "\ud7ff", "\uffff", "\x7f", "\x1b[31m", "<script>", "{{ 1 }}",
    "{% raw %}", "%s%n", "../../etc/passwd", "javascript:alert(1)", "null", "~", "yes", "no",
    "NaN", "-.inf", "0x1F", "1e999", "2018-02-30", "9999-12-31", "0000-01-01", "", " ", "\t",
    "- x", ": y", "#", "&a", "*a", "!!str", "|", ">", "'", '"', "@", "`", "%YAML",
]  # fmt: skip
ODD_TEXT = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(SPECIALS),
    st.lists(st.sampled_from(SPECIALS), min_size=1, max_size=6).map("".join),
)
CONTROL = st.text(alphabet=st.characters(codec="utf-8", categories=["Cc"]), min_size=1, max_size=8)
HUGE = st.one_of(
    st.integers(20_000, 1_500_000).map(lambda n: "x" * n),
    st.tuples(ODD_TEXT.filter(bool), st.integers(500, 20_000)).map(lambda t: t[0] * t[1]),
    st.integers(1, 20_000).map(lambda n: "word " * n),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.dates(), st.datetimes(),
    ODD_TEXT, CONTROL,
)  # fmt: skip
WRONG = st.one_of(
    SCALARS,
    HUGE,
    st.lists(SCALARS, max_size=4),
    st.dictionaries(ODD_TEXT, SCALARS, max_size=4),
    st.dictionaries(st.integers() | st.booleans() | st.none() | st.floats(), SCALARS, max_size=3),
)


def nest(depth: int, leaf: Any = "deep") -> Any:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


NESTED = st.builds(nest, st.integers(1, 400), SCALARS)


def node_paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every node below the root, parents first; shared nodes are walked once."""
    seen: set[int] = set()
    stack: list[tuple[tuple[Any, ...], Any]] = [(prefix, data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict | list):
            if id(node) in seen:
                continue
            seen.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, value in items:
                yield (*path, key)
                stack.append(((*path, key), value))


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def mutate(data: Any, draw: Draw) -> Any:  # noqa: PLR0912 - one branch per edit
    """One random edit of ``data`` (a plain YAML tree), in place where it can be."""
    paths = list(node_paths(data))
    kind = draw(st.sampled_from(
        ["delete", "replace", "replace", "rename", "add", "nest", "alias", "swap", "self", "root"]
    ))  # fmt: skip
    if kind == "root" or not paths:
        return draw(WRONG | NESTED)
    path = draw(st.sampled_from(paths))
    parent, key = at(data, path[:-1]), path[-1]
    if kind == "delete":
        del parent[key]
    elif kind == "replace":
        parent[key] = draw(WRONG)
    elif kind == "nest":
        parent[key] = draw(NESTED)
    elif kind == "rename" and isinstance(parent, dict):
        new_key = draw(ODD_TEXT | st.integers() | st.booleans() | st.none() | st.dates())
        value = parent.pop(key)
        parent[new_key] = value
    elif kind == "add":
        container = parent[key] if isinstance(parent[key], dict | list) else parent
        if isinstance(container, dict):
            container[draw(ODD_TEXT)] = draw(WRONG)
        else:
            container.insert(draw(st.integers(0, len(container))), draw(WRONG))
    elif kind == "alias":  # the same node in two places: written as &anchor and *alias
        other = draw(st.sampled_from(paths))
        if path[: len(other)] != other and other[: len(path)] != path:
            parent[key] = at(data, other)
    elif kind == "swap":
        other = draw(st.sampled_from(paths))
        if path[: len(other)] != other and other[: len(path)] != path:
            other_parent = at(data, other[:-1])
            parent[key], other_parent[other[-1]] = other_parent[other[-1]], parent[key]
    elif kind == "self" and isinstance(parent[key], dict | list):  # a node inside itself
        node = parent[key]
        if isinstance(node, dict):
            node[draw(ODD_TEXT)] = node
        else:
            node.append(node)
    return data


def dump(data: Any, draw: Draw) -> bytes:
    """``data`` as YAML, in block or flow style; shared nodes become anchors and aliases."""
    yaml = YAML(typ="safe")
    yaml.default_flow_style = draw(st.sampled_from([False, None, True]))
    yaml.width = draw(st.sampled_from([80, 4096]))
    yaml.allow_unicode = draw(st.booleans())
    buffer = io.StringIO()
    try:
        yaml.dump(data, buffer)
    except Exception:  # a tree the emitter cannot write: write another one
        return b"format: mgi-matrix/1\nanswers: {}\n"
    return buffer.getvalue().encode("utf-8", "surrogatepass")


_SEED_DATA: dict[str, Any] = {}


def seed_data(slot: str) -> Any:
    if slot not in _SEED_DATA:
        _SEED_DATA[slot] = YAML(typ="safe").load(SEEDS[slot].read_text(encoding="utf-8"))
    return _copy(_SEED_DATA[slot])


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


@st.composite
def mutated_matrices(draw: st.DrawFn) -> Fuzzed:
    slot = draw(st.sampled_from(list(SEEDS)))
    data = seed_data(slot)
    for _ in range(draw(st.integers(1, 4))):
        data = mutate(data, draw)
    return Fuzzed(slot, dump(data, draw))


INSERTS = st.one_of(
    ODD_TEXT.map(lambda s: s.encode("utf-8")),
    CONTROL.map(lambda s: s.encode("utf-8")),
    st.binary(min_size=1, max_size=8),
    st.sampled_from([
        b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc3", b"\xed\xa0\x80", b"\t",
        b": ", b"- ", b"{", b"}", b"[", b"]", b"'", b'"', b"|", b">", b"&a ", b"*a", b"*zz",
        b"&a [*a, *a, *a, *a]", b"!!python/object/apply:os.system ['true']", b"!!binary ",
        b"<<: *a\n", b"%YAML 1.1\n---\n", b"\n---\n", b"\n...\n", b"? ", b"\r", b"\r\n",
        b"\n  ", b"\n    - ", b"#", b" #", b"\\", b"\x85", b"\xe2\x80\xa8",
    ]),
)  # fmt: skip


@st.composite
def mutated_texts(draw: st.DrawFn) -> Fuzzed:
    """The seed's bytes with bytes inserted, cut, repeated or re-ended."""
    slot = draw(st.sampled_from(list(SEEDS)))
    raw = SEEDS[slot].read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        offset = draw(st.integers(0, len(raw)))
        kind = draw(st.sampled_from(["insert", "insert", "cut", "line", "truncate", "ends"]))
        if kind == "insert":
            raw = raw[:offset] + draw(INSERTS) + raw[offset:]
        elif kind == "cut":
            raw = raw[:offset] + raw[offset + draw(st.integers(1, 400)) :]
        elif kind == "line":  # a line repeated elsewhere, or its indentation changed
            lines = raw.split(b"\n")
            line = lines[draw(st.integers(0, len(lines) - 1))]
            where = draw(st.integers(0, len(lines)))
            lines.insert(where, draw(st.sampled_from([b"", b" ", b"  ", b"    ", b"\t"])) + line)
            raw = b"\n".join(lines)
        elif kind == "truncate":
            raw = raw[:offset]
        else:
            raw = raw.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\n"])))
    return Fuzzed(slot, raw)


ANSWER_IDS = ["D1.01", "D3.03", "C.01", "M1.01", "M1.03", "L1.01", "X.01", "d1.01", ""]
MATRIX_KEYS = {
    "format": st.just("mgi-matrix/1") | WRONG,
    "country": st.sampled_from(["XAM", "xam", "XA", "ZZZ"]) | WRONG,
    "level": st.sampled_from(["national", "local"]) | WRONG,
    "locality": ODD_TEXT,
    "assessment": st.sampled_from(["baseline", "follow_up"]) | WRONG,
    "baseline": st.sampled_from(["2018-baseline.yaml", "../XAM/2018-baseline.yaml", "/dev/null",
                                 "missing.yaml", ".", "xam-2018-baseline.yaml"]) | WRONG,
    "context": st.sampled_from(["../../2018-baseline.yaml", "/dev/null", ".."]) | WRONG,
    "catalogue": st.sampled_from(["mgi-national@1.0", "mini@1.0", "mgi-local@1.0", "x@"]) | WRONG,
    "modules": st.lists(st.sampled_from(["standard", "covid19", "other"])) | WRONG,
    "assessed_on": st.dates() | WRONG,
    "status": st.sampled_from(["draft", "in_review", "validated", "published"]) | WRONG,
    "confidentiality": st.sampled_from(["restricted", "public"]) | WRONG,
    "answers": st.dictionaries(
        st.sampled_from(ANSWER_IDS) | ODD_TEXT,
        st.none() | WRONG | st.fixed_dictionaries({}, optional={
            "answer": st.sampled_from(["yes", "partial", "no", "not_applicable"]) | WRONG,
            "justification": ODD_TEXT | WRONG,
            "references": st.lists(st.fixed_dictionaries({}, optional={
                "title": ODD_TEXT | WRONG, "url": ODD_TEXT | WRONG,
                "accessed": st.dates() | WRONG,
            }), max_size=3) | WRONG,
            "restricted": st.booleans() | WRONG,
            "notes": ODD_TEXT | WRONG,
        }),
        max_size=6,
    ) | WRONG,
    "action_plan": st.lists(st.fixed_dictionaries({}, optional={
        "id": ODD_TEXT, "indicators": st.lists(st.sampled_from(ANSWER_IDS)) | WRONG,
        "action": ODD_TEXT, "due": st.dates() | WRONG,
        "status": st.sampled_from(["planned", "done", "late"]) | WRONG,
    }), max_size=3) | WRONG,
    "context_indicators": st.lists(st.dictionaries(ODD_TEXT, WRONG, max_size=3), max_size=2),
    "not_used": st.dictionaries(st.sampled_from(ANSWER_IDS) | ODD_TEXT, ODD_TEXT | WRONG,
                                max_size=3) | WRONG,
}  # fmt: skip
YAMLISH = st.text(
    alphabet=st.sampled_from([*":-?[]{},&*!|>'\"#%@`~ \n\t\rabcxyz019.", "\u00e9", "\x00"]),
    max_size=200,
)


@st.composite
def random_yaml(draw: st.DrawFn) -> Fuzzed:
    slot = draw(st.sampled_from(list(SEEDS)))
    kind = draw(st.sampled_from(["matrix-like", "matrix-like", "tree", "text"]))
    if kind == "text":
        return Fuzzed(slot, draw(YAMLISH).encode("utf-8"))
    if kind == "tree":
        tree = draw(st.recursive(
            SCALARS,
            lambda inner: st.lists(inner, max_size=4)
            | st.dictionaries(ODD_TEXT, inner, max_size=4),
            max_leaves=30,
        ))  # fmt: skip
        return Fuzzed(slot, dump(tree, draw))
    data = draw(st.fixed_dictionaries({}, optional=MATRIX_KEYS))
    return Fuzzed(slot, dump(data, draw))


# --- Settings: a few examples in CI, many under HYPOTHESIS_PROFILE=fuzz ---------------

FUZZING = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.large_base_example]  # fmt: skip


def budget(ci_examples: int, seconds: int = 5) -> settings:
    """CI: ``ci_examples`` per test; the fuzz profile sets its own count and deadline.

    A command takes well under a second on any of these inputs (the largest, a 1.5 MB
    string, about one for `mgi fmt`); the deadline leaves room for a loaded CI machine
    and still catches a hang or a quadratic blow-up. A site build writes some 40 files
    (about 2 s on an idle machine): ``seconds`` gives it more.
    """
    if FUZZING:  # the profile's count and deadline (20 s), or more time for the slow ones
        chosen: dict[str, Any] = {"deadline": timedelta(seconds=seconds * 4)} if seconds > 5 else {}
        if "MGI_FUZZ_EXAMPLES" in os.environ:  # a run bounded in time: fewer per property
            chosen["max_examples"] = int(os.environ["MGI_FUZZ_EXAMPLES"])
        return settings(suppress_health_check=_QUIET, **chosen)
    return settings(
        max_examples=ci_examples,
        deadline=timedelta(seconds=seconds),
        suppress_health_check=_QUIET,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )


def _picker(data: st.DataObject) -> Pick:
    return lambda choices: data.draw(st.sampled_from(choices))


#: The memory bound of the fuzz tests: the address space of the whole test process.
MEMORY_BOUND = 3 * 1024**3


@pytest.fixture(scope="module", autouse=True)
def _memory_bound() -> Iterator[None]:
    """While this module runs, a command that needs gigabytes fails with MemoryError,
    which the commands report as an internal error, so the test fails."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    bound = MEMORY_BOUND if hard == resource.RLIM_INFINITY else min(MEMORY_BOUND, hard)
    resource.setrlimit(resource.RLIMIT_AS, (bound, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.fixture(scope="module", autouse=True)
def _warm(_memory_bound: None) -> None:
    """Load the catalogues and templates once, so the first example is not the slow one."""
    case_args = ["render", "profile", SEEDS["XAM/2022-follow_up.yaml"], "--audience", "government"]
    run(case_args)


# --- The properties -------------------------------------------------------------------


@pytest.mark.parametrize("reader", READER_NAMES)
@budget(5)
@given(case=mutated_matrices(), data=st.data())
def test_mutated_matrices(reader: str, case: Fuzzed, data: st.DataObject) -> None:
    run_reader(BY_NAME[reader], case, _picker(data))


@pytest.mark.parametrize("reader", READER_NAMES)
@budget(4)
@given(case=mutated_texts(), data=st.data())
def test_mutated_bytes(reader: str, case: Fuzzed, data: st.DataObject) -> None:
    run_reader(BY_NAME[reader], case, _picker(data))


@pytest.mark.parametrize("reader", READER_NAMES)
@budget(3)
@given(case=random_yaml(), data=st.data())
def test_random_yaml(reader: str, case: Fuzzed, data: st.DataObject) -> None:
    run_reader(BY_NAME[reader], case, _picker(data))


@pytest.mark.parametrize("reader", SITE_NAMES)
@budget(3, seconds=30)
@given(case=mutated_matrices() | mutated_texts() | random_yaml(), data=st.data())
def test_site_reads_fuzzed_matrices(reader: str, case: Fuzzed, data: st.DataObject) -> None:
    """`mgi site build|serve` on a folder holding a fuzzed matrix: built without it, or
    refused in words."""
    run_reader(BY_NAME[reader], case, _picker(data))


@budget(15)
@given(data=st.data())
def test_mutated_catalogues(data: st.DataObject) -> None:
    """A user's catalogue (``--catalogue``) edited at random, through the commands using it."""
    catalogue = YAML(typ="safe").load(MINI.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        catalogue = mutate(catalogue, data.draw)
    content = dump(catalogue, data.draw)
    with tempfile.TemporaryDirectory(prefix="mgi-fuzz-") as folder:
        case = Scratch(Path(folder)).case(
            "mini/xam-2022-follow-up.yaml", SEEDS["mini/xam-2022-follow-up.yaml"].read_bytes()
        )
        user = case.work / "mini-1.0.yaml"
        user.write_bytes(content)
        command = [user if a is USER else case.target if a is TARGET else a
                   for a in data.draw(st.sampled_from(CATALOGUE_COMMANDS))]  # fmt: skip
        check_answer(run(command), command, frozenset({0, 1}))


#: Where the user's catalogue and the matrix go in CATALOGUE_COMMANDS.
USER, TARGET = object(), object()
#: The commands test_mutated_catalogues gives a user's catalogue to.
CATALOGUE_COMMANDS: list[list[Any]] = [
    ["catalogue", "--catalogue", USER, "--format", "json"],
    ["catalogue", "--catalogue", USER, "M1.01"],
    ["catalogue", "diff", USER, "mgi-national@1.0", "--format", "json"],
    ["catalogue", "diff", MINI, USER, "--format", "text"],
    ["validate", "--catalogue", USER, TARGET],
    ["diff", "--catalogue", USER, TARGET],
    ["render", "profile", "--catalogue", USER, TARGET, "--format", "html"],
    ["report", "gcm", "--catalogue", USER, TARGET, "--format", "json"],
]


@budget(15)
@given(data=st.data())
def test_mutated_spreadsheets(data: st.DataObject) -> None:
    """`mgi import` of an exported sheet with cells edited, added or cut at random."""
    with tempfile.TemporaryDirectory(prefix="mgi-fuzz-") as folder:
        case = Scratch(Path(folder)).case(
            "mini/xam-2018-baseline.yaml", SEEDS["mini/xam-2018-baseline.yaml"].read_bytes()
        )
        sheet = case.work / "sheet.csv"
        exported = run(["export", case.target, "--catalogue", MINI, "-o", sheet])
        assert exported.exit_code == 0, exported.output
        raw = sheet.read_bytes()
        for _ in range(data.draw(st.integers(1, 4))):
            offset = data.draw(st.integers(0, len(raw)))
            if data.draw(st.booleans()):
                insert = data.draw(INSERTS | st.sampled_from([b",", b'"', b"\n", b",,,,"]))
                raw = raw[:offset] + insert + raw[offset:]
            else:
                raw = raw[:offset] + raw[offset + data.draw(st.integers(1, 200)) :]
        sheet.write_bytes(raw)
        command: list[str | Path] = [
            "import",
            sheet,
            "--catalogue",
            MINI,
            "-o",
            case.work / "imported.yaml",
            "--force",
        ]
        check_answer(run(command), command, frozenset({0, 1}))


@budget(10)
@given(raw=broken_workbooks())
def test_broken_workbooks(raw: bytes) -> None:
    """`mgi import` of an exported workbook with its parts broken (shared strings, cell
    types and references, cut XML, entities, numbers, dates, far rows, huge dimensions):
    a problem naming the cell or the workbook, never a traceback."""
    with tempfile.TemporaryDirectory(prefix="mgi-fuzz-") as folder:
        check_workbook(raw, Path(folder))


@budget(10)
@given(edits=protection_edits(), replace=st.booleans())
def test_imports_never_lower_protection(edits: list[Any], replace: bool) -> None:
    """`mgi import` of a workbook whose restricted column, restricted cells, confidentiality
    or status were changed at random: nothing becomes more public without a plain value
    and a warning naming it; formulas and unclear values are refused with their cell."""
    check_edits(edits, replace)


# --- Inputs that once failed, kept as files ---------------------------------------------


def _regressions() -> list[Path]:
    return sorted(p for p in REGRESSIONS.rglob("*") if p.is_file() and p.name != "README.md")


def _slot_of(path: Path) -> str:
    """tests/fuzz_regressions/<seed slot without .yaml>/<name>: the slot it replaces."""
    slot = path.parent.relative_to(REGRESSIONS).as_posix() + ".yaml"
    return slot if slot in SEEDS else "XAM/2022-follow_up.yaml"


@pytest.mark.parametrize("reader", READER_NAMES)
def test_regressions(reader: str) -> None:
    found = _regressions()
    if not found:
        pytest.skip("no fuzz regressions kept yet")
    first = lambda choices: choices[-1]  # noqa: E731 - the last choice writes files (-o)
    for path in found:
        run_reader(BY_NAME[reader], Fuzzed(_slot_of(path), path.read_bytes()), first)


def test_every_matrix_reading_command_is_fuzzed() -> None:
    """A command added to mgi that takes a matrix must get a row in READERS."""
    covered = {tuple(r.argv(_dummy_case(), lambda c: c[0])[:2]) for r in READERS}
    commands = {(c,) for c in ("validate", "diff", "status", "fmt", "export", "new")}
    groups = {"render": ("profile", "summary"),
              "report": ("gcm", "sdg-10-7-2", "themes", "actions", "score")}  # fmt: skip
    firsts = {c[0] for c in covered}
    assert {c[0] for c in commands} <= firsts
    for group, subcommands in groups.items():
        for sub in subcommands:
            assert (group, sub) in covered, f"mgi {group} {sub} is not fuzzed"
    import typer.main

    root: Any = typer.main.get_command(app)
    # `site build|serve` read folders of matrices (SITE_READERS); `catalogue diff` reads
    # catalogues (test_mutated_catalogues draws it among its commands).
    for reader in SITE_READERS:
        covered.add(tuple(reader.argv(_dummy_case(), lambda c: c[0])[:2]))
    assert ("catalogue", "diff") in {tuple(c[:2]) for c in CATALOGUE_COMMANDS}
    covered.add(("catalogue", "diff"))
    for name, command in root.commands.items():
        for sub in getattr(command, "commands", {}):
            assert (name, sub) in covered, f"new command mgi {name} {sub}: add it"
    known = {"validate", "schema", "catalogue", "diff", "init", "new", "fmt", "status",
             "export", "import", "render", "report", "site"}  # fmt: skip
    assert set(root.commands) <= known, (
        f"new command(s) {set(root.commands) - known}: add them to READERS / WRITERS"
    )


def _dummy_case() -> Case:
    here = Path("m.yaml")
    return Case(Path(), here, here, target_follows=True)
