"""Learners' own words: the grader agrees with a trainer on phrasings no rule was written for.

``tests/phrasings/own-words/*.yaml`` holds at least ten answers per exercise in the forms
employees write (relative clauses, participles, hedges, negation, qualifiers, typos). The
grader must give the trainer's verdict on at least 95% of them, and recognize the role of
at least 95% of the wrong answers that name another role. Every disagreement is printed,
so a failure shows the families of answers the reading rules still miss.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for, key_ids

HERE = Path(__file__).parent / "phrasings" / "own-words"
SPECS = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(HERE.glob("*.yaml"))]
CASES = [(spec["exercise"], case) for spec in SPECS for case in spec["cases"]]


def _judged() -> list[tuple[str, dict, object]]:
    return [
        (ex, case, grade(key_for(ex), {case["field"]: case["answer"]}).fields[case["field"]])
        for ex, case in CASES
    ]


def test_the_set_covers_every_exercise_with_ten_answers_or_more():
    per_exercise: dict[str, int] = {}
    for ex, _case in CASES:
        per_exercise[ex] = per_exercise.get(ex, 0) + 1
    assert len(CASES) >= 300
    assert set(per_exercise) == set(key_ids())
    assert min(per_exercise.values()) >= 10


def test_verdicts_agree_with_the_trainer_on_95_percent():
    judged = _judged()
    wrong = [
        f"{ex} {c['field']} {c['answer']!r}: trainer {c['verdict']}, grader {r.verdict}"
        f" ({r.feedback[:100]})"
        for ex, c, r in judged
        if r.verdict != c["verdict"]
    ]
    agree = 1 - len(wrong) / len(judged)
    assert agree >= 0.95, f"{agree:.1%} agree; disagreements:\n" + "\n".join(wrong)


def test_wrong_answers_naming_another_role_are_recognized_as_it_on_95_percent():
    judged = [j for j in _judged() if "recognized_as" in j[1]]
    assert len(judged) >= 100
    missed = [
        f"{ex} {c['field']} {c['answer']!r}: trainer {c['recognized_as']}, grader {r.recognized_as}"
        for ex, c, r in judged
        if r.recognized_as != c["recognized_as"]
    ]
    share = 1 - len(missed) / len(judged)
    assert share >= 0.95, f"{share:.1%} recognized; missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("spec", SPECS, ids=[s["exercise"] for s in SPECS])
def test_each_case_is_well_formed(spec):
    key = key_for(spec["exercise"])
    for case in spec["cases"]:
        assert case["field"] in key.asks, case
        assert case["verdict"] in ("correct", "partial", "incorrect", "missing"), case
