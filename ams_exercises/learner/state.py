"""The learner's copy of the course as one object: where it is, its catalogue, its progress,
and everything the learner commands do to it.

There is ONE rule for "the next exercise" (:func:`next_exercise`): the first exercise in
course order that is not done yet (passed; for an assessment item, submitted).
``ams-exercises`` (next), ``check`` with no target, ``hint`` and ``solution`` with no id,
``watch`` when it starts and after each pass, and the "Next up" line after a pass all use
it, so a learner who skipped ahead is told one thing.

Nothing here prints or exits; problems are :class:`~ams_exercises.errors.InputError`
(shown by the command line in one line) and :class:`~ams_exercises.files.atomic.SaveError`
(a save that failed, with the old file intact). A worksheet is only ever read through the
safe reader (:mod:`ams_exercises.files.reading`): a pipe, a device or a file of gigabytes
in its place is one line, never a hang or all the memory.

Only the finders' own module is loaded with this one: the catalogue, the progress file and
the workspace are loaded when first used, so ``check FILE`` outside any copy learns that
there is none and goes on without them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..command_line import command as typed
from ..errors import AnswerFileError, InputError, UnknownExerciseError
from ..files.paths import shown
from ..files.reading import kind_of_file, read_bytes
from .home import find_home, find_home_if_any, unreadable

if TYPE_CHECKING:
    from ..answers.sheet import AnswerSheet
    from ..grader.keys import AnswerKey
    from ..grader.result import CheckResult
    from .catalogue import Catalogue, Entry
    from .progress import Progress

T = TypeVar("T")


def next_exercise(
    catalogue: Catalogue, progress: Progress, passed_too: Iterable[str] = ()
) -> Entry | None:
    """The exercise the learner is on: the first in course order not yet done (passed, or
    for an item of an assessment, submitted: :mod:`.assessment`).

    ``passed_too`` names exercises to count as passed although the file does not say so
    (``watch`` passes the ones it saw pass, in case saving the progress failed).
    """
    skip = set(passed_too)
    return next(
        (e for e in catalogue.entries if e.id not in skip and not progress.done(e.id)),
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

    @classmethod
    def open(cls, home: Path) -> Learner:
        """The copy at ``home``, ready to work in: every exercise has a worksheet in the
        workspace (written when missing, refreshed when untouched and the course changed).

        Making a ``Learner`` writes nothing; opening one does, so what only reads the
        catalogue (shell completion) cannot create or rename a worksheet."""
        from ..files.atomic import SaveError
        from .catalogue import load_catalogue
        from .workspace import sync_workspace

        learner = cls(home, load_catalogue(home))
        try:
            learner.notices += sync_workspace(learner.catalogue)
        except SaveError as exc:
            raise InputError(shown(exc.path), f"could not be made ({exc.reason})") from None
        return learner

    @classmethod
    def find(cls, start: Path | None = None) -> Learner:
        """The copy at or above ``start`` (or ``$AMS_EXERCISES_HOME``), opened; else
        WorkingCopyError."""
        return cls.open(find_home(start))

    @classmethod
    def find_if_any(cls, start: Path | None = None) -> Learner | None:
        """The copy if there is one here, opened; ``None`` outside any (unless the variable
        is set)."""
        home = find_home_if_any(start)
        return None if home is None else cls.open(home)

    # --- reading --------------------------------------------------------------------------

    def progress(self) -> Progress:
        """The progress as saved now."""
        from .progress import load

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
        """The worksheet of ``entry``, refusing a missing, emptied or unusable one with what
        to do."""
        path = self.catalogue.path(entry)
        fresh = f"`{typed(f'reset {entry.id}')}` writes a blank worksheet"
        info = _looked_at(path, AnswerFileError, f"move it away, then {fresh}")
        if info is None:
            raise AnswerFileError(shown(path), f"no such file; {fresh}")
        if info.st_size < 4096 and not read_bytes(path, error=AnswerFileError).strip():
            raise AnswerFileError(shown(path), f"is empty; {fresh}")
        return path

    def holds(self, path: Path) -> bool:
        """True when ``path`` is inside this copy (a check of it counts as an attempt)."""
        return path.resolve().is_relative_to(self.home)

    def course_blank(self, path: Path) -> Entry | None:
        """The exercise whose course blank (under ``exercises/``, which updates replace)
        ``path`` is, or ``None``: a learner who checks it should check their own copy."""
        try:
            resolved = path.resolve()
            if not resolved.is_relative_to(self.catalogue.folder.resolve()):
                return None
            return next(
                (
                    e
                    for e in self.catalogue.entries
                    if self.catalogue.blank(e).resolve() == resolved
                ),
                None,
            )
        except (OSError, RuntimeError):
            return None

    def passed(self, exercise: str) -> bool:
        return self.progress().state(exercise) == "passed"

    def submitted(self, exercise: str) -> bool:
        """True once an assessment item is submitted (:mod:`.assessment`)."""
        return self.progress().state(exercise) == "submitted"

    def hints_seen(self, exercise: str) -> int:
        rec = self.progress().exercises.get(exercise)
        return rec.hints_shown if rec else 0

    def attempts(self, exercise: str) -> int:
        rec = self.progress().exercises.get(exercise)
        return rec.attempts if rec else 0

    def right_fields(self, exercise: str) -> set[str]:
        """The fields the worksheet of ``exercise`` already answers right (none when it
        cannot be read): their hints are left out. Nothing is recorded."""
        try:
            result = self.grade(self.worksheet(self.entry(exercise)), record=False)
        except InputError:
            return set()
        return {name for name, res in result.fields.items() if res.verdict == "correct"}

    # --- changing -------------------------------------------------------------------------

    def update(self, change: Callable[[Progress], T]) -> T:
        """Apply ``change`` to the saved progress under the lock; SaveError if saving fails."""
        from .progress import updating

        with updating(self.home) as progress:
            if progress.notice:
                self.notices.append(progress.notice)
            return change(progress)

    def grade(self, path: Path, *, record: bool, sheet: AnswerSheet | None = None) -> CheckResult:
        """Grade the answer file ``path`` (``sheet``: its answers, already read); with
        ``record``, count the attempt (hints go further along after each one). A worksheet
        with no answer at all is graded but not counted. A failed save is a notice: the
        grade still stands."""
        from ..api import grade_sheet

        sheet = sheet or self.read(path)
        attempt = self.attempts(sheet.exercise) if record else 0
        result = grade_sheet(sheet, attempt=attempt)
        if record and not sheet.blank:
            self.save_quietly(
                lambda p: p.record_check(
                    result.exercise, result.score, result.max_score, result.passed
                )
            )
        return result

    def read(self, path: Path) -> AnswerSheet:
        """The answers in the file ``path`` (what the learner should know of it, noted)."""
        from ..answers.sheet import read_answer_file

        sheet = read_answer_file(path)
        self.notices += [f"{shown(path)}: {notice}" for notice in sheet.notices]
        return sheet

    def save_quietly(self, change: Callable[[Progress], Any]) -> Any:
        """:meth:`update`, turning a failed save into a notice instead of an error."""
        from ..files.atomic import SaveError

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
        """Write a blank worksheet for ``exercise``; the old one is kept as ``.bak-<time>``.
        (The command asks :func:`.assessment.reset_rule` first: a submitted assessment item
        is kept.)"""
        from ..files.atomic import SaveError, copy_aside, write_atomic
        from ..grader.keys import key_for
        from .worksheets import render_worksheet

        entry = self.entry(exercise)
        blank = render_worksheet(
            key_for(entry.id), entry.module_title, entry.module_number, entry.number
        )
        path = self.catalogue.path(entry)
        again = f"move it away, then run `{typed(f'reset {entry.id}')}` again"
        info = _looked_at(path, InputError, again)
        backup = None
        try:
            # Read only what could be the blank: a worksheet of gigabytes is never read.
            data = blank.encode("utf-8")
            same_size = info is not None and info.st_size == len(data)
            if same_size and read_bytes(path, max_bytes=len(data), error=InputError) == data:
                return Reset(path, already_blank=True)
            # The old worksheet stays in place until the blank one has replaced it whole.
            backup = copy_aside(path, "bak") if info is not None else None
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


def _looked_at(path: Path, error: type[InputError], fix: str) -> os.stat_result | None:
    """What ``path`` is (following links); ``None`` when there is nothing there. Anything
    but a regular file, or a path that cannot be looked at, is ``error`` with ``fix``."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise error(shown(path), unreadable(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(shown(path), f"is a folder, not a worksheet; {fix}")
    if not stat.S_ISREG(info.st_mode):
        raise error(shown(path), f"is {kind_of_file(info.st_mode)}, not a worksheet; {fix}")
    return info
