"""The Tenant Satisfaction Measures catalogue: TP01-TP12, RP01-RP02, BS01-BS05, CH01-CH02, NM01.

A map names a measure by its code (``steps[].survey.tsm``, ``steps[].metrics[].tsm``), so a
check needs to know which codes exist, what each measures, and what the analyst most likely meant
by a code that does not exist. The catalogue is data (``tsm.yaml`` beside this module, shipped as
package data), read once and cached; its comments cite the regulator's documents and its
``note`` fields say what could not be confirmed against them.

Codes are matched exactly as the regulator writes them (``TP03``): :func:`lookup` is strict so
that a map keeps one spelling a diff and a trend can rely on. :func:`normalise_code` and
:func:`suggest` are the forgiving side, for a did-you-mean: ``tp3``, ``TP 3`` and ``tp-03`` all
normalise to ``TP03``, and a near miss like ``TP13`` is matched by similarity.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ruamel.yaml import YAML

KINDS = ("perception", "management")
DIRECTIONS = ("higher-is-better", "lower-is-better", "neither")
TENURES = ("lcra", "lcho")

_CODE = re.compile(r"([A-Za-z]{2})[\s._-]*0*(\d{1,2})")


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a document and the part of it that says so."""

    document: str
    section: str


@dataclass(frozen=True)
class TsmMeasure:
    """One Tenant Satisfaction Measure, as the regulator defines it."""

    code: str
    kind: str
    theme: str
    title: str
    description: str
    wording: str
    population: str
    tenure: tuple[str, ...]
    unit: str
    direction: str
    source: Source
    scale: str | None = None
    parts: tuple[str, ...] = ()
    note: str | None = None


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, TsmMeasure]:
    """Every measure by code, in the regulator's order; read from package data once."""
    text = files(__package__).joinpath("tsm.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    return {entry["code"]: _measure(entry) for entry in data["measures"]}


def lookup(code: str) -> TsmMeasure | None:
    """The measure with exactly this code (``"TP03"``), or None; see :func:`suggest`."""
    return load_catalogue().get(code)


def normalise_code(text: str) -> str:
    """``text`` in the regulator's spelling when it looks like a code, else stripped upper case.

    Two letters and a number, with any case, spacing, dot, hyphen or leading zeros:
    ``"tp3"``, ``" Tp 03 "`` and ``"tp-3"`` give ``"TP03"``. The result need not be a real code.
    """
    match = _CODE.fullmatch(text.strip())
    if match is None:
        return text.strip().upper()
    letters, number = match.groups()
    return f"{letters.upper()}{int(number):02d}"


def suggest(code: str) -> str | None:
    """The catalogue code ``code`` most likely means, or None when nothing is close.

    A code that normalises to a real one (``"tp3"``) gives it, a real code gives itself, and
    anything else the most similar code by :mod:`difflib` (``"TP13"`` -> a TP code), so that a
    validator can say "did you mean". Ratios below 0.6 (difflib's default) suggest nothing.
    """
    catalogue = load_catalogue()
    normal = normalise_code(code)
    if normal in catalogue:
        return normal
    close = difflib.get_close_matches(normal, list(catalogue), n=1)
    return close[0] if close else None


def _measure(entry: dict[str, Any]) -> TsmMeasure:
    """A measure from its YAML mapping; lists become tuples so the value stays hashable."""
    return TsmMeasure(
        code=entry["code"],
        kind=entry["kind"],
        theme=entry["theme"],
        title=entry["title"],
        description=entry["description"],
        wording=entry["wording"],
        population=entry["population"],
        tenure=tuple(entry["tenure"]),
        unit=entry["unit"],
        direction=entry["direction"],
        source=Source(**entry["source"]),
        scale=entry.get("scale"),
        parts=tuple(entry.get("parts", ())),
        note=entry.get("note"),
    )
