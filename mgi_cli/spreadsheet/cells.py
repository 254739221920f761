"""What the cells of an MGI spreadsheet hold, shared by export and import.

The ``Matrix`` sheet (or the CSV body) has one row per indicator under a header row:

    id | dimension | sub_area | question | answer | justification | finding (LANG)
       | references | notes | restricted | reviewed [| finding (LANG) ...]

``dimension``, ``sub_area`` and ``question`` are there to read and are ignored on import.
``restricted`` and ``reviewed`` hold ``true`` or ``false`` (blank: the default, false and
true). ``finding (LANG)`` is the finding in the export's language; one column per other
language the findings use comes last. Columns are found by their header. A blank text
cell is no value. Rows follow the catalogue's order for the declared modules (less the
indicators marked ``not_used``), then the matrix's context-specific indicators, then any
other answer the matrix holds.

The metadata (the ``Metadata`` sheet, key | value, or ``#key: value`` rows heading a CSV
file) holds the matrix's top-level keys; ``modules`` as ``standard, covid19``,
``context_indicators``, ``not_used`` and ``action_plan`` as JSON. In xlsx the title and
the profile's text are on the ``Profile`` sheet (text | name | one column per language;
a row per text: ``title``, ``summary``, ``context``, ``dimension D1``,
``sub_area D1.health``); in CSV they are metadata rows, as JSON.

``references`` holds one reference per line, its fields separated by ``|``:

    title | url | published | accessed | publisher

Dates are YYYY-MM-DD; an empty field is no value, and trailing empty fields may be left
out. A field that is empty text, starts or ends with a blank, starts with ``"`` or holds a
``|`` or a line break is written as a JSON string in double quotes, so any value survives.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from mgi_cli.formatting.layout import MATRIX_KEYS

COLUMNS = (
    "id",
    "dimension",
    "sub_area",
    "question",
    "answer",
    "justification",
    "finding",
    "references",
    "notes",
    "restricted",
    "reviewed",
)
READ_ONLY = frozenset({"dimension", "sub_area", "question"})
REFERENCE_FIELDS = ("title", "url", "published", "accessed", "publisher")
DATE_FIELDS = frozenset({"published", "accessed"})
MATRIX_SHEET = "Matrix"
METADATA_SHEET = "Metadata"
PROFILE_SHEET = "Profile"
#: The Profile sheet's columns before one column per language.
PROFILE_COLUMNS = ("text", "name")
#: Keys of the metadata an xlsx workbook has on its Profile sheet instead.
PROFILE_KEYS = frozenset({"title", "profile"})
_FINDING = re.compile(r"\s*finding\s*(?:\(\s*([^()]*?)\s*\))?\s*", re.IGNORECASE)
#: Keys of the profile's text and the process record: after the others, so the rows
#: before them keep their cells, and written only when the matrix has them.
OPTIONAL_METADATA_KEYS = ("language", "process", "profile")
METADATA_KEYS = (
    *(key for key in MATRIX_KEYS if key not in ("answers", *OPTIONAL_METADATA_KEYS)),
    *OPTIONAL_METADATA_KEYS,
)
#: Metadata values with structure, written as JSON (blank: none).
JSON_KEYS = frozenset({"context_indicators", "not_used", "action_plan", "process", "profile"})
#: Metadata values written as they are (other values lose surrounding blanks on import).
VERBATIM_KEYS = frozenset({"title", "locality", "baseline", "context"})
#: Metadata values that are dates (YYYY-MM-DD), written unquoted in YAML.
DATE_KEYS = frozenset({"assessed_on"})
#: Characters a spreadsheet cell cannot hold (XML 1.0), plus CR, which XML reads as LF.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
MAX_CELL = 32_767


def cell_name(column: int, row: int, sheet: str | None = None) -> str:
    """``Matrix!E14`` (1-based column and row); without a sheet, ``E14``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{sheet}!{letters}{row}" if sheet else f"{letters}{row}"


def finding_header(lang: str) -> str:
    """The header of the finding column in ``lang``: ``finding (fr)``."""
    return f"finding ({lang})"


def finding_language(header: object) -> str | None:
    """The language a finding column's header names (``""``: none named, the matrix's
    language), or None when the header is not a finding column."""
    match = _FINDING.fullmatch(str(header or ""))
    return None if match is None else match.group(1) or ""


def profile_row_key(path: tuple[str, ...]) -> str:
    """How the Profile sheet names a text: ``title``, ``summary``, ``dimension D1``."""
    if path[0] == "title":
        return "title"
    if path[1] in ("dimensions", "sub_areas"):
        return f"{path[1][:-1]} {path[2]}"
    return path[1]


def profile_path(key: str) -> tuple[str, ...] | None:
    """The place in the matrix of a Profile sheet row's text (None: not one)."""
    kind, _, name = key.strip().partition(" ")
    name = name.strip()
    if kind in ("title", "summary", "context") and not name:
        return ("title",) if kind == "title" else ("profile", kind)
    if kind in ("dimension", "sub_area") and name:
        return ("profile", f"{kind}s", name)
    return None


def order_languages(texts: dict[str, str]) -> dict[str, str]:
    """A text per language in mgi's order of languages (others after, as given)."""
    from mgi_cli.languages import LANGUAGES

    known = [lang for lang in LANGUAGES if lang in texts]
    return {lang: texts[lang] for lang in [*known, *(k for k in texts if k not in known)]}


def header_key(text: object) -> str:
    return re.sub(r"[\s-]+", "_", str(text or "").strip().lower())


def encode_references(references: list[dict[str, Any]]) -> str:
    lines = []
    for reference in references:
        fields = [_encode_field(reference.get(name)) for name in REFERENCE_FIELDS]
        while fields and fields[-1] == "":
            fields.pop()
        lines.append(" | ".join(fields))
    return "\n".join(lines)


def _encode_field(value: object) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not text or text != text.strip() or text.startswith('"') or re.search(r"[|\n\r]", text):
        return json.dumps(text, ensure_ascii=False)
    return text


def decode_references(cell: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The references of a cell, and what is wrong with it (one message per bad line)."""
    references: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, line in enumerate(cell.split("\n"), start=1):
        if not line.strip():
            continue
        fields = _split_fields(line)
        if isinstance(fields, str):
            errors.append(f"reference line {number}: {fields}")
            continue
        if len(fields) > len(REFERENCE_FIELDS):
            errors.append(
                f"reference line {number}: more than {len(REFERENCE_FIELDS)} "
                "fields (title | url | published | accessed | publisher)"
            )
            continue
        reference = {
            k: as_date(v) if k in DATE_FIELDS else v
            for k, v in zip(REFERENCE_FIELDS, fields, strict=False)
            if v is not None
        }
        if not reference.get("title"):
            errors.append(f"reference line {number}: the first field, the title, is empty")
            continue
        references.append(reference)
    return references, errors


def as_date(text: str) -> date | str:
    """A YYYY-MM-DD date as a date (written unquoted in YAML); anything else as it is."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return text


def _split_fields(line: str) -> list[str | None] | str:
    """The fields of one reference line, or why it cannot be read."""
    decoder = json.JSONDecoder()
    fields: list[str | None] = []
    at = 0
    while True:
        while at < len(line) and line[at] in " \t":
            at += 1
        if line.startswith('"', at):
            try:
                value, at = decoder.raw_decode(line, at)
            except json.JSONDecodeError as error:
                return f"a quoted field is not valid ({error.msg})"
            fields.append(value)
            while at < len(line) and line[at] in " \t":
                at += 1
            if at < len(line) and line[at] != "|":
                return "text after a quoted field; separate fields with |"
        else:
            end = line.find("|", at)
            end = len(line) if end < 0 else end
            fields.append(line[at:end].strip() or None)
            at = end
        if at >= len(line):
            return fields
        at += 1  # the |


def parse_bool(value: object) -> bool | None:
    """true/false as typed in a sheet (LibreOffice writes =TRUE()), or None if not one."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower().removeprefix("=").removesuffix("()")
    return {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}.get(text)
