"""The social housing checks on whole maps: personal data, TSM codes and statutory standards.

The failing and passing case files (tests/cases/) pin the exact messages; these tests add the
cases both ways, the exact position inside every kind of YAML scalar, the configuration, and
the false-alarm sweep over the examples, the starters and the seed documents.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.config import from_mapping
from cjmap.housing.personal_data import find_personal_data
from cjmap.model import Metric
from cjmap.settings import DEFAULT, ConfigError
from cjmap.validate import validate_text

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)
SEEDS = Path("/work/shared/seeds")

HEAD = """\
cjmap: 1
journey:
  title: Reporting damp
  customer: Tenants who reported damp
steps:
  - id: report
    name: Report
    touchpoints: [{channel: phone, with: Contact centre}]
"""


def problems(text: str, rule: str, config=DEFAULT) -> list[str]:
    result = validate_text(text, "m.yaml", TODAY, config)
    return [f"{p.line}:{p.column} {p.message}" for p in result.problems if p.rule == rule]


def with_summary(summary: str) -> str:
    return HEAD + f"    summary: {json.dumps(summary)}\n"


# --- personal data: fires, and stays quiet -----------------------------------------------------

FIRES = [
    ("Call me on 07700 900123.", "phone number"),
    ("Her number is +44 (0)20 7946 0958.", "phone number"),
    ("Write to jo.bloggs@example.com about it.", "email address"),
    ("She lives at L4 0TH.", "postcode"),
    ("The flat in SW1A 1AA had mould.", "postcode"),
    ("NI number AB 12 34 56 C was on file.", "National Insurance number"),
    ("Mrs Patel called twice.", "name with a title"),
    ("Mr J. Smith was not told.", "name with a title"),
]
QUIET = [
    "Step 3 of 7 took 10 working days.",
    "Complaints rose 12% to £4,500 in 2025/26 Q1.",
    "Visited on 14/06/2025 and again on 2025-07-01, 45 minutes each.",
    "TP05 and CH01 improved; job ref AB123456 closed after 2 weeks.",
    "Email complaints@example.org or repairs@example.org.",
    "Mr and Mrs both rang at 09:30 and 14:00.",
    "1 in 5 waited more than 24 hours; P07 said it twice.",
    "Calls: 0800 123 4567 is the free line.",  # 08 numbers are an organisation's
]


@pytest.mark.parametrize("text, kind", FIRES)
def test_personal_data_fires(text: str, kind: str) -> None:
    found = problems(with_summary(text), "personal-data")
    assert len(found) == 1 and f" {kind} (" in found[0]


@pytest.mark.parametrize("text", QUIET)
def test_personal_data_stays_quiet(text: str) -> None:
    assert problems(with_summary(text), "personal-data") == []


def test_the_message_masks_the_data_and_says_how_to_fix_it() -> None:
    [message] = problems(with_summary("Call 07700 900123."), "personal-data")
    assert "900123" not in message and "07••• ••••23" in message
    assert "pseudonymise" in message and "P07" in message


@pytest.mark.parametrize("scalar, line, column", [
    ('    summary: Ring Mrs Patel back.\n', 9, 19),
    ('    summary: "Ring \\"back\\" Mrs Patel."\n', 9, 29),
    ("    summary: 'It''s Mrs Patel.'\n", 9, 21),
    ("    summary: >-\n      Rang twice.\n      Then Mrs Patel rang.\n", 11, 12),
    ("    summary: |\n      Rang twice.\n        Then Mrs Patel rang.\n", 11, 14),
    ("    summary: Rang twice\n      and then Mrs Patel rang.\n", 10, 16),
    ("    pain_points: [No call back, Mrs Patel waited]\n", 9, 33),
    ("    pain_points:\n      - Nothing\n      - Ask Mrs Patel\n", 11, 13),
])
def test_the_position_is_the_data_itself_in_every_scalar_style(scalar: str, line: int,
                                                                column: int) -> None:
    [found] = problems(HEAD + scalar, "personal-data")
    assert found.startswith(f"{line}:{column} ")


def test_staff_fields_are_read_only_when_configured() -> None:
    text = HEAD.replace("with: Contact centre", "with: Mrs Lee") + (
        "    actions:\n      - recommendation: Call back.\n        owner: Mr Hughes\n")
    assert problems(text, "personal-data") == []
    config = from_mapping({"personal_data": {"fields": ["owner", "with"]}}, "c.yaml")
    found = problems(text, "personal-data", config)
    assert [item.split()[0] for item in found] == ["8:42", "11:16"]
    assert "touchpoint's `with`" in found[0] and "owner" in found[1]


def test_personal_data_can_be_turned_down_like_every_check() -> None:
    config = from_mapping({"checks": {"personal-data": "warning"}}, "c.yaml")
    result = validate_text(with_summary("Mrs Patel"), "m.yaml", TODAY, config)
    assert result.valid and [p.severity.value for p in result.problems] == ["warning"]


# Prose made of the numbers and dates maps are full of: never personal data.
_NUMBER = st.integers(1, 99_999).map(str)
_TOKENS = st.one_of(
    st.builds("step {} of {}".format, st.integers(1, 12), st.integers(1, 12)),
    st.builds("{} working days".format, st.integers(1, 400)),
    st.builds("{}%".format, st.floats(0, 100, allow_nan=False).map(lambda x: f"{x:.1f}")),
    st.builds("£{:,}".format, st.integers(0, 10**7)),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(lambda d: d.strftime("%-d %B %Y")),
    st.builds("{}/{:02d} Q{}".format, st.integers(2000, 2040), st.integers(0, 99),
              st.integers(1, 4)),
    st.builds("{}:{:02d}".format, st.integers(0, 23), st.integers(0, 59)),
    st.builds("{} in {}".format, st.integers(1, 10), st.integers(2, 100)),
    st.builds("{} hours".format, _NUMBER), st.builds("{} weeks".format, _NUMBER),
    st.sampled_from(["TP01", "CH02", "NM01", "BS05", "RP02", "P07", "Q3", "the tenant",
                     "rang", "waited", "Mr and Mrs", "and", "then", "a repair"]),
)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=25), st.sampled_from([" ", ", ", "; ", ". "]))
def test_prose_of_numbers_and_dates_never_fires(tokens: list[str], joiner: str) -> None:
    text = joiner.join(tokens)
    assert problems(with_summary(text), "personal-data") == []


# --- no false alarm on the project's own maps and the seed documents ----------------------------

MAPS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("src/cjmap/starters/*.yaml"),
               *ROOT.glob("tests/cases/valid/*.yaml"), *ROOT.glob("tests/cases/passing/*.yaml")])


@pytest.mark.parametrize("path", MAPS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_housing_problem_on_the_examples_starters_and_passing_cases(path: Path) -> None:
    result = validate_text(path.read_text(encoding="utf-8"), str(path), TODAY, DEFAULT)
    rules = {"personal-data", "tsm-code", "tsm-kind", "standard-id", "standard-target"}
    assert [str(p) for p in result.problems if p.rule in rules] == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_the_seed_documents_give_no_false_alarm() -> None:
    """The method guides and the two real case studies are landlords' and researchers' prose,
    full of counts, quarters, percentages and dates: nothing fires in them except the one real
    phone number and postcode there are, a research firm's office in the footer of its guide."""
    found = {path.name: [f.kind for f in find_personal_data(path.read_text(encoding="utf-8"))]
             for path in sorted(SEEDS.glob("*.txt"))}
    assert found == {
        "000_9e90386e101ba94b.txt": ["phone number", "postcode"],
        "001_0feb8350c4a1e75e.txt": [], "002_55a1c2d7a292890b.txt": [],
        "003_29aeb731c802dc3b.txt": [], "004_503f273dfe7d8294.txt": [],
    }


# --- statutory standards ------------------------------------------------------------------------

def test_a_metric_takes_its_unit_direction_and_target_from_its_standard() -> None:
    metric = Metric.model_validate({"name": "Days", "standard": "chc-stage2-respond"})
    assert (metric.unit, metric.better, metric.target) == ("working days", "lower", 20)


def test_what_a_metric_says_itself_wins_over_its_standard() -> None:
    metric = Metric.model_validate({"name": "Days", "standard": "chc-stage2-respond",
                                    "target": 15, "better": "lower"})
    assert metric.target == 15


def test_a_metric_in_another_unit_takes_no_target_from_its_standard() -> None:
    metric = Metric.model_validate({"name": "Share", "standard": "chc-stage1-respond",
                                    "unit": "%"})
    assert (metric.unit, metric.target, metric.better) == ("%", None, None)


def test_a_defaulted_target_derives_a_rag_rating() -> None:
    from cjmap.figures.derived import derived_rag

    late = Metric.model_validate({"name": "D", "standard": "awaabs-law-investigate", "value": 14})
    on_time = Metric.model_validate({"name": "D", "standard": "awaabs-law-investigate",
                                     "value": 9})
    assert (derived_rag(late), derived_rag(on_time)) == ("red", "green")


def test_the_laxer_target_warning_cites_the_law() -> None:
    text = HEAD + ("    metrics:\n      - name: Stage 1 response\n"
                   "        standard: chc-stage1-respond\n        target: 15\n")
    [message] = problems(text, "standard-target")
    assert "15 working days is laxer than the law" in message
    assert "Housing Ombudsman Complaint Handling Code (2024)" in message and "6.3" in message


# --- configuration: the working-day region -------------------------------------------------------

@pytest.mark.parametrize("settings_, region", [
    ({}, "england-and-wales"),
    ({"calendar": {"region": "scotland"}}, "scotland"),
    ({"region": "northern-ireland"}, "northern-ireland"),
])
def test_the_calendar_region_is_configurable(settings_: dict, region: str) -> None:
    assert from_mapping(settings_, "c.yaml").region == region


@pytest.mark.parametrize("settings_, message", [
    ({"calendar": {"region": "wales"}}, "region must be one of england-and-wales, scotland"),
    ({"calendar": {"country": "scotland"}}, "calendar takes `region`"),
    ({"calendar": {"region": "scotland"}, "region": "scotland"}, "give the region once"),
    ({"personal_data": {"fields": ["name"]}}, "personal_data takes `fields:`"),
])
def test_bad_housing_settings_name_the_file(settings_: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        from_mapping(settings_, "c.yaml")


# --- the pre-commit hook ---------------------------------------------------------------------------

def test_the_pre_commit_hook_stops_a_map_with_personal_data(cli, tmp_path: Path) -> None:
    """The hook runs `cjmap validate` on the staged maps; an error exits 1, which stops the
    commit, and personal-data is an error by default."""
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [validate_hook] = [hook for hook in hooks if hook["id"] == "cjmap-validate"]
    assert validate_hook["entry"] == "cjmap validate"
    staged = tmp_path / "maps" / "damp.yaml"
    staged.parent.mkdir()
    staged.write_text(with_summary("Call Mrs Patel on 07700 900123."), encoding="utf-8")
    result = cli(*validate_hook["entry"].split()[1:], str(staged))
    assert result.exit_code == 1
    assert "[personal-data]" in result.stdout and "900123" not in result.stdout


def test_reports_carry_the_tsm_code_and_wording_beside_the_figure() -> None:
    from cjmap.load import load_text
    from cjmap.report.context import build_context

    text = HEAD + ("    survey: {tsm: TP09, base: 120, satisfied: 41}\n"
                   "    metrics: [{name: On time, tsm: CH02, value: 91, unit: '%'}]\n")
    journey = load_text(text).journey
    step = build_context(journey, today=TODAY).steps[0]
    assert [(label.code, label.figure) for label in step.tsm] == [("TP09", "survey"),
                                                                  ("CH02", "On time")]
    assert step.metrics[0].tsm is not None and "Complaint Handling Code" in step.metrics[0].tsm.wording
