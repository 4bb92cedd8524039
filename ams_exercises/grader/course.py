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
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent.parent
COURSE_DIR = PACKAGE_DIR / "course"
COMPILED_DIR = PACKAGE_DIR / "compiled"
COMPILED_COURSE = COMPILED_DIR / "course.json"
COMPILED_KEYS = COMPILED_DIR / "keys"
SCHEMAS_DIR = COURSE_DIR / "schemas"
CHECK_RESULT_SCHEMA = SCHEMAS_DIR / "check-result.schema.json"


_folder: list[Path] = []


def compiled_folder() -> Path:
    """Where the compiled course is read from: the package's, unless :func:`use_compiled`
    named another (a test book's keys; a state's overlay compiled with the course)."""
    return _folder[0] if _folder else COMPILED_DIR


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
