"""The built page reads the state's overlay the book is configured with
(``ams_exercises_overlay``, relative to the book's folder; ``_config.yml`` passes it to
Sphinx as ``sphinx: config:``).

A one-page book with two exercises is built with the tests' overlay and without it. The
page's own script (the copy the build serves), run in Node on the data each page embeds,
gives the Python grader's verdict on the same answers: the overlay's verdicts on the
overlay's page, the course's on the other. The two differ, as they do in ``check`` and
``grade`` (``tests/test_overlay.py``). With Arizona's overlay, the page and Python agree on
the shared test vectors of several exercises, the state's own groups and words among them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ams_exercises.grader.course import OVERLAY_VARIABLE, use_compiled
from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for
from ams_exercises.overlays import CACHE_VARIABLE, use_overlay
from ams_exercises.sphinx import vectors

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "js" / "run_vectors.mjs"
TEST_OVERLAY = ROOT / "tests" / "overlays" / "testland"

BOOK = """\
# Two exercises

```{ams-exercise} it-service-desk
```

```{ams-exercise} park-reservations
```
"""
#: Answers the tests' overlay reads differently, each from one thing it adds.
ANSWERS = [
    ("it-service-desk", "primary_customer", "folks at the window"),  # a name in the exercise
    ("it-service-desk", "operational_support", ["TSTO"]),  # shorthand
    ("it-service-desk", "operational_support", ["the bid room"]),  # a group's phrasing
    ("park-reservations", "primary_customer", "the lamp board"),  # the state's own group
]


def built(root: Path, overlay: str | None, env: dict[str, str]) -> Path:
    """A one-page book built with ``sphinx-build -W`` in a process of its own."""
    src = root / "src"
    src.mkdir(parents=True)
    conf = 'project = "overlay"\nextensions = ["myst_parser", "ams_exercises.sphinx"]\n'
    conf += 'html_theme = "basic"\nexclude_patterns = ["_build", "state"]\n'
    if overlay is not None:
        conf += f"ams_exercises_overlay = {overlay!r}\n"
    (src / "conf.py").write_text(conf, "utf-8")
    (src / "index.md").write_text(BOOK, "utf-8")
    if overlay is not None:
        shutil.copytree(TEST_OVERLAY, src / overlay)
    out = root / "html"
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-N", "-q", "-E", str(src), str(out)],
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if k != OVERLAY_VARIABLE}, **env},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def page_data(out: Path) -> tuple[dict, dict]:
    """What the page grades with: its setup, and each exercise's embedded key."""
    soup = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    setup = json.loads(soup.select_one("script#ams-exercise-setup").string)
    keys = {
        section["data-exercise"]: json.loads(section.select_one("script.ams-exercise-data").string)
        for section in soup.select("section.ams-exercise")
    }
    return setup, keys


def cases(overlay: Path | None) -> list[dict]:
    """:data:`ANSWERS`, each graded by the Python grader (with ``overlay`` in place)."""
    try:
        if overlay is not None:
            use_overlay(overlay)
        out = []
        for exercise, field, answer in ANSWERS:
            result = grade(key_for(exercise), {field: answer})
            out.append(
                {
                    "exercise": exercise,
                    "field": field,
                    "answer": answer,
                    "attempt": 0,
                    "score": result.score,
                    "passed": result.passed,
                    "expected": result.fields[field].to_dict(),
                }
            )
        return out
    finally:
        os.environ.pop(OVERLAY_VARIABLE, None)
        use_compiled(None)


def replay(tmp: Path, name: str, setup: dict, keys: dict, graded: list[dict], checker: Path):
    path = tmp / f"{name}.json"
    path.write_text(json.dumps({"setup": setup, "exercises": keys, "cases": graded}), "utf-8")
    node = shutil.which("node")
    assert node, "Node.js is not on PATH: run `make test` (it installs Debian's nodejs)"
    return subprocess.run(
        [node, str(RUNNER), str(path), str(checker)], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory, overlay_cache: dict[str, str]):
    root = tmp_path_factory.mktemp("overlay-book")
    return {
        "alone": built(root / "alone", None, overlay_cache),
        "adapted": built(root / "adapted", "state", overlay_cache),
        "overlay": root / "adapted" / "src" / "state",
        "env": overlay_cache,
    }


def test_the_built_page_changes_its_verdict_with_the_books_overlay(books, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, books["env"][CACHE_VARIABLE])
    course, adapted = cases(None), cases(books["overlay"])
    was = [c["expected"]["verdict"] for c in course]
    now = [c["expected"]["verdict"] for c in adapted]
    assert was == ["unsure", "unsure", "unsure", "unsure"]
    assert now == ["correct", "partial", "partial", "incorrect"]  # one of the two needed
    assert adapted[3]["expected"]["recognized_as"] == "stakeholders"  # from its relations
    for book, graded in (("alone", course), ("adapted", adapted)):
        setup, keys = page_data(books[book])
        checker = books[book] / "_static" / "ams-exercise.js"  # the script the page loads
        same = replay(tmp_path, book, setup, keys, graded, checker)
        assert same.returncode == 0, same.stdout[-3000:] + same.stderr
        assert f"{len(graded)} of {len(graded)} cases agree" in same.stdout
    # the adapted page does not give the course's verdicts: its verdict changed
    setup, keys = page_data(books["adapted"])
    other = replay(
        tmp_path, "crossed", setup, keys, course, books["adapted"] / "_static" / "ams-exercise.js"
    )
    assert other.returncode == 1 and "0 of 4 cases agree" in other.stdout, other.stdout


def test_page_and_python_agree_with_arizonas_overlay(overlay_cache, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, overlay_cache[CACHE_VARIABLE])
    extra = {
        "it-service-desk": [("operational_support", ["ASET", "SPO", "ADOA"])],
        "park-reservations": [
            ("stakeholders", ["JLBC", "the Lege", "the Ombudsman"]),
            ("primary_customer", "the ninth floor"),
        ],
        "medicaid-renewal": [
            ("strategic_customers", ["AHCCCS health plans", "DES eligibility workers"])
        ],
        "unemployment-first-payment": [("primary_customer", "the Department of Economic Security")],
    }
    try:
        use_overlay("arizona")
        data = vectors.build([key_for(k) for k in extra], extra=extra)
    finally:
        os.environ.pop(OVERLAY_VARIABLE, None)
        use_compiled(None)
    assert "department-of-administration" in data["setup"]["lexicon"]
    path = tmp_path / "arizona-vectors.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    node = shutil.which("node")
    assert node, "Node.js is not on PATH: run `make test` (it installs Debian's nodejs)"
    proc = subprocess.run(
        [node, str(RUNNER), str(path)], capture_output=True, text=True, timeout=600
    )
    n = len(data["cases"])
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr
    assert f"{n} of {n} cases agree" in proc.stdout
    verdicts = {
        (c["exercise"], c["field"], json.dumps(c["answer"])): c["expected"]["verdict"]
        for c in data["cases"]
    }
    assert (
        verdicts[
            (
                "unemployment-first-payment",
                "primary_customer",
                '"the Department of Economic Security"',
            )
        ]
        == "incorrect"
    )
