"""Fixtures for the trainer's commands: the handouts a trainer prints, and reading them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def pdftotext() -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.fail(
            "pdftotext/pdftoppm are missing: run `make system-deps` (Debian's poppler-utils)"
        )


@pytest.fixture(scope="session")
def handouts_dir(built_book: Path, tmp_path_factory, pdftotext) -> Path:
    """What ``ams-exercises handouts`` writes by default (each module and the course, both
    editions, Letter), taken from the book build: the site's PDFs are made by the same plan
    and renderer (``handouts.site``), so the trainer's tests read them rather than render
    them twice. The command itself is run on one module in ``test_handouts.py``."""
    from ams_exercises.handouts.render import select_handouts

    out = tmp_path_factory.mktemp("handouts")
    for handout in select_handouts((), ("learner", "trainer"), "letter"):
        made = built_book / "handouts" / handout.filename
        assert made.is_file(), f"the book build wrote no {made.name}"
        (out / made.name).symlink_to(made)
    return out
