"""The ``ams-exercises`` command as a learner runs it: list, check, check --json, hint.

Every test runs the installed entry point in a real process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ams_exercises.keys import key_ids
from ams_exercises.schemas import CHECK_RESULT_SCHEMA

EXE = str(Path(sys.executable).with_name("ams-exercises"))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, *args],
        capture_output=True,
        text=True,
        cwd=cwd or tempfile.gettempdir(),  # outside any copy of the course: keeps no progress
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )


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
    assert out.returncode == 0
    for exercise in key_ids():
        assert exercise in out.stdout
    assert "Knowing your customer" in out.stdout


def test_check_a_right_answer_file_exits_0(tmp_path):
    out = run("check", str(write(tmp_path, RIGHT)))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Score: 4 / 4" in out.stdout
    assert "CORRECT" in out.stdout and "INCORRECT" not in out.stdout


def test_check_a_wrong_answer_file_exits_1_and_explains(tmp_path):
    out = run("check", str(write(tmp_path, WRONG)))
    assert out.returncode == 1
    assert "INCORRECT  Primary customer" in out.stdout
    assert "investors" in out.stdout
    assert "Trap: Wrong Person, Wrong Problem." in out.stdout
    assert "hint:" in out.stdout


def test_check_json_is_one_object_that_follows_the_published_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    out = run("check", str(write(tmp_path, WRONG)), "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
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
    assert out.returncode == 0
    assert "Hint 1 of" in out.stdout and "widget" in out.stdout


def test_hint_for_an_unknown_exercise_is_bad_input():
    out = run("hint", "no-such-exercise")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0
    assert "no-such-exercise" in out.stderr and "Traceback" not in out.stderr


def test_help_has_examples_for_each_command():
    for command in ("list", "check", "hint"):
        out = run(command, "--help")
        assert out.returncode == 0 and "Example" in out.stdout, command
