"""The semantic checks: one module per check, registered here by id.

Each check module has ``ID``, ``SEVERITY`` (its default), a docstring that is its user
documentation, and ``check(journey, context)`` yielding :class:`~cjmap.problems.Finding` values.
The runner stamps the id and severity on each finding, so checks stay small.

Problems found before the checks can run (the file cannot be read, parsed or validated against
the model) have ids too; they are listed in :data:`BUILT_IN` and are always errors.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Iterator

from cjmap.checks import (
    action_accountability,
    action_overdue,
    diagnosis_decision,
    feedback_participants,
    moment_without_action,
    moments_of_truth_count,
    negative_without_response,
    personal_data,
    quote_balance,
    segment_base,
    stage_order,
    stage_reference,
    standard_id,
    standard_target,
    step_touchpoint,
    survey_base_participants,
    survey_fractions,
    survey_sum_low,
    survey_total,
    tsm_code,
    tsm_kind,
    unique_ids,
    unknown_channel,
)
from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

CHECKS: tuple[ModuleType, ...] = (
    unique_ids,
    stage_reference,
    survey_total,
    segment_base,
    survey_fractions,
    survey_sum_low,
    survey_base_participants,
    feedback_participants,
    moments_of_truth_count,
    moment_without_action,
    negative_without_response,
    action_accountability,
    action_overdue,
    step_touchpoint,
    unknown_channel,
    quote_balance,
    stage_order,
    diagnosis_decision,
    personal_data,
    tsm_code,
    tsm_kind,
    standard_id,
    standard_target,
)
CHECK_BY_ID = {module.ID: module for module in CHECKS}

# Problems found while reading the file, before any check runs: always errors.
BUILT_IN: dict[str, str] = {
    "io": "The file cannot be read (missing, a folder, no permission).",
    "encoding": "The file is not UTF-8 text; the position is the first bad byte.",
    "empty": "The file has no content (only blank lines or comments).",
    "syntax": "The YAML does not parse; the position is where the parser stopped.",
    "duplicate-key": "A key appears twice in one mapping; YAML would keep only one value.",
    "alias-limit": "Anchors and aliases expand the file past 100,000 nodes (an alias bomb).",
    "nesting-limit": "Lists and mappings nest more than 100 levels deep (refused before parsing).",
    "not-a-mapping": "The top level is not a mapping of cjmap:, journey:, steps:...",
    "version": "`cjmap:` is missing or names a format version this cjmap does not read.",
    "unknown-key": "A key the format does not define (with a did-you-mean suggestion).",
    "missing-field": "A required field is missing; the position is the mapping that needs it.",
    "invalid-value": "A value has the wrong type or is outside its allowed values or range.",
    "id-format": "An id is not a slug: lower-case letters, digits and single hyphens.",
}
# Problems found by comparing the maps of one run (``cjmap.validate.validate_paths``), not one
# map: each is a warning, reported on one file and naming the other.
RUN_LEVEL: dict[str, str] = {
    "wave-not-archived": "Two maps share a journey title and neither is archived "
                         "(probably a past wave to mark `archived: true`).",
}
# Problems found in the text of a map that is otherwise well formed: what YAML read differently
# from what the analyst wrote. Warnings, configurable like the checks.
TEXT_LEVEL: dict[str, str] = {
    "comment-value": "A value begins with `#`, which YAML reads as a comment, so the value is "
                     "empty (`summary: #1 complaint`); quote the text.",
}
RULE_IDS = (frozenset(CHECK_BY_ID) | frozenset(BUILT_IN) | frozenset(RUN_LEVEL)
            | frozenset(TEXT_LEVEL))
# Every rule with its one-line description, for `cjmap checks` and SARIF.
OTHER_RULES: dict[str, str] = {**RUN_LEVEL, **TEXT_LEVEL}



def documentation(module: ModuleType) -> tuple[str, str]:
    """The first line of a check's docstring, and the rest, as Markdown (the docstrings' RST
    ``literals`` become Markdown `literals`)."""
    doc = re.sub(r"``([^`]+)``", r"`\1`", (module.__doc__ or "").strip())
    summary, _, rest = doc.partition("\n")
    return summary.strip(), rest.strip()


def run_checks(journey: JourneyMap, context: CheckContext) -> Iterator[tuple[Finding, Severity, str]]:
    """Every enabled check's findings, with the severity the configuration gives it."""
    for module in CHECKS:
        severity = context.config.severity_of(module.ID, module.SEVERITY)
        if severity is None:
            continue
        for finding in module.check(journey, context):
            yield finding, severity, module.ID
