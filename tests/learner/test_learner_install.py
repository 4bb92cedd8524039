"""The learner's path as written in the README, in a clean virtual environment: only the
learner install (no make, no book tool chain), ``python -m`` for every command, a pass,
then a course update pulled without touching the learner's answers."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest
from learner_helpers import ROOT, answers_part, fill, git

from ams_exercises.grader.keys import key_for
from ams_exercises.learner.catalogue import load_catalogue


@pytest.fixture(scope="module")
def learner_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with ``pip install ".[learner]"`` (the default learner
    install, the terminal route) and nothing else."""
    root = tmp_path_factory.mktemp("learner")
    source = root / "course"  # a copy: building the package writes build/ beside its source
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "ams_exercises",
        source / "ams_exercises",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"{source}[learner]"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return python


def run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(python), "-m", "ams_exercises", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "NO_COLOR": "1"},
    )


#: The default learner install, the whole environment (Python's own files and pip too), at
#: most this many bytes: the terminal route is about 45 MB; JupyterLab alone adds ~200 MB.
LIGHT_INSTALL_BYTES = 150 * 1024 * 1024


def _size(folder: Path) -> int:
    """The bytes of the files under ``folder``, links not followed."""
    total = 0
    for parent, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    return total


def test_the_default_learner_install_is_light(learner_python: Path):
    env_dir = learner_python.parent.parent
    size = _size(env_dir)
    assert size < LIGHT_INSTALL_BYTES, f"{size / 2**20:.0f} MB"


def test_the_learner_install_holds_only_what_a_learner_needs(learner_python: Path):
    listed = subprocess.run(
        [str(learner_python), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.lower()
    for heavy in (
        "sphinx",
        "jupyter-book",
        "weasyprint",
        "matplotlib",
        "pytest",
        "playwright",
        "jupyterlab",
        "notebook",
    ):
        assert f"\n{heavy}==" not in f"\n{listed}", heavy
    assert "watchfiles==" in listed  # watch mode


def test_a_learner_works_to_a_pass_and_a_course_update_keeps_their_answers(
    learner_python: Path, tmp_path: Path
):
    # The course as published, in git; the learner clones it.
    upstream = tmp_path / "upstream"
    shutil.copytree(ROOT / "exercises", upstream / "exercises")
    shutil.copy(ROOT / ".gitignore", upstream / ".gitignore")
    git("init", "-q", "-b", "main", cwd=upstream)
    git("add", "-A", cwd=upstream)
    git("commit", "-q", "-m", "course", cwd=upstream)
    course = tmp_path / "course"
    git("clone", "-q", str(upstream), str(course), cwd=tmp_path)

    first = run(learner_python, cwd=course)
    assert first.returncode == 0, first.stderr
    assert "You are on exercise" in first.stdout and "made your workspace" in first.stderr
    entry = load_catalogue(course).entries[0]  # the exercise the learner is on
    sheet = course / "workspace" / entry.worksheet
    wrong = run(learner_python, "check", cwd=course)
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    answers = fill(sheet.read_text("utf-8"), key_for(entry.id))
    sheet.write_text(answers, "utf-8")
    passed = run(learner_python, "check", cwd=course)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Next up:" in passed.stdout

    # A course update rewords every blank worksheet; the learner pulls it.
    for blank in (upstream / "exercises").glob("*/*.yaml"):
        blank.write_text(blank.read_text("utf-8") + "# updated\n", "utf-8")
    git("commit", "-q", "-am", "update", cwd=upstream)
    git("pull", "-q", "--ff-only", cwd=course)
    after = run(learner_python, "progress", cwd=course)
    assert after.returncode == 0 and "1/" in after.stdout
    assert answers_part(sheet.read_text("utf-8")) == answers
    assert git("status", "--porcelain", cwd=course) == ""


SETUP = [
    "python3 -m venv .venv",
    '.venv/bin/python -m pip install -e ".[learner]"',
    ".venv/bin/python -m ams_exercises",
    "py -m venv .venv",
    '.venv\\Scripts\\python -m pip install -e ".[learner]"',
    ".venv\\Scripts\\python -m ams_exercises",
]


def test_one_learner_set_up_in_every_place_a_learner_reads():
    """The README, the exercises' README and the welcome page agree; no make, no source."""
    for doc in ("README.md", "exercises/README.md", "book/welcome.md"):
        text = (ROOT / doc).read_text("utf-8")
        for line in SETUP:
            assert line in text, f"{doc}: {line}"
        assert (
            "make install" not in text
            and "\nsource " not in text
            and " source .venv/bin/activate" not in text
        ), doc
    welcome = (ROOT / "book" / "welcome.md").read_text("utf-8")
    assert "exercises/README.md" in welcome and "opens it in your browser" not in welcome
