"""A learner's progress: one small JSON file at the root of their copy of the course.

The file is ``.ams-progress.json`` beside the ``exercises/`` folder (git ignores it). It
holds a format version and, per exercise, the attempts made, the hints shown, whether it
was passed, the last score and when things happened::

    {"format_version": 1,
     "exercises": {"environmental-permit": {"attempts": 2, "hints_shown": 1,
        "passed": true, "last_score": 4, "max_score": 4, "solution_seen": false,
        "first_attempt": "2025-01-01T10:00:00Z", "last_attempt": "...",
        "passed_at": "..."}}}

An item of an assessment (the pre-check, the final assessment: :mod:`.assessment`) is
answered once: its record also holds the ``submission``, the answers as submitted with
their points and percent, and ``earlier``, the submissions a retake of a failed final set
aside. Its state is then ``submitted``.

Progress is never lost: every save is atomic (:mod:`ams_exercises.files.atomic`), so a
process killed mid-write (or a full disk) leaves the previous file whole, and saves hold a
lock so two processes (``watch`` and a ``check``) never lose each other's update. A file
that cannot be read as progress (corrupt, or edited by hand into something else) is
renamed ``.ams-progress.json.corrupt-<time>`` and a fresh record started; one record that
cannot be read (a count that is not a number, text escaped into a lone surrogate such as
``"\\ud800"``, which no file can hold) costs only itself, the file being copied aside first.
The :attr:`Progress.notice` says so, for the command line to show: never silently.

The file is checked by the same models as every other file of the course
(:mod:`ams_exercises.files.models`), which need only the standard library, so ``progress``
and ``next`` stay fast.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from ..answers.submitted import Submission
from ..files.atomic import SaveError, copy_aside, locked, set_aside, write_atomic
from ..files.models import Invalid, Rule, to_data, validate
from ..files.paths import shown
from ..files.reading import read_bytes
from .home import WorkingCopyError

FILE_NAME = ".ams-progress.json"
FORMAT_VERSION = 1
#: A progress file larger than this is not one we wrote.
MAX_BYTES = 2_000_000

Count = Annotated[int, Rule(ge=0)]
#: A JSON escape of a surrogate (``\\ud800``): only then can the parsed file hold a lone one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
#: Why a record holding such text cannot be kept: it could never be saved again.
_HALF_CHARACTER = "holds an escape such as \\ud800 that is half of a character, not text"

__all__ = ["SaveError", "Progress", "ExerciseProgress", "Submission", "load", "updating"]


def now() -> str:
    """The current time in UTC, as the progress file records it."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


#: The states in which an exercise is done: the next-exercise rule goes past them.
DONE = ("passed", "submitted")


@dataclass
class ExerciseProgress:
    """What the learner has done on one exercise."""

    attempts: Count = 0
    hints_shown: Count = 0
    passed: bool = False
    last_score: float | None = None
    max_score: int | None = None
    solution_seen: bool = False
    first_attempt: str | None = None
    last_attempt: str | None = None
    passed_at: str | None = None
    #: An assessment item's answers as submitted (once), and those a retake set aside.
    submission: Submission | None = None
    earlier: list[Submission] = field(default_factory=list)

    @property
    def state(self) -> str:
        """``submitted`` (an assessment item), ``passed``, ``attempted`` or ``not started``."""
        if self.submission is not None:
            return "submitted"
        if self.passed:
            return "passed"
        return "attempted" if self.attempts else "not started"


@dataclass
class ProgressFile:
    """``.ams-progress.json``: every exercise's record."""

    WHAT = "a progress file"

    format_version: Literal[1]
    exercises: dict[str, ExerciseProgress] = field(default_factory=dict)


@dataclass
class Progress:
    """Every exercise's record, read from and saved to one file."""

    path: Path
    exercises: dict[str, ExerciseProgress]
    #: Set when the file could not be read and was set aside: what the learner should know.
    notice: str | None = None

    def of(self, exercise: str) -> ExerciseProgress:
        """The record of ``exercise`` (created empty when it has none yet)."""
        return self.exercises.setdefault(exercise, ExerciseProgress())

    def state(self, exercise: str) -> str:
        rec = self.exercises.get(exercise)
        return rec.state if rec else "not started"

    def record_check(
        self, exercise: str, score: float, max_score: int, passed: bool
    ) -> ExerciseProgress:
        """Count one attempt and its score. Once passed, an exercise stays passed."""
        rec = self.of(exercise)
        stamp = now()
        rec.attempts += 1
        rec.first_attempt = rec.first_attempt or stamp
        rec.last_attempt = stamp
        rec.last_score, rec.max_score = score, max_score
        if passed and not rec.passed:
            rec.passed, rec.passed_at = True, stamp
        return rec

    def show_hint(self, exercise: str, total: int) -> int:
        """Count one more hint shown for ``exercise``: its number, or 0 when all ``total``
        were shown already."""
        rec = self.of(exercise)
        if rec.hints_shown >= total:
            return 0
        rec.hints_shown += 1
        return rec.hints_shown

    def done(self, exercise: str) -> bool:
        """Passed, or (an assessment item) submitted."""
        return self.state(exercise) in DONE

    def to_dict(self) -> dict:
        data = to_data(ProgressFile(FORMAT_VERSION, dict(sorted(self.exercises.items()))))
        for record in data["exercises"].values():  # practice records stay as they were
            if record["submission"] is None:
                del record["submission"]
            if not record["earlier"]:
                del record["earlier"]
        return data

    def save(self) -> None:
        """Write the file atomically; raise :class:`SaveError` if that fails."""
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
        write_atomic(self.path, text)


def _keep(good: dict[str, ExerciseProgress], name: str, record: ExerciseProgress) -> None:
    """Keep ``record`` under the id its exercise has now: a record saved under an old id
    (``contractor-licence``) joins the one under the new id, so no work is lost."""
    from ..grader.keys import canonical_id

    now_id = str(canonical_id(name))
    had = good.get(now_id)
    if had is None:
        good[now_id] = record
        return
    newer, older = (
        (had, record)
        if (had.last_attempt or "") >= (record.last_attempt or "")
        else (
            record,
            had,
        )
    )
    newer.attempts += older.attempts
    newer.hints_shown = max(newer.hints_shown, older.hints_shown)
    newer.solution_seen = newer.solution_seen or older.solution_seen
    newer.first_attempt = min(
        filter(None, (newer.first_attempt, older.first_attempt)), default=None
    )
    if older.passed and not newer.passed:
        newer.passed, newer.passed_at = True, older.passed_at
    newer.submission = newer.submission or older.submission  # submitted once: kept
    newer.earlier = older.earlier + newer.earlier
    good[now_id] = newer


def parse(text: str) -> tuple[dict[str, ExerciseProgress], dict[str, str]]:
    """Read the file's text: the records that can be read, and why each other one cannot.

    Raises ``ValueError`` saying why when the file as a whole is not progress.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except (RecursionError, ValueError):
        raise ValueError("it is not a progress file this tool wrote") from None
    if not isinstance(data, dict):
        raise ValueError("it is not a JSON object")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ValueError(f"format_version is {version!r}, not {FORMAT_VERSION}")
    records = data.get("exercises", {})
    try:
        validate(ProgressFile, {**data, "exercises": {}})
    except Invalid as exc:
        raise ValueError(exc.message) from None
    if not isinstance(records, dict):
        raise ValueError("'exercises' is not a mapping")
    suspect = bool(_SURROGATE_ESCAPE.search(text))  # (the rest of the file was validated)
    good: dict[str, ExerciseProgress] = {}
    damaged: dict[str, str] = {}
    for name, record in records.items():  # one damaged record costs only itself
        if suspect and _has_lone_surrogate((name, record)):
            damaged[name] = _HALF_CHARACTER
            continue
        try:
            _keep(good, name, validate(ExerciseProgress, record))
        except Invalid as exc:
            where = f"{exc.loc[0]!r} " if exc.loc else ""
            damaged[name] = f"{where}{exc.problem}"
    return good, damaged


def _has_lone_surrogate(value: object) -> bool:
    """True when ``value`` (parsed JSON, nested however deep) holds a lone surrogate: text
    no file can hold."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple)):
            stack += item
    return False


def load(home: Path) -> Progress:
    """The progress kept in ``home``; a fresh one when there is none yet.

    A file that cannot be read as progress is set aside (renamed, never deleted), and a
    fresh record starts with a :attr:`~Progress.notice` saying where the old one is.
    """
    path = home / FILE_NAME
    if not path.exists() and not path.is_symlink():
        return Progress(path, {})
    if not path.is_file():  # a folder, a pipe or a device: refused before reading
        raise WorkingCopyError(
            path, "is not a file; move it away, and a fresh progress file will be started"
        )
    try:
        raw = read_bytes(path, max_bytes=MAX_BYTES, error=WorkingCopyError)
    except WorkingCopyError as exc:
        if "over the limit" not in exc.problem:
            raise
        raw = None
    try:
        if raw is None:
            raise ValueError(f"it is over {MAX_BYTES:,} bytes")
        try:
            text = raw.decode("utf-8-sig")  # a byte-order mark (Notepad's UTF-8) is fine
        except UnicodeDecodeError:
            raise ValueError("it is not UTF-8 text") from None
        good, damaged = parse(text)
    except ValueError as exc:
        try:
            backup = set_aside(path, "corrupt")
        except (OSError, SaveError) as err:
            raise WorkingCopyError(
                path, f"could not be read as progress ({exc}) nor set aside ({err}); move it away"
            ) from None
        notice = (
            f"{shown(path)} could not be read as progress ({exc}); "
            f"kept it as {shown(backup.name)} and started a fresh record"
        )
        return Progress(path, {}, notice)
    if not damaged:
        return Progress(path, good)
    return _without_damaged(Progress(path, good), damaged)


def _without_damaged(progress: Progress, damaged: dict[str, str]) -> Progress:
    """Keep a copy of the file, save it without the damaged records, and say which."""
    path = progress.path
    which = "; ".join(
        f"exercise {name[:80]!r}{'...' if len(name) > 80 else ''}: {why}"
        for name, why in list(damaged.items())[:3]
    )
    more = f" and {len(damaged) - 3} more" if len(damaged) > 3 else ""
    try:
        backup = copy_aside(path, "damaged")
        progress.save()
    except SaveError as exc:
        raise WorkingCopyError(
            path, f"holds records that cannot be read ({which}{more}) and {exc}; move it away"
        ) from None
    progress.notice = (
        f"{shown(path)}: could not read the record of {which}{more}; kept the file as "
        f"{shown(backup.name)} and the rest of your progress"
    )
    return progress


@contextlib.contextmanager
def updating(home: Path) -> Iterator[Progress]:
    """Load progress, let the caller change it, then save it, holding a lock meanwhile so
    two ``ams-exercises`` processes (``watch`` and a ``check``) never lose each other's work."""
    with locked(home / (FILE_NAME + ".lock")):
        progress = load(home)
        yield progress
        progress.save()
