"""The Python API for notebooks and scripts.

>>> from ams_exercises import check
>>> result = check("environmental-permit", primary_customer="the general public")
>>> result.fields["primary_customer"].recognized_as
'investors'

In Jupyter the result shows as a table; in a terminal ``print(result)`` shows text.
"""

from __future__ import annotations

from pathlib import Path

from .answers import parse_answers, read_answer_file
from .grading import grade
from .keys import AnswerKey, all_keys, key_for
from .result import CheckResult


def check(exercise: str, /, *, attempt: int = 0, **answers: str | list[str] | None) -> CheckResult:
    """Grade keyword answers: ``check("environmental-permit", widget="the permit")``."""
    sheet = parse_answers(answers, f"answers to {exercise!r}", exercise=exercise)
    return grade(sheet.key, sheet.answers, attempt=attempt)


def check_file(path: str | Path, *, attempt: int = 0) -> CheckResult:
    """Grade a learner's YAML answer file."""
    sheet = read_answer_file(Path(path))
    return grade(sheet.key, sheet.answers, attempt=attempt)


def exercises() -> list[AnswerKey]:
    """Every exercise's key, in course order."""
    return all_keys()


def load_key(exercise: str) -> AnswerKey:
    """The validated answer key of ``exercise``."""
    return key_for(exercise)
