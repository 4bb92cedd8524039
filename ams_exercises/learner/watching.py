"""``watch``: check the learner's worksheet each time it is saved, and go on to the next
exercise once it passes.

:class:`Watch` is the loop's state, named: the exercise watched, the text last checked, the
exercises seen to pass here and the problem told last. :func:`watch_saves` runs the loop
over the saves a file watcher reports, with the steps beside it: :func:`arrive` at an
exercise, :func:`check_save` of its worksheet, :func:`move_on` after a pass. The next
exercise is always the one rule's (:func:`.state.next_exercise`).

An item of an assessment is never graded here: saving one says how to submit it, and once
``check`` has submitted it (from another terminal), the loop goes on.

The loop prints nothing itself: it speaks through a :class:`Screen` that the command line
fills in, so the words here reach the learner in the command line's colors and error style.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..command_line import command as typed
from ..errors import AnswerFileError, InputError
from ..files.paths import shown
from ..files.reading import read_bytes
from .catalogue import Entry
from .state import Learner
from .texts import next_up

if TYPE_CHECKING:
    from ..grader.result import CheckResult

Paint = Callable[[str, str], str]
#: What a file watcher reports, one batch of changes at a time: ``(change, path)`` pairs.
Saves = Iterable[set[tuple[Any, str]]]


@dataclass(frozen=True)
class Screen:
    """How the loop talks to the learner."""

    #: A message, as it is.
    say: Callable[[str], None]
    #: A check's result, in place of the one before.
    result: Callable[[CheckResult], None]
    #: Why the worksheet could not be checked: one line, in the error style.
    slip: Callable[[str], None]
    #: Colors a piece of text for a role (``title``, ``passed``), or leaves it plain.
    paint: Paint


@dataclass
class Watch:
    """The loop's state: the exercise being watched, the text last checked, and the
    exercises seen to pass in this session."""

    learner: Learner
    entry: Entry
    last: bytes | None = None
    passed_here: set[str] = field(default_factory=set)
    #: Why the worksheet could not be read last time, told once until it changes.
    problem: str | None = None

    @property
    def path(self) -> Path:
        return self.learner.catalogue.path(self.entry)

    @property
    def assessment(self) -> bool:
        """The watched exercise is an assessment item: saving it never submits it."""
        from ..assessments import module_of

        return module_of(self.entry.id) is not None

    def missing(self) -> bool:
        """True when nothing is at the worksheet's path (a folder that cannot be opened is
        not "missing": reading the worksheet says why)."""
        try:
            os.lstat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return True
        except OSError:
            return False
        return False

    def changed(self) -> bool:
        """True when the worksheet's text differs from the text last checked.

        Read by the safe reader: a worksheet that is not a regular file, or too large, is
        an :class:`AnswerFileError` (once, until it changes again); a missing one is not a
        change (between an editor's delete and rename: the next event comes)."""
        try:  # bytes: a file in any encoding is compared as saved (and read by check)
            text = read_bytes(self.path, error=AnswerFileError)
        except AnswerFileError as exc:
            if exc.problem == "no such file" or exc.problem == self.problem:
                return False
            self.last, self.problem = None, exc.problem
            raise AnswerFileError(shown(self.path), exc.problem) from None
        self.problem = None
        if text == self.last:
            return False  # saved without a change (or a second event for one save)
        self.last = text
        return True

    def check(self) -> CheckResult:
        """Grade the watched worksheet and record the attempt (InputError if unreadable)."""
        result = self.learner.grade(self.path, record=True)
        if result.passed:
            self.passed_here.add(self.entry.id)
        return result

    def move_on(self) -> Entry | None:
        """After a pass: watch the next exercise by the one rule; ``None`` when none is left."""
        entry = self.learner.next(self.passed_here)
        if entry is not None:
            self.entry, self.last, self.problem = entry, None, None
        return entry


def save_watcher() -> Callable[[Path, int], Saves]:
    """What reports the saves in a folder, waiting ``debounce`` milliseconds for each to
    settle; an error saying how to install it when the watchfiles package is missing."""
    try:
        import watchfiles
    except ImportError:
        from ..command_line import pip_install

        raise InputError(
            "watch",
            "needs the watchfiles package; add it from the top folder of your copy of the "
            f"course with: {pip_install('learner')}",
        ) from None

    def saves(folder: Path, debounce: int) -> Iterator[set[tuple[Any, str]]]:
        return watchfiles.watch(folder, debounce=debounce, step=50)

    return saves


def watch_saves(session: Watch, screen: Screen, saves: Saves) -> None:
    """Start on the session's exercise, then check its worksheet at each save of it and go
    on after each pass, until no exercise is left. Ctrl-C (KeyboardInterrupt) reaches the
    caller; the progress is saved after every check."""
    if arrive(session, screen):
        return
    for changes in saves:
        if not any(_same_path(p, session.path) for _change, p in changes):
            continue
        if check_save(session, screen) and (move_on(session, screen) or arrive(session, screen)):
            return


def arrive(session: Watch, screen: Screen) -> bool:
    """Start on the current exercise, checking it at once if it has answers, and go on
    past each one that already passes (or is submitted). True when none is left."""
    from .assessment import watch_note
    from .worksheets import is_blank

    paint = screen.paint
    while True:
        e, path = session.entry, session.path
        if session.missing():
            screen.say(f"{shown(path)} is missing: `{typed(f'reset {e.id}')}` writes a blank one.")
            return False
        if session.assessment and session.learner.submitted(e.id):
            screen.say(f"{e.id} was submitted.")
            if move_on(session, screen):
                return True
            continue
        heading = f"Watching {paint(e.id, 'title')} ({e.title})\n  edit and save {shown(path)}\n"
        if session.assessment:
            screen.say(f"{heading}  {watch_note(e.id)} Ctrl-C stops.")
            return False
        if is_blank(path):
            screen.say(f"{heading}  it is checked each time you save; Ctrl-C stops.")
            return False
        if not check_save(session, screen):
            return False
        if move_on(session, screen):
            return True


def check_save(session: Watch, screen: Screen) -> bool:
    """Grade the watched worksheet if it changed and show the result; True if it passed.
    An assessment item is never graded here: True once it has been submitted."""
    try:
        if not session.changed():
            return False
        if session.assessment:
            return _item_saved(session, screen)
        result = session.check()
    except InputError as exc:  # a slip, or no worksheet to read (a pipe, a huge file)
        screen.slip(str(exc))
        screen.say("Fix it and save again. Ctrl-C stops.")
        return False
    screen.result(result)
    if not result.passed:
        screen.say(f"\nWatching {shown(session.path)}: save it again to re-check; Ctrl-C stops.")
    return result.passed


def _item_saved(session: Watch, screen: Screen) -> bool:
    """A save of an assessment item: never submitted here. True when it was submitted
    meanwhile (by ``check``), to move on."""
    from .assessment import watch_note

    exercise = session.entry.id
    if session.learner.submitted(exercise):
        screen.say(f"{exercise} was submitted.")
        return True
    screen.say(f"Saved, not submitted. {watch_note(exercise)}")
    return False


def move_on(session: Watch, screen: Screen) -> bool:
    """After a pass (or a submission): go to the next exercise by the one rule. True when
    none is left."""
    screen.say("")
    said = "Moving on" if session.assessment else "Passed! Moving on"
    entry = session.move_on()
    if entry is None:
        learner = session.learner
        screen.say(next_up(learner.catalogue, learner.next(), screen.paint))
        return True
    screen.say(screen.paint(f"{said} to {entry.id}.", "passed"))
    return False


def _same_path(changed: str, watched: Path) -> bool:
    """True when the path an event names is the watched one: as written, or both resolved
    (where events name real paths); a link that goes round in a circle is not it."""
    if os.path.abspath(changed) == os.path.abspath(watched):
        return True
    try:
        return Path(changed).resolve() == watched.resolve()
    except (OSError, RuntimeError):
        return False
