"""The learner's commands: next, list, check, hint, solution, progress, watch, reset,
notebooks and help.

Thin: each command parses its options, asks the learner's workflow
(:mod:`ams_exercises.learner`: :class:`~ams_exercises.learner.state.Learner` for the
learner's copy, :mod:`~ams_exercises.learner.targets` for what a command means,
:mod:`~ams_exercises.learner.watching`, :mod:`~ams_exercises.learner.jupyter` and the rest)
or the API, prints what it gets back, and turns bad input into the one-line error of
:func:`~ams_exercises.cli.base.reports_bad_input`. Heavy libraries are imported only inside
the commands that need them (watchfiles in ``watch``).

Everything a learner reads is made safe for a terminal first: paths and notices through
:func:`~ams_exercises.shown.printable`, ``check --json`` through
:func:`~ams_exercises.cli.base.terminal_json`. Output cut short by its reader
(``ams-exercises list | head -1``) ends the command quietly
(:func:`~ams_exercises.cli.base.quiet_when_cut_short`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..command_line import command as typed
from ..errors import InputError, UnknownExerciseError
from ..files.paths import printable, shown
from .base import (
    EXIT_NOT_YET,
    EXIT_OK,
    complete_ids,
    learner_command,
    paint,
    painter,
    quiet_when_cut_short,
    show,
    terminal_json,
    use_color,
    verdict_painter,
    warn,
)
from .overlay_option import overlay_option

if TYPE_CHECKING:
    from ..answers.sheet import AnswerSheet
    from ..grader.result import CheckResult
    from ..learner.state import Learner, Reset
    from ..learner.watching import Screen


def _tell(learner: Learner | None) -> None:
    """Show what the learner should know (a damaged progress file set aside, a failed save),
    each notice safe for the terminal (a folder's name may hold an escape sequence)."""
    if learner is not None:
        for notice in learner.notices:
            warn(printable(notice))
        learner.notices.clear()


@click.command("next")
@learner_command
def next_() -> None:
    """Say which exercise you are on and what to do next.

    \b
    Example:
      ams-exercises next
    """
    from ..learner.state import Learner
    from ..learner.texts import where_you_are

    learner = Learner.find()
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
    from ..learner.state import Learner
    from ..learner.targets import answer_file

    learner = Learner.find() if target is None else Learner.find_if_any()
    path = answer_file(target, learner)
    if path is None:
        click.echo("Every exercise is done: nothing left to check. Well done!")
        sys.exit(EXIT_OK)
    blank_of = learner.course_blank(path) if learner is not None else None
    inside = learner is not None and learner.holds(path) and blank_of is None
    if learner is not None:
        sheet = _check_item(learner, path, own=inside and not as_json)
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
            from ..learner.texts import next_up

            click.echo("")
            show(next_up(learner.catalogue, learner.next([result.exercise]), painter()))
    sys.exit(EXIT_OK if result.passed else EXIT_NOT_YET)


def _check_item(learner: Learner, path: Path, *, own: bool) -> AnswerSheet:
    """The answers in ``path``. An item of an assessment is answered once
    (:mod:`~ams_exercises.learner.submitting`): its check is shown here and ends the
    command. A practice exercise's answers are returned, to be checked as usual."""
    from ..assessments import module_of
    from ..learner.submitting import submit_from
    from ..learner.texts import next_up

    sheet = learner.read(path)
    if module_of(sheet.exercise) is None:
        return sheet
    _tell(learner)
    done = submit_from(learner, path, sheet, own=own)
    _tell(learner)
    if done.outcome is None:
        click.echo(printable(done.refused), err=True)
        sys.exit(EXIT_NOT_YET)
    outcome = done.outcome
    if outcome.kind == "unsaved":
        raise InputError(shown(path), outcome.text())
    show(outcome.text(verdict_painter()))
    if done.kept:
        click.echo(f"\n{done.kept}")
    if done.not_kept:
        click.echo(f"\n{done.not_kept}", err=True)
    if outcome.kind == "submitted":
        click.echo("")
        show(next_up(learner.catalogue, learner.next([sheet.exercise]), painter()))
    sys.exit(EXIT_NOT_YET if outcome.kind == "blank" else EXIT_OK)


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
    from ..learner.state import Learner
    from ..learner.targets import exercise_or_current
    from ..learner.texts import hint_sequence

    learner = Learner.find() if exercise is None else Learner.find_if_any()
    exercise = exercise_or_current(exercise, learner)
    if exercise is None:
        click.echo("Every exercise is done: no hints needed. Well done!")
        return
    key = key_for(exercise)
    _end_if_closed(learner, key.id, "hint")
    hints = hint_sequence(key, learner.right_fields(key.id) if learner is not None else ())
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


def _end_if_closed(learner: Learner | None, exercise: str, what: str) -> None:
    """End the command with the reason when the ``"hint"`` or the ``"solution"`` of
    ``exercise`` is still closed (:func:`~ams_exercises.learner.assessment.closed_to`)."""
    from ..learner.assessment import closed_to

    why = closed_to(learner, exercise, what)
    if why is not None:
        _tell(learner)
        show(why)
        sys.exit(EXIT_NOT_YET)


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
    from ..learner.state import Learner
    from ..learner.targets import exercise_or_current
    from ..learner.texts import solution_text

    learner = Learner.find() if exercise is None else Learner.find_if_any()
    exercise = exercise_or_current(exercise, learner)
    if exercise is None:
        raise UnknownExerciseError(
            "solution",
            f"every exercise is passed: name one, e.g. `{typed('solution environmental-permit')}`",
        )
    key = key_for(exercise)
    _end_if_closed(learner, key.id, "solution")
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
    from ..learner.state import Learner

    learner = Learner.find()
    prog = learner.progress()
    _tell(learner)
    if as_json:
        import json

        from ..learner.progress_json import progress_json

        click.echo(json.dumps(progress_json(learner.catalogue, prog), indent=2))
        return
    from ..learner.assessment import standings
    from ..learner.texts import progress_report

    after = standings(learner.catalogue, prog)
    show(progress_report(learner.catalogue, prog, painter(), after), page=True)


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
    from ..learner.state import Learner
    from ..learner.texts import next_up
    from ..learner.watching import Watch, save_watcher, watch_saves

    saves = save_watcher()
    learner = Learner.find()
    entry = learner.entry(exercise) if exercise is not None else learner.next()
    if entry is None:
        click.echo(next_up(learner.catalogue, None, painter()))
        return
    try:
        watch_saves(
            Watch(learner, entry), _screen(learner), saves(learner.catalogue.workspace, debounce)
        )
    except KeyboardInterrupt:
        click.echo("\nStopped watching. Your progress is saved.")


def _screen(learner: Learner) -> Screen:
    """How ``watch`` talks: messages as they are, each result in place of the last one
    (after the learner's notices), a worksheet that cannot be checked in the error style."""
    from functools import partial

    from ..learner.watching import Screen

    return Screen(say=click.echo, result=partial(_show_result, learner), slip=_slip, paint=paint)


def _show_result(learner: Learner, result: CheckResult) -> None:
    _tell(learner)
    if use_color():
        click.clear()
    show(result.to_text(verdict_painter()))


def _slip(problem: str) -> None:
    click.echo(paint(f"ams-exercises: {printable(problem)}", "error"))


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
    from ..learner.state import Learner

    learner = Learner.find()
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
@quiet_when_cut_short
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
    from ..learner.jupyter import lab_for, require_jupyterlab, run_lab
    from ..learner.state import Learner

    require_jupyterlab()
    learner = Learner.find()
    _tell(learner)
    lab = lab_for(learner, port, browser=not no_browser)
    click.echo(f"Opening JupyterLab on {shown(lab.folder)}; Ctrl-C stops it.")
    code = run_lab(lab)
    if code is None:
        click.echo("\nStopped JupyterLab.")
        return
    sys.exit(code)


COMMANDS = (next_, list_, check, hint, solution, progress, watch, reset, notebooks, help_)
