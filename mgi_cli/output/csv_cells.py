"""CSV cells that a spreadsheet program opens as text, never as a formula.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some programs skip before looking) is a formula to Excel, LibreOffice and Google
Sheets: ``=HYPERLINK(...)`` in a catalogue's question would become a link, or worse.
Such text gets a leading apostrophe, the spreadsheet's own mark for "text": the cell
shows the text as it was, and `mgi import` takes the apostrophe off (``csv_text``).
Numbers are left as they are (``-0.5`` is a number).

A carriage return inside a text becomes a newline: Python's writer quotes a cell holding
a newline, but not one holding a lone carriage return, which a spreadsheet program (and
any reader with universal newlines) takes as the end of the row, so the rest of the
cell would start a row of its own, formula included.
"""

from __future__ import annotations

#: What makes a spreadsheet read a cell as a formula (OWASP's "CSV injection" list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """``value``, a text that would start a formula given a leading apostrophe (and one
    that already starts with apostrophes before one too, so ``csv_text`` gives it back)."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(cell: str) -> str:
    """A cell read back: the apostrophe ``csv_cell`` added is taken off."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
