"""The Python API, and the one "grade this" that every surface calls.

>>> from ams_exercises import check
>>> result = check("environmental-permit", primary_customer="the general public")
>>> result.fields["primary_customer"].recognized_as
'investors'

In Jupyter the result shows as a table; in a terminal ``print(result)`` shows text. The
command line, the notebooks, the class report and the page's build all grade through
:func:`grade_sheet`: answers checked against their exercise, then judged by the core.
"""

from __future__ import annotations

from pathlib import Path

from .answers.sheet import AnswerSheet, parse_answers, read_answer_file
from .grader.grading import grade
from .grader.keys import AnswerKey, all_keys, key_for
from .grader.result import CheckResult


def grade_sheet(sheet: AnswerSheet, *, attempt: int = 0) -> CheckResult:
    """Grade a checked answer sheet; ``attempt`` (0-based) picks how far along hints go."""
    return grade(sheet.key, sheet.answers, attempt=attempt)


def check(exercise: str, /, *, attempt: int = 0, **answers: str | list[str] | None) -> CheckResult:
    """Grade keyword answers: ``check("environmental-permit", widget="the permit")``."""
    return grade_sheet(
        parse_answers(answers, f"answers to {exercise!r}", exercise=exercise), attempt=attempt
    )


def check_file(path: str | Path, *, attempt: int = 0) -> CheckResult:
    """Grade a learner's YAML answer file."""
    return grade_sheet(read_answer_file(Path(path)), attempt=attempt)


def exercises() -> list[AnswerKey]:
    """Every exercise's key, in course order."""
    return all_keys()


def load_key(exercise: str) -> AnswerKey:
    """The validated answer key of ``exercise``."""
    return key_for(exercise)
