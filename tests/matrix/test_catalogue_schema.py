"""`mgi schema --catalogue`: the matrix schema narrowed to one catalogue's ids and answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from typer.testing import Result

Mgi = Callable[..., Result]


def _schema(mgi: Mgi, *args: str | Path) -> dict[str, Any]:
    result = mgi("schema", "--catalogue", *args)
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator.check_schema(parsed)
    return parsed


def test_the_schema_names_the_catalogue_ids_and_answers(mgi: Mgi, mini_catalogue: Path) -> None:
    schema = _schema(mgi, mini_catalogue)
    assert schema["properties"]["catalogue"]["const"] == "mini@1.0"
    assert schema["properties"]["modules"]["items"] == {"enum": ["standard", "covid19"]}
    answers = schema["properties"]["answers"]["properties"]
    assert list(answers) == ["M1.01", "M1.02", "M1.03", "M2.01", "M2.02", "M3.01", "C.01", "C.02"]
    validator = Draft202012Validator(schema)
    matrix = {
        "format": "mgi-matrix/1",
        "country": "XAM",
        "level": "national",
        "assessment": "baseline",
        "catalogue": "mini@1.0",
        "modules": ["standard"],
        "assessed_on": "2018-09-30",
        "status": "draft",
        "answers": {"M1.01": {"answer": "yes"}, "M1.03": {"answer": "at_once"}, "M1.02": None},
    }
    assert list(validator.iter_errors(matrix)) == []
    for bad in (
        {**matrix, "answers": {"M1.01": {"answer": "at_once"}}},  # another indicator's scale
        {**matrix, "answers": {"M1.03": {"answer": "yes"}}},
        {**matrix, "catalogue": "mini@2.0"},
        {**matrix, "modules": ["environment"]},
    ):
        assert list(validator.iter_errors(bad)), bad


def test_a_packaged_version_in_portuguese(mgi: Mgi) -> None:
    schema = _schema(mgi, "mgi-national@1.1", "--lang", "pt")
    answers = schema["properties"]["answers"]["properties"]
    assert len(answers) == 137
    assert answers["ENV.01"]["description"].startswith("A política ou estratégia nacional")


def test_without_catalogue_the_schema_is_the_general_one(mgi: Mgi) -> None:
    general = json.loads(mgi("schema").stdout)
    assert "properties" not in general["properties"]["answers"]
    assert "const" not in general["properties"]["catalogue"]


def test_an_unknown_catalogue_exits_2(mgi: Mgi) -> None:
    result = mgi("schema", "--catalogue", "mgi-national@0.1")
    assert result.exit_code == 2
    assert result.stderr.startswith("mgi: no catalogue 'mgi-national@0.1' (installed: ")
