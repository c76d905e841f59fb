"""Tenants' personal data in free text: what must fire, what must stay quiet, and the masks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.housing.personal_data import (
    EMAIL,
    KINDS,
    NI_NUMBER,
    PHONE,
    POSTCODE,
    TITLED_NAME,
    Finding,
    find_personal_data,
    mask,
)


ROOT = Path(__file__).resolve().parent.parent


def _found(text: str) -> list[tuple[str, str]]:
    return [(finding.kind, text[finding.start:finding.end]) for finding in find_personal_data(text)]


@pytest.mark.parametrize(("value", "kind"), [
    ("jane.smith@example.co.uk", EMAIL),
    ("j_oneill+housing@example.org", EMAIL),
    ("TENANT42@EXAMPLE.COM", EMAIL),
    ("07700 900123", PHONE),
    ("07700900123", PHONE),
    ("07700-900-123", PHONE),
    ("07700 900 123", PHONE),
    ("020 7946 0018", PHONE),
    ("(020) 7946 0018", PHONE),
    ("0161 496 0000", PHONE),
    ("0113 496 0000", PHONE),
    ("01632 960123", PHONE),
    ("01632 960 123", PHONE),
    ("0300 123 4567", PHONE),
    ("+44 7700 900123", PHONE),
    ("+447700900123", PHONE),
    ("+44 (0)20 7946 0018", PHONE),
    ("+44 20 7946 0018", PHONE),
    ("0044 161 496 0000", PHONE),
    ("L4 0TH", POSTCODE),
    ("SW1A 1AA", POSTCODE),
    ("M1 1AE", POSTCODE),
    ("CH1 2AB", POSTCODE),
    ("EC1A 1BB", POSTCODE),
    ("W1A 0AX", POSTCODE),
    ("B33 8TH", POSTCODE),
    ("DN55 1PT", POSTCODE),
    ("CR0 2YR", POSTCODE),
    ("LS1 1AB", POSTCODE),
    ("SW1A1AA", POSTCODE),
    ("AB 12 34 56 C", NI_NUMBER),
    ("AB123456C", NI_NUMBER),
    ("AB 123456 C", NI_NUMBER),
    ("JZ 98 76 54", NI_NUMBER),
    ("Mrs Patel", TITLED_NAME),
    ("Mr J. Smith", TITLED_NAME),
    ("Mr J Smith", TITLED_NAME),
    ("Dr. Okafor", TITLED_NAME),
    ("Ms Jones", TITLED_NAME),
    ("Miss Ahmed", TITLED_NAME),
    ("Mx Taylor", TITLED_NAME),
    ("Mr O'Brien", TITLED_NAME),
    ("Mrs Smith-Jones", TITLED_NAME),
    ("Dr McDonald", TITLED_NAME),
    ("Mr Blobby", TITLED_NAME),
])
def test_fires_on(value: str, kind: str) -> None:
    text = f"The note said: {value}, then nothing more."
    assert _found(text) == [(kind, value)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Call 07700 900123 2 times a day", [(PHONE, "07700 900123")]),
    ("ring 0161 496 0000 10 times", [(PHONE, "0161 496 0000")]),
    ("07700 900123 0161 496 0000", [(PHONE, "07700 900123"), (PHONE, "0161 496 0000")]),
    ("step 2 07700 900123", [(PHONE, "07700 900123")]),
    ("Mr and Mrs Patel", [(TITLED_NAME, "Mrs Patel")]),
    ("Mrs Patel's boiler", [(TITLED_NAME, "Mrs Patel")]),
    ("spoke to Mr\n      Patel again", [(TITLED_NAME, "Mr\n      Patel")]),
    ("Mrs Patel (07700 900123, L4 0TH) emailed p.patel@example.com",
     [(TITLED_NAME, "Mrs Patel"), (PHONE, "07700 900123"), (POSTCODE, "L4 0TH"),
      (EMAIL, "p.patel@example.com")]),
    ("07700900123@example.com", [(EMAIL, "07700900123@example.com")]),
    ("tel:07700900123", [(PHONE, "07700900123")]),
    ("(07700 900123)", [(PHONE, "07700 900123")]),
])
def test_finds_each_piece_once_in_order(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    # prose a journey map is full of
    "2 hours 15 minutes", "step 3 of 7", "10 working days", "16 of 412", "31%", "79.5 %",
    "2026-06-30", "30/06/2026", "30 June 2026", "June 2026", "2025/26 Q4", "2026/27 Q2", "2026",
    "£1,210.50", "£0.50", "£120", "€30", "$0 05 000", "0.5", "0.19.1", "09:30",
    "08:00 to 18:00",
    "text-confirmations", "awaabs-law-investigate", "chc-stage1-respond", "P07", "participant P12",
    # TSM codes are not postcodes: no district is written with a leading zero
    "TP03", "CH01", "CH02", "BS01", "BS05", "NM01", "RP02", "TP01 to TP12", "CH01 2",
    "BS01 and BS02",
    "TP03 3", "CH01 part 2", "per 1,000 homes",
    # outward codes alone and postcode-like words
    "L4", "SW1A", "M1", "the L4 area", "A1 road", "M62 motorway", "l4 0th", "sw1a 1aa",
    # titles without a name
    "Mrs", "Mr and Mrs", "Mr and Mrs and Ms", "Dr.", "Miss out", "Mr. and Mrs.", "Ms ",
    "Drive", "Mrsmith", "MS Teams", "DR Congo",
    # numbers that are not UK phone numbers
    "0 1 2 3 4 5 6 7 8 9", "0800 123", "0123", "07700", "12345678901", "0 7700 900123",
    "01234", "000_9e90386e101ba94b.txt", "001_0feb8350c4a1e75e.txt", "1,234,567,890",
    "0-5 days", "0 to 5", "2025-2026", "10/10/2010 10:10",
    # things that look like National Insurance numbers but are not
    "QQ 12 34 56 C", "DA123456A", "GB123456A", "TN 12 34 56 A", "AB123456", "AB12345C",
    # role mailboxes belong to organisations
    "feedback@ovh.org.uk", "complaints@example-homes.org.uk", "Repairs@example.gov.uk",
    # not email addresses
    "@example", "name@", "a@b", "user@localhost",
])
def test_stays_quiet_on(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(("kind", "value", "masked"), [
    (EMAIL, "jane.smith@example.com", "j•••@e•••.com"),
    (EMAIL, "a@b.co.uk", "a•••@b•••.uk"),
    (PHONE, "07700 900189", "07••• ••••89"),
    (PHONE, "+44 (0)20 7946 0018", "02••• ••••18"),
    (PHONE, "0044 161 496 0000", "01••• ••••00"),
    (POSTCODE, "L4 0TH", "L4 •••"),
    (POSTCODE, "SW1A1AA", "SW1A •••"),
    (NI_NUMBER, "AB 12 34 56 C", "AB •• •• •• •"),
    (TITLED_NAME, "Mrs Patel", "Mrs P•••"),
    (TITLED_NAME, "Mr J. Smith", "Mr S•••"),
])
def test_masks(kind: str, value: str, masked: str) -> None:
    assert mask(kind, value) == masked


def test_findings_carry_offsets_and_masks_not_values() -> None:
    text = "Tenant: Mrs Patel, 07700 900189."
    assert find_personal_data(text) == [
        Finding(TITLED_NAME, 8, 17, "Mrs P•••"),
        Finding(PHONE, 19, 31, "07••• ••••89"),
    ]


def test_mask_rejects_unknown_kinds() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        mask("bank account", "12345678")


# --- properties ---------------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "the", "tenant", "said", "repair", "was", "booked", "and", "the", "operative", "came", "late",
    "we", "called", "back", "Tenants", "Repairs", "Service", "Contact", "Centre", "Example",
    "Homes",
    "Monday", "June", "report", "complaint", "stage", "of", "per", "homes", "survey", "satisfied",
])
_NUMBERS = st.integers(min_value=0, max_value=10**7).map(str)
_DATES = st.dates().flatmap(lambda day: st.sampled_from([
    day.isoformat(), day.strftime("%d/%m/%Y"), day.strftime("%d %B %Y"), day.strftime("%B %Y"),
    str(day.year),
]))
_DURATIONS = st.builds(
    lambda n, unit: f"{n} {unit}", st.integers(0, 500),
    st.sampled_from(["hours", "minutes", "days", "working days", "weeks", "months"]))
_MONEY = st.builds(lambda pounds, pence: f"£{pounds:,}.{pence:02d}",
                   st.integers(0, 10**6), st.integers(0, 99))
_PERCENTAGES = st.builds(lambda n: f"{n}%", st.integers(0, 100))
_TSM = st.builds(lambda prefix, n: f"{prefix}{n:02d}",
                 st.sampled_from(["TP", "RP", "BS", "CH", "NM"]), st.integers(1, 12))
_MISC = st.sampled_from([
    "step 3 of 7", "16 of 412", "2025/26 Q4", "2026/27 Q1", "text-confirmations",
    "awaabs-law-investigate", "chc-stage2-respond", "P07", "10 working days", "per 1,000 homes",
    "Mr and Mrs,", "Mrs Mr and Mrs,", "the Dr. said", "Ms and Mx,",  # titles, no surname
])
_TOKENS = st.one_of(_WORDS, _NUMBERS, _DATES, _DURATIONS, _MONEY, _PERCENTAGES, _TSM, _MISC)
_SEPARATORS = st.sampled_from([" ", ", ", ". ", "; ", " - ", "\n", " (", ") "])


@st.composite
def _prose(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(_TOKENS, min_size=1, max_size=40))
    return "".join(token + draw(_SEPARATORS) for token in tokens)


@settings(max_examples=examples(200), deadline=None)
@given(_prose())
def test_ordinary_prose_never_fires(text: str) -> None:
    assert find_personal_data(text) == []


_MOBILES = st.builds(lambda rest, style: style(f"07{rest:09d}"),
                     st.integers(0, 10**9 - 1),
                     st.sampled_from([lambda d: d, lambda d: f"{d[:5]} {d[5:]}",
                                      lambda d: f"{d[:5]} {d[5:8]} {d[8:]}",
                                      lambda d: f"+44 {d[1:5]} {d[5:]}"]))


@settings(max_examples=examples(200), deadline=None)
@given(prose=_prose(), number=_MOBILES)
def test_a_mobile_in_prose_is_found_and_masked(prose: str, number: str) -> None:
    text = f"{prose}call {number} please"
    findings = [f for f in find_personal_data(text) if f.kind == PHONE]
    assert [text[f.start:f.end] for f in findings] == [number]
    assert number not in findings[0].masked


@settings(max_examples=examples(200), deadline=None)
@given(st.sampled_from(KINDS), st.text(min_size=1, max_size=30))
def test_a_mask_never_repeats_a_long_value(kind: str, value: str) -> None:
    masked = mask(kind, value)
    assert "•••" in masked or "••" in masked
    if len(value) > 4:
        assert value not in masked


# --- the false-alarm check on the project's own maps ----------------------------------------------

_MAP_FILES = sorted(
    [*ROOT.glob("examples/*.yaml"), *ROOT.glob("src/cjmap/**/starters/*.yaml")]
)


def test_the_examples_and_starters_are_there_to_check() -> None:
    assert any(path.parent.name == "examples" for path in _MAP_FILES)
    assert any(path.parent.name == "starters" for path in _MAP_FILES)


@pytest.mark.parametrize("path", _MAP_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_personal_data_in_the_shipped_maps(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    hits = [(f.kind, text.count("\n", 0, f.start) + 1, f.masked) for f in find_personal_data(text)]
    assert hits == []
