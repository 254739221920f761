"""`mgi schema`: a valid JSON Schema, kept in the repository, that the examples satisfy."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from mgi_cli.cli import app

TESTS = Path(__file__).resolve().parents[1]
SCHEMA_FILE = Path("schema") / "mgi-matrix-1.schema.json"
REFRESH = f"run `mgi schema > {SCHEMA_FILE}` and commit the result"


@pytest.fixture(scope="module")
def schema_text() -> str:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    return result.stdout


@pytest.fixture(scope="module")
def schema(schema_text: str) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(schema_text)
    return parsed


def test_schema_is_a_valid_json_schema(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_schema_lists_the_contract_keys(schema: dict[str, Any]) -> None:
    contract = {
        "format",
        "country",
        "level",
        "locality",
        "assessment",
        "baseline",
        "catalogue",
        "modules",
        "assessed_on",
        "status",
        "confidentiality",
        "answers",
    }
    assert contract <= set(schema["properties"])
    assert set(schema["required"]) >= {
        "format",
        "country",
        "level",
        "assessment",
        "catalogue",
        "modules",
        "assessed_on",
        "status",
    }


def test_schema_file_is_current(schema_text: str, project_root: Path) -> None:
    stored = project_root / SCHEMA_FILE
    assert stored.is_file(), f"{SCHEMA_FILE} is missing: {REFRESH}"
    assert stored.read_text(encoding="utf-8") == schema_text, f"{SCHEMA_FILE} is stale: {REFRESH}"


def test_schema_agrees_with_the_format(schema: dict[str, Any]) -> None:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    matrix = {
        "format": "mgi-matrix/1",
        "country": "XAM",
        "level": "national",
        "assessment": "baseline",
        "catalogue": "mini@1.0",
        "modules": ["standard"],
        "assessed_on": "2018-09-30",
        "status": "draft",
        "answers": {
            "M1.01": {
                "answer": "yes",
                "justification": "Act",
                "references": [
                    {"title": "Act", "url": "https://a.example", "accessed": "2018-06-01"}
                ],
            },
            "M1.02": None,
        },
    }
    assert list(validator.iter_errors(matrix)) == []
    for bad in (
        {**matrix, "asessed_on": "2018-09-30"},
        {**matrix, "status": "done"},
        {**matrix, "country": "xam"},
        {**matrix, "assessed_on": 1538265600},
        {**matrix, "answers": {"M1.01": {"answer": "yes", "justifcation": "typo"}}},
        {key: value for key, value in matrix.items() if key != "catalogue"},
    ):
        assert list(validator.iter_errors(bad)), bad


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema is absent")
def test_examples_and_valid_matrices_satisfy_the_schema_file(project_root: Path) -> None:
    examples = sorted((project_root / "examples" / "matrices").rglob("*.yaml"))
    valid = sorted((TESTS / "matrices" / "valid").glob("*.yaml"))
    assert examples
    result = subprocess.run(
        [
            "check-jsonschema",
            "--schemafile",
            str(project_root / SCHEMA_FILE),
            *map(str, examples + valid),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema is absent")
def test_schema_file_rejects_format_errors(project_root: Path) -> None:
    invalid = TESTS / "matrices" / "invalid"
    for name in ("wrong-values", "unknown-key", "wrong-types", "missing-keys"):
        result = subprocess.run(
            [
                "check-jsonschema",
                "--schemafile",
                str(project_root / SCHEMA_FILE),
                str(invalid / f"{name}.yaml"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1, name
