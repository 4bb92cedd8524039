"""Assessment items at the learner's end: each is answered once.

An item of the pre-check or of the final assessment (:mod:`ams_exercises.assessments`) is
submitted by the first check of the learner's own worksheet (or notebook cell) with every
field filled in: that check grades it, records the answers and their points in the
progress file, and shows the feedback and the worked solution. Every later check shows the
recorded score and grades nothing new. Hints and the solution open only once an item is
submitted, and ``watch`` never submits one.

The command line (through :mod:`.submitting`) and the notebooks (:mod:`.notebook`) both
ask :func:`check_once` and print what :meth:`Outcome.text` says, so both follow one set of
rules in the same words; only the way a command is written differs (:func:`cli_command`,
:func:`notebook_command`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..answers.sheet import AnswerSheet
from ..assessments import FINAL, PRE, assessment, module_of, named, passes, percent, whole
from ..command_line import command as typed
from ..files.atomic import SaveError
from ..grader.keys import AnswerKey, Module, key_for
from ..grader.result import CheckResult
from ..grader.vocabulary import FIELD_NAMES
from .catalogue import Catalogue
from .progress import Progress, Submission, load, now, updating

if TYPE_CHECKING:
    from .state import Learner, Reset

#: How a message writes a command for ``exercise``: ``(command, exercise) -> text``.
Command = Callable[[str, str], str]
Paint = Callable[[str, str], str]


def cli_command(name: str, exercise: str) -> str:
    """A command as the terminal says it: `ams-exercises hint x`."""
    return f"`{typed(f'{name} {exercise}')}`"


def notebook_command(name: str, exercise: str) -> str:
    """A command as a notebook says it: hint("x"); a check is its cell, run again."""
    if name == "check":
        return f'its check("{exercise}", ...) cell'
    return f'{name}("{exercise}")'


def blank_fields(sheet: AnswerSheet) -> list[str]:
    """The names of the fields ``sheet`` leaves empty or at TODO, in the order asked."""
    return [FIELD_NAMES[name] for name in sheet.key.asks if not sheet.answers.get(name)]


# --- what a check of an item does ------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a check of an assessment item did: ``submitted`` (graded and recorded now),
    ``recorded`` (submitted before: nothing graded), ``blank`` (a field is empty: refused)
    or ``unsaved`` (the progress file could not be written: not submitted)."""

    kind: str
    key: AnswerKey
    module: Module
    submission: Submission | None = None
    result: CheckResult | None = None
    blanks: tuple[str, ...] = ()
    #: Where the assessment stands after this submission (:func:`standing`).
    standing: str = ""
    reason: str = ""

    def text(self, style: Paint | None = None, command: Command = cli_command) -> str:
        """The message, the same on the terminal and in a notebook; ``style`` colors a
        verdict (as :meth:`CheckResult.to_text` does)."""
        key, what = self.key, named(self.module)
        if self.kind == "blank":
            return (
                f"{key.id} is part of {what}, which is answered once: fill in every field "
                f"before you submit it (still blank: {', '.join(self.blanks)})."
            )
        if self.kind == "unsaved":
            return (
                f"{key.id} was not submitted: your progress could not be saved "
                f"({self.reason}). Fix that, then submit it again."
            )
        sub = self.submission
        assert sub is not None
        score = f"{sub.points:g} of {sub.max_points} points ({whole(sub.percent)})"
        if self.kind == "recorded":
            return (
                f"You submitted {key.id} on {sub.at[:10]}: {score}. {what.capitalize()} is "
                "answered once, so this check does not grade your worksheet again. "
                f"{command('solution', key.id)} shows the worked solution."
            )
        from .texts import solution_text

        assert self.result is not None
        closing = f"Submitted: your answers to {key.id} are recorded, {score}."
        lines = [self.result.to_text(style, closing=closing)]
        if self.standing:
            lines.append(self.standing)
        lines += ["", solution_text(key)]
        return "\n".join(lines)


def _without_hints(result: CheckResult) -> CheckResult:
    """The result as shown after a submission: the solution follows, so no hints."""
    fields = {name: replace(res, hint=None) for name, res in result.fields.items()}
    return replace(result, fields=fields)


def check_once(home: Path, sheet: AnswerSheet, notices: list[str] | None = None) -> Outcome:
    """Submit ``sheet``, an assessment item's answers, in the copy at ``home``: refused
    when a field is blank, the recorded submission when there is one, else graded and
    recorded under the progress file's lock (two checks at once submit once)."""
    from ..api import grade_sheet

    key = sheet.key
    module = module_of(key.id)
    assert module is not None, f"{key.id} is not an assessment item"
    saved = _load(home, notices).exercises.get(key.id)
    if saved is not None and saved.submission is not None:
        return Outcome("recorded", key, module, saved.submission)
    blanks = blank_fields(sheet)
    if blanks:
        return Outcome("blank", key, module, blanks=tuple(blanks))
    result = _without_hints(grade_sheet(sheet))
    try:
        with updating(home) as progress:
            if progress.notice and notices is not None:
                notices.append(progress.notice)
            rec = progress.of(key.id)
            if rec.submission is not None:  # another check submitted it meanwhile
                return Outcome("recorded", key, module, rec.submission)
            stamp = now()
            rec.submission = Submission(stamp, dict(sheet.answers), result.score, result.max_score)
            rec.attempts += 1
            rec.first_attempt = rec.first_attempt or stamp
            rec.last_attempt = stamp
            rec.last_score, rec.max_score = result.score, result.max_score
            rec.passed, rec.passed_at = result.passed, stamp if result.passed else None
            said = standing(progress, module)
            submission = rec.submission
    except SaveError as exc:
        return Outcome("unsaved", key, module, reason=exc.reason)
    return Outcome("submitted", key, module, submission, result, standing=said)


def _load(home: Path, notices: list[str] | None) -> Progress:
    progress = load(home)
    if progress.notice and notices is not None:
        notices.append(progress.notice)
    return progress


# --- refusals --------------------------------------------------------------------------------


def hint_refused(exercise: str, command: Command = cli_command) -> str | None:
    """Why no hint is given for ``exercise`` yet (``None``: hints are open)."""
    return _closed(exercise, "Hints for {id} open", command)


def solution_refused(exercise: str, command: Command = cli_command) -> str | None:
    """Why the worked solution of ``exercise`` stays hidden (``None``: it is open)."""
    return _closed(exercise, "The worked solution to {id} opens", command)


def closed_to(learner: Learner | None, exercise: str, what: str) -> str | None:
    """Why the ``"hint"`` or the ``"solution"`` (``what``) of ``exercise`` is still closed
    to ``learner`` (``None`` outside any copy): an item not submitted yet. ``None`` when it
    is open, as it always is for a practice exercise."""
    why = (hint_refused if what == "hint" else solution_refused)(exercise)
    if why is None or (learner is not None and learner.submitted(exercise)):
        return None
    return why


def _closed(exercise: str, what: str, command: Command) -> str | None:
    module = module_of(exercise)
    if module is None:
        return None
    key = key_for(exercise)
    return (
        f"{what.format(id=key.id)} once you have submitted it: {named(module)} is answered on "
        f"your own, once. Fill in every field, then submit it with {command('check', key.id)}."
    )


def watch_note(exercise: str, command: Command = cli_command) -> str:
    """What ``watch`` says on an item not yet submitted: saving never submits it."""
    module = module_of(exercise)
    assert module is not None
    return (
        f"{exercise} is part of {named(module)}, which is answered once, so watch does not "
        f"submit it when you save. Fill in every field, then submit it with "
        f"{command('check', exercise)}."
    )


def elsewhere(exercise: str, worksheet: str) -> str:
    """Why an item is not checked from another file (or as JSON): only the learner's own
    worksheet submits it, once."""
    module = module_of(exercise)
    assert module is not None
    return (
        f"{exercise} is part of {named(module)}, which is answered once, from your worksheet "
        f"{worksheet}: {cli_command('check', exercise)} submits it."
    )


# --- scores ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """Where one assessment stands for a learner."""

    module: Module
    items: int
    submitted: int
    points: float
    max_points: int

    @property
    def complete(self) -> bool:
        return self.items > 0 and self.submitted == self.items

    @property
    def percent(self) -> float:
        return percent(self.points, self.max_points)

    @property
    def passed(self) -> bool:
        """A complete final assessment at or above its pass mark."""
        return self.complete and passes(self.percent, self.module)


def score(progress: Progress, module: Module) -> Score:
    """The learner's score on ``module`` (an assessment): its items' recorded points."""
    subs = [
        rec.submission
        for i in module.exercises
        if (rec := progress.exercises.get(i)) is not None and rec.submission is not None
    ]
    return Score(
        module,
        len(module.exercises),
        len(subs),
        sum(s.points for s in subs),
        sum(s.max_points for s in subs),
    )


def standing(progress: Progress, module: Module) -> str:
    """One line on where an assessment stands: its score when complete, with the pass mark
    for the final; else how many items are submitted."""
    got = score(progress, module)
    title = module.title
    mark = f" (the pass mark is {module.pass_mark}%)" if module.assessment == FINAL else ""
    if not got.submitted:
        return f"{title}: not started{mark}."
    if not got.complete:
        return f"{title}: {got.submitted} of {got.items} items submitted{mark}."
    points = f"{whole(got.percent)} ({got.points:g} of {got.max_points} points)"
    if module.assessment == PRE:
        return f"{title}: {points}. It is not graded: it shows where you started."
    verdict = "passed" if got.passed else "not passed"
    return f"{title}: {points}, {verdict}{mark}."


# --- reset -----------------------------------------------------------------------------------


def reset_rule(progress: Progress, exercise: str, *, trainer: bool = False) -> tuple[str, str]:
    """What ``reset`` may do to ``exercise``: ``("blank", "")`` (write a blank worksheet,
    as for any exercise: it is not submitted), ``("retake", question)`` or
    ``("refuse", why)``, one plain line.

    A submitted item is answered once: a learner's reset refuses it. A new attempt at the
    final is the trainer's decision (``trainer``, from ``reset --retake-final``): it
    reopens every item of a complete final under its pass mark, once confirmed."""
    module = module_of(exercise)
    rec = progress.exercises.get(exercise)
    if module is None or rec is None or rec.submission is None:
        return "blank", ""
    what = named(module)
    if module.assessment != FINAL:
        return "refuse", (
            f"{exercise} was submitted, and {what} is answered once: its answers are kept "
            "to set against the final assessment. Your worksheet is unchanged."
        )
    if not trainer:
        return "refuse", (
            f"{exercise} was submitted, and {what} is answered once: a new attempt is "
            "your trainer's decision. Your worksheet is unchanged."
        )
    got = score(progress, module)
    if got.passed:
        return "refuse", (
            f"{what.capitalize()} was passed with {whole(got.percent)} (the pass mark is "
            f"{module.pass_mark}%): it is kept. The worksheet is unchanged."
        )
    if not got.complete:
        return "refuse", (
            f"{exercise} was submitted. A retake opens once every item of {what} is "
            f"submitted and the score is under the pass mark ({got.submitted} of "
            f"{got.items} submitted so far). The worksheet is unchanged."
        )
    return "retake", (
        f"The score on {what} is {whole(got.percent)}, under the pass mark of "
        f"{module.pass_mark}%. Open it again for a new attempt? All {got.items} of its "
        "worksheets get blank again (the answers are kept as backups, and this score stays "
        "in the progress file)."
    )


def retake_all(learner: Learner, exercise: str) -> list[Reset]:
    """Open the final assessment ``exercise`` is an item of again, as :func:`reset_rule`
    allows: each of its worksheets blank (the old ones kept), then each submission set
    aside in the progress file."""
    module = module_of(learner.entry(exercise).id)
    assert module is not None
    done = [learner.reset(i) for i in module.exercises if learner.catalogue.get(i) is not None]
    learner.update(lambda progress: retake(progress, module))
    return done


def retake(progress: Progress, module: Module) -> None:
    """Open ``module`` (a failed final) again: each item's submission is set aside."""
    for exercise in module.exercises:
        rec = progress.exercises.get(exercise)
        if rec is not None and rec.submission is not None:
            rec.earlier.append(rec.submission)
            rec.submission, rec.passed, rec.passed_at = None, False, None


# --- progress ---------------------------------------------------------------------------------


def standings(catalogue: Catalogue, progress: Progress) -> list[str]:
    """What ``progress`` ends with: where the pre-check and the final assessment stand
    (:func:`standing`), then the learner's path through the course (:func:`path_line`)."""
    found = [assessment(kind) for kind in (PRE, FINAL)]
    lines = [standing(progress, m) for m in found if m is not None]
    path = path_line(catalogue, progress)
    return lines + ([path] if path else [])


def path_line(catalogue: Catalogue, progress: Progress) -> str | None:
    """The learner's path through the course and its time (:mod:`ams_exercises.course_time`):
    the full course once every practice check is passed, else the core path. ``None`` when
    the book is not beside the package (an install without it)."""
    from ..course_time import PathError, course_time, duration

    practice = [e for e in catalogue.entries if module_of(e.id) is None]
    try:
        times = course_time()
    except (OSError, PathError):  # the book's pages are not part of every install
        return None
    full = duration(times.minutes)
    if practice and all(progress.state(e.id) == "passed" for e in practice):
        return f"Your path: the full course, about {full} (every practice check passed)."
    return (
        f"Your path: the core path, about {duration(times.core_minutes)}. Pass every "
        f"practice check for the full course, about {full}."
    )
