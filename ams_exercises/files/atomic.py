"""Writing files so that nothing is ever half-written, overwritten by surprise, or lost.

- :func:`replacing` gives a temporary path beside the target; when the block succeeds the
  file is flushed to disk and renamed over the target, otherwise it is removed and the old
  file is left as it was. :func:`write_atomic` writes text that way. The new file is always
  readable and writable by its owner (a read-only file would otherwise stay read-only).
- :func:`create_atomic` makes a new file whole or not at all, never over an existing one:
  a full disk leaves no empty or half-written file for later runs to take as real.
- :func:`replacing_folder` does the same for a whole folder (a class report): the old one
  is kept until the new one is in place.
- :func:`set_aside` renames a file to ``<name>.<label>-<time>`` without overwriting an
  existing backup.
- :func:`locked` holds an advisory lock so two processes never lose each other's update.
- :func:`tidy_file_leftovers` and :func:`tidy_folder_leftovers` remove, on the next run,
  what :func:`replacing` and :func:`replacing_folder` leave behind when a process is killed
  mid-write: only entries with their own temporary names (``<name>.<8 random>.tmp``, never a
  learner's ``<name>.mine.tmp``), of the kind they made, and only once they are stale.

Used by the learner's progress and worksheets, the handouts and the class report.
Standard library only; ``tempfile`` and ``shutil`` load only for whole folders and copies.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

#: A temporary file older than this was left by a process killed mid-write.
STALE_SECONDS = 600
#: The random part of a temporary file's name (as ``tempfile`` makes them, too).
_RANDOM = "[a-z0-9_]{8}"
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def _new_temporary_file(folder: Path, prefix: str, suffix: str) -> Path:
    """Create an empty private file with a random name in ``folder``, never an existing one.

    What ``tempfile.mkstemp`` does, without importing ``tempfile`` (and ``random`` and
    ``shutil`` with it) on every check a learner records.
    """
    for _ in range(100):
        tail = "".join(_LETTERS[b % len(_LETTERS)] for b in os.urandom(8))
        candidate = folder / f"{prefix}{tail}{suffix}"
        try:
            fd = os.open(candidate, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise FileExistsError(f"no free temporary file name in {folder}")


class SaveError(Exception):
    """A file could not be written (for example, the disk is full). The old file is intact.

    ``reason`` says why in a few words ("No space left on device").
    """

    def __init__(self, path: Path | str, reason: str, doing: str = "saved") -> None:
        self.path = path
        self.reason = reason
        self.doing = doing
        super().__init__(f"{path}: could not be {doing} ({reason})")

    def __reduce__(self) -> tuple:  # crosses process boundaries (handouts are made in a pool)
        return (type(self), (self.path, self.reason, self.doing))


@contextlib.contextmanager
def replacing(path: Path, *, mode: int | None = None) -> Iterator[Path]:
    """A temporary file to write in place of ``path``, renamed over it if the block succeeds.

    The file keeps ``path``'s permissions (or ``mode``, or 0o644 for a new file), always with
    read and write for its owner: a progress file made read-only is still saved, and the next
    save too. An ``OSError`` while writing or renaming becomes :class:`SaveError`; the old file
    stays.
    """
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
    mode |= 0o600
    try:
        tmp = _new_temporary_file(path.parent, path.name + ".", ".tmp")
    except OSError as exc:
        raise SaveError(path, str(exc.strerror or exc)) from None
    try:
        yield tmp
        _finish(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise SaveError(path, str(exc.strerror or exc)) from None
        raise
    _sync_folder(path.parent)
    _tidy(path)


def _finish(tmp: Path, mode: int) -> None:
    """Flush ``tmp`` to disk, then give it ``mode`` (made private; written while private)."""
    with open(tmp, "rb+") as out:
        os.fsync(out.fileno())
    os.chmod(tmp, mode)


def create_atomic(path: Path, data: bytes, *, over_empty: bool = False) -> bool:
    """Create ``path`` holding ``data``, whole or not at all; False when a file is there.

    Written under a temporary name and linked into place, so a full disk leaves no empty or
    half-written file, and a file that appeared meanwhile is never replaced. With
    ``over_empty``, an existing file of 0 bytes (what a full disk left before) is replaced.
    An ``OSError`` becomes :class:`SaveError`.
    """
    try:
        tmp = _new_temporary_file(path.parent, path.name + ".", ".tmp")
    except OSError as exc:
        raise SaveError(path, str(exc.strerror or exc), "made") from None
    try:
        tmp.write_bytes(data)
        _finish(tmp, 0o644)
        try:
            os.link(tmp, path)  # fails when path exists: never replaces a file
        except FileExistsError:
            if not (over_empty and _is_empty_file(path)):
                return False
            os.replace(tmp, path)
        except OSError:  # no hard links here: rename, if the name is still free
            if os.path.lexists(path) and not (over_empty and _is_empty_file(path)):
                return False
            os.replace(tmp, path)
    except OSError as exc:
        raise SaveError(path, str(exc.strerror or exc), "made") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    _sync_folder(path.parent)
    return True


def _is_empty_file(path: Path) -> bool:
    """True when ``path`` is a regular file (not a link) of 0 bytes."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == 0


@contextlib.contextmanager
def replacing_folder(
    folder: Path, *, before_swap: Callable[[], None] | None = None
) -> Iterator[Path]:
    """A temporary folder beside ``folder``, renamed into its place if the block succeeds.

    An existing ``folder`` is renamed aside first and removed only once the new one is in
    place; ``before_swap`` runs just before that, to check again that it may be replaced.
    On any failure the temporary folder is removed and ``folder`` is left as it was.
    """
    import shutil
    import tempfile

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        yield tmp
        tmp.chmod(0o755)
        if before_swap is not None:
            before_swap()
        old = None
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old-{tmp.name}")
            folder.rename(old)
        try:
            tmp.rename(folder)
        except OSError:
            if old is not None:
                old.rename(folder)
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` (UTF-8) so readers see the old file or the new, never half."""
    with replacing(path) as tmp:
        tmp.write_bytes(text.encode("utf-8"))


def _tidy(path: Path) -> None:
    """Remove temporary files that killed processes left beside ``path``: only names
    :func:`replacing` makes, so a learner's ``<name>.mine.tmp`` is never touched."""
    names = re.compile(rf"{re.escape(path.name)}\.{_RANDOM}\.tmp", re.DOTALL)
    _remove_stale(path.parent, names, STALE_SECONDS)


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
    raise SaveError(path, f"too many backups named {path.name}.{label}-{stamp}", "set aside")


def copy_aside(path: Path, label: str) -> Path:
    """Keep a copy of ``path`` as ``<path>.<label>-<time>`` (never overwriting one), leaving
    ``path`` where it is: a hard link where the file system has them, else a copy."""
    import shutil

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for n in range(1000):
        target = path.with_name(f"{path.name}.{label}-{stamp}" + (f"-{n}" if n else ""))
        try:
            os.link(path, target)
            return target
        except FileExistsError:
            continue
        except OSError:  # no hard links here: copy, refusing to overwrite
            if target.exists():
                continue
            try:
                with _open_regular(path) as src, open(target, "xb") as dst:
                    shutil.copyfileobj(src, dst)
            except FileExistsError:
                continue
            except OSError as exc:
                with contextlib.suppress(OSError):
                    target.unlink()
                raise SaveError(path, str(exc.strerror or exc), "copied") from None
            return target
    raise SaveError(path, f"too many backups named {path.name}.{label}-{stamp}", "set aside")


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened to read, refusing what is not a regular file (a pipe would block,
    a device never end) with ``OSError``."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise OSError(errno.EINVAL, "not a regular file")
    return handle


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (POSIX) for the block.

    Where there are no advisory locks (Windows) or the folder is read-only, the block runs
    unlocked: writes stay atomic, and a failed save says why.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _remove_stale(
    folder: Path, names: re.Pattern[str], older_than: float, *, folders: bool = False
) -> list[Path]:
    """Remove the entries of ``folder`` whose whole name matches ``names`` and that were
    last changed more than ``older_than`` seconds ago; a folder goes with its contents, but
    only with ``folders`` (a file's leftovers are never folders), a link is removed itself
    (never what it points to). Returns what was removed."""
    cutoff = time.time() - older_than
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not names.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            is_folder = stat.S_ISDIR(info.st_mode)
            if info.st_mtime >= cutoff or (is_folder and not folders):
                continue
            if is_folder:
                import shutil  # only for a folder: not on every save of a file

                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def tidy_file_leftovers(
    folder: Path, suffix: str = "", *, older_than: float = STALE_SECONDS
) -> list[Path]:
    """Remove the temporary files :func:`replacing` left in ``folder`` (``<name>.<random>.tmp``)
    for targets whose names end with ``suffix`` (``".pdf"``), once they are stale."""
    names = re.compile(rf".+{re.escape(suffix)}\.{_RANDOM}\.tmp", re.DOTALL)
    return _remove_stale(folder, names, older_than)


def tidy_folder_leftovers(folder: Path, *, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove what :func:`replacing_folder` left beside ``folder`` when a run was killed:
    its temporary folders (``.<name>.<random>.tmp``) and set-aside old copies
    (``.<name>.old-...``), once they are stale. An old copy is kept while ``folder`` itself
    is missing: a run killed mid-swap left it as the only copy."""
    name = re.escape(folder.name)
    temporary = rf"\.{name}\.{_RANDOM}\.tmp"
    temporaries = re.compile(temporary, re.DOTALL)
    removed = _remove_stale(folder.parent, temporaries, older_than, folders=True)
    if folder.exists() or folder.is_symlink():
        old = re.compile(rf"\.{name}\.old-{temporary}", re.DOTALL)
        removed += _remove_stale(folder.parent, old, older_than, folders=True)
    return removed
