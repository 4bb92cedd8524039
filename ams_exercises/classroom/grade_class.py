"""Grade a whole class: read each learner's submission and grade it with the grading core.

No printing and no exiting: the command line shows progress through ``on_learner`` and
turns the result into a report (:mod:`.report`). Learners' notebooks are read, never run.
One learner never stops the class: a fault while reading or grading one learner's work is
listed as a problem of theirs, and every other learner is graded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..api import grade_sheet
from ..grader.keys import AnswerKey, all_keys
from .submissions import Problem, Submission, fault, find_learners, problem, read_submission
from .summary import ClassSummary, Graded, summarize


@dataclass(frozen=True)
class GradedClass:
    """Every graded result and the summary the report shows."""

    graded: list[Graded]
    summary: ClassSummary


def count_learners(folder: Path) -> int:
    """How many learners ``folder`` holds (for a progress bar); raises if it is not a folder."""
    return len(find_learners(folder)[0])


def _grade_learner(sub: Submission) -> tuple[list[Graded], list[Problem], dict[str, AnswerKey]]:
    """One learner's graded sheets, problems and the keys they answered; a sheet the grader
    fails on becomes a problem of theirs."""
    graded: list[Graded] = []
    problems = list(sub.problems)
    keys: dict[str, AnswerKey] = {}
    for exercise, sheet in sub.sheets.items():
        source = sub.sources[exercise]
        try:
            graded.append(Graded(sub.learner, grade_sheet(sheet), source))
        except Exception as exc:  # a fault of the tool's: this answer sheet only
            problems.append(problem(sub.learner, source, fault(exc, "graded")))
            continue
        keys[exercise] = sheet.key
    return graded, problems, keys


def grade_class(folder: Path, *, on_learner: Callable[[str], None] | None = None) -> GradedClass:
    """Read and grade every learner in ``folder``; unreadable files become problems."""
    found, stray = find_learners(folder)
    graded: list[Graded] = []
    keys: dict[str, AnswerKey] = {}
    learners: list[str] = []
    problems: list[Problem] = list(stray)
    for learner, files in found.items():
        learners.append(learner)
        try:
            mine, theirs, answered = _grade_learner(
                read_submission(learner, files.files, files.skipped)
            )
        except Exception as exc:  # a fault of the tool's: this learner only
            problems.append(problem(learner, folder / learner, fault(exc, "graded")))
        else:
            graded.extend(mine)
            problems.extend(theirs)
            keys.update(answered)
        if on_learner is not None:
            on_learner(learner)
    in_order = [k for k in all_keys() if k.id in keys]
    course_max = sum(k.max_score for k in all_keys())
    return GradedClass(
        graded, summarize(graded, learners, problems, in_order, course_max=course_max)
    )
