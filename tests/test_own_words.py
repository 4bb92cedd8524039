"""Learners' own words: the grader agrees with a trainer on phrasings no rule was written for.

``tests/phrasings/own-words/*.yaml`` holds at least ten answers per exercise in the forms
employees write (relative clauses, participles, hedges, negation, qualifiers, typos). Every
one must get the trainer's verdict, and a wrong answer that names another role that role;
the few the grader still reads otherwise are pinned one by one, with the reason, in
``tests/phrasings/known-disagreements.yaml`` (each must keep the verdict pinned there, so a
regression or a fix shows).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from known_disagreements import PINNED, pinned

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for, key_ids
from ams_exercises.grader.vocabulary import VERDICTS

HERE = Path(__file__).parent / "phrasings" / "own-words"
SPECS = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(HERE.glob("*.yaml"))]
CASES = [(spec["exercise"], case) for spec in SPECS for case in spec["cases"]]
PARAMS = [
    pytest.param(ex, case, id=f"{ex}:{case['field']}:{case['answer']}")
    for ex, case in CASES
    if pinned(ex, case) is None
]


def _result(exercise: str, field: str, answer: object):
    return grade(key_for(exercise), {field: answer}).fields[field]


def test_the_set_covers_every_exercise_with_ten_answers_or_more():
    per_exercise: dict[str, int] = {}
    for ex, _case in CASES:
        per_exercise[ex] = per_exercise.get(ex, 0) + 1
    assert len(CASES) >= 300
    assert set(per_exercise) == set(key_ids())
    assert min(per_exercise.values()) >= 10
    assert sum("recognized_as" in c for _ex, c in CASES) >= 100


@pytest.mark.parametrize(("exercise", "case"), PARAMS)
def test_the_grader_gives_the_trainers_verdict_and_role(exercise, case):
    result = _result(exercise, case["field"], case["answer"])
    assert result.verdict == case["verdict"], result.feedback
    if "recognized_as" in case:
        assert result.recognized_as == case["recognized_as"], result.feedback


@pytest.mark.parametrize(
    "known", PINNED, ids=[f"{p['exercise']}:{p['field']}:{p['answer']}" for p in PINNED]
)
def test_each_pinned_disagreement_is_unchanged(known):
    result = _result(known["exercise"], known["field"], known["answer"])
    assert result.verdict == known["grader"], (
        f"the grader now says {result.verdict}: if that is the trainer's verdict, remove this"
        " case from tests/phrasings/known-disagreements.yaml"
    )


def test_each_pinned_case_is_a_phrasing_of_the_sets():
    written = {
        (spec["exercise"], c["field"], str(c["answer"]))
        for path in (HERE.parent).rglob("*.yaml")
        if path.stem != "known-disagreements"
        for spec in [yaml.safe_load(path.read_text("utf-8"))]
        for c in spec["cases"]
    }
    for p in PINNED:
        assert (p["exercise"], p["field"], str(p["answer"])) in written, p


def test_few_disagreements_are_pinned():
    """The pinned cases are a short, shrinking list, not a way around the tests."""
    assert len(PINNED) <= 10


@pytest.mark.parametrize("spec", SPECS, ids=[s["exercise"] for s in SPECS])
def test_each_case_is_well_formed(spec):
    key = key_for(spec["exercise"])
    for case in spec["cases"]:
        assert case["field"] in key.asks, case
        assert case["verdict"] in VERDICTS, case
