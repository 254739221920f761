"""Reading xlsx workbooks within bounds, and broken ones cleanly (docs/format.md,
"Importing a spreadsheet").

``workbook_parts`` is an exported workbook as its zip parts, its strings moved to a
shared-strings part as Excel saves them; ``broken_workbooks`` mutates those parts
(shared-string indexes out of range, cell types that do not match their values,
invalid references, cut XML, entity declarations, numbers and dates out of range,
far rows and huge dimensions, random bytes). Whatever it gives, `mgi import`
answers with exit 0 or 1 and a problem naming the cell or the part, never a
traceback; the fuzz suite runs the same generator longer.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from mgi_cli.cli import app
from mgi_cli.spreadsheet import reader
from mgi_cli.spreadsheet.reader import read_sheet

TESTS = Path(__file__).resolve().parents[1]
MINI = TESTS / "catalogues" / "mini-1.0.yaml"
SOURCE = TESTS / "matrices" / "valid" / "xam-2018-baseline.yaml"
SHEET = "xl/worksheets/sheet1.xml"
META = "xl/worksheets/sheet2.xml"
STRINGS = "xl/sharedStrings.xml"

_runner = CliRunner()


def run(*args: object) -> Result:
    return _runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})


@cache
def workbook_parts() -> dict[str, bytes]:
    """The parts of an exported workbook, its strings shared (as Excel saves them)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mgi-parts-") as folder:
        out = Path(folder) / "m.xlsx"
        result = run("export", SOURCE, "-o", out, "--catalogue", MINI)
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(out) as book:
            parts = {name: book.read(name) for name in book.namelist()}
    strings: list[bytes] = []

    def shared(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(3))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (
            match.group(1),
            match.group(2) or b"",
            len(strings) - 1,
        )

    inline = re.compile(
        rb'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>',
        re.S,
    )
    for name in (SHEET, META):
        parts[name] = inline.sub(shared, parts[name])
    parts[STRINGS] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b'<si><t xml:space="preserve">%s</t></si>' % s for s in strings)
        + b"</sst>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>",
    )
    return parts


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in parts.items():
            book.writestr(name, content)
    return buffer.getvalue()


def add_row(xml: bytes, row: bytes) -> bytes:
    return xml.replace(b"</sheetData>", row + b"</sheetData>", 1)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10) for i in range(8)
    )
    + b"]>"
)
XXE = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
ENTITY_CELL = b'<row r="40"><c r="A40" t="inlineStr"><is><t>&%s;</t></is></c></row>'


def _cell_type(xml: bytes, draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from([b"n", b"b", b"d", b"e", b"str", b"inlineStr", b"x"]))
    return xml.replace(b't="s"', b't="%s"' % kind, draw(st.integers(1, 3)))


def _value(draw: st.DrawFn) -> bytes:
    return draw(
        st.sampled_from([
            b"9" * 5000, b"1e999", b"-1e999", b"nan", b"inf", b"-", b"", b"1.5.5", b"0x10",
            b"99999999", b"-1", b"2958466", b"-700000", b"1" * 400 + b".5", b"\xc3\xa9",
        ])
    )  # fmt: skip


def _mutation(draw: st.DrawFn, parts: dict[str, bytes]) -> None:  # noqa: PLR0912
    kind = draw(
        st.sampled_from([
            "string-index", "cell-type", "reference", "row-number", "cut", "bytes",
            "laughs", "xxe", "number", "date", "far-row", "dimension", "drop-part",
            "rich-text", "duplicate-cell",
        ])
    )  # fmt: skip
    part = draw(st.sampled_from([SHEET, META, STRINGS]))
    xml = parts.get(part, b"")
    if kind == "string-index":
        index = draw(st.sampled_from([b"99999", b"-1", b"1.5", b"x", b"", b"9" * 30]))
        xml = re.sub(rb'(t="s"><v>)[0-9]+', rb"\g<1>" + index, xml, count=draw(st.integers(1, 3)))
    elif kind == "cell-type":
        xml = _cell_type(xml, draw)
    elif kind == "reference":
        ref = draw(st.sampled_from([b"2A", b"A0", b"ZZZZ2", b"A9999999", b"", b"A-1", b"XFE1"]))
        xml = re.sub(rb'<c r="[A-Z]+[0-9]+"', b'<c r="%s"' % ref, xml, count=1)
    elif kind == "row-number":
        number = draw(st.sampled_from([b"0", b"-3", b"99999999999", b"2.5", b"x", b"1048577"]))
        xml = re.sub(rb'<row r="[0-9]+"', b'<row r="%s"' % number, xml, count=1)
    elif kind == "cut":
        xml = xml[: draw(st.integers(0, max(len(xml) - 1, 0)))]
    elif kind == "bytes":
        at = draw(st.integers(0, len(xml)))
        xml = xml[:at] + draw(st.binary(min_size=1, max_size=8)) + xml[at:]
    elif kind in ("laughs", "xxe"):
        head = LAUGHS if kind == "laughs" else XXE
        body = xml.split(b"?>", 1)[-1]
        xml = head + (add_row(body, ENTITY_CELL % (b"i" if kind == "laughs" else b"e")))
    elif kind == "number":
        xml = add_row(xml, b'<row r="41"><c r="B41"><v>%s</v></c></row>' % _value(draw))
    elif kind == "date":
        xml = add_row(xml, b'<row r="42"><c r="B42" t="d"><v>%s</v></c></row>' % _value(draw))
    elif kind == "far-row":
        row = draw(st.sampled_from([b"1048576", b"500000", b"100"]))
        column = draw(st.sampled_from([b"A", b"I", b"XFD", b"AAA"]))
        xml = add_row(
            xml, b'<row r="%s"><c r="%s%s" t="inlineStr"><is><t>M1.01</t></is></c></row>'
            % (row, column, row),
        )  # fmt: skip
    elif kind == "dimension":
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
    elif kind == "drop-part":
        parts.pop(part, None)
        return
    elif kind == "rich-text":
        xml = xml.replace(b"<si><t", b"<si><r><rPr><b/></rPr><t", 1).replace(
            b"</t></si>", b"</t><q/></si>", 1
        )
    elif kind == "duplicate-cell":
        xml = re.sub(rb"(<c r=\"A2\"[^>]*>.*?</c>)", rb"\1\1", xml, count=1, flags=re.S)
    parts[part] = xml


@st.composite
def broken_workbooks(draw: st.DrawFn) -> bytes:
    """An exported workbook with one to three of its parts broken."""
    parts = dict(workbook_parts())
    for _ in range(draw(st.integers(1, 3))):
        _mutation(draw, parts)
    return zipped(parts)


def check_import(raw: bytes, folder: Path) -> Result:
    """`mgi import` answers 0 or 1, and names a cell or the workbook when it refuses."""
    sheet = folder / "broken.xlsx"
    sheet.write_bytes(raw)
    result = run("import", sheet, "-o", folder / "out.yaml", "--force", "--catalogue", MINI)
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert result.exit_code in (0, 1), output
    assert "Traceback" not in output and "internal error" not in output, output
    if result.exit_code:
        assert f"{sheet}: error " in output, output
    return result


@settings(
    max_examples=300 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 25,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(raw=broken_workbooks())
def test_broken_workbooks_are_refused_cleanly(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mgi-broken-") as folder:
        check_import(raw, Path(folder))


def test_the_shared_strings_workbook_imports(tmp_path: Path) -> None:
    result = check_import(zipped(workbook_parts()), tmp_path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("part", "change", "message"),
    [
        (SHEET, (b't="s"><v>0<', b't="s"><v>99999<'),
         "Matrix!A1: holds a value mgi cannot read (type 's', value '99999')"),
        (SHEET, (b'<c r="A2" t="s">', b'<c r="A2" t="d">'),
         "Matrix!A2: holds a value mgi cannot read (type 'd', value '11')"),
        (SHEET, (b'<c r="A2" t="s">', b'<c r="A2" t="e">'),
         "Matrix!A2: holds an error value (11), not data"),
        (SHEET, (b'<c r="B2"', b'<c r="2B"'),
         "Matrix!2B: holds a value mgi cannot read (type 's', value '12')"),
        (SHEET, (b"</sheetData>", b'<row r="40"><c r="F40"><v>' + b"9" * 5000 + b"</v></c></row>"
                 b"</sheetData>"),
         "Matrix!F40: holds a value mgi cannot read (type 'n', value '9999999999999999999999999"
         "999999999999999')"),
        (SHEET, (b"</sheetData>", b'<row r="40"><c r="F40" t="d"><v>2020-99-99</v></c></row>'
                 b"</sheetData>"),
         "Matrix!F40: holds a value mgi cannot read (type 'd', value '2020-99-99')"),
        (META, (b'<row r="2">', b'<row r="1048577">'),
         "the sheet 'Metadata' has a row numbered 1048577"),
        (SHEET, (b"</sheetData>", b'<row r="40"><c r="XFE40"><v>1</v></c></row></sheetData>'),
         "the sheet 'Matrix' has a cell outside Excel's grid: 'XFE40'"),
    ],
)  # fmt: skip
def test_each_broken_cell_is_named(
    tmp_path: Path, part: str, change: tuple[bytes, bytes], message: str
) -> None:
    parts = dict(workbook_parts())
    assert change[0] in parts[part]
    parts[part] = parts[part].replace(*change, 1)
    result = check_import(zipped(parts), tmp_path)
    assert result.exit_code == 1
    assert message in result.output, result.output


def test_entities_are_never_fetched_nor_expanded_without_bound(tmp_path: Path) -> None:
    parts = dict(workbook_parts())
    body = parts[SHEET].split(b"?>", 1)[-1]
    parts[SHEET] = XXE + add_row(body, ENTITY_CELL % b"e")
    result = check_import(zipped(parts), tmp_path)
    assert "undefined entity &e;" in result.output
    parts[SHEET] = LAUGHS + add_row(body, ENTITY_CELL % b"i")
    result = check_import(zipped(parts), tmp_path)
    assert "limit on input amplification factor" in result.output


def test_a_huge_dimension_and_a_far_row_cost_what_they_hold(tmp_path: Path) -> None:
    parts = dict(workbook_parts())
    parts[SHEET] = add_row(
        re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', parts[SHEET]),
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>',
    )
    path = tmp_path / "far.xlsx"
    path.write_bytes(zipped(parts))
    data = read_sheet(path)
    assert data.problems == []
    assert [r.number for r in data.rows] == [1, 2, 3, 4, 5, 6, 7, 1048576]
    assert data.rows[-1].cells[16383].name == "Matrix!XFD1048576"


def test_the_cell_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the ceiling a sheet is read; one row or cell more and it is refused (the ceiling
    is lowered here so the test is quick: the count is the same code)."""
    parts = dict(workbook_parts())
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(40, 90))
    parts[SHEET] = add_row(parts[SHEET], rows)
    path = tmp_path / "many.xlsx"
    path.write_bytes(zipped(parts))
    # The Matrix sheet: 7 rows of 11 cells, then 50 rows of one cell.
    monkeypatch.setattr(reader, "MAX_CELLS", 7 * 12 + 50 * 2)
    assert [p.message for p in read_sheet(path).problems] == []
    monkeypatch.setattr(reader, "MAX_CELLS", 7 * 12 + 50 * 2 - 1)
    assert [p.message for p in read_sheet(path).problems] == [
        "the sheet 'Matrix' has more than 183 rows and cells; an MGI matrix has far fewer"
    ]


def test_the_unpacked_size_ceiling(tmp_path: Path) -> None:
    """A part that unpacks beyond 128 MiB is refused from the zip directory, unpacked."""
    parts = dict(workbook_parts())
    parts["xl/media/padding.bin"] = b"\0" * (reader.MAX_UNPACKED - sum(map(len, parts.values())))
    path = tmp_path / "big.xlsx"
    path.write_bytes(zipped(parts))
    assert read_sheet(path).problems == []
    parts["xl/media/padding.bin"] += b"\0"
    path.write_bytes(zipped(parts))
    assert [p.message for p in read_sheet(path).problems] == [
        "the workbook unpacks to 134,217,729 bytes; mgi reads at most 128 MiB"
    ]
