"""The map format as a JSON Schema (draft-07), for yaml-language-server and other editors."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://cjmap.invalid/schema/cjmap-1.schema.json"


def map_schema() -> dict[str, Any]:
    """The schema as a dict: pydantic's output moved to draft-07's ``definitions``."""
    from cjmap.model import JourneyMap

    schema = JourneyMap.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", {})
    schema["properties"]["cjmap"] = {
        "const": 1, "description": "Format version: 1.", "title": "Cjmap"}
    result: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "cjmap journey map",
        "description": "A customer journey map, version 1 of the cjmap format.",
    }
    result.update(schema)
    result["definitions"] = dict(sorted(definitions.items()))
    return result


def schema_text() -> str:
    return json.dumps(map_schema(), indent=2, ensure_ascii=False) + "\n"
