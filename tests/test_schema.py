"""`cjmap schema`: a draft-07 JSON Schema that accepts every valid map and flags mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import EXAMPLES

from cjmap.json_schema import map_schema
from cjmap.load import safe_yaml

CASES = Path(__file__).parent / "cases"
VALID_MAPS = sorted([*EXAMPLES.glob("*.yaml"), *(CASES / "valid").glob("*.yaml"),
                     *(CASES / "warnings").glob("*.yaml")])


def as_json_data(path: Path) -> object:
    """What an editor sees: YAML 1.2 data, with dates as the strings they are written as."""
    return json.loads(json.dumps(safe_yaml().load(path.read_text(encoding="utf-8")), default=str))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = map_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_schema_is_draft_07_with_definitions() -> None:
    schema = map_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    assert "Step" in schema["definitions"]
    assert schema["definitions"]["Step"]["additionalProperties"] is False


@pytest.mark.parametrize("path", VALID_MAPS, ids=lambda p: p.name)
def test_schema_accepts_valid_maps(validator, path: Path) -> None:
    assert list(validator.iter_errors(as_json_data(path))) == []


@pytest.mark.parametrize("name", ["unknown-key", "missing-field", "wrong-values", "id-format",
                                  "version-unsupported", "empty-steps"])
def test_schema_rejects_invalid_maps(validator, name: str) -> None:
    assert list(validator.iter_errors(as_json_data(CASES / "invalid" / f"{name}.yaml")))


def test_schema_command_writes_json(cli, tmp_path) -> None:
    printed = cli("schema")
    assert printed.exit_code == 0
    assert json.loads(printed.output) == map_schema()
    target = tmp_path / "cjmap.schema.json"
    assert cli("schema", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == printed.output


def test_schema_command_cannot_write_is_exit_2(cli, tmp_path) -> None:
    result = cli("schema", "-o", str(tmp_path / "missing" / "x.json"))
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_bundled_schema_file_is_current() -> None:
    """schema/cjmap.schema.json (which the examples point at) matches the model."""
    from conftest import ROOT

    bundled = (ROOT / "schema" / "cjmap.schema.json").read_text(encoding="utf-8")
    assert json.loads(bundled) == map_schema(), "run: cjmap schema -o schema/cjmap.schema.json"


def test_schema_reference_finds_the_nearest_schema_file(tmp_path) -> None:
    from cjmap.json_schema import schema_reference

    (tmp_path / ".git").mkdir()
    maps = tmp_path / "maps" / "2026"
    maps.mkdir(parents=True)
    assert schema_reference(maps) == "../../cjmap.schema.json"  # not there yet: the root
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "cjmap.schema.json").write_text("{}")
    assert schema_reference(maps) == "../../schema/cjmap.schema.json"
    (maps / "cjmap.schema.json").write_text("{}")
    assert schema_reference(maps) == "cjmap.schema.json"
