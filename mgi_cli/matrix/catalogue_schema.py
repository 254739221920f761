"""The matrix JSON Schema narrowed to one catalogue (`mgi schema --catalogue`).

Editors then complete the catalogue's indicator ids under ``answers:``, each with its
question as the description and its own answers as the choices, and the module ids
under ``modules:``. Context-specific indicators (``X.*``) stay allowed, as in the
general schema; everything the schema cannot say is still `mgi validate`'s.
"""

from __future__ import annotations

import json
from typing import Any

from mgi_cli.catalogue.models import Catalogue
from mgi_cli.matrix.schema import matrix_schema


def matrix_schema_for(catalogue: Catalogue, lang: str = "en") -> dict[str, Any]:
    """The matrix schema for matrices answering ``catalogue``; texts in ``lang``."""
    schema = matrix_schema()
    # Its own id (a fragment is not allowed in one): the general schema's, per catalogue.
    schema["$id"] = schema["$id"].removesuffix(".json") + f"/{catalogue.ref}.json"
    properties = schema["properties"]
    properties["catalogue"] = {**properties["catalogue"], "const": catalogue.ref}
    modules = properties["modules"]
    properties["modules"] = {**modules, "items": {"enum": catalogue.module_ids}}
    answers = properties["answers"]
    answers["properties"] = {
        indicator.id: {
            "description": indicator.question.get(lang) or indicator.question["en"],
            "anyOf": [
                {
                    "allOf": [
                        {"$ref": "#/$defs/Answer"},
                        {
                            "properties": {
                                "answer": {
                                    "enum": [c.id for c in catalogue.scale_of(indicator)] + [None]
                                }
                            }
                        },
                    ]
                },
                {"type": "null"},
            ],
        }
        for indicator in catalogue.indicators
    }
    return schema


def matrix_schema_for_text(catalogue: Catalogue, lang: str = "en") -> str:
    return json.dumps(matrix_schema_for(catalogue, lang), indent=2, ensure_ascii=False) + "\n"
