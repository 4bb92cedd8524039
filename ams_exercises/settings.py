"""The environment variables the course's commands and its book build read, in one place.

Each switch reads yes and no the same way (``1``, ``true``, ``yes``, ``on`` and ``0``,
``false``, ``no``, ``off``, in any case), so a setting that works for one variable works
for all. A value that is neither keeps the default.

- ``AMS_EXERCISES_HOME``: the learner's copy of the course, when commands run elsewhere;
- ``AMS_EXERCISES_RECORD``: ``0`` keeps notebooks from recording progress (the book build);
- ``AMS_EXERCISES_HIDE_SOLUTIONS``: ``1`` builds the edition without solutions or keys;
- ``AMS_EXERCISES_DEBUG``: ``1`` shows a traceback instead of the one-line crash message;
- ``AMS_EXERCISES_OVERLAY``: a state's overlay for every surface (a folder, its
  ``overlay.yaml``, or the name of one shipped with the course);
- ``AMS_EXERCISES_CACHE``: where compiled overlays are kept (default: the user's cache).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

HOME = "AMS_EXERCISES_HOME"
RECORD = "AMS_EXERCISES_RECORD"
HIDE_SOLUTIONS = "AMS_EXERCISES_HIDE_SOLUTIONS"
DEBUG = "AMS_EXERCISES_DEBUG"
OVERLAY = "AMS_EXERCISES_OVERLAY"
CACHE = "AMS_EXERCISES_CACHE"

YES = frozenset({"1", "true", "yes", "on"})
NO = frozenset({"0", "false", "no", "off"})


def switch(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """The variable ``name`` read as yes or no; ``default`` when unset or neither."""
    value = (os.environ if environ is None else environ).get(name, "").strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    return default


def text(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The variable ``name`` stripped, or None when unset or blank."""
    value = (os.environ if environ is None else environ).get(name, "").strip()
    return value or None


def folder(name: str, environ: Mapping[str, str] | None = None) -> Path | None:
    """The variable ``name`` as a folder (``~`` expanded), or None when unset or blank."""
    value = (os.environ if environ is None else environ).get(name, "").strip()
    return Path(value).expanduser() if value else None
