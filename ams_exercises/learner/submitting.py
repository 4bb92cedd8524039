"""``check`` of a file that answers an assessment item: only the learner's own worksheet
submits it, and the submission is written back into that worksheet.

An item is answered once (:mod:`.assessment`): :func:`submit_from` refuses any other file
(and a check for a script, as JSON), submits through :func:`.assessment.check_once`, then
writes the submission at the end of the worksheet, which the learner hands in and class
grading reads (:mod:`ams_exercises.answers.submitted`). The progress file holds it either
way, so a worksheet that cannot be written costs one line.

Nothing here prints or exits: the command line shows what :class:`FromFile` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..files.paths import shown
from .assessment import Outcome, check_once, elsewhere
from .targets import same_file

if TYPE_CHECKING:
    from ..answers.sheet import AnswerSheet
    from ..answers.submitted import Submission
    from .state import Learner


@dataclass(frozen=True)
class FromFile:
    """What a check of a file did with an assessment item: refused (``refused`` says why),
    or ``outcome``, with one line on the copy in the worksheet (``kept``, or ``not_kept``
    when the worksheet could not take it)."""

    outcome: Outcome | None = None
    refused: str = ""
    kept: str = ""
    not_kept: str = ""


def submit_from(learner: Learner, path: Path, sheet: AnswerSheet, *, own: bool) -> FromFile:
    """Check ``sheet``, the answers to an assessment item read from ``path``. Only the
    learner's ``own`` check of their worksheet may submit it: anything else is refused."""
    entry = learner.entry(sheet.exercise)
    worksheet = learner.catalogue.path(entry)
    if not own or not same_file(path, worksheet):
        return FromFile(refused=elsewhere(entry.id, shown(worksheet)))
    outcome = check_once(learner.home, sheet, learner.notices)
    if outcome.submission is None:
        return FromFile(outcome)
    kept, not_kept = keep_in_worksheet(worksheet, sheet.exercise, outcome.submission)
    return FromFile(outcome, kept=kept, not_kept=not_kept)


def keep_in_worksheet(worksheet: Path, exercise: str, submission: Submission) -> tuple[str, str]:
    """Write ``submission`` at the end of ``worksheet`` (unless it is there already).
    What to tell the learner: ``(kept, "")`` when it was written now, ``("", not_kept)``
    when it could not be, ``("", "")`` when nothing changed."""
    from ..answers.submitted import write_block
    from ..files.atomic import SaveError

    try:
        if write_block(worksheet, exercise, submission):
            return f"Your submitted answers are kept at the end of {shown(worksheet)}.", ""
    except (OSError, UnicodeDecodeError, SaveError) as exc:
        return "", (
            f"{shown(worksheet)}: could not write your submitted answers into it ({exc}); "
            "they are kept in your progress file."
        )
    return "", ""
