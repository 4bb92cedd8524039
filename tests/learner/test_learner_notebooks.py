"""Notebooks at the learner's own computer: their copies live in the workspace; run with a
kernel, check(...) keeps progress as the command line does, hint(...) goes one further
each time and solution(...) opens once passed; ``ams-exercises notebooks`` starts
JupyterLab set up to open the MyST notebooks as notebooks."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
from learner_helpers import AMS, ROOT, catalogue_of, clean_env, progress_of
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
    assert "needs JupyterLab and Jupytext" in done.stderr
    assert os.path.isdir(workcopy / "workspace" / "notebooks")
    assert catalogue_of(workcopy).entries
