"""Fixtures for the learner's commands: a copy of the working copy's layout in a temporary
folder, and pseudo-terminals to drive the real command in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from learner_helpers import AMS, ROOT, Terminal, clean_env


@pytest.fixture
def workcopy(tmp_path: Path) -> Path:
    """A learner's working copy: the repository's ``exercises/`` folder, copied."""
    home = tmp_path / "course"
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
