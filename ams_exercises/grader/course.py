"""The compiled course the grader reads, and nothing else.

``ams_exercises/compiled/`` is written by ``ams-exercises dev compile``
(:mod:`~ams_exercises.authoring.bundle`) from the YAML files a course author edits in
``ams_exercises/course/``, after checking every one of them. It holds ``course.json`` (the
language rules, the lexicon and the modules, in teaching order) and ``keys/<id>.json``, one
answer key each with its scenario resolved and its questions' answers written out. A
learner's check reads ``course.json`` and one key: plain JSON, no YAML, no validation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
COURSE_DIR = PACKAGE_DIR / "course"
COMPILED_DIR = PACKAGE_DIR / "compiled"
COMPILED_COURSE = COMPILED_DIR / "course.json"
COMPILED_KEYS = COMPILED_DIR / "keys"
SCHEMAS_DIR = COURSE_DIR / "schemas"
CHECK_RESULT_SCHEMA = SCHEMAS_DIR / "check-result.schema.json"


#: A state's overlay for every surface: a folder holding ``overlay.yaml``, the file, or the
#: name of one shipped with the course (:mod:`ams_exercises.overlays`).
OVERLAY_VARIABLE = settings.OVERLAY

_folder: list[Path] = []


def compiled_folder() -> Path:
    """Where the compiled course is read from: the package's, unless :func:`use_compiled`
    named another (a test book's keys; a state's overlay compiled with the course) or
    ``AMS_EXERCISES_OVERLAY`` names an overlay (compiled on first use, then cached)."""
    named = None if _folder else settings.text(OVERLAY_VARIABLE)
    if named:
        return _overlay_folder(named)
    return _folder[0] if _folder else COMPILED_DIR


#: What turns an overlay's name into its compiled folder (compiling it on first use). The
#: grader only reads; the package puts the compiler's side here when it is imported
#: (``ams_exercises/__init__.py``), before any of its modules runs.
_overlays: list[Callable[[str], Path]] = []


def compile_overlays_with(compiled_overlay: Callable[[str], Path]) -> None:
    """Let ``compiled_overlay`` give the compiled folder of an overlay named by
    ``AMS_EXERCISES_OVERLAY``."""
    _overlays[:] = [compiled_overlay]


def _overlay_folder(spec: str) -> Path:
    if not _overlays:
        raise RuntimeError("no compiler of overlays: import ams_exercises, which sets one")
    _folder[:] = [COMPILED_DIR]  # while the overlay compiles, the course's own
    try:
        folder = _overlays[0](spec)
    except BaseException:
        _folder.clear()
        raise
    use_compiled(folder)
    return folder


def pinned() -> Path | None:
    """The folder :func:`use_compiled` put in place, if any (``None``: the package's, or the
    overlay ``AMS_EXERCISES_OVERLAY`` names)."""
    return _folder[0] if _folder else None


def use_compiled(folder: Path | None) -> None:
    """Read the compiled course from ``folder`` from now on (``None``: the package's); what
    was read from the other one is forgotten."""
    _folder[:] = [folder] if folder is not None else []
    compiled.cache_clear()
    for forget in _forgetting:
        forget()


#: What the layers above keep from the compiled course, forgotten when it changes.
_forgetting: list[Any] = []


def on_change(forget: Any) -> Any:
    """Register ``forget`` to run when another compiled course is put in place."""
    _forgetting.append(forget)
    return forget


@lru_cache(maxsize=1)
def compiled() -> dict[str, Any]:
    """``course.json``: language rules, lexicon, modules, aliases and the keys' ids."""
    return _read(compiled_folder() / "course.json")


def compiled_key(exercise_id: str) -> dict[str, Any]:
    """One compiled key (``exercise_id`` must be one of :func:`compiled` ``["keys"]``)."""
    return _read(compiled_folder() / "keys" / f"{exercise_id}.json")


def _read(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
