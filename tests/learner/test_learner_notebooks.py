"""Notebooks at the learner's own computer: their copies live in the workspace; run with a
kernel, check(...) keeps progress as the command line does, hint(...) goes one further
each time and solution(...) opens once passed; ``ams-exercises notebooks`` starts
JupyterLab set up to open the MyST notebooks as notebooks."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
import pytest
from learner_helpers import (
    AMS,
    ROOT,
    assessment_entries,
    catalogue_of,
    clean_env,
    fill,
    progress_of,
    run_process,
)
from nbclient import NotebookClient

from ams_exercises.grader.keys import key_for
from ams_exercises.grader.vocabulary import LIST_FIELDS


def right_call(exercise: str) -> str:
    key = key_for(exercise)
    args = []
    for name in key.asks:
        fk = key.fields[name]
        value = fk.canonical[: fk.needed] if name in LIST_FIELDS else fk.canonical[0]
        args.append(f"{name}={value!r}")
    return f"check({exercise!r}, {', '.join(args)})"


def test_a_notebook_run_with_a_kernel_keeps_progress(workcopy: Path, monkeypatch):
    folder = workcopy / "workspace" / "notebooks"
    path = folder / "01-knowing-your-customer.md"
    assert path.is_file()  # the workspace holds the learner's own copy
    notebook = jupytext.read(path)
    cells = [c for c in notebook.cells if c.cell_type == "code" and "check(" in c.source]
    cells[0].source = right_call("environmental-permit")
    notebook.cells.append(jupytext.reads('hint("restaurant-inspection")', fmt="py").cells[0])
    notebook.cells.append(jupytext.reads('hint("restaurant-inspection")', fmt="py").cells[0])
    notebook.cells.append(jupytext.reads('solution("environmental-permit")', fmt="py").cells[0])
    monkeypatch.setenv("AMS_EXERCISES_RECORD", "1")  # the kernel inherits it
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    progress = progress_of(workcopy)["exercises"]
    assert progress["environmental-permit"]["passed"] is True
    assert progress["restaurant-inspection"]["hints_shown"] == 2
    outputs = [
        "".join(
            o.get("text", "") + o.get("data", {}).get("text/plain", "")
            for o in c.get("outputs", [])
        )
        for c in notebook.cells[-3:]
    ]
    assert outputs[0].startswith("Hint 1 of") and outputs[1].startswith("Hint 2 of")
    assert outputs[2].startswith("Solution: ")
    # the blank checks of the other exercises are not attempts, as on the command line
    assert "contractor-license" not in progress


def call(exercise: str, answers: dict) -> str:
    return f"check({exercise!r}, {', '.join(f'{n}={v!r}' for n, v in answers.items())})"


def test_an_assessment_item_in_a_notebook_says_what_the_command_line_says(
    workcopy: Path, tmp_path: Path, monkeypatch
):
    """Blank, submitted, submitted before; hint and solution before submitting: the
    notebook's words are the terminal's, but for how a command is written."""
    pre = assessment_entries(workcopy, "pre")[0]
    final = assessment_entries(workcopy, "final")[0]
    key = key_for(pre.id)
    blank = {name: "TODO" for name in key.asks}
    first = {
        name: ["the general public"] if name in LIST_FIELDS else "the general public"
        for name in key.asks
    }
    cells = [
        "from ams_exercises import check, hint, solution",
        call(pre.id, blank),
        call(pre.id, first),
        right_call(pre.id),
        f"hint({final.id!r})",
        f"solution({final.id!r})",
    ]
    folder = workcopy / "workspace" / "notebooks"
    notebook = jupytext.reads("\n\n".join(f"# %%\n{c}" for c in cells), fmt="py:percent")
    monkeypatch.setenv("AMS_EXERCISES_RECORD", "1")
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    said = [
        "".join(o.get("data", {}).get("text/plain", "") for o in c.get("outputs", []))
        for c in notebook.cells[1:]
    ]
    rec = progress_of(workcopy)["exercises"][pre.id]
    assert rec["submission"]["answers"] == first and rec["attempts"] == 1

    # the same steps at the terminal, in a copy of its own
    other = tmp_path / "terminal"
    shutil.copytree(ROOT / "exercises", other / "exercises")
    sheet = catalogue_of(other).path(pre)
    text = sheet.read_text(encoding="utf-8")
    terminal = []
    for answers in (blank, first, None):
        sheet.write_text(fill(text, key) if answers is None else _yaml(pre.id, answers))
        terminal.append(run_process("check", pre.id, cwd=other).out)
    terminal += [run_process(c, final.id, cwd=other).out for c in ("hint", "solution")]

    def as_notebook(out: str) -> str:
        for name in ("hint", "solution"):
            for e in (pre.id, final.id):
                out = out.replace(f"`ams-exercises {name} {e}`", f'{name}("{e}")')
        for e in (pre.id, final.id):
            out = out.replace(f"`ams-exercises check {e}`", f'its check("{e}", ...) cell')
        # The terminal also writes the submission at the end of the worksheet, and says so;
        # a notebook's is kept in the progress file only.
        out = re.sub(r"\n\nYour submitted answers are kept at the end of [^\n]*", "", out)
        return out.strip()

    assert said[0] == as_notebook(terminal[0]) and "answered once" in said[0]
    assert "Submitted: your answers" in said[1]
    assert as_notebook(terminal[1]).startswith(said[1]), "the terminal adds only 'Next up'"
    assert "Next up:" in terminal[1].removeprefix(said[1])
    assert "Your submitted answers are kept at the end of" in terminal[1]
    assert said[2] == as_notebook(terminal[2]) and f"You submitted {pre.id} on" in said[2]
    assert said[3] == as_notebook(terminal[3]) and "Hints for" in said[3]
    assert said[4] == as_notebook(terminal[4]) and "worked solution" in said[4]


def _yaml(exercise: str, answers: dict) -> str:
    return f"exercise: {exercise}\n" + "".join(
        f"{n}: {json.dumps(v)}\n" for n, v in answers.items()
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_jupyterlab_opens_the_workspace_notebooks_as_notebooks(workcopy: Path):
    shutil.copytree(ROOT / ".jupyter", workcopy / ".jupyter")  # as a clone of the course has it
    port = free_port()
    proc = subprocess.Popen(
        [str(AMS), "notebooks", "--no-browser", "--port", str(port)],
        cwd=workcopy,
        env=clean_env(JUPYTER_TOKEN="course-test", NO_COLOR="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> dict:
        with urllib.request.urlopen(f"{base}{path}?token=course-test", timeout=5) as response:
            return json.loads(response.read())

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                settings = get("/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.5)
        viewers = settings["schema"]["properties"]["defaultViewers"]["default"]
        assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
        listed = {item["name"] for item in get("/api/contents")["content"]}
        assert "01-knowing-your-customer.md" in listed
        opened = get("/api/contents/01-knowing-your-customer.md")
        assert opened["type"] == "notebook"  # Jupytext reads the MyST file as a notebook
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_without_jupyterlab_the_command_says_how_to_get_it(workcopy: Path):
    code = (
        "import importlib.util, sys\n"
        "real = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda n, *a: None if n == 'jupyterlab' else real(n, *a)\n"
        "from ams_exercises.cli import main\n"
        "sys.argv = ['ams-exercises', 'notebooks']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=workcopy,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr == (
        "ams-exercises: notebooks: needs JupyterLab, which the light set-up leaves out; add it "
        "from the top folder of your copy of the course with: "
        'python3 -m pip install -e ".[notebooks]"\n'
    )
    assert os.path.isdir(workcopy / "workspace" / "notebooks")
    assert catalogue_of(workcopy).entries


# --- ``check`` given a notebook: read safely, never graded as an answer file ---------------


def bomb(levels: int) -> list[str]:
    """A YAML alias bomb: nine strings, then nine aliases of the level below at each level."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    return lines + [f"l{n}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels + 1)]


def with_bomb(text: str, place: str, levels: int) -> str:
    """The course's notebook with a bomb in its front matter or its first code cell's
    options (a ``---`` block or ``:name:`` lines), as jupytext reads them."""
    if place == "front matter":
        end = text.index("\n---\n", 3) + 1
        return text[:end] + "\n".join(bomb(levels)) + "\n" + text[end:]
    fence = "```{code-cell} ipython3\n"
    start = text.index(fence) + len(fence)
    lines = ["---", *bomb(levels), "---"] if place == "options block" else bomb(levels)
    options = "\n".join(lines if place == "options block" else (":" + s for s in lines))
    return text[:start] + options + "\n" + text[start:]


def _bounded() -> None:
    limit = 2 * 1024**3  # as the hostile class is graded
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # processor time, not the clock: a busy machine slows the check, not the bomb's cost
    resource.setrlimit(resource.RLIMIT_CPU, (10, 10))


@pytest.mark.parametrize("levels", [8, 12])
@pytest.mark.parametrize("place", ["front matter", "options block", "option lines"])
def test_check_of_a_notebook_with_a_yaml_bomb_is_one_line_within_bounds(
    workcopy: Path, place, levels
):
    """Before, jupytext and nbformat expanded the bomb: 30 s and 2.4 GB for 8 levels."""
    path = workcopy / "workspace" / "notebooks" / "01-knowing-your-customer.md"
    text = with_bomb(path.read_text("utf-8"), place, levels)
    path.write_text(text, "utf-8")
    line = next(n for n, s in enumerate(text.split("\n"), 1) if "*l0" in s)
    progress = workcopy / ".ams-progress.json"
    before = progress.read_bytes() if progress.exists() else None
    done = subprocess.run(
        [str(AMS), "check", str(path)],
        cwd=workcopy,
        env=clean_env(NO_COLOR="1"),
        capture_output=True,
        text=True,
        timeout=120,  # only a hang: _bounded limits the processor time to 10 s
        preexec_fn=_bounded,
    )
    where = path if place == "front matter" else f"{path} cell 2"
    part = "front matter" if place == "front matter" else "options"
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"ams-exercises: {where}: uses a YAML alias (*l0) in its {part} at line {line}; "
        "write the value out in full\n"
    )
    assert (progress.read_bytes() if progress.exists() else None) == before  # no attempt


def test_check_of_a_notebook_says_how_notebooks_are_checked(workcopy: Path):
    path = workcopy / "workspace" / "notebooks" / "01-knowing-your-customer.md"
    done = run_process("check", str(path), cwd=workcopy, NO_COLOR="1")
    assert done.code == 2 and done.err.count("\n") == 1, done.err
    assert done.err.endswith(
        "is a notebook: run its check(...) cells in Jupyter (ams-exercises notebooks), or "
        "check an exercise's worksheet (ams-exercises check <exercise-id>)\n"
    )
