"""The Sphinx extension on a small site of its own: the edition without
solutions offers what learners use only (every learner edition of the worksheets and the
learners' materials, listed with their sizes) and says so; a build reuses the cached PDFs
of the book build (nothing to set when the keys and templates did not change) and builds
only what is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ams_exercises.handouts import site
from ams_exercises.handouts.editions import DOCUMENTS, LEARNER_EDITIONS

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
    for name in _learners():  # what the full book build made
        if name != drop:
            shutil.copy2(site_pdfs / name, cache / name)
    return source, build


def _learners() -> list[str]:
    return sorted(h.filename for h in site.site_handouts(trainer=False))


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


def test_without_solutions_only_what_learners_use_from_the_cache(tmp_path, site_pdfs):
    source, build = _site(tmp_path, site_pdfs)
    done = _build(source, build)
    assert done.returncode == 0, done.stderr
    log = build / site.CACHE / f"{site.fingerprint()}.log"
    assert not log.exists()  # every PDF was cached: no worker was started
    page = BeautifulSoup((build / "html" / "guide" / "handouts.html").read_text(), "html.parser")
    text = page.get_text(" ")
    assert "offers what learners use only" in text
    links = [a["href"] for a in page.select("a[href$='.pdf']")]
    learners = _learners()
    assert sorted(h.rsplit("/", 1)[-1] for h in links) == learners
    assert all(h.startswith("../handouts/") for h in links)
    assert sorted(p.name for p in (build / "html" / "handouts").iterdir()) == learners
    # every learner edition of each scope, and the learners' materials: nothing else
    for edition in LEARNER_EDITIONS:
        assert {f"course-{edition}-letter.pdf", f"practice-{edition}-a4.pdf"} <= set(learners)
    assert not [n for n in learners if "-trainer-" in n]
    documents = {s for s in DOCUMENTS if any(n.startswith(f"{s}-") for n in learners)}
    assert documents == {s for s, d in DOCUMENTS.items() if d.group == "learners"}
    groups = page.select("section.ams-handouts-group > h2")
    assert [h.get_text() for h in groups] == ["For learners"]
    assert "Trainer" not in text.replace("trainer's edition", "")
    said = r"Learner worksheets in large print \(18 pt\), US Letter paper \(PDF, [\d.]+ [KM]B\)"
    for a in page.select("a[href$='-large-print-letter.pdf']"):
        assert re.fullmatch(said, a.get_text()), a.get_text()


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
