"""``cjmap tsm``: the Tenant Satisfaction Measures a folder of maps evidences."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

WAVE = """\
cjmap: 1
journey:
  title: Making a complaint
  customer: Tenants who complained
  period: {period}
steps:
  - id: respond
    name: "Response | letter"
    touchpoints: [{{channel: letter}}]
    survey:
      tsm: TP09
      base: {base}
      satisfied: {satisfied}
    metrics:
      - name: Answered on time
        tsm: CH02
        value: {on_time}
        unit: "%"
        target: 95
"""
REPAIRS = """\
cjmap: 1
journey:
  title: "=Getting a repair done"
  customer: Tenants with a repair
steps:
  - id: fix
    name: Fix
    touchpoints: [{channel: home-visit}]
    metrics:
      - name: Repairs on time
        tsm: RP02
        value: 81.5
        unit: "%"
"""


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "complaints-2025.yaml").write_text(
        WAVE.format(period="2025/26 Q1", base=120, satisfied=41, on_time=88), encoding="utf-8")
    (folder / "complaints-2024.yaml").write_text(
        WAVE.format(period="2024/25 Q1", base=100, satisfied=35, on_time=80), encoding="utf-8")
    (folder / "repairs.yaml").write_text(REPAIRS, encoding="utf-8")
    return folder


def test_text_lists_each_measure_with_its_wording_and_latest_figure(cli, maps: Path) -> None:
    result = cli("tsm", str(maps))
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("3 of 22 Tenant Satisfaction Measures evidenced by 3 map files.\n")
    assert "TP09  Satisfaction with the landlord's approach to handling complaints" in out
    assert "how satisfied or dissatisfied are you with [landlord]'s approach" in out
    assert "1. Response | letter: 41% satisfied (base 120), 2025/26 Q1" in out
    assert "88% (target 95%), 2025/26 Q1" in out and "35%" not in out
    assert out.index("TP09") < out.index("RP02") < out.index("CH02")  # the regulator's order


def test_json_has_the_latest_wave_and_counts_the_earlier(cli, maps: Path) -> None:
    result = cli("tsm", str(maps), "--format", "json")
    document = json.loads(result.stdout)
    assert document["files"] == 3
    assert [m["code"] for m in document["measures"]] == ["TP09", "RP02", "CH02"]
    [tp09] = document["measures"][0]["evidence"]
    assert (tp09["period"], tp09["value"], tp09["base"], tp09["earlier_waves"]) == (
        "2025/26 Q1", 41, 120, 1)
    assert document["measures"][0]["kind"] == "perception"


def test_csv_defuses_formulas(cli, maps: Path) -> None:
    result = cli("tsm", str(maps), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["code"] for row in rows] == ["TP09", "RP02", "CH02"]
    assert rows[1]["journey"] == "'=Getting a repair done"
    assert rows[1]["value"] == "81.5" and rows[1]["figure"] == "metric"


def test_markdown_escapes_the_maps_text(cli, maps: Path) -> None:
    result = cli("tsm", str(maps), "-f", "markdown")
    assert "| 1. Response \\| letter |" in result.stdout
    assert "\\[landlord\\]" in result.stdout
    assert all(line.count(" | ") == 6
               for line in result.stdout.splitlines() if line.startswith("| TP09"))


def test_an_invalid_map_is_reported_and_the_rest_listed(cli, maps: Path) -> None:
    (maps / "bad.yaml").write_text(REPAIRS.replace("RP02", "RP09"), encoding="utf-8")
    result = cli("tsm", str(maps))
    assert result.exit_code == 1
    assert "is not a Tenant Satisfaction Measure code" in result.stderr
    assert "bad.yaml is not a valid map" in result.stderr
    assert "TP09" in result.stdout


def test_output_to_a_file(cli, maps: Path, tmp_path: Path) -> None:
    target = tmp_path / "tsm.md"
    assert cli("tsm", str(maps), "-f", "markdown", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("3 of 22")


def test_a_missing_path_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("tsm", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_a_folder_with_no_measure_says_so(cli) -> None:
    from conftest import EXAMPLES

    result = cli("tsm", str(EXAMPLES))
    maps = len(list(EXAMPLES.glob("*.yaml")))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"0 of 22 Tenant Satisfaction Measures evidenced by {maps} map")
