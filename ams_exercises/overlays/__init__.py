"""A state's overlay in use: found, compiled once with the course, cached, and put in place.

An overlay is a folder holding ``overlay.yaml`` (:mod:`ams_exercises.authoring.overlay`
describes it; this folder holds the course's own example, ``arizona/``). Every surface
reads one the same way:

* the commands: ``--overlay FOLDER`` (``check``, ``watch``, ``grade``, ``notebooks``), or
  the environment variable ``AMS_EXERCISES_OVERLAY=FOLDER`` for every command, the Python
  API and notebooks (a notebook's kernel inherits it from ``ams-exercises notebooks``);
* the book: ``ams_exercises_overlay`` in the Sphinx configuration (``_config.yml``:
  ``sphinx: config: ams_exercises_overlay: FOLDER``), relative to the book's folder;
* Python: :func:`use_overlay`.

FOLDER is a folder, its ``overlay.yaml``, or the name of an overlay shipped with the course
(``arizona``). The first time an overlay is used, the course's sources and the overlay are
compiled together (:func:`~ams_exercises.authoring.bundle.build`, a few seconds) into a
folder of the user's cache (``$XDG_CACHE_HOME``, ``~/.cache``, ``~/Library/Caches`` on a
Mac or ``%LOCALAPPDATA%`` on Windows, under ``ams-exercises/overlays/``; or
``$AMS_EXERCISES_CACHE/overlays/``), named by a fingerprint of the overlay file,
the course's sources and the compiled course. Every later start reads that folder as it
would read the package's compiled course: the same rules for the Python grader and the
page, and a start-up that costs the fingerprint (about a millisecond) more.

Standard library only at import: the compiler is imported on a cache miss.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .. import settings
from ..errors import OverlayError
from ..grader.course import COMPILED_DIR, COURSE_DIR, OVERLAY_VARIABLE, pinned, use_compiled

#: The overlays shipped with the course, each a folder named after its state.
BUNDLED = Path(__file__).resolve().parent
#: An overlay's file, in its folder.
OVERLAY_FILE = "overlay.yaml"
#: Where compiled overlays are cached, instead of the user's cache folder.
CACHE_VARIABLE = settings.CACHE
#: Bumped when what is cached changes shape, so older cached folders are not read.
CACHE_VERSION = 1

__all__ = ["OVERLAY_VARIABLE", "active", "compiled_overlay", "locate", "use_overlay"]


def locate(spec: str | os.PathLike[str], base: Path | None = None) -> Path:
    """The ``overlay.yaml`` that ``spec`` names: a folder holding it, the file itself, or
    the name of an overlay shipped with the course; a relative path is read from ``base``
    (the current folder by default)."""
    text = os.fspath(spec).strip()
    if not text:
        raise OverlayError("overlay", "is empty: name a folder that holds overlay.yaml")
    path = Path(text).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    if path.is_dir():
        path = path / OVERLAY_FILE
    elif not path.exists() and os.sep not in text and "/" not in text:
        shipped = BUNDLED / text / OVERLAY_FILE
        if shipped.is_file():
            return shipped
    if not path.is_file():
        names = ", ".join(shipped_overlays()) or "none"
        raise OverlayError(
            text,
            f"is not a folder holding {OVERLAY_FILE}, nor that file, nor an overlay shipped "
            f"with the course (those: {names}); check the path",
        )
    return path.resolve()


def shipped_overlays() -> list[str]:
    """The names of the overlays shipped with the course (``arizona``)."""
    return sorted(p.parent.name for p in BUNDLED.glob(f"*/{OVERLAY_FILE}"))


def fingerprint(overlay: Path) -> str:
    """A hash of what an overlay's compiled course is made from: the overlay file, the
    course's sources, and the compiled course's files as they are on disk (a change to
    the compiler shows there: ``dev compile`` rewrites what it changes)."""
    digest = hashlib.sha256(f"cache {CACHE_VERSION}\0".encode())
    try:
        digest.update(overlay.read_bytes())
    except OSError as exc:
        raise OverlayError(overlay, f"cannot be read ({exc.strerror or exc})") from None
    for path in sorted(COURSE_DIR.glob("*.yaml")) + sorted((COURSE_DIR / "keys").glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in [COMPILED_DIR / "course.json", *sorted((COMPILED_DIR / "keys").glob("*.json"))]:
        stat = path.stat()
        digest.update(f"{path.name} {stat.st_size} {stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    """Where compiled overlays are kept: ``AMS_EXERCISES_CACHE`` if set, else the user's
    cache folder."""
    if (chosen := settings.folder(CACHE_VARIABLE)) is not None:
        return chosen / "overlays"
    if os.environ.get("XDG_CACHE_HOME"):
        root = Path(os.environ["XDG_CACHE_HOME"])
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        root = Path(os.environ["LOCALAPPDATA"])
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path.home() / ".cache"
    return root / "ams-exercises" / "overlays"


def compiled_overlay(spec: str | os.PathLike[str], base: Path | None = None) -> Path:
    """The folder of the course compiled with the overlay ``spec`` names (:func:`locate`),
    compiled now if it is not in the cache yet."""
    overlay = locate(spec, base)
    where = hashlib.sha256(os.fsencode(overlay)).hexdigest()[:6]
    stem = f"{overlay.parent.name or 'overlay'}-{where}"
    name = f"{stem}-{fingerprint(overlay)}"
    root = cache_root()
    folder = root / name
    if (folder / "course.json").is_file():
        return folder
    files = _compile(overlay)
    try:
        root.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    except OSError:  # no cache to write in: a folder of this process's own
        temporary = Path(tempfile.mkdtemp(prefix=f"ams-exercises-{name}-"))
        folder = temporary / "compiled"
        _write(files, folder)
        return folder
    _write(files, temporary)
    try:
        temporary.rename(folder)
    except OSError:  # another process was quicker: its copy is the same
        shutil.rmtree(temporary, ignore_errors=True)
    _forget_older(root, stem, keep=folder)
    return folder


def _compile(overlay: Path) -> dict[str, str]:
    """The compiled files of the course with ``overlay`` merged in; the compiler's rules
    are put away afterwards, whatever happens."""
    from ..authoring.bundle import build
    from ..authoring.overlay import load_overlay

    before = pinned()
    try:
        return build(overlay=load_overlay(overlay))
    finally:
        use_compiled(before)


def _write(files: dict[str, str], folder: Path) -> None:
    (folder / "keys").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")


def _forget_older(root: Path, stem: str, keep: Path) -> None:
    """Remove the cached compilations of earlier versions of the same overlay file."""
    for old in root.glob(f"{stem}-*"):
        if old != keep and len(old.name) == len(keep.name) and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def use_overlay(spec: str | os.PathLike[str] | None, base: Path | None = None) -> Path | None:
    """Grade with the overlay ``spec`` names from now on, in this process and the processes
    it starts (``AMS_EXERCISES_OVERLAY`` is set to it); ``None``: the one that variable
    names, if any. Returns the overlay file, or ``None`` when there is none."""
    spec = spec if spec is not None else settings.text(OVERLAY_VARIABLE)
    if spec is None:
        return None
    overlay = locate(spec, base)
    folder = compiled_overlay(overlay)
    os.environ[OVERLAY_VARIABLE] = str(overlay.parent)
    use_compiled(folder)
    return overlay


def active() -> dict[str, str] | None:
    """The overlay the compiled course in use was compiled with (``state`` and ``file``),
    or ``None``."""
    from ..grader.course import compiled

    return compiled().get("overlay")
