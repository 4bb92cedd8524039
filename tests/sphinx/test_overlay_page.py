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

import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

from ams_exercises.grader.course import OVERLAY_VARIABLE, use_compiled
from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for
from ams_exercises.overlays import CACHE_VARIABLE, use_overlay
from devtools import vectors
from devtools.replay import replay as run_vectors

ROOT = Path(__file__).resolve().parents[2]
TEST_OVERLAY = ROOT / "tests" / "overlays" / "testland"

BOOK = """\
# Two exercises

```{ams-exercise} it-service-desk
```

```{ams-exercise} park-reservations
```
"""
#: Per overlay: answers it reads differently from the course, each changed by one thing it
#: adds, and the verdicts it gives them (the course alone cannot place any of them).
CHANGED = {
    "testland": [
        ("it-service-desk", "primary_customer", "folks at the window", "correct"),  # a name
        ("it-service-desk", "operational_support", ["TSTO"], "partial"),  # shorthand (1 of 2)
        ("it-service-desk", "operational_support", ["the bid room"], "partial"),  # a phrasing
        ("park-reservations", "primary_customer", "the lamp board", "incorrect"),  # own group
    ],
    "arizona": [
        ("it-service-desk", "operational_support", ["ASET", "SPO"], "correct"),
        ("it-service-desk", "primary_customer", "DES", "incorrect"),  # the scenario's agency
        ("park-reservations", "stakeholders", ["JLBC"], "partial"),  # 1 of those needed
        ("park-reservations", "operational_support", ["ADOA"], "partial"),  # not shown here
    ],
}


def built(root: Path, overlay: str | None, env: dict[str, str], slip: str = "") -> Path:
    """A one-page book built with ``sphinx-build -W`` (in this process), with
    ``overlay``: the tests' own (copied into the book's folder, named by a relative path,
    with ``slip`` written into it) or one shipped with the course (named)."""
    code, errors, out = build(root, overlay, env, slip)
    assert code == 0, errors
    return out


def build(root: Path, overlay: str | None, env: dict[str, str], slip: str = ""):
    src = root / "src"
    src.mkdir(parents=True)
    conf = 'project = "overlay"\nextensions = ["myst_parser", "ams_exercises.sphinx"]\n'
    conf += 'html_theme = "basic"\nexclude_patterns = ["_build", "state"]\n'
    if overlay == "testland":
        shutil.copytree(TEST_OVERLAY, src / "state")
        overlay = "state"
        if slip:
            text = (src / "state" / "overlay.yaml").read_text("utf-8")
            (src / "state" / "overlay.yaml").write_text(text + slip, "utf-8")
    if overlay is not None:
        conf += f"ams_exercises_overlay = {overlay!r}\n"
    (src / "conf.py").write_text(conf, "utf-8")
    (src / "index.md").write_text(BOOK, "utf-8")
    out = root / "html"
    errors = io.StringIO()
    before = {k: os.environ.get(k) for k in (OVERLAY_VARIABLE, *env)}
    os.environ.pop(OVERLAY_VARIABLE, None)
    os.environ.update(env)
    try:
        with contextlib.redirect_stderr(errors):
            code = build_main(["-b", "html", "-W", "-N", "-q", "-E", str(src), str(out)])
    finally:  # the process forgets the overlay the build put in place
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        use_compiled(None)
    return code, errors.getvalue(), out


def page_data(out: Path) -> tuple[dict, dict]:
    """What the page grades with: its setup, and each exercise's embedded key."""
    soup = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    setup = json.loads(soup.select_one("script#ams-exercise-setup").string)
    keys = {
        section["data-exercise"]: json.loads(section.select_one("script.ams-exercise-data").string)
        for section in soup.select("section.ams-exercise")
    }
    return setup, keys


def cases(answers: list[tuple], overlay: Path | str | None) -> list[dict]:
    """``answers``, each graded by the Python grader (with ``overlay`` in place)."""
    try:
        if overlay is not None:
            use_overlay(overlay)
        out = []
        for exercise, field, answer, _verdict in answers:
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
    return run_vectors(path, checker, timeout=300)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory, overlay_cache: dict[str, str]):
    """The book built once without an overlay, and once with each (on first use)."""
    root = tmp_path_factory.mktemp("overlay-book")
    made: dict[str | None, Path] = {}

    def book(overlay: str | None) -> Path:
        if overlay not in made:
            made[overlay] = built(root / (overlay or "alone"), overlay, overlay_cache)
        return made[overlay]

    return book


@pytest.mark.parametrize("overlay", sorted(CHANGED))
def test_the_built_page_changes_its_verdict_with_the_books_overlay(
    overlay, books, overlay_cache, tmp_path, monkeypatch
):
    monkeypatch.setenv(CACHE_VARIABLE, overlay_cache[CACHE_VARIABLE])
    answers = CHANGED[overlay]
    adapted_book = books(overlay)
    named = adapted_book.parent / "src" / "state" if overlay == "testland" else overlay
    course, adapted = cases(answers, None), cases(answers, named)
    assert [c["expected"]["verdict"] for c in course] == ["unsure"] * len(answers)
    assert [c["expected"]["verdict"] for c in adapted] == [a[3] for a in answers]
    for book, graded in ((books(None), course), (adapted_book, adapted)):
        setup, keys = page_data(book)
        checker = book / "_static" / "ams-exercise.js"  # the script the page loads
        same = replay(tmp_path, book.parent.name, setup, keys, graded, checker)
        assert same.returncode == 0, same.stdout[-3000:] + same.stderr
        assert f"{len(graded)} of {len(graded)} cases agree" in same.stdout
    # the adapted page does not give the course's verdicts: every one of them changed
    setup, keys = page_data(adapted_book)
    checker = adapted_book / "_static" / "ams-exercise.js"
    other = replay(tmp_path, "crossed", setup, keys, course, checker)
    assert other.returncode == 1, other.stdout
    assert f"0 of {len(answers)} cases agree" in other.stdout, other.stdout


def test_a_slip_in_the_books_overlay_stops_the_build_in_one_line(tmp_path, overlay_cache):
    code, errors, _out = build(tmp_path, "testland", overlay_cache, slip="    lamp: [x]\n")
    assert code != 0
    (line,) = [line for line in errors.splitlines() if "overlay.yaml" in line]
    assert line.startswith("ams_exercises_overlay: ") and "Traceback" not in errors
    assert "state/overlay.yaml: line 25: field 'exercises.it-service-desk.lamp'" in line
    assert "'lamp' is not one of this exercise's people; use one of: widget, applicants" in line


def test_page_and_python_agree_with_arizonas_overlay(overlay_cache, tmp_path, monkeypatch):
    """The shared test vectors of two exercises, graded with Arizona's overlay, and
    Arizona's words among them: the page's script gives every verdict Python gives."""
    monkeypatch.setenv(CACHE_VARIABLE, overlay_cache[CACHE_VARIABLE])
    extra = {
        "it-service-desk": [
            ("operational_support", ["ASET", "SPO", "ADOA"]),
            ("strategic_customers", ["DES eligibility workers", "AHCCCS health plans"]),
            ("primary_customer", "the Department of Economic Security"),
        ],
        "park-reservations": [
            ("stakeholders", ["JLBC", "the Lege", "the Ombudsman"]),
            ("primary_customer", "the ninth floor"),
        ],
    }
    try:
        use_overlay("arizona")
        data = vectors.build([key_for(k) for k in extra], extra=extra)
    finally:
        os.environ.pop(OVERLAY_VARIABLE, None)
        use_compiled(None)
    assert {"department-of-administration", "ombudsman"} <= set(data["setup"]["lexicon"])
    path = tmp_path / "arizona-vectors.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    proc = run_vectors(path)
    n = len(data["cases"])
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr
    assert f"{n} of {n} cases agree" in proc.stdout
    graded = {
        (c["field"], json.dumps(c["answer"])): c["expected"]["verdict"] for c in data["cases"]
    }
    assert graded[("primary_customer", '"the Department of Economic Security"')] == "incorrect"
    assert graded[("primary_customer", '"the ninth floor"')] == "incorrect"  # the governor
