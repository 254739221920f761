"""Load a matrix file: YAML text -> plain data with positions -> Matrix model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from mgi_cli.files.positioned_errors import problems_from_validation
from mgi_cli.files.yamlread import ParsedYaml, load_yaml_file
from mgi_cli.matrix.models import FORMAT, Answer, Matrix
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, shown_path

_ANSWER: TypeAdapter[Answer | None] = TypeAdapter(Answer | None)


@dataclass
class LoadedMatrix:
    """A matrix file as read: the model when its metadata follows the format, and problems.

    Answers that break the format are left out of ``matrix.answers`` and listed in
    ``broken_answers``, so the rules can still check every other answer.
    """

    path: Path
    display: str
    parsed: ParsedYaml
    matrix: Matrix | None = None
    problems: list[Problem] = field(default_factory=list)
    broken_answers: set[str] = field(default_factory=set)


def load_matrix(path: Path, display: str | None = None) -> LoadedMatrix:
    shown = display if display is not None else shown_path(path)
    parsed = load_yaml_file(path, shown)
    return matrix_from_parsed(path, parsed)


def matrix_from_parsed(path: Path, parsed: ParsedYaml) -> LoadedMatrix:
    loaded = LoadedMatrix(path, parsed.path, parsed, problems=list(parsed.problems))
    if parsed.data is None and parsed.problems:
        return loaded
    data = parsed.data
    if not isinstance(data, dict):
        loaded.problems.append(
            parsed.problem(
                (),
                codes.WRONG_TYPE,
                "a matrix is a mapping of keys (format, country, answers, ...)",
                hint="start from `mgi new` or the files in examples/",
            )
        )
        return loaded
    fmt = data.get("format")
    if not (isinstance(fmt, str) and fmt.startswith("mgi-matrix/")):
        # One problem, not one per missing key: a workflow or a note is not a broken matrix.
        said = "" if fmt is None else f" (its format is {_shown(fmt)})"
        loaded.problems.append(
            parsed.problem(
                ("format",) if "format" in data else (),
                codes.NOT_A_MATRIX,
                f"not an MGI matrix: it has no `format: {FORMAT}`{said}",
                key=True,
                hint=f"if it is a matrix, make `format: {FORMAT}` its first line; "
                "`mgi new` starts one",
            )
        )
        return loaded
    if fmt != FORMAT:
        loaded.problems.append(
            parsed.problem(
                ("format",),
                codes.UNKNOWN_FORMAT,
                f"this version of mgi reads {FORMAT}, not {fmt}",
                hint="upgrade mgi",
            )
        )
        return loaded
    answers = _load_answers(data.get("answers"), loaded)
    head = {**data, "answers": {}} if isinstance(data.get("answers"), dict) else data
    try:
        matrix = Matrix.model_validate(head)
    except ValidationError as error:
        loaded.problems.extend(problems_from_validation(error, parsed, Matrix))
        return loaded
    loaded.matrix = matrix.model_copy(update={"answers": answers}) if answers else matrix
    return loaded


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _load_answers(raw: Any, loaded: LoadedMatrix) -> dict[str, Answer | None]:
    if not isinstance(raw, dict):
        return {}
    answers: dict[str, Answer | None] = {}
    parsed = loaded.parsed
    for key, value in raw.items():
        where = ("answers", key)
        if not isinstance(key, str):
            loaded.problems.append(
                parsed.problem(
                    where,
                    codes.WRONG_TYPE,
                    f"the indicator id {key!r} should be a text",
                    key=True,
                    hint="quote the id",
                )
            )
            continue
        try:
            answers[key] = _ANSWER.validate_python(value)
        except ValidationError as error:
            loaded.broken_answers.add(key)
            loaded.problems.extend(problems_from_validation(error, parsed, Answer, where))
    return answers
