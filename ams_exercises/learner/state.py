"""The learner's copy of the course as one object: where it is, its catalogue, its progress,
and everything the learner commands do to it.

There is ONE rule for "the next exercise" (:func:`next_exercise`): the first exercise in
course order that is not passed yet. ``ams-exercises`` (next), ``check`` with no target,
``hint`` and ``solution`` with no id, ``watch`` when it starts and after each pass, and the
"Next up" line after a pass all use it, so a learner who skipped ahead is told one thing.

Nothing here prints or exits; problems are :class:`~ams_exercises.errors.InputError`
(shown by the command line in one line) and :class:`~ams_exercises.files.atomic.SaveError`
(a save that failed, with the old file intact).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import AnswerFileError, InputError, UnknownExerciseError
from ..files.atomic import SaveError, copy_aside, write_atomic
from ..files.paths import shown
from .catalogue import Catalogue, Entry, load_catalogue
from .home import find_home, find_home_if_any
from .progress import Progress, load, updating
from .workspace import sync_workspace

if TYPE_CHECKING:
    from ..grader.keys import AnswerKey
    from ..grader.result import CheckResult

T = TypeVar("T")


def next_exercise(
    catalogue: Catalogue, progress: Progress, passed_too: Iterable[str] = ()
) -> Entry | None:
    """The exercise the learner is on: the first in course order not yet passed.

    ``passed_too`` names exercises to count as passed although the file does not say so
    (``watch`` passes the ones it saw pass, in case saving the progress failed).
    """
    skip = set(passed_too)
    return next(
        (e for e in catalogue.entries if e.id not in skip and progress.state(e.id) != "passed"),
        None,
    )


@dataclass
class Reset:
    """What :meth:`Learner.reset` did."""

    path: Path
    backup: Path | None = None
    already_blank: bool = False


@dataclass
class Learner:
    """A learner's copy of the course: the folder holding ``exercises/catalogue.yaml``."""

    home: Path
    catalogue: Catalogue
    #: Things the learner should be told (a damaged progress file set aside).
    notices: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Every exercise has a worksheet in the learner's workspace (made when missing)."""
        try:
            self.notices += sync_workspace(self.catalogue)
        except SaveError as exc:
            raise InputError(shown(exc.path), f"could not be made ({exc.reason})") from None

    @classmethod
    def find(cls, start: Path | None = None) -> Learner:
        """The copy at or above ``start`` (or ``$AMS_EXERCISES_HOME``); else WorkingCopyError."""
        home = find_home(start)
        return cls(home, load_catalogue(home))

    @classmethod
    def find_if_any(cls, start: Path | None = None) -> Learner | None:
        """The copy if there is one here; ``None`` outside any (unless the variable is set)."""
        home = find_home_if_any(start)
        return None if home is None else cls(home, load_catalogue(home))

    # --- reading --------------------------------------------------------------------------

    def progress(self) -> Progress:
        """The progress as saved now."""
        progress = load(self.home)
        if progress.notice:
            self.notices.append(progress.notice)
        return progress

    def next(self, passed_too: Iterable[str] = ()) -> Entry | None:
        """The exercise the learner is on (:func:`next_exercise`); ``None`` when all passed."""
        return next_exercise(self.catalogue, self.progress(), passed_too)

    def entry(self, exercise: str) -> Entry:
        """The catalogue's entry for ``exercise``, or an error suggesting the closest ids."""
        entry = self.catalogue.get(exercise)
        if entry is None:
            from ..grader.keys import not_an_id

            raise UnknownExerciseError(repr(exercise), not_an_id(exercise, self.catalogue.ids))
        return entry

    def worksheet(self, entry: Entry) -> Path:
        """The worksheet of ``entry``, refusing a missing or emptied one with what to do."""
        path = self.catalogue.path(entry)
        fresh = f"`ams-exercises reset {entry.id}` writes a blank worksheet"
        if not path.is_file():
            raise AnswerFileError(shown(path), f"no such file; {fresh}")
        if path.stat().st_size < 4096 and not path.read_bytes().strip():
            raise AnswerFileError(shown(path), f"is empty; {fresh}")
        return path

    def holds(self, path: Path) -> bool:
        """True when ``path`` is inside this copy (a check of it counts as an attempt)."""
        return path.resolve().is_relative_to(self.home)

    def passed(self, exercise: str) -> bool:
        return self.progress().state(exercise) == "passed"

    def hints_seen(self, exercise: str) -> int:
        rec = self.progress().exercises.get(exercise)
        return rec.hints_shown if rec else 0

    def attempts(self, exercise: str) -> int:
        rec = self.progress().exercises.get(exercise)
        return rec.attempts if rec else 0

    # --- changing -------------------------------------------------------------------------

    def update(self, change: Callable[[Progress], T]) -> T:
        """Apply ``change`` to the saved progress under the lock; SaveError if saving fails."""
        with updating(self.home) as progress:
            if progress.notice:
                self.notices.append(progress.notice)
            return change(progress)

    def grade(self, path: Path, *, record: bool) -> CheckResult:
        """Grade the answer file ``path``; with ``record``, count the attempt (hints go further
        along after each one). A worksheet with no answer at all is graded but not counted.
        A failed save is a notice: the grade still stands."""
        from ..answers.sheet import read_answer_file
        from ..api import grade_sheet

        sheet = read_answer_file(path)
        attempt = self.attempts(sheet.exercise) if record else 0
        result = grade_sheet(sheet, attempt=attempt)
        if record and not sheet.blank:
            self.save_quietly(
                lambda p: p.record_check(
                    result.exercise, result.score, result.max_score, result.passed
                )
            )
        return result

    def save_quietly(self, change: Callable[[Progress], Any]) -> Any:
        """:meth:`update`, turning a failed save into a notice instead of an error."""
        try:
            return self.update(change)
        except SaveError as exc:
            self.notices.append(
                f"your progress was not saved ({exc.reason}): {shown(exc.path)} is unchanged"
            )
            return None

    def next_hint(self, key: AnswerKey, total: int) -> int:
        """Count one more hint shown for ``key``; its number, or 0 when all were shown."""

        return self.save_quietly(lambda progress: progress.show_hint(key.id, total)) or 0

    def solution_seen(self, exercise: str) -> None:
        """Note that the learner opened the solution before passing."""

        def seen(progress: Progress) -> None:
            progress.of(exercise).solution_seen = True

        self.save_quietly(seen)

    def reset(self, exercise: str) -> Reset:
        """Write a blank worksheet for ``exercise``; the old one is kept as ``.bak-<time>``."""
        from ..grader.keys import key_for
        from .worksheets import render_worksheet

        entry = self.entry(exercise)
        blank = render_worksheet(
            key_for(entry.id), entry.module_title, entry.module_number, entry.number
        )
        path = self.catalogue.path(entry)
        backup = None
        try:
            if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == blank:
                return Reset(path, already_blank=True)
            # The old worksheet stays in place until the blank one has replaced it whole.
            backup = copy_aside(path, "bak") if path.exists() else None
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, blank)
        except (OSError, SaveError) as exc:
            if backup is not None:
                backup.unlink(missing_ok=True)
            reason = exc.reason if isinstance(exc, SaveError) else (exc.strerror or exc)
            raise InputError(
                shown(path), f"could not be reset ({reason}); your worksheet is unchanged"
            ) from None
        return Reset(path, backup)


@dataclass
class Watch:
    """``watch``'s state: the exercise being watched, the text last checked, and the
    exercises seen to pass in this session. The command line drives it and prints."""

    learner: Learner
    entry: Entry
    last: bytes | None = None
    passed_here: set[str] = field(default_factory=set)

    @property
    def path(self) -> Path:
        return self.learner.catalogue.path(self.entry)

    def changed(self) -> bool:
        """True when the worksheet's text differs from the text last checked."""
        try:  # bytes: a file in any encoding is compared as saved (and read by check)
            text = self.path.read_bytes()
        except OSError:
            return False  # between an editor's delete and rename: the next event comes
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
            self.entry, self.last = entry, None
        return entry
