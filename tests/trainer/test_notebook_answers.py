"""Reading answers out of notebooks: the check(...) calls, as text, never run."""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_cases import BOMB_PLACES, myst_bomb

from ams_exercises.answers.notebooks import read_notebook_answers
from ams_exercises.errors import AnswerFileError


def ipynb(tmp_path: Path, *sources, kind: str = "code") -> Path:
    path = tmp_path / "nb.ipynb"
    cells = [{"cell_type": kind, "metadata": {}, "source": s, "outputs": []} for s in sources]
    path.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), "utf-8"
    )
    return path


def test_calls_are_read_in_order_with_their_literal_answers(tmp_path):
    path = ipynb(
        tmp_path,
        ["from ams_exercises import check\n", "check('environmental-permit', widget='permit')\n"],
        "import ams_exercises as ams\n%time x = 1\n!ls\n"
        "ams.check('traffic-congestion', widget=None,"
        " investors=('taxpayers', 'drivers'), attempt=2)",
    )
    found = read_notebook_answers(path)
    assert found.problems == []
    assert [m for _where, m in found.answers] == [
        {"exercise": "environmental-permit", "widget": "permit"},
        {"exercise": "traffic-congestion", "widget": None, "investors": ["taxpayers", "drivers"]},
    ]
    assert found.answers[0][0] == f"{path} cell 1 line 2"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (
            "answer = 'permit'\ncheck('environmental-permit', widget=answer)",
            "not written out as text",
        ),
        ("check('environmental-permit', widget='a' + 'b')", "not written out as text"),
        ("check('environmental-permit', investors=['taxpayers', name])", "not written out as text"),
        ("check(exercise_id, widget='permit')", "must start with the exercise id in quotes"),
        ("check('environmental-permit', **answers)", "hides the answers"),
        ("check('environmental-permit', 'permit')", "takes the exercise id, then answers"),
        ("check('environmental-permit', widget='permit'", "is not valid Python"),
    ],
)
def test_calls_that_cannot_be_read_without_running_them_are_problems(tmp_path, source, problem):
    found = read_notebook_answers(
        ipynb(tmp_path, source, "check('environmental-permit', widget='permit')")
    )
    assert len(found.problems) == 1
    assert problem in found.problems[0].problem
    assert "cell 1" in found.problems[0].where
    assert found.answers[-1][1]["widget"] == "permit"  # the good call still counts
    # a bad answer costs only itself: the call is kept without it (nothing else to grade here)
    assert all(m.get("widget") in (None, "permit") for _w, m in found.answers)
    assert "investors" not in found.answers[0][1]


def test_one_unreadable_answer_leaves_the_others_of_the_call(tmp_path):
    found = read_notebook_answers(
        ipynb(
            tmp_path,
            "check('environmental-permit', widget='the permit', primary_customer=who,"
            " investors=['taxpayers'])",
        )
    )
    assert [m for _w, m in found.answers] == [
        {"exercise": "environmental-permit", "widget": "the permit", "investors": ["taxpayers"]}
    ]
    (problem,) = found.problems
    assert "'primary_customer' is not written out as text" in problem.problem


@pytest.mark.parametrize(
    "source",
    [
        "from ams_exercises import check as c\nc('environmental-permit', widget='permit')",
        "from ams_exercises import exercises, check as grade_it\n"
        "grade_it('environmental-permit', widget='permit')",
        "import ams_exercises as ae\nae.check('environmental-permit', widget='permit')",
        "from ams_exercises import check\nc = check\nc('environmental-permit', widget='permit')",
    ],
)
def test_check_called_through_another_name_is_read(tmp_path, source):
    found = read_notebook_answers(ipynb(tmp_path, source))
    assert found.problems == []
    assert [m for _w, m in found.answers] == [
        {"exercise": "environmental-permit", "widget": "permit"}
    ]


def test_check_called_through_another_name_in_a_later_cell_is_read(tmp_path):
    found = read_notebook_answers(
        ipynb(
            tmp_path,
            "from ams_exercises import check as c",
            "c('environmental-permit', widget='permit')",
        )
    )
    assert found.problems == []
    assert found.answers[0][0].endswith("cell 2 line 1")


def test_an_answer_through_a_name_that_cannot_be_followed_is_listed_not_dropped(tmp_path):
    found = read_notebook_answers(
        ipynb(
            tmp_path,
            "import ams_exercises\ngrade = getattr(ams_exercises, 'che' + 'ck')",
            "grade('environmental-permit', widget='permit')",
            "print('environmental-permit')",  # an id printed is not an answer: no problem
            "answers = dict(widget='permit')",  # nor is a mapping built
            "EX = 'environmental-permit'\nmark(EX, primary_customer='the facility')",
        )
    )
    assert found.answers == []
    problem, other = found.problems
    assert other.where.endswith("cell 5 line 2")
    assert "calls mark(...) with answers (primary_customer=)" in other.problem
    assert problem.where.endswith("cell 2 line 1")
    assert "calls grade(...) for 'environmental-permit' with answers (widget=)" in problem.problem
    assert "was not read" in problem.problem


def test_invalid_python_without_a_check_call_is_ignored(tmp_path):
    found = read_notebook_answers(
        ipynb(tmp_path, "def broken(:\n", "check('environmental-permit', widget='x')")
    )
    assert found.problems == []
    assert len(found.answers) == 1


def test_markdown_cells_and_outputs_are_not_answers(tmp_path):
    found = read_notebook_answers(
        ipynb(tmp_path, "check('environmental-permit', widget='x')", kind="markdown")
    )
    assert found.answers == []
    assert found.problems[0].problem.startswith("holds no answers")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "is not a valid notebook: bad JSON at line 1"),
        ("[1, 2]", "is not a Jupyter notebook"),
        ('{"cells": [{"cell_type": "code", "source": 5}]}', "has a 'source' that is not text"),
        ("", "is empty"),
    ],
)
def test_files_that_are_not_notebooks_raise_one_line(tmp_path, text, problem):
    path = tmp_path / "x.ipynb"
    path.write_text(text, "utf-8")
    with pytest.raises(AnswerFileError) as err:
        read_notebook_answers(path)
    assert problem in str(err.value)
    assert "\n" not in str(err.value)


def test_myst_notebook_code_cells_with_options(tmp_path):
    path = tmp_path / "work.md"
    path.write_text(
        "---\njupytext:\n  formats: md:myst\n---\n# Title\n\n"
        "```python\ncheck('environmental-permit', widget='in a plain fence: not a cell')\n```\n\n"
        "```{code-cell} ipython3\n---\ntags: [hide-input]\n---\n"
        "check('environmental-permit', widget='permit')\n```\n\n"
        "````{code-cell} ipython3\n:tags: [x]\n"
        "check('traffic-congestion',\n      widget='road')\n````\n",
        "utf-8",
    )
    found = read_notebook_answers(path)
    assert found.problems == []
    assert [m["widget"] for _w, m in found.answers] == ["permit", "road"]
    # Cells are numbered as Jupyter shows the notebook (the markdown cell is cell 1), lines
    # within the cell's code as the learner sees it there (its options are not code).
    assert found.answers[0][0].endswith("cell 2 line 1")
    assert found.answers[1][0].endswith("cell 3 line 1")


def test_markdown_without_code_cells_is_not_a_notebook(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\nNothing here.\n", "utf-8")
    with pytest.raises(AnswerFileError, match="is not a MyST notebook"):
        read_notebook_answers(path)


# --- YAML that jupytext parses for us: refused before it can cost gigabytes ----------------

#: The bound the hostile-class test runs under, and a few seconds (a read takes about one,
#: most of it importing jupytext; a bomb of 8 levels took 30 s and 2.4 GB before).
MEMORY_LIMIT = 2 * 1024**3
TIME_LIMIT = 10
READ = """\
import sys
from pathlib import Path
from ams_exercises.answers.notebooks import read_notebook_answers
try:
    found = read_notebook_answers(Path(sys.argv[1]))
except Exception as exc:
    print(exc)
else:
    print(found)
"""


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def bounded(*args: str, timeout: float = TIME_LIMIT) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` under 2 GB of address space and ``timeout`` seconds."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_bounded,
    )


@pytest.mark.parametrize("levels", [8, 12])
@pytest.mark.parametrize("place", list(BOMB_PLACES))
def test_a_yaml_alias_bomb_in_a_myst_notebook_is_refused_in_one_line(tmp_path, place, levels):
    """Front matter and a code cell's options (a --- block, or :name: lines) are YAML that
    jupytext reads and nbformat expands: 9**12 strings from under 900 bytes."""
    path = tmp_path / "work.md"
    path.write_text(myst_bomb(place, levels), "utf-8")
    assert path.stat().st_size < 900
    done = bounded("-c", READ, str(path))
    where = f"{path}: " if place == "front matter" else f"{path} cell 2: "
    assert done.stdout == f"{where}{BOMB_PLACES[place]}; write the value out in full\n"
    assert done.stderr == ""


def test_the_same_notebook_without_the_aliases_is_read(tmp_path):
    for place in BOMB_PLACES:
        path = tmp_path / "work.md"
        path.write_text(myst_bomb(place, 0).replace("&l0 ", ""), "utf-8")
        found = read_notebook_answers(path)
        assert found.problems == [] and found.answers[0][0] == f"{path} cell 2 line 1"


@pytest.mark.parametrize(
    ("front", "options", "problem"),
    [
        (
            "kernelspec:\n  name: [unclosed\n",
            ":tags: [x]",
            ": is not valid YAML in its front matter at line 3",
        ),
        (
            "kernelspec: {}\n",
            "---\ntags: [x\n---",
            "cell 1: is not valid YAML in its options at line 7",
        ),
        (
            "kernelspec: {}\n",
            ":tags: [x\n:a: b",
            "cell 1: is not valid YAML in its options at line 7",
        ),
    ],
)
def test_yaml_settings_that_are_not_valid_are_one_line_at_their_line(
    tmp_path, front, options, problem
):
    """Refused before jupytext reads them (its parser could read on to an alias)."""
    path = tmp_path / "work.md"
    cell = f"```{{code-cell}} ipython3\n{options}\ncheck('environmental-permit')\n```\n"
    path.write_text(f"---\n{front}---\n\n{cell}", "utf-8")
    with pytest.raises(AnswerFileError) as err:
        read_notebook_answers(path)
    assert problem in str(err.value) and "\n" not in str(err.value)


def test_yaml_settings_are_capped_in_values_and_characters(tmp_path):
    path = tmp_path / "work.md"
    cell = "```{code-cell} ipython3\n---\ntags: [%s]\n---\ncheck('environmental-permit')\n```\n"
    path.write_text("# Work\n\n" + cell % ",".join(["x"] * 10_000), "utf-8")
    with pytest.raises(AnswerFileError) as err:
        read_notebook_answers(path)
    assert str(err.value) == (
        f"{path} cell 2: holds more than 10,000 YAML values in its options; keep only the "
        "settings it needs"
    )
    path.write_text("# Work\n\n" + (cell % ("x" * 30_000)) * 4, "utf-8")
    with pytest.raises(AnswerFileError, match="more than 100,000 characters of YAML settings"):
        read_notebook_answers(path)


def test_a_class_with_yaml_bombs_in_notebooks_is_graded_within_bounds(tmp_path):
    """``grade``: each bomb is one line in errors.csv, and every other notebook and learner
    is graded (the same learner's other notebook too)."""
    class_dir = tmp_path / "class"
    (class_dir / "ana").mkdir(parents=True)
    (class_dir / "ana" / "bomb.md").write_text(myst_bomb("front matter", 12), "utf-8")
    (class_dir / "ana" / "work.md").write_text(myst_bomb("front matter", 0), "utf-8")
    bombs = {}
    for n, place in enumerate(BOMB_PLACES):
        for levels in (8, 12):
            learner = f"bomb-{n}-{levels}"
            (class_dir / f"{learner}.md").write_text(myst_bomb(place, levels), "utf-8")
            bombs[learner] = BOMB_PLACES[place]
    (class_dir / "ben.md").write_text(myst_bomb("option lines", 0).replace("&l0 ", ""), "utf-8")
    report = tmp_path / "report"
    done = bounded("-m", "ams_exercises", "grade", str(class_dir), "--out", str(report))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    with (report / "errors.csv").open(encoding="utf-8-sig", newline="") as fh:
        errors = {row["learner"]: row for row in csv.DictReader(fh)}
    assert errors["ana"]["file"].endswith("ana/bomb.md")
    assert errors["ana"]["problem"].startswith(BOMB_PLACES["front matter"])
    for learner, refusal in bombs.items():
        assert errors[learner]["problem"] == f"{refusal}; write the value out in full"
    with (report / "gradebook.csv").open(encoding="utf-8-sig", newline="") as fh:
        book = {row["learner"]: row for row in csv.DictReader(fh)}
    assert float(book["ana"]["environmental-permit"]) > 0
    assert float(book["ben"]["environmental-permit"]) > 0


def test_line_numbers_of_a_notebook_with_old_mac_line_endings(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(b'{\r"cells": [],\r"nbformat": 4,\r"oops": nope\r}')
    with pytest.raises(AnswerFileError, match="bad JSON at line 4, column 9"):
        read_notebook_answers(path)
