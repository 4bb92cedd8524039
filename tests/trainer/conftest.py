"""Fixtures for the trainer's commands: handouts made once per session, and the keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from trainer_helpers import run_cli


@pytest.fixture(scope="session")
def pdftotext() -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.fail(
            "pdftotext/pdftoppm are missing: run `make system-deps` (Debian's poppler-utils)"
        )


@pytest.fixture(scope="session")
def handouts_dir(tmp_path_factory, pdftotext) -> Path:
    """Every handout (each module and the course, both editions, Letter) via the command."""
    out = tmp_path_factory.mktemp("handouts")
    done = run_cli("handouts", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out
