"""The learner's workflow inside a Jupyter notebook: ``check`` counts, ``hint`` advances,
``solution`` opens once passed, as on the command line; an item of an assessment is
submitted once, and its hints and solution open after (:mod:`.assessment`).

``from ams_exercises import check, hint, solution`` gives these functions. In a notebook
(an IPython kernel) whose folder is inside a learner's copy of the course, each ``check``
of an exercise is recorded in the copy's progress file, exactly as ``ams-exercises check``
records it, and hints go further along with each attempt. Anywhere else (a script, a
test, a notebook outside any copy) nothing is recorded and they behave as the plain API.

Set ``AMS_EXERCISES_RECORD=0`` to record nothing: the book's build does, when it runs the
course's notebooks to show their output.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from .. import settings
from ..answers.sheet import parse_answers
from ..api import grade_sheet
from ..assessments import module_of
from ..files.atomic import SaveError
from ..grader.keys import AnswerKey, key_for
from ..grader.result import CheckResult
from .assessment import Outcome, check_once, hint_refused, notebook_command, solution_refused
from .home import find_home_if_any
from .progress import DONE, Progress, load, updating
from .texts import hint_sequence, solution_text


def _recording_home() -> Path | None:
    """The learner's copy to record in: only in an IPython kernel, inside a copy."""
    if not settings.switch(settings.RECORD, default=True):
        return None
    shell = sys.modules.get("IPython")
    if shell is None or getattr(shell, "get_ipython", lambda: None)() is None:
        return None
    try:
        return find_home_if_any()
    except Exception:  # a broken AMS_EXERCISES_HOME: grade without recording
        return None


def check(
    exercise: str, /, *, attempt: int | None = None, **answers: str | list[str] | None
) -> CheckResult | Said:
    """Grade keyword answers; in a learner's notebook, record the attempt too.

    ``attempt`` (0-based) picks how far along the hints go; in a learner's notebook it
    defaults to the attempts recorded so far, elsewhere to 0. In a learner's notebook an
    item of an assessment is submitted once, as ``ams-exercises check`` submits it, and
    what is said of it (:class:`Said`) is the command line's text.
    """
    sheet = parse_answers(answers, f"answers to {exercise!r}", exercise=exercise)
    home = _recording_home()
    if home is None:
        return grade_sheet(sheet, attempt=attempt or 0)
    if module_of(sheet.exercise) is not None:
        notices: list[str] = []
        outcome = check_once(home, sheet, notices)
        for notice in notices:
            print(notice, file=sys.stderr)
        return Said(outcome.text(command=notebook_command), outcome)
    if attempt is None:
        rec = load(home).exercises.get(sheet.exercise)
        attempt = rec.attempts if rec else 0
    result = grade_sheet(sheet, attempt=attempt)
    if not sheet.blank:

        def record(progress: Progress) -> None:
            progress.record_check(result.exercise, result.score, result.max_score, result.passed)

        try:
            with updating(home) as progress:
                record(progress)
        except SaveError as exc:
            print(f"Your progress was not saved ({exc.reason}).", file=sys.stderr)
    return result


class Text(str):
    """Text that a notebook shows as it is (not as a quoted string)."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer: object, cycle: bool) -> None:
        printer.text(str(self))  # type: ignore[attr-defined]


class Said(Text):
    """What a check of an assessment item says, with what it did (:attr:`outcome`: its
    ``kind``, and the ``submission`` with its points)."""

    outcome: Outcome

    def __new__(cls, text: str, outcome: Outcome) -> Said:
        said = super().__new__(cls, text)
        said.outcome = outcome
        return said


def _closed(exercise: str, refused: Callable[..., str | None]) -> Text | None:
    """Why a hint or the solution of an assessment item stays closed: until it is
    submitted in this copy of the course (elsewhere, nobody knows that it was)."""
    why = refused(exercise, notebook_command)
    if why is None:
        return None
    home = _recording_home()
    if home is not None and load(home).state(key_for(exercise).id) == "submitted":
        return None
    return Text(why)


def hint(exercise: str) -> Text:
    """The next hint for ``exercise``: one more each time in a learner's notebook."""
    key: AnswerKey = key_for(exercise)
    closed = _closed(key.id, hint_refused)
    if closed is not None:
        return closed
    hints = hint_sequence(key)
    home = _recording_home()
    number = 1
    if home is not None:
        try:
            with updating(home) as progress:  # after the last, the last again
                number = progress.show_hint(key.id, len(hints)) or len(hints)
        except SaveError:
            number = 1
    return Text(f"Hint {number} of {len(hints)} for {key.id}: {hints[number - 1]}")


def solution(exercise: str, *, reveal: bool = False) -> Text:
    """The worked solution, once ``exercise`` is passed (or with ``reveal=True``)."""
    key = key_for(exercise)
    closed = _closed(key.id, solution_refused)
    if closed is not None:
        return closed
    home = _recording_home()
    passed = home is not None and load(home).state(key.id) in DONE
    if not (passed or reveal):
        return Text(
            f"The solution to {key.id} opens once you have passed it. For a nudge: "
            f'hint("{key.id}"). To see it now: solution("{key.id}", reveal=True).'
        )
    if home is not None and not passed:
        try:
            with updating(home) as progress:
                progress.of(key.id).solution_seen = True
        except SaveError:
            pass
    return Text(solution_text(key))
