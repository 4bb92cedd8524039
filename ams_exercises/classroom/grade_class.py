"""Grade a whole class: read each learner's submission and grade it with the grading core.

No printing and no exiting: the command line shows progress through ``on_learner`` and
turns the result into a report (:mod:`.report`). Learners' notebooks are read, never run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..api import grade_sheet
from ..grader.keys import AnswerKey, all_keys
from .submissions import Problem, read_class
from .summary import ClassSummary, Graded, summarise


@dataclass(frozen=True)
class GradedClass:
    """Every graded result and the summary the report shows."""

    graded: list[Graded]
    summary: ClassSummary


def count_learners(folder: Path) -> int:
    """How many learners ``folder`` holds (for a progress bar); raises if it is not a folder."""
    return read_class(folder)[0]


def grade_class(folder: Path, *, on_learner: Callable[[str], None] | None = None) -> GradedClass:
    """Read and grade every learner in ``folder``; unreadable files become problems."""
    _count, stray, submissions = read_class(folder)
    graded: list[Graded] = []
    keys: dict[str, AnswerKey] = {}
    learners: list[str] = []
    problems: list[Problem] = list(stray)
    for sub in submissions:
        learners.append(sub.learner)
        problems.extend(sub.problems)
        for exercise, sheet in sub.sheets.items():
            keys[exercise] = sheet.key
            graded.append(Graded(sub.learner, grade_sheet(sheet), sub.sources[exercise]))
        if on_learner is not None:
            on_learner(sub.learner)
    in_order = [k for k in all_keys() if k.id in keys]
    return GradedClass(graded, summarise(graded, learners, problems, in_order))
