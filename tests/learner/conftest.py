"""Fixtures for the learner's commands: a copy of the working copy's layout in a temporary
folder, and pseudo-terminals to drive the real command in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from learner_helpers import AMS, ROOT, Terminal, catalogue_of, clean_env


@pytest.fixture
def workcopy(tmp_path: Path) -> Path:
    """A learner's working copy: the repository's ``exercises/`` folder, copied, and the
    workspace a learner's first command makes (``fresh_copy`` is one without it)."""
    home = tmp_path / "course"
    shutil.copytree(ROOT / "exercises", home / "exercises")
    catalogue_of(home)  # makes the workspace
    return home


@pytest.fixture
def fresh_copy(tmp_path: Path) -> Path:
    """A copy of the course as cloned: no workspace yet, no progress."""
    home = tmp_path / "fresh"
    shutil.copytree(ROOT / "exercises", home / "exercises")
    return home


@pytest.fixture
def terminal():
    """Start programs in pseudo-terminals; each is ended after the test."""
    started: list[Terminal] = []

    def start(*args: str, cwd: Path, **env: str) -> Terminal:
        term = Terminal([str(AMS), *args], cwd, clean_env(TERM="xterm", **env))
        started.append(term)
        return term

    yield start
    for term in started:
        term.close()


@pytest.fixture(autouse=True)
def script_on_path(monkeypatch: pytest.MonkeyPatch):
    """As in an activated environment: ``ams-exercises`` is on the PATH, so the commands the
    tool prints read ``ams-exercises ...`` (tests/learner/test_learner_typed.py covers the
    other situations)."""
    import os
    import sys

    from ams_exercises.command_line import prefix, python

    folder = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", folder + os.pathsep + os.environ.get("PATH", ""))
    prefix.cache_clear()
    python.cache_clear()
    yield
    prefix.cache_clear()
    python.cache_clear()
