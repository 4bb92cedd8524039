"""Fixtures for the handouts' own tests: the PDFs the book build put on the site, and the
plan they were made from."""

from __future__ import annotations

from pathlib import Path

import pytest

from ams_exercises.handouts.site import site_handouts


@pytest.fixture(scope="session")
def site_pdfs(built_book: Path) -> Path:
    """``_build/html/handouts``: every handout, as a fresh book build writes them."""
    folder = built_book / "handouts"
    assert folder.is_dir(), "the book build wrote no handouts/ folder"
    return folder


@pytest.fixture(scope="session")
def planned():
    """Every handout the site must offer, by file name."""
    return {h.filename: h for h in site_handouts(trainer=True)}
