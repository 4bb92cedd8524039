"""The course's exercise notebooks (``exercises/notebooks/``), as a learner, a trainer and
a reader of the site meet them.

A learner downloads a notebook from the book and runs it: it executes and shows the
grader's table. A trainer's class grading reads the ``check(...)`` calls without running
anything. A reader of the site sees the grader's real output under each exercise.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from ams_exercises import check
from ams_exercises.answers.notebooks import read_notebook_answers
from ams_exercises.grader.keys import all_keys, module_numbers, modules
from ams_exercises.grader.vocabulary import LIST_FIELDS

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "exercises" / "notebooks"
PAGES = sorted(NOTEBOOKS.glob("*.md"))


def words(text: str) -> str:
    return " ".join(text.split())


def test_one_notebook_per_module_in_course_order():
    numbers = module_numbers(list(modules()))  # the pre-check is 0, the lessons from 1
    assert [p.stem for p in PAGES] == [f"{n:02d}-{m}" for m, n in numbers.items()]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_notebook_holds_every_exercise_of_its_module_for_class_grading(path: Path):
    module = path.stem[3:]
    expected = [k for k in all_keys() if k.module == module]
    found = read_notebook_answers(path)
    assert not found.problems
    calls = [answers for _where, answers in found.answers]
    assert [c["exercise"] for c in calls] == [k.id for k in expected]
    text = words(path.read_text("utf-8"))
    for key, call in zip(expected, calls, strict=True):
        # Every asked field, as a blank the learner fills: TODO, in a list for list fields.
        assert list(call) == ["exercise", *key.asks]
        for name in key.asks:
            assert call[name] == (["TODO"] if name in LIST_FIELDS else "TODO")
        assert words(key.scenario) in text, f"{key.id}: scenario differs from its key"
        assert key.title in text


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_notebook_is_a_myst_notebook_on_the_python3_kernel(path: Path):
    nb = jupytext.read(path)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["jupytext"]["text_representation"]["format_name"] == "myst"
    assert "from ams_exercises import check" in nb.cells[1].source


@pytest.mark.book
def test_site_shows_the_graders_real_output_under_each_exercise(built_book: Path):
    for path in PAGES:
        html = built_book / "exercises" / "notebooks" / f"{path.stem}.html"
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        tables = soup.select(".cell_output .ams-check-result")
        found = read_notebook_answers(path).answers
        assert len(tables) == len(found)
        for table, (_where, answers) in zip(tables, found, strict=True):
            answers = dict(answers)
            exercise = answers.pop("exercise")
            fresh = BeautifulSoup(check(exercise, **answers)._repr_html_(), "html.parser")
            assert words(table.get_text(" ")) == words(fresh.get_text(" "))
            assert "Hint:" in table.get_text()


@pytest.mark.book
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_downloaded_notebook_runs_locally(path: Path, served_book: str, built_book: Path, tmp_path):
    page = (built_book / "exercises" / "notebooks" / f"{path.stem}.html").read_text("utf-8")
    menu = BeautifulSoup(page, "html.parser").select_one(".dropdown-download-buttons")
    links = {a.get_text(strip=True): a["href"] for a in menu.find_all("a", href=True)}
    assert set(links) == {".ipynb"}  # the notebook itself, not its Markdown source
    url = f"{served_book}/exercises/notebooks/{links['.ipynb']}"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
        nb = nbformat.reads(response.read().decode("utf-8"), as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    html = [
        out["data"]["text/html"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if "text/html" in out.get("data", {})
    ]
    assert len(html) == len(read_notebook_answers(path).answers)
    assert all(re.search(r"class='ams-check-result'", h) for h in html)
