"""The 5Cs go/no-go diagnostic: the core of ``cjmap diagnose``.

- :mod:`.rule`: the five questions and the decision rule;
- :mod:`.questionnaire`: the interactive questionnaire behind an injectable prompter;
- :mod:`.answers_file`: reading answers from YAML (``--answers FILE``);
- :mod:`.saving`: writing a diagnosis into a map (``--save``) or a new map (``--new``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.fivecs.answers_file import AnswersError, parse_answers
    from cjmap.fivecs.rule import QUESTIONS, Decision, Diagnosed, decide, diagnose
    from cjmap.fivecs.saving import SaveError, diagnosed_map_text, save_into

_EXPORTS = {
    "AnswersError": "cjmap.fivecs.answers_file",
    "Decision": "cjmap.fivecs.rule",
    "Diagnosed": "cjmap.fivecs.rule",
    "QUESTIONS": "cjmap.fivecs.rule",
    "SaveError": "cjmap.fivecs.saving",
    "decide": "cjmap.fivecs.rule",
    "diagnose": "cjmap.fivecs.rule",
    "diagnosed_map_text": "cjmap.fivecs.saving",
    "parse_answers": "cjmap.fivecs.answers_file",
    "save_into": "cjmap.fivecs.saving",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
