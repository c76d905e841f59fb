"""The map format as a JSON Schema (draft-07), for yaml-language-server and other editors.

Editors find the schema through a first-line comment in each map,
``# yaml-language-server: $schema=<path>``; a relative path is resolved from the map's folder.
The convention is one schema file per repository, ``cjmap.schema.json`` (or
``schema/cjmap.schema.json``), written by ``cjmap schema -o``; :func:`schema_reference` finds it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cjmap.model import JourneyMap

SCHEMA_FILE_NAME = "cjmap.schema.json"
# Kept for callers that want a default reference: the schema file beside the map.
SCHEMA_ID = SCHEMA_FILE_NAME
_CANDIDATES = (SCHEMA_FILE_NAME, f"schema/{SCHEMA_FILE_NAME}")


def map_schema() -> dict[str, Any]:
    """The schema as a dict: pydantic's output moved to draft-07's ``definitions``."""
    schema = JourneyMap.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", {})
    schema["properties"]["cjmap"] = {"const": 1, "description": "Format version: 1."}
    result: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#"}
    result.update(schema)
    result["title"] = "cjmap journey map"
    result["description"] = "A customer journey map, version 1 of the cjmap format."
    result["definitions"] = dict(sorted(definitions.items()))
    return result


def schema_text() -> str:
    return json.dumps(map_schema(), indent=2, ensure_ascii=False) + "\n"


def schema_reference(map_folder: str | Path) -> str:
    """The ``$schema=`` path for a map in ``map_folder``.

    The nearest ``cjmap.schema.json`` or ``schema/cjmap.schema.json`` at or above the folder
    (up to the repository root), as a relative path; else ``cjmap.schema.json`` at the
    repository root (or beside the map outside a repository), which ``cjmap schema -o`` creates.
    """
    folder = Path(map_folder).resolve()
    top = folder
    for candidate in (folder, *folder.parents):
        for name in _CANDIDATES:
            if (candidate / name).is_file():
                return _relative(candidate / name, folder)
        if (candidate / ".git").exists():
            top = candidate
            break
    return _relative(top / SCHEMA_FILE_NAME, folder)


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target, folder)).as_posix()
