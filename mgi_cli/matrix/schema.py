"""The JSON Schema of the matrix format, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://mgi-cli.example/schema/mgi-matrix-1.json"


def matrix_schema() -> dict[str, Any]:
    from mgi_cli.matrix.models import FORMAT, Matrix

    schema = Matrix.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["description"] = (
        f"An MGI matrix (format {FORMAT}): one assessment's answers, justifications and "
        "references. Rules that need the indicator catalogue (ids, scales, completeness) are "
        "checked by `mgi validate`, not by this schema."
    )
    return schema


def matrix_schema_text() -> str:
    return json.dumps(matrix_schema(), indent=2, ensure_ascii=False) + "\n"
