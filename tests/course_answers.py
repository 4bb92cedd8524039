"""Answers a reader types into the course's checks: right ones from the keys (the SCORM and
progress tests pass every check with them), ones that earn nothing, and the Python grader's
score for them; the assessments as the course's module list names them."""

from __future__ import annotations

from ams_exercises.grader.keys import all_keys
from ams_exercises.grader.vocabulary import LIST_FIELDS


def right_answers() -> dict[str, dict[str, str]]:
    """For every check: the key's first phrasing of each item it needs, as a reader types it."""
    out = {}
    for key in all_keys():
        answers = {}
        for name in key.asks:
            fk = key.fields[name]
            items = [item.accept[0] for item in fk.expected[: fk.needed]]
            answers[name] = "\n".join(items) if name in LIST_FIELDS else items[0]
        out[key.id] = answers
    return out


def assessment(kind: str):
    """The course's assessment module of ``kind`` ("pre" or "final"), from its module list."""
    from ams_exercises.grader.keys import modules

    return next(m for m in modules().values() if m.assessment == kind)


def unsure_answers(exercise: str) -> dict[str, str]:
    """An answer to every field of ``exercise`` that earns nothing, whatever the key."""
    from ams_exercises.grader.keys import key_for

    return {name: "no idea" for name in key_for(exercise).asks}


def points(exercise: str, answers: dict[str, str]) -> float:
    """What the Python grader gives ``answers`` (one submission: the first attempt)."""
    from ams_exercises.grader.grading import grade
    from ams_exercises.grader.keys import key_for

    return grade(key_for(exercise), answers).score


def shown_percent(got: float, of: int) -> str:
    """A share as the page writes it: in percent, one decimal at most, never rounded up."""
    value = int(got * 1000 / of) / 10
    return f"{value:g}"
