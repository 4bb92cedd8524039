"""The learner's commands: next, list, check, hint, solution, progress, watch and reset.

Thin: each command asks :class:`~ams_exercises.learner.state.Learner` (the learner's copy,
with its one rule for the next exercise) or the API, and prints. Heavy libraries are
imported only inside the commands that need them (watchfiles in ``watch``).

Everything a learner reads is made safe for a terminal first: paths and notices through
:func:`~ams_exercises.shown.printable`, ``check --json`` with every character a terminal
would act on or hide escaped (:func:`terminal_json`). Output cut short by its reader
(``ams-exercises list | head -1``) ends the command quietly with code 141, as a program
stopped by SIGPIPE ends in a shell.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..command_line import command as typed
from ..errors import AnswerFileError, InputError, UnknownExerciseError
from ..files.paths import printable, shown
from .base import (
    EXIT_NOT_YET,
    EXIT_OK,
    complete_ids,
    paint,
    painter,
    reports_bad_input,
    show,
    use_color,
    verdict_painter,
    warn,
)
from .overlay_option import overlay_option

if TYPE_CHECKING:
    from ..answers.sheet import AnswerSheet
    from ..grader.result import CheckResult
    from ..learner.progress import Submission
    from ..learner.state import Learner, Reset

#: The exit code when the reader of the output went away (128 + SIGPIPE, as shells report).
EXIT_CUT_SHORT = 141
#: Characters ``json.dumps`` leaves as they are that a terminal acts on or hides: DEL and
#: the C1 controls, zero-width and bidirectional formatting characters, the line and
#: paragraph separators, the byte-order mark and lone surrogates (which no file can hold).
_HIDDEN_IN_JSON = re.compile(
    "[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def terminal_json(data: Any) -> str:
    """``data`` as indented JSON that reads the same as ``json.dumps`` gives, with the
    characters of :data:`_HIDDEN_IN_JSON` written as ``\\u202e``-style escapes: still
    valid JSON carrying the same text, but nothing in it can fool a terminal."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _HIDDEN_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _quiet_when_cut_short(command: Callable[..., Any]) -> Callable[..., Any]:
    """End ``command`` quietly with :data:`EXIT_CUT_SHORT` when its output's reader went
    away (a broken pipe), instead of "please report this"; output is flushed inside, so
    nothing fails later at exit either."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            try:
                return command(*args, **kwargs)
            finally:
                sys.stdout.flush()
        except BrokenPipeError:
            # Nothing more can be shown: what is still buffered goes nowhere, quietly.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_CUT_SHORT)

    return run


def learner_command(command: Callable[..., Any]) -> Callable[..., Any]:
    """A learner command's body: bad input in one line (:func:`reports_bad_input`), and
    quiet when its output is cut short."""
    return reports_bad_input(_quiet_when_cut_short(command))


def _learner(required: bool = True) -> Learner | None:
    """The learner's copy here; with ``required``, an error saying why there is none."""
    from ..learner.home import find_home, find_home_if_any

    home = find_home() if required else find_home_if_any()
    if home is None:
        return None  # outside any copy: the learner's workflow is not even loaded
    from ..learner.state import Learner

    return Learner.open(home)


def _tell(learner: Learner | None) -> None:
    """Show what the learner should know (a damaged progress file set aside, a failed save),
    each notice safe for the terminal (a folder's name may hold an escape sequence)."""
    if learner is not None:
        for notice in learner.notices:
            warn(printable(notice))
        learner.notices.clear()


def _next_up(learner: Learner, just_passed: str | None = None) -> str:
    """What to do once an exercise is passed: the next one, or congratulations. The one
    ``just_passed`` counts as passed even if saving that failed."""
    entry = learner.next([just_passed] if just_passed else [])
    if entry is None:
        total = len(learner.catalogue.entries)
        return f"That was the last one: all {total} exercises done. Congratulations!"
    return (
        f"Next up: {paint(entry.id, 'title')} ({entry.title})\n"
        f"  edit {shown(learner.catalogue.path(entry))}\n"
        f"  then run {paint(typed(f'check {entry.id}'), 'command')}"
    )


@click.command("next")
@learner_command
def next_() -> None:
    """Say which exercise you are on and what to do next.

    \b
    Example:
      ams-exercises next
    """
    from ..learner.texts import where_you_are

    learner = _learner()
    progress = learner.progress()
    entry = learner.next()
    sheet = shown(learner.catalogue.path(entry)) if entry else ""
    _tell(learner)
    show(where_you_are(learner.catalogue, progress, sheet, painter()))


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@learner_command
def list_(as_json: bool) -> None:
    """List every exercise with its chapter and title.

    \b
    Example:
      ams-exercises list
    """
    from ..grader.keys import all_keys, modules

    keys = all_keys()
    mods = modules()
    if as_json:
        rows = [
            {"id": k.id, "title": k.title, "module": k.module, "asks": list(k.asks)} for k in keys
        ]
        import json

        click.echo(json.dumps(rows, indent=2))
        return
    current = None
    for key in keys:
        if key.module != current:
            click.echo(f"{'' if current is None else chr(10)}{mods[key.module].name}")
            current = key.module
        click.echo(f"  {key.id:<34} {key.title}")


def _target(target: str | None, learner: Learner | None) -> Path:
    """The answer file ``check`` grades: a file, a catalogue id's worksheet, or (no
    target) the worksheet of the exercise the learner is on."""
    if target is None:
        assert learner is not None  # required when there is no target
        entry = learner.next()
        if entry is None:
            click.echo("Every exercise is done: nothing left to check. Well done!")
            sys.exit(EXIT_OK)
        return learner.worksheet(entry)
    path = Path(target)
    try:
        path.stat()
        return path
    except (FileNotFoundError, NotADirectoryError):
        why = "no such file"
    except (OSError, ValueError) as exc:  # a name too long, a folder that cannot be opened
        from ..learner.home import unreadable

        why = unreadable(exc) if isinstance(exc, OSError) else "is not a file name"
    if learner is not None and learner.catalogue.get(target) is not None:
        return learner.worksheet(learner.entry(target))
    if "/" in target or "\\" in target or target.endswith((".yaml", ".yml")):
        raise AnswerFileError(target, why)
    from ..grader.keys import not_an_id

    if learner is None:
        raise UnknownExerciseError(
            repr(target), "is neither a file nor an exercise id (no copy of the course found here)"
        )
    raise UnknownExerciseError(
        repr(target), f"is not a file, and {not_an_id(target, learner.catalogue.ids)}"
    )


def _grade_outside(path: Path) -> CheckResult:
    """Grade ``path`` with no copy of the course about: nothing recorded."""
    from ..answers.sheet import read_answer_file
    from ..api import grade_sheet

    sheet = read_answer_file(path)
    for notice in sheet.notices:
        warn(printable(f"{shown(path)}: {notice}"))
    return grade_sheet(sheet)


@click.command()
@click.argument("target", required=False, shell_complete=complete_ids)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object (course/schemas/check-result.schema.json); records no progress.",
)
@learner_command
@overlay_option
def check(target: str | None, as_json: bool) -> None:
    """Grade a worksheet and show each field's verdict and feedback.

    TARGET is an answer file or an exercise id (its worksheet in workspace/); without it,
    the exercise you are on. Each check of a file inside your copy of the course counts
    as an attempt in your progress (not with --json, which is for scripts and trainers).
    Exit code 0 when every field is correct, 1 when not, 2 when the file cannot be used.

    \b
    Examples:
      ams-exercises check
      ams-exercises check environmental-permit
      ams-exercises check workspace/knowing-your-customer/01-environmental-permit.yaml
      ams-exercises check my-answers.yaml --json
      ams-exercises check my-answers.yaml --overlay arizona
    """
    learner = _learner(required=target is None)
    path = _target(target, learner)
    blank_of = learner.course_blank(path) if learner is not None else None
    inside = learner is not None and learner.holds(path) and blank_of is None
    if learner is not None:
        sheet = _check_assessment(learner, path, own=inside and not as_json)
        result = learner.grade(path, record=inside and not as_json, sheet=sheet)
    else:
        result = _grade_outside(path)
    _tell(learner)
    if blank_of is not None and learner is not None:
        warn(
            printable(
                f"{shown(path)} is the course's blank copy, which updates replace (and `git "
                "pull` stops on your changes to it), so this check is not recorded: write in "
                f"{shown(learner.catalogue.path(blank_of))} and check it with "
                f"`{typed(f'check {blank_of.id}')}`"
            )
        )
    if as_json:
        click.echo(terminal_json(result.to_dict()))
    else:
        if target is not None and path != Path(target) and result.exercise != target:
            click.echo(
                f"Note: {shown(path)} answers {result.exercise!r}, not {target!r}; "
                f"this is the grade for {result.exercise!r}.",
                err=True,
            )
        show(result.to_text(verdict_painter()))
        if learner is not None and not inside and blank_of is None:
            show(
                f"\n(Not recorded in your progress: {shown(path)} is outside your copy of "
                "the course. Check your worksheet in workspace/ to count it.)"
            )
        elif result.passed and learner is not None and inside:
            click.echo("")
            show(_next_up(learner, result.exercise))
    sys.exit(EXIT_OK if result.passed else EXIT_NOT_YET)


def _check_assessment(learner: Learner, path: Path, *, own: bool) -> AnswerSheet:
    """An item of an assessment is answered once (:mod:`~ams_exercises.learner.assessment`):
    from the learner's own worksheet, ``check`` submits it (or says it was submitted) and
    ends the command; from any other file, or as JSON, it refuses. A practice exercise's
    answers are returned, to be checked as usual."""
    from ..assessments import module_of

    sheet = learner.read(path)
    if module_of(sheet.exercise) is None:
        return sheet
    _tell(learner)
    entry = learner.entry(sheet.exercise)
    worksheet = learner.catalogue.path(entry)
    if not own or not _same_file(path, worksheet):
        from ..learner.assessment import elsewhere

        click.echo(printable(elsewhere(entry.id, shown(worksheet))), err=True)
        sys.exit(EXIT_NOT_YET)
    from ..learner.assessment import check_once

    outcome = check_once(learner.home, sheet, learner.notices)
    _tell(learner)
    if outcome.kind == "unsaved":
        raise InputError(shown(path), outcome.text())
    show(outcome.text(verdict_painter()))
    if outcome.submission is not None:
        _keep_in_worksheet(worksheet, sheet.exercise, outcome.submission)
    if outcome.kind == "submitted":
        click.echo("")
        show(_next_up(learner, sheet.exercise))
    sys.exit(EXIT_NOT_YET if outcome.kind == "blank" else EXIT_OK)


def _keep_in_worksheet(worksheet: Path, exercise: str, submission: Submission) -> None:
    """Write the submission at the end of the worksheet, which the learner hands in: class
    grading grades it there (:mod:`~ams_exercises.answers.submitted`). The progress file
    holds it either way, so a worksheet that cannot be written costs one line."""
    from ..answers.submitted import write_block
    from ..files.atomic import SaveError

    try:
        if write_block(worksheet, exercise, submission):
            click.echo(f"\nYour submitted answers are kept at the end of {shown(worksheet)}.")
    except (OSError, UnicodeDecodeError, SaveError) as exc:
        click.echo(
            f"\n{shown(worksheet)}: could not write your submitted answers into it ({exc}); "
            "they are kept in your progress file.",
            err=True,
        )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except (OSError, RuntimeError):
        return False


def _exercise_or_current(learner: Learner | None, exercise: str | None) -> str | None:
    """``exercise``, or the one the learner is on; ``None`` when every one is passed."""
    if exercise is not None:
        return exercise
    assert learner is not None  # required when no exercise is named
    entry = learner.next()
    return entry.id if entry else None


@click.command()
@click.argument("exercise", required=False, shell_complete=complete_ids)
@click.option("--all", "show_all", is_flag=True, help="List every hint shown so far.")
@click.option(
    "--level",
    type=click.IntRange(1, 50),
    default=None,
    help="Show hint number LEVEL (1 is the gentlest) without counting it.",
)
@learner_command
def hint(exercise: str | None, show_all: bool, level: int | None) -> None:
    """Show the next hint for an exercise: one more each time you ask.

    EXERCISE is an exercise id; without it, the exercise you are on. Your copy of the
    course remembers how many hints you have seen.

    \b
    Examples:
      ams-exercises hint environmental-permit
      ams-exercises hint --all environmental-permit
      ams-exercises hint environmental-permit --level 2
    """
    from ..grader.keys import key_for
    from ..learner.texts import hint_sequence

    learner = _learner(required=exercise is None)
    exercise = _exercise_or_current(learner, exercise)
    if exercise is None:
        click.echo("Every exercise is done: no hints needed. Well done!")
        return
    key = key_for(exercise)
    _refuse_unsubmitted(learner, key.id, "hint")
    hints = hint_sequence(key, _right_fields(learner, key.id))
    total = len(hints)

    def line(n: int) -> str:
        return f"Hint {n} of {total} for {key.id}: {hints[n - 1]}"

    if level is not None or learner is None:
        click.echo(line(min(level or 1, total)))
        return
    if show_all:
        seen = min(learner.hints_seen(key.id), total)
        _tell(learner)
        if not seen:
            click.echo(
                f"No hints shown yet for {key.id}: `{typed(f'hint {key.id}')}` shows the first."
            )
        for n in range(1, seen + 1):
            click.echo(line(n))
        return
    shown_now = learner.next_hint(key, total)
    _tell(learner)
    if shown_now:
        click.echo(line(shown_now))
        if shown_now == total:
            click.echo("That was the last hint.")
    else:
        click.echo(
            f"No more hints for {key.id}: you have seen all {total} "
            f"(`{typed(f'hint --all {key.id}')}` lists them). "
            f"`{typed(f'solution {key.id} --reveal')}` shows the worked solution."
        )


def _refuse_unsubmitted(learner: Learner | None, exercise: str, what: str) -> None:
    """End the command with the reason when ``exercise`` is an assessment item not yet
    submitted: its hints and solution open only after it is."""
    from ..learner.assessment import hint_refused, solution_refused

    why = (hint_refused if what == "hint" else solution_refused)(exercise)
    if why is None or (learner is not None and learner.submitted(exercise)):
        return
    _tell(learner)
    show(why)
    sys.exit(EXIT_NOT_YET)


def _right_fields(learner: Learner | None, exercise: str) -> set[str]:
    """The fields the learner's worksheet already answers right (none when unreadable)."""
    if learner is None:
        return set()
    try:
        result = learner.grade(learner.worksheet(learner.entry(exercise)), record=False)
    except InputError:
        return set()
    return {name for name, res in result.fields.items() if res.verdict == "correct"}


def _confirm(
    question: str, without_asking: str, command: str = "solution", kept: str = "it stays hidden"
) -> bool:
    """Ask ``question`` (yes or no). No answer at all (input ended, or Ctrl-C) is bad
    input, code 2: the command could not do what it was asked, and a script must not
    read it as "shown" (0) or "not right yet" (1)."""
    try:
        return click.confirm(question, err=True)
    except click.Abort:
        click.echo("", err=True)  # end the question's line
        raise InputError(
            command, f"no answer to the question, so {kept}; {without_asking}"
        ) from None


@click.command()
@click.argument("exercise", required=False, shell_complete=complete_ids)
@click.option("--reveal", is_flag=True, help="Show it before you have passed (asks first).")
@click.option("--yes", "-y", is_flag=True, help="With --reveal: do not ask (for scripts).")
@learner_command
def solution(exercise: str | None, reveal: bool, yes: bool) -> None:
    """Show the worked solution and why, once you have passed the exercise.

    EXERCISE is an exercise id; without it, the exercise you are on. Before you pass,
    --reveal shows it after asking you to confirm.

    \b
    Examples:
      ams-exercises solution environmental-permit
      ams-exercises solution environmental-permit --reveal
      ams-exercises solution environmental-permit --reveal --yes
    """
    from ..grader.keys import key_for
    from ..learner.texts import solution_text

    learner = _learner(required=exercise is None)
    exercise = _exercise_or_current(learner, exercise)
    if exercise is None:
        raise UnknownExerciseError(
            "solution",
            f"every exercise is passed: name one, e.g. `{typed('solution environmental-permit')}`",
        )
    key = key_for(exercise)
    _refuse_unsubmitted(learner, key.id, "solution")
    passed = learner is not None and (learner.passed(key.id) or learner.submitted(key.id))
    if not passed:
        if not reveal:
            click.echo(
                f"The solution to {key.id} opens once you have passed it. Keep going: "
                f"`{typed(f'hint {key.id}')}` gives a nudge. To see it now: "
                f"`{typed(f'solution {key.id} --reveal')}`."
            )
            sys.exit(EXIT_NOT_YET)
        if not yes and not _confirm(
            f"You have not passed {key.id} yet. Show its worked solution anyway?",
            f"`{typed(f'solution {key.id} --reveal --yes')}` shows it without asking",
        ):
            click.echo(f"Kept hidden. `{typed('hint')}` gives a nudge instead.")
            sys.exit(EXIT_NOT_YET)
        if learner is not None:
            learner.solution_seen(key.id)
    _tell(learner)
    show(solution_text(key, painter()), page=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print every exercise's state as JSON.")
@learner_command
def progress(as_json: bool) -> None:
    """Show every exercise with its state, and a progress bar per module and overall.

    States: not started, attempted (checked but not yet right), passed.

    \b
    Examples:
      ams-exercises progress
      ams-exercises progress --json
    """
    from ..learner.assessment import standings
    from ..learner.texts import progress_report

    learner = _learner()
    prog = learner.progress()
    _tell(learner)
    if as_json:
        rows = []
        for e in learner.catalogue.entries:
            rec = prog.exercises.get(e.id)
            rows.append(
                {
                    "id": e.id,
                    "module": e.module,
                    "state": prog.state(e.id),
                    "attempts": rec.attempts if rec else 0,
                    "hints_shown": rec.hints_shown if rec else 0,
                    "last_score": rec.last_score if rec else None,
                    "max_score": rec.max_score if rec else None,
                }
            )
            if rec and rec.submission:
                rows[-1]["submitted"] = {
                    "at": rec.submission.at,
                    "points": rec.submission.points,
                    "max_points": rec.submission.max_points,
                }
        passed = sum(r["state"] == "passed" for r in rows)
        import json

        out = {"passed": passed, "total": len(rows), "exercises": rows}
        out["assessments"] = _assessments_json(prog)
        click.echo(json.dumps(out, indent=2))
        return
    after = standings(learner.catalogue, prog)
    show(progress_report(learner.catalogue, prog, painter(), after), page=True)


def _assessments_json(prog: Any) -> list[dict[str, Any]]:
    """Each assessment's standing, for ``progress --json``."""
    from ..assessments import FINAL, PRE, assessment
    from ..learner.assessment import score

    out = []
    for kind in (PRE, FINAL):
        module = assessment(kind)
        if module is None:
            continue
        got = score(prog, module)
        row: dict[str, Any] = {
            "module": module.id,
            "kind": kind,
            "items": got.items,
            "submitted": got.submitted,
            "points": got.points,
            "max_points": got.max_points,
            "percent": round(got.percent, 1) if got.complete else None,
        }
        if kind == FINAL:
            row |= {"pass_mark": module.pass_mark, "passed": got.passed}
        out.append(row)
    return out


@click.command()
@click.argument("exercise", required=False, shell_complete=complete_ids)
@click.option(
    "--debounce",
    type=click.IntRange(50, 10_000),
    default=400,
    show_default=True,
    help="Milliseconds to wait for a save to settle before checking.",
)
@learner_command
@overlay_option
def watch(exercise: str | None, debounce: int) -> None:
    """Check your worksheet each time you save it, and move on when it passes.

    Starts at EXERCISE, or at the exercise you are on. Stop with Ctrl-C: your progress
    is saved after every check.

    \b
    Examples:
      ams-exercises watch
      ams-exercises watch nursing-license
    """
    try:
        import watchfiles
    except ImportError:
        from ..command_line import pip_install

        raise InputError(
            "watch",
            "needs the watchfiles package; add it from the top folder of your copy of the "
            f"course with: {pip_install('learner')}",
        ) from None
    from ..learner.state import Watch
    from ..learner.worksheets import is_blank

    learner = _learner()
    entry = learner.entry(exercise) if exercise is not None else learner.next()
    if entry is None:
        click.echo(_next_up(learner))
        return
    session = Watch(learner, entry)

    def run_check() -> bool:
        """Grade the watched worksheet if it changed and show the result; True if it passed
        (an assessment item is never graded here: True once it was submitted)."""
        try:
            if not session.changed():
                return False
            if session.assessment:
                return assessment_saved()
            result = session.check()
        except InputError as exc:  # a slip, or no worksheet to read (a pipe, a huge file)
            click.echo(paint(f"ams-exercises: {printable(str(exc))}", "error"))
            click.echo("Fix it and save again. Ctrl-C stops.")
            return False
        _tell(learner)
        if use_color():
            click.clear()
        show(result.to_text(verdict_painter()))
        if not result.passed:
            click.echo(
                f"\nWatching {shown(session.path)}: save it again to re-check; Ctrl-C stops."
            )
        return result.passed

    def assessment_saved() -> bool:
        """A save of an assessment item: never submitted here. True when it was submitted
        meanwhile (by `check`), to move on."""
        from ..learner.assessment import watch_note

        if learner.submitted(session.entry.id):
            click.echo(f"{session.entry.id} was submitted.")
            return True
        click.echo(f"Saved, not submitted. {watch_note(session.entry.id)}")
        return False

    def move_on() -> bool:
        """After a pass (or a submission): go to the next exercise by the one rule. True
        when none is left."""
        click.echo("")
        said = "Moving on" if session.assessment else "Passed! Moving on"
        entry = session.move_on()
        if entry is None:
            click.echo(_next_up(learner))
            return True
        click.echo(paint(f"{said} to {entry.id}.", "passed"))
        return False

    def arrive() -> bool:
        """Start on the current exercise, checking it at once if it has answers, and go
        on past each one that already passes. True when no exercise is left."""
        while True:
            e, path = session.entry, session.path
            if session.missing():
                click.echo(
                    f"{shown(path)} is missing: `{typed(f'reset {e.id}')}` writes a blank one."
                )
                return False
            if session.assessment and learner.submitted(e.id):
                click.echo(f"{e.id} was submitted.")
                if move_on():
                    return True
                continue
            if session.assessment:
                from ..learner.assessment import watch_note

                click.echo(
                    f"Watching {paint(e.id, 'title')} ({e.title})\n"
                    f"  edit and save {shown(path)}\n"
                    f"  {watch_note(e.id)} Ctrl-C stops."
                )
                return False
            if is_blank(path):
                click.echo(
                    f"Watching {paint(e.id, 'title')} ({e.title})\n"
                    f"  edit and save {shown(path)}\n"
                    "  it is checked each time you save; Ctrl-C stops."
                )
                return False
            if not run_check():
                return False
            if move_on():
                return True

    try:
        if arrive():
            return
        for changes in watchfiles.watch(learner.catalogue.workspace, debounce=debounce, step=50):
            if not any(_same_path(p, session.path) for _change, p in changes):
                continue
            if run_check() and (move_on() or arrive()):
                return
    except KeyboardInterrupt:
        click.echo("\nStopped watching. Your progress is saved.")


def _same_path(changed: str, watched: Path) -> bool:
    """True when the path an event names is the watched one: as written, or both resolved
    (where events name real paths); a link that goes round in a circle is not it."""
    if os.path.abspath(changed) == os.path.abspath(watched):
        return True
    try:
        return Path(changed).resolve() == watched.resolve()
    except (OSError, RuntimeError):
        return False


@click.command()
@click.argument("exercise", shell_complete=complete_ids)
# A trainer's options, left out of the help a learner reads: a new attempt at the final is
# the trainer's decision, made at the learner's computer.
@click.option(
    "--retake-final",
    is_flag=True,
    hidden=True,
    help="Trainer: open a complete final assessment under its pass mark again, every item.",
)
@click.option("--yes", "-y", is_flag=True, hidden=True, help="With --retake-final: do not ask.")
@learner_command
def reset(exercise: str, retake_final: bool, yes: bool) -> None:
    """Restore a blank worksheet, keeping your old one as a backup beside it.

    The old file is kept as <worksheet>.bak-<time> (an existing backup is never
    overwritten). Your progress is not changed. An item of the pre-check or the final
    assessment is answered once: once submitted it is kept, and a new attempt is your
    trainer's decision.

    \b
    Examples:
      ams-exercises reset environmental-permit
    """
    from ..learner.assessment import reset_rule, retake_all

    learner = _learner()
    rule, said = reset_rule(learner.progress(), learner.entry(exercise).id, trainer=retake_final)
    _tell(learner)
    if rule == "refuse":
        raise InputError("reset", said)
    if rule == "retake":
        if not yes and not _confirm(
            said,
            f"`{typed(f'reset {exercise} --retake-final --yes')}` opens it without asking",
            command="reset",
            kept="nothing was changed",
        ):
            click.echo("Nothing was changed.")
            return
        from ..assessments import module_of, named

        for done in retake_all(learner, exercise):
            _say_reset(done)
        module = module_of(learner.entry(exercise).id)
        click.echo(
            f"{named(module).capitalize()} is open again: answer each item, then submit it "  # type: ignore[arg-type]
            f"with `{typed('check')}`."
        )
        return
    _say_reset(learner.reset(exercise))


def _say_reset(done: Reset) -> None:
    if done.already_blank:
        click.echo(f"{shown(done.path)} is already blank.")
        return
    click.echo(f"Wrote a blank worksheet to {shown(done.path)}.")
    if done.backup is not None:
        click.echo(f"Your old answers are kept in {shown(done.backup)}.")


@click.command("help")
@click.argument("command", required=False)
@click.pass_context
@_quiet_when_cut_short
def help_(ctx: click.Context, command: str | None) -> None:
    """Show the help: of every command, or of COMMAND.

    \b
    Examples:
      ams-exercises help
      ams-exercises help check
    """
    group = ctx.parent.command if ctx.parent else None
    if command is None or group is None:
        click.echo(ctx.parent.get_help() if ctx.parent else ctx.get_help())
        return
    found = group.get_command(ctx.parent, command)
    if found is None:
        shown_names = [
            name
            for name in group.list_commands(ctx.parent)
            if not getattr(group.get_command(ctx.parent, name), "hidden", False)
        ]
        names = ", ".join(shown_names)
        raise click.UsageError(f"no command named {command!r} (the commands: {names})")
    with click.Context(found, info_name=command, parent=ctx.parent) as sub:
        click.echo(found.get_help(sub))


@click.command()
@click.option("--no-browser", is_flag=True, help="Start JupyterLab without opening a browser.")
@click.option("--port", type=click.IntRange(0, 65535), default=8888, show_default=True)
@learner_command
@overlay_option
def notebooks(no_browser: bool, port: int) -> None:
    """Open your exercise notebooks in JupyterLab, as notebooks.

    Starts JupyterLab on workspace/notebooks/, your own copies of the course's notebooks,
    set up so that a double click opens each as a notebook. In them, check(...) keeps your
    progress as `ams-exercises check` does, and reads the state's overlay given with
    --overlay. Stop JupyterLab with Ctrl-C.

    \b
    Example:
      ams-exercises notebooks
    """
    import importlib.util
    import os
    import subprocess

    if (
        importlib.util.find_spec("jupyterlab") is None
        or importlib.util.find_spec("jupytext") is None
    ):
        from ..command_line import pip_install

        raise InputError(
            "notebooks",
            "needs JupyterLab, which the light set-up leaves out; add it from the top folder "
            f"of your copy of the course with: {pip_install('notebooks')}",
        )
    learner = _learner()
    _tell(learner)
    folder = learner.catalogue.workspace / "notebooks"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(learner.home / ".jupyter")}
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={folder}",
        f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1",
    ]
    if no_browser:
        args.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # JupyterLab refuses root without it (containers, CI)
    click.echo(f"Opening JupyterLab on {shown(folder)}; Ctrl-C stops it.")
    import signal

    lab = subprocess.Popen(args, env=env)
    # Stopping this command stops JupyterLab too: never a server left running on its own.
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, lambda *_: lab.terminate())
    try:
        sys.exit(lab.wait())
    except KeyboardInterrupt:
        lab.terminate()
        lab.wait()
        click.echo("\nStopped JupyterLab.")


COMMANDS = (next_, list_, check, hint, solution, progress, watch, reset, notebooks, help_)
