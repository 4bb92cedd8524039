"""A learner's progress: one small JSON file at the root of their working copy.

The file is ``.ams-progress.json`` beside the ``exercises/`` folder (git ignores it). It
holds a format version and, per exercise, the attempts made, the hints shown, whether it
was passed, the last score and when things happened::

    {"format_version": 1,
     "exercises": {"environmental-permit": {"attempts": 2, "hints_shown": 1,
        "passed": true, "last_score": 4, "max_score": 4, "solution_seen": false,
        "first_attempt": "2025-01-01T10:00:00Z", "last_attempt": "...",
        "passed_at": "..."}}}

Progress is never lost: every save writes a temporary file in the same folder, flushes it
to disk and renames it over the old one, so a process killed mid-write (or a full disk)
leaves the previous file whole. A file that cannot be read as progress (corrupt, or
edited by hand into something else) is renamed ``.ams-progress.json.corrupt-<time>``,
reported in one line on standard error, and a fresh record started: never silently.

Standard library only, so the command line starts fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from .errors import InputError

FILE_NAME = ".ams-progress.json"
FORMAT_VERSION = 1
#: Set this to the folder that holds ``exercises/`` to use it from anywhere.
HOME_VARIABLE = "AMS_EXERCISES_HOME"
CATALOGUE = Path("exercises") / "catalogue.yaml"
#: A progress file larger than this is not one we wrote.
MAX_BYTES = 2_000_000


class WorkingCopyError(InputError):
    """No copy of the course's exercises could be found to keep progress in."""


class SaveError(Exception):
    """A file could not be written (for example, the disk is full). The old file is intact."""


def now() -> str:
    """The current time in UTC, as the progress file records it."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def find_home(start: Path | None = None) -> Path:
    """The learner's working copy: ``$AMS_EXERCISES_HOME``, or the nearest folder at or above
    ``start`` (the current folder) that holds ``exercises/catalogue.yaml``."""
    env = os.environ.get(HOME_VARIABLE)
    if env:
        home = Path(env).expanduser().resolve()
        if not (home / CATALOGUE).is_file():
            raise WorkingCopyError(
                f"{HOME_VARIABLE}={env}",
                f"has no {CATALOGUE.as_posix()}; point it at your copy of the course",
            )
        return home
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CATALOGUE).is_file():
            return folder
    raise WorkingCopyError(
        here,
        f"neither this folder nor any above it holds {CATALOGUE.as_posix()}; run ams-exercises "
        f"inside your copy of the course (or set {HOME_VARIABLE})",
    )


@dataclass
class ExerciseProgress:
    """What the learner has done on one exercise."""

    attempts: int = 0
    hints_shown: int = 0
    passed: bool = False
    last_score: float | None = None
    max_score: int | None = None
    solution_seen: bool = False
    first_attempt: str | None = None
    last_attempt: str | None = None
    passed_at: str | None = None

    @property
    def state(self) -> str:
        """``passed``, ``attempted`` or ``not started``."""
        if self.passed:
            return "passed"
        return "attempted" if self.attempts else "not started"

    @classmethod
    def from_dict(cls, data: Any) -> ExerciseProgress:
        """Read one exercise's record, or raise ``ValueError`` saying what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("an exercise's record is not a mapping")
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown entry {sorted(unknown)[0]!r}")
        rec = cls(**data)
        for name in ("attempts", "hints_shown"):
            value = getattr(rec, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name!r} must be a count, not {value!r}")
        for name in ("passed", "solution_seen"):
            if not isinstance(getattr(rec, name), bool):
                raise ValueError(f"{name!r} must be true or false")
        for name in ("last_score", "max_score"):
            value = getattr(rec, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise ValueError(f"{name!r} must be a number")
        for name in ("first_attempt", "last_attempt", "passed_at"):
            if getattr(rec, name) is not None and not isinstance(getattr(rec, name), str):
                raise ValueError(f"{name!r} must be a time")
        return rec


@dataclass
class Progress:
    """Every exercise's record, read from and saved to one file."""

    path: Path
    exercises: dict[str, ExerciseProgress]

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": FORMAT_VERSION,
            "exercises": {name: asdict(rec) for name, rec in sorted(self.exercises.items())},
        }

    def save(self) -> None:
        """Write the file atomically; raise :class:`SaveError` if that fails."""
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
        write_atomic(self.path, text)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` so that readers see the old file or the new, never half.

    A temporary file in the same folder is written, flushed to disk and renamed over
    ``path``; on any failure it is removed and the old file is left as it was.
    """
    data = text.encode("utf-8")
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    fd, tmp = _temp_file(path)
    try:
        os.chmod(tmp, mode)  # mkstemp makes it private; keep the file's usual permissions
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SaveError(f"{path}: could not be saved ({exc.strerror or exc})") from None
        raise
    _sync_folder(path.parent)
    _tidy(path)


#: A temporary file older than this was left by a process killed mid-write.
STALE_SECONDS = 600


def _tidy(path: Path) -> None:
    """Remove temporary files that killed processes left beside ``path``."""
    cutoff = time.time() - STALE_SECONDS
    for stray in path.parent.glob(f"{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if stray.stat().st_mtime < cutoff:
                stray.unlink()


def _temp_file(path: Path) -> tuple[int, str]:
    import tempfile  # only when writing: it is not needed to read progress

    try:
        return tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SaveError(f"{path}: could not be saved ({exc.strerror or exc})") from None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def set_aside(path: Path, label: str) -> Path:
    """Rename ``path`` to ``<path>.<label>-<time>`` without overwriting an existing file."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for n in range(1000):
        target = path.with_name(f"{path.name}.{label}-{stamp}" + (f"-{n}" if n else ""))
        try:
            os.link(path, target)  # fails when target exists: never overwrites
        except FileExistsError:
            continue
        except OSError:  # no hard links here: check, then rename
            if target.exists():
                continue
            os.replace(path, target)
            return target
        os.unlink(path)
        return target
    raise SaveError(f"{path}: too many backups named {path.name}.{label}-{stamp}")


def parse(text: str) -> dict[str, ExerciseProgress]:
    """Read the file's text, or raise ``ValueError`` saying why it is not progress."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("it is not a JSON object")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ValueError(f"format_version is {version!r}, not {FORMAT_VERSION}")
    extra = set(data) - {"format_version", "exercises"}
    if extra:
        raise ValueError(f"unknown entry {sorted(extra)[0]!r}")
    records = data.get("exercises", {})
    if not isinstance(records, dict):
        raise ValueError("'exercises' is not a mapping")
    out = {}
    for name, rec in records.items():
        try:
            out[name] = ExerciseProgress.from_dict(rec)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"exercise {name!r}: {exc}") from None
    return out


def load(home: Path) -> Progress:
    """The progress kept in ``home``; a fresh one when there is none yet.

    A file that cannot be read as progress is set aside (renamed, never deleted) and
    reported on standard error, and a fresh record starts.
    """
    path = home / FILE_NAME
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except FileNotFoundError:
        return Progress(path, {})
    except OSError as exc:
        raise WorkingCopyError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        if raw is None:
            raise ValueError(f"it is over {MAX_BYTES:,} bytes")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("it is not UTF-8 text") from None
        return Progress(path, parse(text))
    except ValueError as exc:
        try:
            backup = set_aside(path, "corrupt")
        except (OSError, SaveError) as err:
            raise WorkingCopyError(
                path, f"could not be read as progress ({exc}) nor set aside ({err}); move it away"
            ) from None
        print(
            f"ams-exercises: {path} could not be read as progress ({exc}); "
            f"kept it as {backup.name} and started a fresh record",
            file=sys.stderr,
        )
        return Progress(path, {})


@contextlib.contextmanager
def updating(home: Path) -> Iterator[Progress]:
    """Load progress, let the caller change it, then save it, holding a lock meanwhile so
    two ``ams-exercises`` processes (``watch`` and a ``check``) never lose each other's work."""
    with _locked(home / (FILE_NAME + ".lock")):
        progress = load(home)
        yield progress
        progress.save()


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; saving stays atomic
        yield
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a read-only copy: saving will say why it fails
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
