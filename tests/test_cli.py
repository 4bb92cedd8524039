"""The ``ams-exercises`` command as a learner runs it: list, check, check --json, hint.

The commands run in process (click's runner), outside any copy of the course, so no
progress is kept; one test starts the installed console script and ``python -m
ams_exercises`` as real processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import pytest
from cli_runner import Ran, invoke

from ams_exercises import __version__
from ams_exercises.grader.course import CHECK_RESULT_SCHEMA
from ams_exercises.grader.keys import key_ids

EXE = str(Path(sys.executable).with_name("ams-exercises"))


def run(*args: str) -> Ran:
    # Outside any copy of the course: keeps no progress.
    return invoke(*args, cwd=Path(tempfile.gettempdir()), NO_COLOR="1")


def run_process(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(command),
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "NO_COLOR": "1",
        },
    )


@pytest.mark.parametrize("command", [[EXE], [sys.executable, "-m", "ams_exercises"]])
def test_the_installed_command_runs_as_a_whole_process(tmp_path, command):
    out = run_process(*command, "check", str(write(tmp_path, WRONG)), "--json")
    assert out.returncode == 1, out.stderr
    assert json.loads(out.stdout)["score"] == 1 and out.stderr == ""
    bad = run_process(*command, "check", str(tmp_path / "missing.yaml"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    version = run_process(*command, "--version")
    assert version.returncode == 0 and version.stdout == f"ams-exercises, version {__version__}\n"


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


RIGHT = """\
exercise: environmental-permit
widget: the signed air permit
primary_customer: the refinery that needs the permit before it can run
investors: [the taxpayers of the state]
"""
WRONG = """\
exercise: environmental-permit
widget: reviewing permit applications
primary_customer: the general public
investors:
  - taxpayers
"""


def test_list_shows_every_exercise_with_its_module():
    out = run("list")
    assert out.code == 0
    for exercise in key_ids():
        assert exercise in out.out
    assert "Knowing your customer" in out.out


def test_check_a_right_answer_file_exits_0(tmp_path):
    out = run("check", str(write(tmp_path, RIGHT)))
    assert out.code == 0, out.out + out.err
    assert "Score: 4 / 4" in out.out
    assert "CORRECT" in out.out and "INCORRECT" not in out.out


def test_check_a_wrong_answer_file_exits_1_and_explains(tmp_path):
    out = run("check", str(write(tmp_path, WRONG)))
    assert out.code == 1
    assert "INCORRECT  Primary customer" in out.out
    assert "investors" in out.out
    assert "Trap:" not in out.out  # chapter 1 comes before the traps are taught
    assert "hint:" in out.out


def test_check_names_the_trap_once_the_traps_are_taught(tmp_path):
    path = tmp_path / "traps.yaml"
    path.write_text("exercise: it-case-management\nprimary_customer: the business\n", "utf-8")
    out = run("check", str(path))
    assert out.code == 1
    assert "Trap: Wrong Person, Wrong Problem." in out.out


def test_check_says_when_it_cannot_place_an_answer_and_who_decides(tmp_path):
    text = RIGHT.replace(
        "the refinery that needs the permit before it can run", "the zorblatt consortium"
    )
    assert text != RIGHT
    out = run("check", str(write(tmp_path, text)))
    assert out.code == 1  # not passed: the trainer decides
    assert "CAN'T TELL  Primary customer" in out.out
    assert "no verdict" in out.out and "ask your trainer" in out.out
    data = json.loads(run("check", str(write(tmp_path, text)), "--json").out)
    jsonschema.validate(data, json.loads(CHECK_RESULT_SCHEMA.read_text()))
    assert data["fields"]["primary_customer"]["verdict"] == "unsure"


def test_check_json_is_one_object_that_follows_the_published_schema(tmp_path):
    out = run("check", str(write(tmp_path, WRONG)), "--json")
    assert out.code == 1
    data = json.loads(out.out)
    jsonschema.validate(data, json.loads(CHECK_RESULT_SCHEMA.read_text()))
    assert data["exercise"] == "environmental-permit"
    assert data["fields"]["primary_customer"] == {
        **data["fields"]["primary_customer"],
        "verdict": "incorrect",
        "recognized_as": "investors",
    }
    assert data["fields"]["widget"]["recognized_as"] == "activity"
    assert data["score"] == 1 and data["max_score"] == 4


def test_hint_shows_the_gentlest_hint_first():
    out = run("hint", "environmental-permit")
    assert out.code == 0
    assert "Hint 1 of" in out.out and "widget" in out.out


def test_hint_for_an_unknown_exercise_is_bad_input():
    out = run("hint", "no-such-exercise")
    assert out.code == 2
    assert out.err.strip().count("\n") == 0
    assert "no-such-exercise" in out.err and "Traceback" not in out.err


def test_help_has_examples_for_each_command():
    for command in ("list", "check", "hint"):
        out = run(command, "--help")
        assert out.code == 0 and "Example" in out.out, command


def test_dev_vectors_says_in_one_line_that_the_repositorys_dev_tools_build_them():
    """The installed package leaves the dev tools out; the line names the command to run."""
    out = run("dev", "vectors", "--seed", "3")
    assert out.code == 2 and out.out == ""
    assert out.err.strip().count("\n") == 0 and "Traceback" not in out.err
    assert "`python -m devtools.vectors > grader-vectors.json`" in out.err
    named = subprocess.run(
        [sys.executable, "-m", "devtools.vectors", "--help"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,  # a clone's root, as the line says
        timeout=60,
    )
    assert named.returncode == 0 and "--seed" in named.stdout, named.stderr
