"""The grader on words nobody tuned it to: phrasings written by people who never saw the
keys (``tests/phrasings/independent/``, copied from the project's shared set).

Each set must get the trainer's verdict on at least 97% of its answers and, on at least
97% of the wrong answers whose group a trainer names, name that group's role; and no
feedback may put words in the learner's mouth or assert a role or a trap the answer did
not earn. The page gives the same verdicts: these answers are among the shared vectors
(``tests/checker``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for
from ams_exercises.grader.normalize import normal

HERE = Path(__file__).parent / "phrasings" / "independent"
SETS = {p.stem: yaml.safe_load(p.read_text("utf-8"))["cases"] for p in sorted(HERE.glob("*.yml"))}
QUOTED = re.compile("\u201c([^\u201d]*)\u201d")
#: How feedback asserts a role ("are investors", "is a stakeholder").
ROLE_WORDS = re.compile(
    r"\b(?:is|are) (?:an? )?(?:investors?|stakeholders?|strategic customers?|"
    r"operational support|the primary customer)\b",
    re.IGNORECASE,
)


def _graded(case: dict):
    return grade(key_for(case["ex"]), {case["field"]: case["answer"]}).fields[case["field"]]


def test_both_sets_are_here():
    assert {name: len(cases) for name, cases in SETS.items()} == {
        "independent-1": 60,
        "independent-2": 348,
    }


@pytest.mark.parametrize("name", sorted(SETS))
def test_verdicts_agree_with_the_trainer_on_97_percent(name):
    cases = SETS[name]
    wrong = [
        f"{c['ex']} {c['field']} {c['answer']!r}: trainer {c['expect']}, grader {r.verdict}"
        for c in cases
        if (r := _graded(c)).verdict not in c["expect"]
    ]
    share = 1 - len(wrong) / len(cases)
    assert share >= 0.97, f"{share:.1%}; disagreements:\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(SETS))
def test_wrong_answers_naming_a_group_get_its_role_on_97_percent(name):
    cases = [c for c in SETS[name] if "role" in c]
    missed = [
        f"{c['ex']} {c['field']} {c['answer']!r}: trainer {c['role']}, grader {r.recognized_as}"
        for c in cases
        if (r := _graded(c)).recognized_as != c["role"]
    ]
    share = 1 - len(missed) / len(cases)
    assert share >= 0.97, f"{share:.1%}; missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("name", sorted(SETS))
def test_feedback_never_says_what_the_answer_did_not(name):
    """Quoted words are the learner's own; a role is asserted only where a trainer names
    the same one (or names none); an answer the grader cannot place is given no role and
    no trap."""
    problems = []
    for c in SETS[name]:
        r = _graded(c)
        answer = c["answer"] if isinstance(c["answer"], str) else " ".join(c["answer"])
        for quoted in QUOTED.findall(r.feedback):
            if normal(quoted) not in normal(answer):
                problems.append(f"{c['ex']} {c['answer']!r}: quotes {quoted!r}")
        if "role" in c and r.recognized_as not in (None, c["role"]):
            problems.append(f"{c['ex']} {c['answer']!r}: called {r.recognized_as}")
        if r.verdict == "unsure" and (
            r.trap or "Trap:" in r.feedback or ROLE_WORDS.search(r.feedback)
        ):
            problems.append(f"{c['ex']} {c['answer']!r}: no verdict, yet {r.feedback[:80]!r}")
    assert not problems, "\n".join(problems)
