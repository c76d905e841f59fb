"""Evidence in: a map's figures computed from the files its ``evidence:`` block names.

- :func:`summarise_survey`: a survey (one row per respondent, CSV or XLSX) gives each step's
  base and its satisfied, neutral and dissatisfied counts, overall and by segment;
- :func:`summarise_coding`: an interview coding sheet gives each step's feedback counts (of
  people), its quotes, and the number of participants;
- :func:`summarise_cases`: a case log gives each measure's median, mean or share within N
  days, in working or calendar days, with the open cases counted apart.

Nothing here prints or changes a map: the figures are values, and every problem with a file is
an :class:`EvidenceError` that says where it is and how to fix it. See docs/evidence.md.
"""

from __future__ import annotations

from .cases import MeasureFigure, duration, summarise_cases
from .coding import CodingFigures, Quote, StepFeedback, summarise_coding
from .dates import parse_date
from .errors import EvidenceError
from .scale import Scale
from .shares import Percentages, percent, percentages
from .specs import DEFAULT_SCALE, CasesSpec, CodingSpec, MeasureSpec, SurveySpec
from .survey import (
    Breakdown,
    QuestionFigures,
    Segment,
    SurveyFigures,
    Tally,
    summarise_survey,
)
from .tables import Cell, cell_text, read_column_blocks, read_table

__all__ = [
    "DEFAULT_SCALE",
    "Breakdown",
    "CasesSpec",
    "Cell",
    "CodingFigures",
    "CodingSpec",
    "EvidenceError",
    "MeasureFigure",
    "MeasureSpec",
    "Percentages",
    "QuestionFigures",
    "Quote",
    "Scale",
    "Segment",
    "StepFeedback",
    "SurveyFigures",
    "SurveySpec",
    "Tally",
    "cell_text",
    "duration",
    "parse_date",
    "percent",
    "percentages",
    "read_column_blocks",
    "read_table",
    "summarise_cases",
    "summarise_coding",
    "summarise_survey",
]
