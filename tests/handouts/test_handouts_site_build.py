"""The Sphinx extension on a small site of its own (issue 14): the edition without
solutions offers the learner worksheets only and says so; a build reuses the cached PDFs
of the book build (nothing to set when the keys and templates did not change) and builds
only what is missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ams_exercises.handouts import site

pytestmark = [pytest.mark.book]

CONF = """
extensions = ["ams_exercises.sphinx", "ams_exercises.handouts.site"]
project = "handouts test"
language = "en"
ams_exercises_hide_solutions = True
"""


def _site(tmp_path: Path, site_pdfs: Path, drop: str | None = None) -> tuple[Path, Path]:
    source, build = tmp_path / "src", tmp_path / "_build"
    (source / "guide").mkdir(parents=True)
    (source / "conf.py").write_text(CONF)
    (source / "index.rst").write_text("Course\n======\n\n.. toctree::\n\n   guide/handouts\n")
    (source / "guide" / "handouts.rst").write_text("Handouts\n========\n\n.. ams-handouts::\n")
    cache = build / site.CACHE / site.fingerprint()
    cache.mkdir(parents=True)
    for pdf in site_pdfs.glob("*-learner-*.pdf"):  # what the full book build made
        if pdf.name != drop:
            shutil.copy2(pdf, cache / pdf.name)
    return source, build


def _build(source: Path, build: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-W",
            str(source),
            str(build / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_without_solutions_only_learner_worksheets_from_the_cache(tmp_path, site_pdfs):
    source, build = _site(tmp_path, site_pdfs)
    done = _build(source, build)
    assert done.returncode == 0, done.stderr
    log = build / site.CACHE / f"{site.fingerprint()}.log"
    assert not log.exists()  # every PDF was cached: no worker was started
    page = BeautifulSoup((build / "html" / "guide" / "handouts.html").read_text(), "html.parser")
    assert "offers the learner worksheets only" in page.get_text(" ")
    links = [a["href"] for a in page.select("a[href$='.pdf']")]
    learner = sorted(p.name for p in site_pdfs.glob("*-learner-*.pdf"))
    assert sorted(h.rsplit("/", 1)[-1] for h in links) == learner
    assert all(h.startswith("../handouts/") for h in links)
    assert sorted(p.name for p in (build / "html" / "handouts").iterdir()) == learner
    assert "Trainer" not in page.get_text(" ").replace("trainer's edition", "")


def test_a_missing_handout_is_built_and_the_rest_reused(tmp_path, site_pdfs):
    drop = "practice-learner-a4.pdf"
    source, build = _site(tmp_path, site_pdfs, drop=drop)
    cache = build / site.CACHE / site.fingerprint()
    kept = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    stale = build / site.CACHE / "0123456789abcdef0123"  # an old fingerprint's PDFs
    stale.mkdir()
    done = _build(source, build)
    assert done.returncode == 0, done.stderr
    assert (cache / drop).is_file() and (build / "html" / "handouts" / drop).is_file()
    assert (build / "html" / "handouts" / drop).read_bytes()[:5] == b"%PDF-"
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir() if p.name != drop} == kept
    assert not stale.exists()
