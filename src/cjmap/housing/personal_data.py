"""Find tenants' personal data in free text before it is committed to a journey map.

A map is a text file kept in git, and git keeps every version: a tenant's phone number pasted into
a quote and deleted a week later is still in the history, for anyone with a clone. So the check
has to happen before the commit, and it has to be quiet on ordinary map prose, or analysts learn
to ignore it. Each detector is therefore narrow, and the choices lean towards silence:

- email addresses, except role mailboxes (``complaints@``, ``feedback@`` ...), which belong to an
  organisation, not a person;
- UK phone numbers: mobiles (07 and 9 more digits), landlines (01 or 02 and 8 or 9 more digits),
  03 numbers, and the +44 / 0044 forms, including +44 (0)20 ...; spaced, hyphenated or not, but
  every group after the first must have three digits or more, so "0 1 2 3" never fires;
- full UK postcodes (``L4 0TH``, ``SW1A 1AA``), upper case only: lower case words and numbers
  make too many near misses, and an outward code alone (``L4``) is not a person's address. TSM
  codes such as ``CH01`` are no postcode: no district is written with a leading zero;
- National Insurance numbers (``AB 12 34 56 C``) with the allocation rules for the prefix
  letters, in upper case; without the final letter only in the spaced ``AB 12 34 56`` form, since
  ``AB123456`` alone is as likely a job reference;
- a title and a capitalised surname (``Mrs Patel``, ``Mr J. Smith``, ``Dr. Okafor``), never the
  title alone (``Mr and Mrs`` does not fire).

Offsets are character offsets into the text given, so a caller can turn them into a line and
column. A finding carries a masked form, never the value: a report can be printed, logged or
shown in CI without repeating what it warns about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

EMAIL = "email address"
PHONE = "phone number"
POSTCODE = "postcode"
NI_NUMBER = "National Insurance number"
TITLED_NAME = "name with a title"
KINDS = (EMAIL, PHONE, POSTCODE, NI_NUMBER, TITLED_NAME)

_HIDDEN = "•••"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind, where it is (``text[start:end]``), and a mask."""

    kind: str
    start: int
    end: int
    masked: str


# What every detector needs somewhere in the text: a digit (phone, postcode, NI number), an @
# (email) or the start of a title (Mr, Mrs, Ms, Miss, Mx, Dr). Most text has none of them, and
# one scan for them is much cheaper than the five detectors.
_ANY_CLUE = re.compile(r"[\d@]|M[rsix]|Dr")


def find_personal_data(text: str) -> list[Finding]:
    """Every piece of personal data in ``text``, in order, none overlapping another.

    Where two detectors claim overlapping text, the one run first wins, in the order email,
    National Insurance number, postcode, phone, name (an email address made of digits is an
    email address, not a phone number).
    """
    if _ANY_CLUE.search(text) is None:
        return []
    found: list[Finding] = []
    for kind, spans in _DETECTORS:
        for start, end in spans(text):
            if not any(start < other.end and other.start < end for other in found):
                found.append(Finding(kind, start, end, mask(kind, text[start:end])))
    return sorted(found, key=lambda finding: finding.start)


def mask(kind: str, value: str) -> str:
    """A short form of ``value`` that says what it is but cannot give it back.

    A fixed number of dots stands for whatever is hidden, so a mask does not even tell the
    length: ``j•••@e•••.com``, ``07••• ••••89``, ``L4 •••``, ``AB •• •• •• •``, ``Mrs P•••``.
    """
    try:
        masker = _MASKERS[kind]
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}") from None
    return masker(value)


# --- email addresses ----------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@"
    r"([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,})(?![\w-])"
)

# Mailboxes that name a function, not a person (RFC 2142 and what housing providers use).
_ROLE_MAILBOXES = frozenset({
    "admin", "asb", "complaints", "contact", "contactus", "customer.services", "customerservices",
    "enquiries", "enquiry", "feedback", "hello", "help", "helpdesk", "housing", "info",
    "mail", "media", "no-reply", "noreply", "office", "postmaster", "press", "repairs",
    "reception", "sales", "service", "services", "support", "team", "tenancy", "webmaster",
})


def _emails(text: str) -> Iterator[tuple[int, int]]:
    """Spans of email addresses whose mailbox is not a role mailbox."""
    for match in _EMAIL.finditer(text):
        if match.group(1).lower() not in _ROLE_MAILBOXES:
            yield match.span()


def _mask_email(value: str) -> str:
    """The first letter of the mailbox and of the domain, and the last label of the domain."""
    local, _, domain = value.partition("@")
    return f"{local[:1]}{_HIDDEN}@{domain[:1]}{_HIDDEN}.{domain.rsplit('.', 1)[-1]}"


# --- phone numbers ------------------------------------------------------------------------------

# A run that could be a phone number: +44 / 0044 (with an optional "(0)"), a bracketed area
# code, or a 0, then groups of digits joined by single spaces or hyphens. The look-behind keeps
# out digits glued to words, paths, decimals, dates, money and other numbers.
_PHONE_RUN = re.compile(
    r"(?<![\w+@/.,£$€#-])"
    r"(?:(?P<intl>(?:\+44|0044)[ -]?(?:\(0\)[ -]?)?)|\((?P<area>0\d{2,4})\)[ -]?|(?=0))"
    r"(?P<body>\d+(?:[ -]\d+)*)"
    r"(?![\w@£$€%])"
)
_GROUP = re.compile(r"\d+")


def _phones(text: str) -> Iterator[tuple[int, int]]:
    """Spans of UK phone numbers.

    From each candidate's start the longest run of its groups that makes a valid number wins, so
    a count after a number ("07700 900123 2 times") is left out. A candidate that makes no
    number is skipped only as far as its first group, so a number later in the run is still found.
    """
    position = 0
    while (match := _PHONE_RUN.search(text, position)) is not None:
        groups = list(_GROUP.finditer(text, match.start("body"), match.end("body")))
        end = _longest_number(match, groups)
        if end is not None:
            yield match.start(), end
            position = end
        else:
            position = groups[0].end()


def _longest_number(match: re.Match[str], groups: list[re.Match[str]]) -> int | None:
    """Where the longest valid number made of the first groups of ``match`` ends, if any."""
    for count in range(min(len(groups), 5), 0, -1):
        digits = _national_digits(match, [group.group() for group in groups[:count]])
        if digits is not None and _is_uk_number(digits):
            return groups[count - 1].end()
    return None


def _national_digits(match: re.Match[str], groups: list[str]) -> str | None:
    """The number as dialled in the UK (leading 0), or None when the grouping is implausible."""
    if match.group("area"):
        national, rest = match.group("area"), groups
    elif match.group("intl"):
        national, rest = "0" + groups[0].lstrip("0"), groups[1:]
    else:
        national, rest = groups[0], groups[1:]
        if len(national) < 3:
            return None
    if len(national) < 2 or any(len(group) < 3 for group in rest):
        return None
    return national + "".join(rest)


def _is_uk_number(digits: str) -> bool:
    """Mobiles 07 + 9 digits; 01 with 10 or 11 digits; 02 and 03 with 11."""
    if digits.startswith("07") or digits.startswith("02") or digits.startswith("03"):
        return len(digits) == 11
    return digits.startswith("01") and len(digits) in (10, 11)


def _mask_phone(value: str) -> str:
    """The first two digits as dialled in the UK and the last two."""
    digits = re.sub(r"\D", "", value.replace("(0)", ""))
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44"):
        digits = "0" + digits[2:]
    return f"{digits[:2]}{_HIDDEN} ••••{digits[-2:]}"


# --- postcodes ----------------------------------------------------------------------------------

# Outward code: area (1-2 letters; Q, V, X never first, I, J, Z never second), district (0, or
# 1-99 without a leading zero, or a digit and a letter: W1A, EC1A). Inward: digit, two letters
# from those used (no C, I, K, M, O, V). Upper case only.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?P<outward>[A-PR-UWYZ][A-HK-Y]?(?:[1-9][0-9]?|0|[1-9][A-Z]))"
    r" ?(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})"
    r"(?![A-Za-z0-9])"
)


def _postcodes(text: str) -> Iterator[tuple[int, int]]:
    """Spans of full UK postcodes."""
    for match in _POSTCODE.finditer(text):
        yield match.span()


def _mask_postcode(value: str) -> str:
    """The outward code, which alone names a district of thousands of homes, not one home."""
    match = _POSTCODE.fullmatch(value)
    outward = match.group("outward") if match else value[:1]
    return f"{outward} {_HIDDEN}"


# --- National Insurance numbers -----------------------------------------------------------------

# Prefix: first letter not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V; and never BG, GB,
# KN, NK, NT, TN or ZZ. Suffix A-D. Spaced in pairs, or not at all.
_NINO = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?!BG|GB|KN|NK|NT|TN|ZZ)(?P<prefix>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r"(?:"
    r" ?\d{6} ?[A-D]"
    r"| \d{2} \d{2} \d{2}(?: ?[A-D])?"
    r")"
    r"(?![A-Za-z0-9])"
)


def _ni_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Spans of National Insurance numbers."""
    for match in _NINO.finditer(text):
        yield match.span()


def _mask_ni_number(value: str) -> str:
    """The two prefix letters only: they are shared by millions of numbers."""
    return f"{value[:2]} •• •• •• •"


# --- names with a title -------------------------------------------------------------------------

# A surname: Patel, O'Brien, McDonald, Smith-Jones, but not another title ("Mrs Mr and ...").
# Spaces between the parts may include one line break: a folded YAML scalar can wrap there.
_SURNAME = r"(?!(?:Mrs|Mr|Ms|Miss|Mx|Dr)\b)[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:-?[A-Z][a-z]+)*"
_GAP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_TITLED_NAME = re.compile(
    r"\b(?P<title>Mrs|Mr|Ms|Miss|Mx|Dr)\b\.?"
    r"(?P<name>(?:" + _GAP + r"[A-Z]\.?)*" + _GAP + _SURNAME + r")"
    r"(?!\w|-\w)"
)


def _titled_names(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a title followed by a surname, with any initials in between."""
    for match in _TITLED_NAME.finditer(text):
        yield match.span()


def _mask_titled_name(value: str) -> str:
    """The title and the surname's first letter."""
    match = _TITLED_NAME.fullmatch(value)
    if match is None:
        return f"{value[:1]}{_HIDDEN}"
    surname = match.group("name").split()[-1]
    return f"{match.group('title')} {surname[:1]}{_HIDDEN}"


_DETECTORS: tuple[tuple[str, Callable[[str], Iterator[tuple[int, int]]]], ...] = (
    (EMAIL, _emails),
    (NI_NUMBER, _ni_numbers),
    (POSTCODE, _postcodes),
    (PHONE, _phones),
    (TITLED_NAME, _titled_names),
)

_MASKERS: dict[str, Callable[[str], str]] = {
    EMAIL: _mask_email,
    PHONE: _mask_phone,
    POSTCODE: _mask_postcode,
    NI_NUMBER: _mask_ni_number,
    TITLED_NAME: _mask_titled_name,
}
