"""Turn pydantic validation errors into problems placed at the line and column of the key.

Matrices and catalogues (YAML) and settings files (TOML: mgi.toml, the report rule
files) read through it, so their errors read alike: the key path, the line where the
reader knows it, and a "did you mean" for a misspelt key.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError

from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem
from mgi_cli.suggest import did_you_mean


class Places(Protocol):
    """Where each key path of a file is: ``ParsedYaml``, or ``files.tomlmodel``'s."""

    def problem(
        self, path: tuple[Any, ...], code: str, message: str, *, key: bool = False, **extra: Any
    ) -> Problem: ...


_TYPE_NAMES = {
    "string_type": "a text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "date_type": "a date (YYYY-MM-DD)",
}
#: TOML words for the same: tables, not YAML's key: value lines.
_TOML_TYPE_NAMES = _TYPE_NAMES | {
    "float_type": "a number",
    "float_parsing": "a number",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}
#: How a bound reads: "it must be at least 1".
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}


def problems_from_validation(
    error: ValidationError,
    parsed: Places,
    model: type[BaseModel],
    prefix: tuple[Any, ...] = (),
    *,
    syntax: Literal["yaml", "toml"] = "yaml",
) -> list[Problem]:
    """One problem per pydantic error; ``prefix`` is where ``model`` sits in the file.

    ``syntax`` picks the words (a YAML mapping is a TOML table) and the hints.
    """
    return [
        _one({**detail, "loc": (*prefix, *detail["loc"])}, parsed, model, len(prefix), syntax)
        for detail in error.errors(include_url=False)
    ]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _one(detail: Any, parsed: Places, model: type[BaseModel], skip: int, syntax: str) -> Problem:
    loc = tuple(detail["loc"])
    kind: str = detail["type"]
    value = detail.get("input")
    where = ".".join(str(part) for part in loc) or "the document"
    indicator = str(loc[1]) if len(loc) >= 2 and loc[0] == "answers" else None
    if kind == "extra_forbidden":
        key = str(loc[-1])
        hint = did_you_mean(key, _field_names(model, loc[skip:-1]))
        parent = ".".join(str(part) for part in loc[:-1]) or "the top level"
        return parsed.problem(
            loc,
            codes.UNKNOWN_KEY,
            f"unknown key {key!r} in {parent}",
            key=True,
            hint=hint,
            indicator=indicator,
        )
    if kind == "missing":
        parent_loc = loc[:-1]
        parent = ".".join(str(part) for part in parent_loc) or "the top level"
        return parsed.problem(
            parent_loc,
            codes.MISSING_KEY,
            f"{parent} needs the key {loc[-1]!r}",
            key=True,
            indicator=indicator,
        )
    names = _TOML_TYPE_NAMES if syntax == "toml" else _TYPE_NAMES
    if kind in names:
        hint = None
        if kind == "string_type" and isinstance(value, bool) and syntax == "yaml":
            hint = "YAML reads true/false/on/off as booleans; write yes or no, or quote it"
        elif kind == "string_type" and isinstance(value, (int, float)):
            hint = "quote the value to make it a text"
        elif kind == "list_type" and value is None and syntax == "yaml":
            hint = f"write `{loc[-1]}: []` for none, or list them below it, each after '- '"
        elif kind in ("dict_type", "model_type", "model_attributes_type") and syntax == "yaml":
            hint = _glued_hint(value)
        return parsed.problem(
            loc,
            codes.WRONG_TYPE,
            f"{where} should be {names[kind]}, not {_describe(value)}",
            hint=hint,
            indicator=indicator,
        )
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return parsed.problem(
            loc,
            codes.INVALID_VALUE,
            f"{where} is {_describe(value)}; it must be one of {expected}",
            indicator=indicator,
        )
    if kind.startswith(("date_", "datetime_")):
        return parsed.problem(
            loc,
            codes.INVALID_VALUE,
            f"{where} is {_describe(value)}, not a valid date",
            hint="write dates as YYYY-MM-DD, e.g. 2018-09-30",
            indicator=indicator,
        )
    return _other_value(detail, parsed, model, loc[skip:], where=where, indicator=indicator)


def _glued_hint(value: Any) -> str | None:
    """`answer:partial` read as one text where a mapping belongs: the missing space."""
    from mgi_cli.files.yamlhints import glued_key

    found = glued_key(value) if isinstance(value, str) else None
    return f"put a space after the colon: `{found[0]}: {found[1]}`" if found else None


def _other_value(
    detail: Any,
    parsed: Places,
    model: type[BaseModel],
    field_loc: tuple[Any, ...],
    *,
    where: str,
    indicator: str | None,
) -> Problem:
    loc, kind, value = tuple(detail["loc"]), detail["type"], detail.get("input")
    if kind == "string_pattern_mismatch":
        message = f"{where} is {_describe(value)}, which is not in the expected form"
        hint = _field_description(model, field_loc)
    elif kind in ("too_short", "string_too_short") and not value:
        message, hint = f"{where} is empty", None
    elif kind in _BOUNDS:
        bound, words = _BOUNDS[kind]
        limit = detail.get("ctx", {}).get(bound)
        shown = f"{limit:g}" if isinstance(limit, (int, float)) else limit
        message, hint = f"{where} is {_describe(value)}; it must be {words} {shown}", None
    elif kind == "value_error":
        # A validator's own sentence (the ValueError it raised), without pydantic's wrapping.
        message, hint = f"{where}: {detail.get('ctx', {}).get('error', detail.get('msg'))}", None
    else:
        message = f"{where}: {detail.get('msg', 'is not valid')} (got {_describe(value)})"
        hint = None
    return parsed.problem(loc, codes.INVALID_VALUE, message, hint=hint, indicator=indicator)


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at ``loc`` inside ``model``, for 'did you mean' hints."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [field.alias or name for name, field in current.model_fields.items()]
    return []


def _field_description(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """The description of the field at ``loc``, which says what form its value takes."""
    if not loc:
        return None
    owner: Any = model
    for part in loc[:-1]:
        owner = _step(owner, part)
        if owner is None:
            return None
    owner = _unwrap(owner)
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        field = _field(owner, loc[-1])
        return field.description if field else None
    return None


def _field(model: type[BaseModel], key: Any) -> Any:
    """The field a key of the file names: by its alias (``stale-after-days``) or name."""
    for name, field in model.model_fields.items():
        if key in (field.alias, name):
            return field
    return None


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(inner[0]) if len(inner) == 1 else annotation
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _step(annotation: Any, part: Any) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = _field(annotation, part)
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin is list and args:
        return args[0]
    return None
