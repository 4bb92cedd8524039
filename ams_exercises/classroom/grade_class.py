"""Grade a whole class: read each learner's submission and grade it with the grading core.

No printing and no exiting: the command line shows progress through ``on_learner`` and
turns the result into a report (:mod:`.report`). Learners' notebooks are read, never run.
One learner never stops the class: a fault while reading or grading one learner's work is
listed as a problem of theirs, and every other learner is graded. One learner never takes
the class's time either: each is read and graded within a :class:`~.submissions.Budget`
(files, bytes, characters of answers, seconds), and what goes over is listed.

Answers are graded exactly as read, as ``ams-exercises check`` grades them; only the
result is made safe to show (:func:`~.safe_text.result_shown`). Then the trainer's
decisions (``decisions.yaml`` in the class folder, :mod:`.decisions`) are applied
(:mod:`.overrides`) before the class's figures are computed; the answer groups
(:mod:`.groups`) are those of the grader's own reading, so that each keeps its id.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..answers.sheet import AnswerSheet
from ..api import grade_sheet
from ..grader.keys import AnswerKey, all_keys
from .decisions import Decision, read_decisions
from .groups import AnswerGroup, answer_groups
from .model import ClassSummary, Graded
from .overrides import apply_decisions
from .safe_text import result_shown
from .submissions import (
    Problem,
    Submission,
    fault,
    find_learners,
    out_of_time,
    over_chars,
    private_folder,
    problem,
    read_submission,
)
from .summary import summarize


@dataclass(frozen=True)
class GradedClass:
    """Every graded result and the summary the report shows."""

    graded: list[Graded]
    summary: ClassSummary
    #: The grader's answer groups (before the trainer's decisions), most answers first.
    groups: list[AnswerGroup] = field(default_factory=list)
    #: The trainer's decisions, and those that matched no answer.
    decisions: list[Decision] = field(default_factory=list)
    unused: list[Decision] = field(default_factory=list)


def count_learners(folder: Path) -> int:
    """How many learners ``folder`` holds (for a progress bar); raises if it is not a folder."""
    return len(find_learners(folder)[0])


def answer_chars(sheet: AnswerSheet) -> int:
    """How many characters of answers ``sheet`` holds (what grading it costs)."""
    return sum(
        len(v) if isinstance(v, str) else sum(len(e) for e in v) if isinstance(v, list) else 0
        for v in sheet.answers.values()
    )


def _grade_learner(
    sub: Submission,
) -> tuple[list[Graded], list[Problem], dict[str, AnswerKey]]:
    """One learner's graded sheets, problems and the keys they answered, within their
    budget; a sheet the grader fails on becomes a problem of theirs."""
    graded: list[Graded] = []
    problems = list(sub.problems)
    keys: dict[str, AnswerKey] = {}
    budget = sub.budget
    for n, (exercise, sheet) in enumerate(sub.sheets.items()):
        source = sub.sources[exercise]
        if budget.out_of_time():
            more = len(sub.sheets) - n - 1
            problems.append(problem(sub.learner, source, out_of_time(more, "graded")))
            break
        chars = answer_chars(sheet)
        if chars > budget.chars:
            problems.append(problem(sub.learner, source, over_chars(chars)))
            continue
        budget.chars -= chars
        try:
            graded.append(Graded(sub.learner, result_shown(grade_sheet(sheet)), source))
        except Exception as exc:  # a fault of the tool's: this answer sheet only
            problems.append(problem(sub.learner, source, fault(exc, "graded")))
            continue
        keys[exercise] = sheet.key
    return graded, problems, keys


def grade_class(
    folder: Path,
    *,
    on_learner: Callable[[str], None] | None = None,
    decisions: list[Decision] | None = None,
) -> GradedClass:
    """Read and grade every learner in ``folder``, and apply the trainer's ``decisions``
    (by default those of ``folder/decisions.yaml``); unreadable files become problems.
    Raises :class:`~.decisions.DecisionsError` for a decisions file that cannot be used."""
    if decisions is None:
        decisions = read_decisions(folder)
    found, stray = find_learners(folder)
    graded: list[Graded] = []
    keys: dict[str, AnswerKey] = {}
    learners: list[str] = []
    problems: list[Problem] = list(stray)
    notes = {learner: files.notes for learner, files in found.items() if files.notes}
    with contextlib.ExitStack() as stack:
        try:  # one folder for the notebooks' copies (without it, one each: slower)
            private = Path(stack.enter_context(private_folder()))
        except OSError:
            private = None
        for learner, files in found.items():
            learners.append(learner)
            try:
                sub = read_submission(learner, files.files, files.skipped, private=private)
                mine, theirs, answered = _grade_learner(sub)
            except Exception as exc:  # a fault of the tool's: this learner only
                problems.append(problem(learner, folder / learner, fault(exc, "graded")))
            else:
                if sub.notes:
                    notes.setdefault(learner, []).extend(sub.notes)
                graded.extend(mine)
                problems.extend(theirs)
                keys.update(answered)
            if on_learner is not None:
                on_learner(learner)
    in_order = [k for k in all_keys() if k.id in keys]
    course_max = sum(k.max_score for k in all_keys())
    groups = answer_groups(graded)
    decided, unused = apply_decisions(graded, decisions)
    return GradedClass(
        decided,
        summarize(decided, learners, problems, in_order, course_max=course_max, notes=notes),
        groups,
        list(decisions),
        unused,
    )
