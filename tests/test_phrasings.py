"""Realistic learner phrasings, written as a trainer would expect them, get a trainer's verdict.

Each file in ``tests/phrasings/`` lists answers for one exercise with the verdict (and,
for a wrong answer the key knows, the role) a trainer would give.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from known_disagreements import pinned

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for

HERE = Path(__file__).parent / "phrasings"
SPECS = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted(HERE.glob("*.yaml"))
    if p.stem != "known-disagreements"
}
CASES = [
    pytest.param(spec["exercise"], case, id=f"{spec['exercise']}:{case['field']}:{case['answer']}")
    for spec in SPECS.values()
    for case in spec["cases"]
]
SOURCE_SCENARIOS = [
    "environmental-permit",
    "intergenerational-poverty",
    "traffic-congestion",
    "medicaid-services",
    "federal-it-modernization",
    "state-audit-team",
    "procurement-requests",
    "it-case-management",
]


@pytest.mark.parametrize("scenario", SOURCE_SCENARIOS)
def test_each_source_scenario_has_ten_realistic_phrasings_right_near_and_wrong(scenario):
    cases = SPECS[scenario]["cases"]
    verdicts = {c["verdict"] for c in cases}
    assert len(cases) >= 10
    assert {"correct", "incorrect"} <= verdicts


@pytest.mark.parametrize(("exercise", "case"), CASES)
def test_the_grader_gives_the_trainers_verdict(exercise, case):
    result = grade(key_for(exercise), {case["field"]: case["answer"]}).fields[case["field"]]
    if pinned(exercise, case) is not None:
        return  # tests/test_own_words.py::test_each_pinned_disagreement_is_unchanged
    assert result.verdict == case["verdict"], result.feedback
    if "recognized_as" in case:
        assert result.recognized_as == case["recognized_as"]
    if "trap" in case:
        assert result.trap == case["trap"]
