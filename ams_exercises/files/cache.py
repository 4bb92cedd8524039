"""Course data remembered between runs, so a learner's check starts without re-reading and
re-checking the course's YAML files.

:func:`remembered` returns what ``build()`` makes from some source files and keeps a copy
(a pickle) in the user's cache folder, stamped with the size and modification time of
each source and of the package's own code. The next process reads that copy back when
nothing in the stamp changed: a fraction of a millisecond, where parsing and checking the
files takes tens. A copy that is missing, stale, half-written, unreadable or from another
version, or a folder that cannot be written, only means the value is built again: the
cache is never the only copy of anything and never an error a learner sees. Errors of
``build()`` itself (a malformed course file) are raised as they are, and nothing is kept.

The folder is ``AMS_EXERCISES_CACHE`` when set (``off`` turns the cache off), else the
platform's cache folder: ``%LOCALAPPDATA%\\ams-exercises\\Cache`` on Windows,
``~/Library/Caches/ams-exercises`` on macOS, ``$XDG_CACHE_HOME/ams-exercises`` or
``~/.cache/ams-exercises`` elsewhere, with a folder in it for each installed copy of the
package. It holds only what the package's own files give, and a copy is read back only
from a file the user owns that no one else may write (where the system says who owns
files), so it trusts nothing the user's account does not already run. Standard library
only.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from .atomic import SaveError, replacing

T = TypeVar("T")

#: Bumped when the layout of a cached copy changes.
FORMAT = 1
#: Folders of the package whose code makes, or defines, what is cached: every module that
#: calls :func:`remembered` is in one (``tests/test_course_cache.py`` checks).
CODE_FOLDERS = ("grader", "files", "learner")
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_folder() -> Path | None:
    """Where copies are kept, or ``None`` when the cache is off."""
    chosen = os.environ.get("AMS_EXERCISES_CACHE")
    if chosen:
        return None if chosen.strip().lower() == "off" else Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base, "ams-exercises", "Cache") if base else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder to be found: keep nothing
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "ams-exercises"
    base = os.environ.get("XDG_CACHE_HOME") or str(home / ".cache")
    return Path(base, "ams-exercises")


def kept_copy(name: str) -> Path | None:
    """The file the copy named ``name`` is kept in, or ``None`` when the cache is off.

    Each installed copy of the package has a folder of its own (named by where it is), so
    two copies of the course on one account (a learner's and a trainer's) do not take
    turns replacing each other's files."""
    folder = cache_folder()
    if folder is None:
        return None
    place = zlib.crc32(str(_PACKAGE).encode("utf-8", "surrogateescape"))
    return folder / f"{place:08x}" / f"{name}.pickle"


def _stamp_of(paths: Sequence[Path]) -> tuple:
    out = []
    for path in paths:
        st = os.stat(path)
        out.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


_code_stamp: tuple | None = None


def _code() -> tuple:
    """The stamp of the package's code that makes or defines the cached values."""
    global _code_stamp
    if _code_stamp is None:
        files = []
        for part in CODE_FOLDERS:
            with os.scandir(_PACKAGE / part) as entries:
                files += sorted(Path(e.path) for e in entries if e.name.endswith(".py"))
        _code_stamp = (FORMAT, sys.version_info[:2], _stamp_of(files))
    return _code_stamp


def remembered(name: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """``build()``, or the copy kept under ``name`` when ``sources`` and the code are as
    they were when it was made. ``name`` is a plain file name (letters, digits, ``-``)."""
    path = kept_copy(name)
    if path is None:
        return build()
    try:
        stamp = (_code(), _stamp_of(sources))
    except OSError:  # a source is missing: let build() say so in its own words
        return build()
    value = _read(path, stamp)
    if value is _NOTHING:
        value = build()
        # A value built here may rest on course data this process read earlier (the
        # lexicon merged into a key): kept only if none of it has changed on disk since.
        if all(_USED.get(source, entry) == entry for source, *entry in stamp[1]):
            _keep(path, (stamp, value))
    for source, *entry in stamp[1]:
        _USED.setdefault(source, entry)
    return value


#: Each source this process has used, with the time and size it had then.
_USED: dict[str, list[int]] = {}
_NOTHING = object()


def _read(path: Path, stamp: tuple) -> object:
    """The value kept in ``path`` under ``stamp``, or ``_NOTHING``. On a shared machine,
    only a file of the user's own that no one else may change is read."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return _NOTHING
            kept_stamp, value = pickle.loads(f.read())  # noqa: S301 - see the docstring
    except Exception:  # noqa: BLE001 - any flaw in a copy only means building it again
        return _NOTHING
    return value if kept_stamp == stamp else _NOTHING


def _keep(path: Path, content: tuple) -> None:
    """Write ``content`` to ``path`` whole or not at all; a failure is not an error."""
    try:
        data = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with replacing(path, mode=0o600) as tmp:
            tmp.write_bytes(data)
    except (OSError, SaveError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass
