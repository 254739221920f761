"""Untrusted text is shown as text, in every format of every command that shows it.

Hostile strings (markup, links, ANSI escapes and other control characters, rich
markup, bidirectional overrides, spreadsheet formulas) are planted in a user
catalogue (names, questions, guidance, labels, findings), in an SDG rule file and in
`mgi.toml`'s `[site] title`; each command then writes them, and:

- HTML and Markdown hold them escaped (no tag, emphasis or link made from them);
- a CSV cell never starts a formula (``=``, ``+``, ``-``, ``@``);
- what reaches the terminal (stdout, stderr) holds no control character but newline
  and tab (and CR before newline);
- JSON parses.

Ids cannot carry such text: a catalogue's dimension and indicator ids are checked
against a pattern (docs/catalogue.md), refused with a positioned problem.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from mgi_cli.catalogue.load import load_catalogue
from mgi_cli.errors import MgiError
from mgi_cli.output.console import printable, shown_name
from mgi_cli.output.csv_cells import csv_cell
from mgi_cli.problems import codes
from tests.hardening.test_fuzz import MINI, budget, run

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "matrices" / "valid"
EXAMPLES = ROOT / "examples" / "matrices" / "XAM"
SDG_RULES = ROOT / "indicators" / "sdg-10-7-2.toml"
MARK = "ZQXMARK"

#: Pieces of hostile text; a planted string is a few of them around MARK.
FRAGMENTS = [
    "<i data-hostile>", "</p><script>alert(1)</script>", "*em*", "_u_", "**b**",
    "[link](javascript:alert(1))", "![i](x.png)", "# head", "| cell |", "`code`",
    "\x1b[31m", "\x1b]8;;https://x.example\x07", "\r", "\x07", "\x9b", "\x7f", "\u202e",
    "[bold]", "[/bold]", "[link=https://x.example]", '=HYPERLINK("https://x.example")',
    "+1", "-2", "@SUM(A1)", "%(x)s", "%s", "&amp;", "&lt;", "\\", "<!--", "-->",
]  # fmt: skip
HOSTILE = st.builds(
    lambda head, tail: f"{head} {MARK} {tail}",
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=3).map("".join),
)
#: Catalogue keys whose values (in every language) are text shown to readers.
TEXT_KEYS = {"title", "label", "name", "short_name", "question", "guidance", "findings"}


# --- What each format must never hold ------------------------------------------------

RAW_HTML = ("<i data-hostile", "<script>", "<!--")
_MD_MARKUP = re.compile(r"(?<!\\)(\*em\*|\]\(javascript:|!\[i\]|<i data|<script|<!--)")
_TERMINAL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def check_terminal(text: str, where: str) -> None:
    found = _TERMINAL.search(text)
    assert found is None, f"{where}: {found.group()!r} reaches the terminal: {text[-400:]!r}"


def check_html(text: str, where: str) -> None:
    for raw in RAW_HTML:
        assert raw not in text, f"{where}: {raw} unescaped"


def check_markdown(text: str, where: str) -> None:
    found = _MD_MARKUP.search(text)
    assert found is None, f"{where}: {found.group()!r} unescaped"


def check_csv(text: str, where: str) -> None:
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert _number(cell), f"{where}: the cell {cell!r} starts a formula"


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def check_output(path_or_text: Path | str, kind: str, where: str) -> None:
    text = path_or_text if isinstance(path_or_text, str) else path_or_text.read_text("utf-8")
    if kind == "html":
        check_html(text, where)
    elif kind == "md":
        check_markdown(text, where)
    elif kind == "csv":
        check_csv(text, where)
    elif kind == "json":
        json.loads(text)


# --- Planting --------------------------------------------------------------------------


def plant(node: Any, draw: Callable[..., Any], under: bool = False) -> Any:
    """``node`` with a hostile text before every text under a TEXT_KEYS key."""
    if isinstance(node, dict):
        return {k: plant(v, draw, under or k in TEXT_KEYS) for k, v in node.items()}
    if isinstance(node, list):
        return [plant(v, draw, under) for v in node]
    # The original text stays after it: questions must stay distinct.
    return f"{draw(HOSTILE)} {node}" if under and isinstance(node, str) else node


def hostile_catalogue(draw: Callable[..., Any], folder: Path) -> Path:
    yaml = YAML(typ="safe")
    data = yaml.load(MINI.read_text(encoding="utf-8"))
    for indicator in data["indicators"]:  # findings too, which profiles and the site show
        if indicator.get("scale") is None:
            indicator["findings"] = {v: {"en": "f"} for v in ("yes", "partial", "no")}
    path = folder / "mini-1.0.yaml"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(plant(data, draw), handle)
    return path


def scratch(folder: Path) -> tuple[Path, Path]:
    """The test catalogue's baseline and follow-up, published, in ``folder``/m."""
    matrices = folder / "m"
    matrices.mkdir()
    for name in ("xam-2018-baseline.yaml", "xam-2022-follow-up.yaml"):
        text = (VALID / name).read_text(encoding="utf-8")
        (matrices / name).write_text(text.replace("status: validated", "status: published"))
    return matrices / "xam-2018-baseline.yaml", matrices / "xam-2022-follow-up.yaml"


#: Each command that shows catalogue text: (name, argv, the kind of each output). An
#: output "-" is stdout; otherwise a file (or a folder, every file in it) under work/.
Command = tuple[str, Callable[[Path, Path, Path, Path], list[Any]], str, str]


def _report(kind: str, fmt: str) -> Command:
    return (
        f"report-{kind}-{fmt}",
        lambda c, b, f, o: [
            "report",
            kind,
            f,
            "--catalogue",
            c,
            "--format",
            fmt,
            "--audience",
            "government",
            "-o",
            o / f"r.{fmt}",
        ],
        fmt,
        f"r.{fmt}",
    )


COMMANDS: list[Command] = [
    ("catalogue-text", lambda c, b, f, o: ["catalogue", "--catalogue", c], "text", "-"),
    ("catalogue-one", lambda c, b, f, o: ["catalogue", "--catalogue", c, "M1.01"], "text", "-"),
    ("catalogue-json", lambda c, b, f, o: ["catalogue", "--catalogue", c, "--format", "json"],
     "json", "-"),
    ("catalogue-diff", lambda c, b, f, o: ["catalogue", "diff", MINI, c], "text", "-"),
    ("validate", lambda c, b, f, o: ["validate", "--catalogue", c, b, f], "text", "-"),
    ("status", lambda c, b, f, o: ["status", "--catalogue", c, f], "text", "-"),
    *[(f"diff-{fmt}", lambda c, b, f, o, fmt=fmt: ["diff", b, f, "--catalogue", c, "--format",
       fmt], fmt, "-") for fmt in ("text", "md", "html", "json")],
    *[(f"profile-{fmt}", lambda c, b, f, o, fmt=fmt: [
        "render", "profile", f, "--catalogue", c, "--format", fmt, "--audience", "government",
        "-o", o / f"p.{fmt}"], fmt, f"p.{fmt}") for fmt in ("md", "html")],
    *[_report(kind, fmt) for kind in ("gcm", "themes", "actions", "score")
      for fmt in ("md", "html", "json")],
    *[(f"summary-{fmt}", lambda c, b, f, o, fmt=fmt: [
        "render", "summary", f.parent, "--catalogue", c, "--format", fmt, "--audience",
        "government", "--min-group", "1", "--include-restricted"], fmt, "-")
      for fmt in ("md", "html", "json")],
    ("export-csv", lambda c, b, f, o: ["export", f, "--catalogue", c, "-o", o / "x.csv"],
     "csv", "x.csv"),
    ("site", lambda c, b, f, o: ["site", "build", f.parent, "--catalogue", c, "-o", o / "site",
                                 "--jobs", "1"], "site", "site"),
]  # fmt: skip
COMMAND_NAMES = [c[0] for c in COMMANDS]
BY_NAME = {c[0]: c for c in COMMANDS}


def run_and_check(args: list[Any], kind: str, output: Path | None, name: str) -> None:
    result = run(args)
    check_terminal(result.output, name)
    if kind == "csv" and result.exit_code == 1 and "control characters" in result.output:
        return  # a spreadsheet cell cannot hold them: `mgi export` refuses, naming the cells
    assert result.exit_code == 0, f"{name}: exit {result.exit_code}\n{result.output[-2000:]}"
    if output is None:
        check_output(result.stdout, kind, name)
    elif kind == "site":
        for path in sorted(output.rglob("*")):
            suffix = path.suffix.lstrip(".")
            if path.is_file() and suffix in ("html", "csv", "json", "md"):
                check_output(path, suffix, f"{name}: {path.relative_to(output)}")
    else:
        check_output(output, kind, name)


# --- The properties ---------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMAND_NAMES)
@budget(2, seconds=30)
@given(data=st.data())
def test_user_catalogue_text_is_escaped(command: str, data: st.DataObject) -> None:
    name, argv, kind, out = BY_NAME[command]
    with tempfile.TemporaryDirectory(prefix="mgi-untrusted-") as name_:
        folder = Path(name_)
        catalogue = hostile_catalogue(data.draw, folder)
        baseline, follow_up = scratch(folder)
        output = None if out == "-" else folder / out
        run_and_check(argv(catalogue, baseline, follow_up, folder), kind, output, name)


@budget(2, seconds=60)
@given(title=HOSTILE)
def test_the_site_title_from_mgi_toml_is_escaped(title: str) -> None:
    with tempfile.TemporaryDirectory(prefix="mgi-untrusted-") as name:
        folder = Path(name)
        _, follow_up = scratch(folder)
        shutil.copyfile(MINI, folder / "mini-1.0.yaml")
        (folder / "mgi.toml").write_text(
            f'catalogue-files = ["mini-1.0.yaml"]\n\n[site]\ntitle = {json.dumps(title)}\n',
            encoding="utf-8",
        )
        site = folder / "site"
        args = ["site", "build", follow_up.parent, "-o", site, "--jobs", "1"]
        run_and_check(args, "site", site, "site build")
        assert any(MARK in p.read_text("utf-8") for p in site.rglob("*.html"))


@pytest.mark.parametrize("fmt", ["md", "html", "json", "open-sdg"])
@budget(2, seconds=30)
@given(series_name=HOSTILE, domain=HOSTILE)
def test_sdg_rule_file_text_is_escaped(fmt: str, series_name: str, domain: str) -> None:
    with tempfile.TemporaryDirectory(prefix="mgi-untrusted-") as name:
        folder = Path(name)
        for source in EXAMPLES.glob("20*.yaml"):
            shutil.copyfile(source, folder / source.name)
        rules = SDG_RULES.read_text(encoding="utf-8")
        series = f"series_name = {json.dumps(series_name)}"
        rules = re.sub(r"(?m)^series_name = .*$", lambda _: series, rules)
        rules = re.sub(r'(?m)^(\[\[domains\]\][^\[]*?name = \{ ?en = )"[^"]*"',
                       lambda m: m.group(1) + json.dumps(domain), rules, count=1)  # fmt: skip
        config = folder / "rules.toml"
        config.write_text(rules, encoding="utf-8")
        out = folder / ("sdg.csv" if fmt == "open-sdg" else f"sdg.{fmt}")
        form = ["--export", "open-sdg"] if fmt == "open-sdg" else ["--format", fmt]
        args = ["report", "sdg-10-7-2", folder / "2022-follow_up.yaml", "--config", config,
                "--audience", "government", *form, "-o", out]  # fmt: skip
        run_and_check(args, "csv" if fmt == "open-sdg" else fmt, out, f"sdg {fmt}")


@budget(10)
@given(start=st.sampled_from(["=", "+", "-", "@", "'=", "''-", "'", "-1", "=="]), rest=HOSTILE)
def test_a_csv_round_trip_keeps_text_that_looks_like_a_formula(start: str, rest: str) -> None:
    """`mgi export` writes it with an apostrophe (text, never a formula); `mgi import`
    reads the same text back."""
    text = start + rest.replace("\r", "").translate({c: None for c in range(32) if c != 10})
    text = "".join(c for c in text if c.isprintable() or c == " ")
    with tempfile.TemporaryDirectory(prefix="mgi-untrusted-") as name:
        folder = Path(name)
        baseline, _ = scratch(folder)
        yaml = YAML(typ="rt")
        data = yaml.load(baseline.read_text(encoding="utf-8"))
        data["answers"]["M1.01"]["justification"] = text
        with baseline.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        sheet = folder / "x.csv"
        exported = run(["export", baseline, "--catalogue", MINI, "-o", sheet])
        assert exported.exit_code == 0, exported.output
        check_csv(sheet.read_text("utf-8-sig"), "export")
        back = folder / "back.yaml"
        imported = run(["import", sheet, "--catalogue", MINI, "-o", back, "--force"])
        assert imported.exit_code == 0, imported.output
        again = YAML(typ="safe").load(back.read_text(encoding="utf-8"))
        assert again["answers"]["M1.01"]["justification"] == text


# --- File names -----------------------------------------------------------------------------

NAME_PART = st.lists(
    st.sampled_from(["\n", "\r", "\t", "\x1b", "[31m", "\x07", "\x7f", "\x9b", "\u202e",
                     "a", " ", "é", "[bold]"]),
    min_size=1,
    max_size=6,
).map("".join)  # fmt: skip
#: Each command that names the matrix it was given, in its text output.
NAMING: list[tuple[str, Callable[[Path], list[Any]]]] = [
    ("validate", lambda m: ["validate", "--catalogue", MINI, m]),
    ("validate-folder", lambda m: ["validate", "--catalogue", MINI, m.parent]),
    ("status", lambda m: ["status", "--catalogue", MINI, m]),
    ("fmt-check", lambda m: ["fmt", "--check", m]),
    ("fmt", lambda m: ["fmt", m]),
    ("diff", lambda m: ["diff", m, m, "--catalogue", MINI]),
    ("export", lambda m: ["export", m, "--catalogue", MINI, "-o", m.parent / "x.csv"]),
    ("render", lambda m: ["render", "profile", m, "--catalogue", MINI]),
    ("report", lambda m: ["report", "gcm", m, "--catalogue", MINI]),
]


@pytest.mark.parametrize("command", [n for n, _ in NAMING])
@budget(3)
@given(part=NAME_PART, broken=st.booleans())
def test_file_names_are_shown_escaped(command: str, part: str, broken: bool) -> None:
    """A matrix whose name holds a newline, an escape sequence, a carriage return...:
    every command names it on one line, escaped, and nothing reaches the terminal."""
    argv = dict(NAMING)[command]
    with tempfile.TemporaryDirectory(prefix="mgi-names-") as name:
        folder = Path(name) / "m"
        folder.mkdir()
        matrix = folder / f"xam{part}.yaml"
        text = (VALID / "xam-2018-baseline.yaml").read_text(encoding="utf-8")
        # broken: a problem names the file; otherwise `fmt` rewrites it (names it too)
        text = text.replace(
            "status: published", "status: wrong" if broken else "status:  published"
        )
        matrix.write_text(text, encoding="utf-8")
        result = run(argv(matrix))
        assert result.exit_code in (0, 1), result.output
        check_terminal(result.output, command)
        assert str(matrix) not in result.output or shown_name(matrix) == str(matrix)
        if broken or command.startswith("fmt") or command == "status":
            assert shown_name(matrix.name) in result.output, result.output


#: Each command that names the file or folder it writes ("wrote", "created", "site in")
#: and, given it twice, refuses it ("already exists"); ``w`` is the weird name, ``m`` a
#: matrix and ``s`` its sheet.
WRITING: dict[str, Callable[[Path, Path, Path], list[Any]]] = {
    "new": lambda w, m, s: ["new", "XAM", "--catalogue", MINI, "-o", w / "x.yaml"],
    "import": lambda w, m, s: ["import", s, "--catalogue", MINI, "-o", w / "x.yaml"],
    "export": lambda w, m, s: ["export", m, "--catalogue", MINI, "-o", w / "x.csv"],
    "init": lambda w, m, s: ["init", w / "repo"],
    "site build": lambda w, m, s: [
        "site", "build", m, "--catalogue", MINI, "-o", w / "site", "--jobs", "1",
    ],
}  # fmt: skip


@pytest.mark.parametrize("command", sorted(WRITING))
@budget(2, seconds=20)
@given(part=NAME_PART)
def test_the_names_of_written_files_are_shown_escaped(command: str, part: str) -> None:
    """A file written into a folder whose name holds a newline, an escape...: the
    message that names it (and the refusal to write it again) shows it on one line."""
    with tempfile.TemporaryDirectory(prefix="mgi-names-") as name:
        top = Path(name)
        matrix = top / "xam-2018-baseline.yaml"
        matrix.write_text((VALID / "xam-2018-baseline.yaml").read_text(encoding="utf-8"))
        sheet = top / "xam.csv"
        assert run(["export", matrix, "--catalogue", MINI, "-o", sheet]).exit_code == 0
        weird = top / f"w{part}"
        weird.mkdir()
        argv = WRITING[command](weird, matrix, sheet)
        for attempt in ("first", "again"):
            result = run(argv)
            if command in ("export", "site build"):  # outputs CI re-renders: replaced
                assert result.exit_code == 0, result.output
            else:
                assert result.exit_code == (0 if attempt == "first" else 1), result.output
            check_terminal(result.output, command)
            assert shown_name(weird) in result.output, result.output
            assert str(weird) not in result.output or shown_name(weird) == str(weird)


# --- Ids: a pattern, refused where they stand ------------------------------------------

ID_TEXT = st.text(
    alphabet=st.sampled_from([*"AZaz09._- /<>*[]#|=:\\", "\x1b", "\n", "\r", "\u202e", "é"]),
    min_size=1,
    max_size=12,
)
DIMENSION_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
INDICATOR_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*")


@budget(15)
@given(ident=ID_TEXT, which=st.sampled_from(["dimension", "indicator"]))
def test_catalogue_ids_follow_the_pattern(ident: str, which: str) -> None:
    """A dimension or indicator id outside docs/catalogue.md's pattern is refused with
    `catalogue-id` at its line; one inside it is not refused for its form."""
    yaml = YAML(typ="safe")
    data = yaml.load(MINI.read_text(encoding="utf-8"))
    if which == "dimension":
        old = data["dimensions"][2]["id"]  # D3, which one indicator names
        data["dimensions"][2]["id"] = ident
        for indicator in data["indicators"]:
            if indicator["dimension"] == old:
                indicator["dimension"] = ident
        valid = DIMENSION_ID.fullmatch(ident) is not None
    else:
        data["indicators"][-1]["id"] = ident
        valid = INDICATOR_ID.fullmatch(ident) is not None
    with tempfile.TemporaryDirectory(prefix="mgi-ids-") as name:
        path = Path(name) / "mini-1.0.yaml"
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        try:
            load_catalogue(path)
            problems = []
        except MgiError as error:
            problems = list(error.problems)
        id_problems = [p for p in problems if p.code == codes.CATALOGUE_ID and "id " in p.message]
        if valid:
            assert not [p for p in id_problems if repr(ident) in p.message], problems
        else:
            assert id_problems or any(p.line for p in problems), problems
            assert all(p.line is not None for p in problems), problems
        result = run(["catalogue", "--catalogue", path])
        assert result.exit_code in (0, 1), result.output
        check_terminal(result.output, "mgi catalogue")


# --- The helpers themselves ----------------------------------------------------------------


@given(text=st.text())
def test_printable_leaves_no_control_character(text: str) -> None:
    shown = printable(text)
    assert _TERMINAL.search(shown) is None
    assert printable(shown) == shown  # escaping twice changes nothing more
    assert json.loads(json.dumps(text)) == json.loads(printable(json.dumps(text)))


@given(name=st.text(min_size=1))
def test_a_file_name_is_shown_on_one_line(name: str) -> None:
    shown = shown_name(name)
    assert "\n" not in shown and "\t" not in shown and _TERMINAL.search(shown) is None


@given(value=st.text() | st.integers() | st.floats(allow_nan=False))
def test_a_csv_cell_never_starts_a_formula(value: object) -> None:
    cell = csv_cell(value)
    if isinstance(value, str):
        assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
        # A lone carriage return becomes a newline, so the writer quotes the cell.
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        assert str(cell).removeprefix("'") == text or cell == text
    else:
        assert cell == value
