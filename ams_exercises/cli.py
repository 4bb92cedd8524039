"""The ``ams-exercises`` command line: a thin layer over the API, the worksheets and the
learner's progress.

Exit codes: 0 when every field is correct (or the command did its job), 1 when an answer
is not right yet, 2 on bad input (with one line on standard error naming the file and the
problem). Heavy libraries (Sphinx, Jinja, WeasyPrint, matplotlib, watchfiles) are imported
only inside the commands that need them, never at start-up.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import AnswerFileError, InputError, UnknownExerciseError

if TYPE_CHECKING:
    from .progress import Progress
    from .result import CheckResult
    from .worksheets import Catalogue, Entry

EXIT_OK, EXIT_NOT_YET, EXIT_BAD_INPUT = 0, 1, 2

_VERDICT_COLOURS = {
    "correct": "green",
    "partial": "yellow",
    "incorrect": "red",
    "missing": "magenta",
}
_ROLE_STYLES: dict[str, dict[str, Any]] = {
    "passed": {"fg": "green", "bold": True},
    "attempted": {"fg": "yellow"},
    "not started": {"dim": True},
    "title": {"bold": True},
    "command": {"fg": "cyan"},
    "error": {"fg": "red"},
}


def use_colour(stream: Any = None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def verdict_style(text: str, verdict: str) -> str:
    """Colour ``text`` for ``verdict`` (bold green for correct, and so on)."""
    return click.style(text, fg=_VERDICT_COLOURS.get(verdict), bold=True)


def _role_style(text: str, role: str) -> str:
    return click.style(text, **_ROLE_STYLES.get(role, {}))


def painter() -> Callable[[str, str], str] | None:
    """The colouring function for the learner commands, or ``None`` for plain text."""
    return _role_style if use_colour() else None


def fail(message: str) -> None:
    """Print one line to standard error and exit with code 2."""
    click.echo(f"ams-exercises: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def warn(message: str) -> None:
    """Print one line to standard error and carry on."""
    click.echo(f"ams-exercises: {message}", err=True)


def reports_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an :class:`InputError` raised by ``command`` into one line and exit code 2."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            fail(str(exc))

    return run


# --- the learner's working copy -----------------------------------------------------------


def _home(required: bool = True) -> Path | None:
    """The working copy (the folder holding ``exercises/catalogue.yaml``), or ``None``."""
    from .progress import WorkingCopyError, find_home

    try:
        return find_home()
    except WorkingCopyError:
        if required or os.environ.get("AMS_EXERCISES_HOME"):
            raise
        return None


def _catalogue(home: Path) -> Catalogue:
    from .worksheets import load_catalogue

    return load_catalogue(home)


def _entry(catalogue: Catalogue, exercise: str) -> Entry:
    entry = catalogue.get(exercise)
    if entry is None:
        from .keys import not_an_id

        raise UnknownExerciseError(
            repr(exercise), not_an_id(exercise, [e.id for e in catalogue.entries])
        )
    return entry


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is below it, for short messages."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _updating(home: Path, change: Callable[[Progress], Any]) -> Any:
    """Apply ``change`` to the saved progress; on a failed save warn and carry on."""
    from .progress import SaveError, updating

    result = None
    try:
        with updating(home) as progress:
            result = change(progress)
    except SaveError as exc:
        warn(f"{exc}; your earlier progress is unchanged")
    return result


def _current(home: Path) -> tuple[Catalogue, Progress, Entry | None]:
    from .learner import current
    from .progress import load

    catalogue = _catalogue(home)
    progress = load(home)
    return catalogue, progress, current(catalogue, progress)


def _complete_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of exercise ids, from the catalogue or else from the keys."""
    from click.shell_completion import CompletionItem

    try:
        home = _home(required=False)
        if home is not None:
            ids = [e.id for e in _catalogue(home).entries]
        else:
            from .keys import key_ids

            ids = key_ids()
    except InputError:
        return []
    return [CompletionItem(i) for i in ids if i.startswith(incomplete)]


# --- the commands -------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.version_option(package_name="ams-exercises")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Practise "who is your customer?": work through the course's exercises and check
    your answers. With no command, says where you are and what to do next.

    \b
    Examples:
      ams-exercises                       # where am I? what next?
      ams-exercises check                 # check the exercise you are on
      ams-exercises watch                 # check it each time you save
      ams-exercises hint environmental-permit
      ams-exercises progress
      ams-exercises check my-answers.yaml --json

    \b
    Shell completion (bash; use zsh_source or fish_source for those shells):
      eval "$(_AMS_EXERCISES_COMPLETE=bash_source ams-exercises)"
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(next_)


@main.command("next")
@reports_bad_input
def next_() -> None:
    """Say which exercise you are on and what to do next.

    \b
    Example:
      ams-exercises next
    """
    from .learner import where_you_are

    home = _home()
    catalogue, progress, entry = _current(home)
    sheet = _shown(catalogue.path(entry)) if entry else ""
    click.echo(where_you_are(catalogue, progress, sheet, painter()))


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@reports_bad_input
def list_(as_json: bool) -> None:
    """List every exercise with its module and title.

    \b
    Example:
      ams-exercises list
    """
    from .keys import all_keys, modules

    keys = all_keys()
    mods = modules()
    if as_json:
        rows = [
            {"id": k.id, "title": k.title, "module": k.module, "asks": list(k.asks)} for k in keys
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    current = None
    for key in keys:
        if key.module != current:
            current = key.module
            click.echo(f"\n{mods[current].title}")
        click.echo(f"  {key.id:<34} {key.title}")


def _target(target: str | None, home: Path | None) -> Path:
    """The answer file ``check`` grades: a file, a catalogue id's worksheet, or (no
    target) the worksheet of the exercise the learner is on."""
    if target is None:
        if home is None:
            _home()  # raises: says why there is no working copy
        catalogue, _progress, entry = _current(home)
        if entry is None:
            click.echo("Every exercise is passed: nothing left to check. Well done!")
            sys.exit(EXIT_OK)
        return _worksheet(catalogue, entry)
    path = Path(target)
    if path.exists():
        return path
    if home is not None:
        catalogue = _catalogue(home)
        entry = catalogue.get(target)
        if entry is not None:
            return _worksheet(catalogue, entry)
    if "/" in target or os.sep in target or target.endswith((".yaml", ".yml")):
        raise AnswerFileError(target, "no such file")
    from .keys import not_an_id

    if home is None:
        raise UnknownExerciseError(
            repr(target), "is neither a file nor an exercise id (no copy of the course found here)"
        )
    known = [e.id for e in _catalogue(home).entries]
    raise UnknownExerciseError(repr(target), f"is not a file, and {not_an_id(target, known)}")


def _worksheet(catalogue: Catalogue, entry: Entry) -> Path:
    path = catalogue.path(entry)
    fresh = f"`ams-exercises reset {entry.id}` writes a blank worksheet"
    if not path.is_file():
        raise AnswerFileError(_shown(path), f"no such file; {fresh}")
    if path.stat().st_size < 4096 and not path.read_bytes().strip():
        raise AnswerFileError(_shown(path), f"is empty; {fresh}")
    return path


def _grade(path: Path, home: Path | None, record: bool) -> CheckResult:
    """Grade ``path`` (hints further along after each attempt) and record the attempt;
    a worksheet with no answer at all is graded but not counted."""
    from .answers import read_answer_file
    from .grading import grade

    sheet = read_answer_file(path)
    attempt = 0
    if home is not None and record:
        from .progress import load

        rec = load(home).exercises.get(sheet.exercise)
        attempt = rec.attempts if rec else 0
    result = grade(sheet.key, sheet.answers, attempt=attempt)
    if home is not None and record and not sheet.blank:
        _updating(
            home,
            lambda p: p.record_check(
                result.exercise, result.score, result.max_score, result.passed
            ),
        )
    return result


def _after_pass(home: Path) -> str:
    """What to do once an exercise is passed: the next one, or congratulations."""
    catalogue, progress, entry = _current(home)
    if entry is None:
        total = len(catalogue.entries)
        return f"That was the last one: all {total} exercises passed. Congratulations!"
    paint = painter() or (lambda text, _role: text)
    return (
        f"Next up: {paint(entry.id, 'title')} ({entry.title})\n"
        f"  edit {_shown(catalogue.path(entry))}\n"
        f"  then run {paint(f'ams-exercises check {entry.id}', 'command')}"
    )


@main.command()
@click.argument("target", required=False, shell_complete=_complete_ids)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object (schemas/check-result.schema.json); records no progress.",
)
@reports_bad_input
def check(target: str | None, as_json: bool) -> None:
    """Grade a worksheet and show each field's verdict and feedback.

    TARGET is an answer file or an exercise id (its worksheet in exercises/); without it,
    the exercise you are on. Each check of a file inside your copy of the course counts
    as an attempt in your progress (not with --json, which is for scripts and trainers).
    Exit code 0 when every field is correct, 1 when not, 2 when the file cannot be used.

    \b
    Examples:
      ams-exercises check
      ams-exercises check environmental-permit
      ams-exercises check exercises/knowing-your-customer/01-environmental-permit.yaml
      ams-exercises check my-answers.yaml --json
    """
    home = _home(required=target is None)
    path = _target(target, home)
    inside = home is not None and path.resolve().is_relative_to(home)
    result = _grade(path, home, record=inside and not as_json)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        if target is not None and not Path(target).exists() and result.exercise != target:
            click.echo(
                f"Note: {_shown(path)} answers {result.exercise!r}, not {target!r}; "
                f"this is the grade for {result.exercise!r}.",
                err=True,
            )
        click.echo(result.to_text(verdict_style if use_colour() else None))
        if home is not None and not inside:
            click.echo(
                f"\n(Not recorded in your progress: {_shown(path)} is outside your copy of "
                "the course. Check your worksheet in exercises/ to count it.)"
            )
        elif result.passed and home is not None:
            click.echo("")
            click.echo(_after_pass(home))
    sys.exit(EXIT_OK if result.passed else EXIT_NOT_YET)


@main.command()
@click.argument("exercise", required=False, shell_complete=_complete_ids)
@click.option("--all", "show_all", is_flag=True, help="List every hint shown so far.")
@click.option(
    "--level",
    type=click.IntRange(1, 50),
    default=None,
    help="Show hint number LEVEL (1 is the gentlest) without counting it.",
)
@reports_bad_input
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
    from .keys import key_for
    from .learner import hint_sequence

    home = _home(required=exercise is None)
    if exercise is None:
        _catalogue_, _progress, entry = _current(home)
        if entry is None:
            click.echo("Every exercise is passed: no hints needed. Well done!")
            return
        exercise = entry.id
    key = key_for(exercise)
    hints = hint_sequence(key)
    total = len(hints)

    def line(n: int) -> str:
        return f"Hint {n} of {total} for {key.id}: {hints[n - 1]}"

    if level is not None or home is None:
        click.echo(line(min(level or 1, total)))
        return
    if show_all:
        from .progress import load

        rec = load(home).exercises.get(key.id)
        seen = min(rec.hints_shown if rec else 0, total)
        if not seen:
            click.echo(
                f"No hints shown yet for {key.id}: `ams-exercises hint {key.id}` shows the first."
            )
        for n in range(1, seen + 1):
            click.echo(line(n))
        return

    def next_hint(progress: Progress) -> int:
        rec = progress.of(key.id)
        if rec.hints_shown < total:
            rec.hints_shown += 1
            return rec.hints_shown
        return 0

    shown = _updating(home, next_hint)
    if shown:
        click.echo(line(shown))
        if shown == total:
            click.echo("That was the last hint.")
    else:
        click.echo(
            f"No more hints for {key.id}: you have seen all {total} "
            f"(`ams-exercises hint --all {key.id}` lists them). "
            f"`ams-exercises solution {key.id} --reveal` shows the worked solution."
        )


@main.command()
@click.argument("exercise", required=False, shell_complete=_complete_ids)
@click.option("--reveal", is_flag=True, help="Show it before you have passed (asks first).")
@click.option("--yes", "-y", is_flag=True, help="With --reveal: do not ask (for scripts).")
@reports_bad_input
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
    from .keys import key_for
    from .learner import solution_text

    home = _home(required=exercise is None)
    if exercise is None:
        _catalogue_, _progress, entry = _current(home)
        if entry is None:
            raise UnknownExerciseError(
                "solution",
                "every exercise is passed: name one, e.g. "
                "`ams-exercises solution environmental-permit`",
            )
        exercise = entry.id
    key = key_for(exercise)
    passed = False
    if home is not None:
        from .progress import load

        passed = load(home).state(key.id) == "passed"
    if not passed:
        if not reveal:
            click.echo(
                f"The solution to {key.id} opens once you have passed it. Keep going: "
                f"`ams-exercises hint {key.id}` gives a nudge. To see it now: "
                f"`ams-exercises solution {key.id} --reveal`."
            )
            sys.exit(EXIT_NOT_YET)
        if not yes and not click.confirm(
            f"You have not passed {key.id} yet. Show its worked solution anyway?", err=True
        ):
            click.echo("Kept hidden. `ams-exercises hint` gives a nudge instead.")
            sys.exit(EXIT_NOT_YET)
        if home is not None:

            def seen(progress: Progress) -> None:
                progress.of(key.id).solution_seen = True

            _updating(home, seen)
    click.echo(solution_text(key, painter()))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print every exercise's state as JSON.")
@reports_bad_input
def progress(as_json: bool) -> None:
    """Show every exercise with its state, and a progress bar per module and overall.

    States: not started, attempted (checked but not yet right), passed.

    \b
    Examples:
      ams-exercises progress
      ams-exercises progress --json
    """
    from .learner import progress_report
    from .progress import load

    home = _home()
    catalogue = _catalogue(home)
    prog = load(home)
    if as_json:
        rows = []
        for e in catalogue.entries:
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
        passed = sum(r["state"] == "passed" for r in rows)
        click.echo(json.dumps({"passed": passed, "total": len(rows), "exercises": rows}, indent=2))
        return
    click.echo(progress_report(catalogue, prog, painter()))


@main.command()
@click.argument("exercise", required=False, shell_complete=_complete_ids)
@click.option(
    "--debounce",
    type=click.IntRange(50, 10_000),
    default=400,
    show_default=True,
    help="Milliseconds to wait for a save to settle before checking.",
)
@reports_bad_input
def watch(exercise: str | None, debounce: int) -> None:
    """Check your worksheet each time you save it, and move on when it passes.

    Starts at EXERCISE, or at the exercise you are on. Stop with Ctrl-C: your progress
    is saved after every check.

    \b
    Examples:
      ams-exercises watch
      ams-exercises watch nursing-licence
    """
    try:
        import watchfiles
    except ImportError:
        raise InputError(
            "watch", "needs the watchfiles package: pip install 'ams-exercises[learner]'"
        ) from None
    home = _home()
    catalogue, _progress, entry = _current(home)
    if exercise is not None:
        entry = _entry(catalogue, exercise)
    if entry is None:
        click.echo(_after_pass(home))
        return
    from .worksheets import is_blank

    paint = painter() or (lambda text, _role: text)
    state: dict[str, Any] = {"entry": entry, "last": None}

    def path() -> Path:
        return catalogue.path(state["entry"])

    def run_check() -> bool:
        """Grade the worksheet being watched and show the result; True when it passed."""
        try:
            text = path().read_text(encoding="utf-8")
        except OSError:
            return False  # between an editor's delete and rename: the next event comes
        if text == state["last"]:
            return False  # saved without a change (or a second event for one save)
        state["last"] = text
        try:
            result = _grade(path(), home, record=True)
        except InputError as exc:
            click.echo(paint(f"ams-exercises: {exc}", "error"))
            click.echo("Fix it and save again. Ctrl-C stops.")
            return False
        if use_colour():
            click.clear()
        click.echo(result.to_text(verdict_style if use_colour() else None))
        if not result.passed:
            click.echo(f"\nWatching {_shown(path())}: save it again to re-check; Ctrl-C stops.")
        return result.passed

    def move_on() -> bool:
        """After a pass: go to the next exercise not passed. True when none is left."""
        from .progress import load

        done, prog = state["entry"], load(home)
        order = list(catalogue.entries)
        at = order.index(done)
        rest = [e for e in order[at + 1 :] + order[:at] if prog.state(e.id) != "passed"]
        click.echo("")
        if not rest:
            click.echo(_after_pass(home))
            return True
        click.echo(paint(f"Passed! Moving on to {rest[0].id}.", "passed"))
        state["entry"], state["last"] = rest[0], None
        return False

    def arrive() -> bool:
        """Start on the current exercise, checking it at once if it has answers, and go
        on past each one that already passes. True when no exercise is left."""
        while True:
            e = state["entry"]
            if not path().is_file():
                click.echo(
                    f"{_shown(path())} is missing: `ams-exercises reset {e.id}` writes a blank one."
                )
                return False
            if is_blank(path()):
                click.echo(
                    f"Watching {paint(e.id, 'title')} ({e.title})\n"
                    f"  edit and save {_shown(path())}\n"
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
        for changes in watchfiles.watch(catalogue.folder, debounce=debounce, step=50):
            target = path().resolve()
            if not any(Path(p).resolve() == target for _change, p in changes):
                continue
            if run_check() and (move_on() or arrive()):
                return
    except KeyboardInterrupt:
        click.echo("\nStopped watching. Your progress is saved.")


@main.command()
@click.argument("exercise", shell_complete=_complete_ids)
@reports_bad_input
def reset(exercise: str) -> None:
    """Restore a blank worksheet, keeping your old one as a backup beside it.

    The old file is kept as <worksheet>.bak-<time> (an existing backup is never
    overwritten). Your progress is not changed.

    \b
    Example:
      ams-exercises reset environmental-permit
    """
    from .keys import key_for
    from .progress import SaveError, set_aside, write_atomic
    from .worksheets import render_worksheet

    home = _home()
    catalogue = _catalogue(home)
    entry = _entry(catalogue, exercise)
    blank = render_worksheet(
        key_for(entry.id), entry.module_title, entry.module_number, entry.number
    )
    path = catalogue.path(entry)
    try:
        if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == blank:
            click.echo(f"{_shown(path)} is already blank.")
            return
        backup = set_aside(path, "bak") if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, blank)
    except (OSError, SaveError) as exc:
        raise InputError(_shown(path), f"could not be reset ({exc})") from None
    click.echo(f"Wrote a blank worksheet to {_shown(path)}.")
    if backup is not None:
        click.echo(f"Your old answers are kept in {_shown(backup)}.")


from . import cli_trainer  # noqa: E402, F401  (adds the trainer's commands: handouts, grade)

if __name__ == "__main__":  # pragma: no cover
    main()
