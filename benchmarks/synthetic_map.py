"""A synthetic journey map of any length, for the render benchmark and the look script.

Every step is full (touchpoints, doing/thinking/feeling, feedback, quotes, pain points, actions;
every fifth a survey and a metric, a few optional, a few moments of truth), with text of varied
length, so the map exercises wrapping at its realistic worst. Deterministic: the same step count
gives the same map.
"""

from __future__ import annotations

from typing import Any

from cjmap.model import ACTION_STATUSES, CHANNELS, JourneyMap

WORDS = (
    "tenant officer repair appointment call letter portal waiting update visit keys rent "
    "support damp heating boiler form contractor survey promise delay follow-up complaint "
    "neighbourhood carpet paint translator manager charter weekend voicemail"
).split()


def _text(seed: int, words: int) -> str:
    picked = [WORDS[(seed * 7 + i * 13 + i * i) % len(WORDS)] for i in range(words)]
    return (" ".join(picked) + ".").capitalize()


def _step(index: int) -> dict[str, Any]:
    step: dict[str, Any] = {
        "id": f"step-{index + 1}",
        "name": f"Step {index + 1}: " + _text(index, 2 + index % 5),
        "optional": index % 9 == 4,
        "summary": _text(index + 1, 30),
        "doing": _text(index + 2, 6 + index % 9),
        "thinking": _text(index + 3, 5 + index % 7) + " Will it get sorted?",
        "feeling": _text(index + 4, 2 + index % 3),
        "touchpoints": [{"channel": CHANNELS[(index + k) % len(CHANNELS)],
                         "with": _text(index + k, 2 + k)} for k in range(1 + index % 3)],
        "feedback": {"positive": (index * 5) % 17, "neutral": index % 4,
                     "negative": (index * 3) % 11, "no_comment": index % 2},
        "quotes": [{"text": _text(index + 5, 9), "sentiment": "negative",
                    "who": "tenant, interview"},
                   {"text": _text(index + 6, 5), "sentiment": "positive"}],
        "pain_points": [_text(index + 7 + k, 8 + k * 3) for k in range(1 + index % 3)],
        "actions": [{"recommendation": _text(index + 9 + k, 12), "owner": _text(k, 2),
                     "due": "2026/27 Q4", "status": ACTION_STATUSES[(index + k) % 5]}
                    for k in range(1 + index % 2)],
    }
    if index % 5 == 2:
        step["survey"] = {"question": "Satisfaction with this step", "base": 120 + index,
                          "satisfied": 40 + index % 50, "dissatisfied": 30 - index % 25}
        step["metrics"] = [{"name": "Days to complete", "value": 4 + index % 9, "unit": "days",
                            "target": 7, "better": "lower"}]
    if index % 11 == 3:
        step["moment_of_truth"] = _text(index + 11, 18)
    return step


def synthetic_map(steps: int, stages: int = 0) -> JourneyMap:
    """A valid map of ``steps`` steps in ``stages`` stages (default: one per 5 steps)."""
    stages = stages or max(1, steps // 5)
    data = {
        "cjmap": 1,
        "journey": {"title": f"A synthetic journey of {steps} steps",
                    "customer": "Tenants in a benchmark", "organisation": "Example Homes",
                    "period": "2025/26 Q4", "owner": "Benchmarks",
                    "research": [{"method": "interview", "participants": 20}]},
        "stages": [{"id": f"stage-{k + 1}", "name": f"Stage {k + 1}: " + _text(k, 3)}
                   for k in range(stages)],
        "steps": [_step(index) for index in range(steps)],
    }
    for index, step in enumerate(data["steps"]):  # consecutive runs, as the format expects
        step["stage"] = f"stage-{index * stages // steps + 1}"
    return JourneyMap.model_validate(data)
