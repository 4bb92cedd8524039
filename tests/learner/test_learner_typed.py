"""Commands the tool prints work as typed in the learner's situation: the
``ams-exercises`` script when it is on the PATH, else a ``-m`` form of the Python that
runs the tool (``py -m`` on Windows outside a virtual environment)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from learner_helpers import clean_env

from ams_exercises import command_line
from ams_exercises.command_line import command, pip_install, prefix, python


@pytest.fixture
def situation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Set what is on the PATH, the running Python, the system and the current folder."""

    def set_up(on_path: dict[str, str], executable: Path, *, windows=False, venv=True):
        monkeypatch.setattr(command_line.shutil, "which", lambda name: on_path.get(name))
        monkeypatch.setattr(command_line, "_python", lambda: str(executable))
        monkeypatch.setattr(command_line, "_windows", lambda: windows)
        monkeypatch.setattr(command_line, "_in_virtual_environment", lambda: venv)
        monkeypatch.chdir(tmp_path)
        prefix.cache_clear()
        python.cache_clear()

    yield set_up
    prefix.cache_clear()
    python.cache_clear()


def test_the_script_on_the_path_is_kept(situation, tmp_path: Path):
    situation({"ams-exercises": "/env/bin/ams-exercises"}, tmp_path / ".venv/bin/python")
    assert command("check environmental-permit") == "ams-exercises check environmental-permit"


def test_an_environment_not_activated_gets_its_python_by_path(situation, tmp_path: Path):
    # python3 on the PATH is the system's: the environment's links to it, but lacks the tool
    situation({"python3": "/usr/bin/python3"}, tmp_path / ".venv" / "bin" / "python")
    assert command("check environmental-permit") == (
        ".venv/bin/python -m ams_exercises check environmental-permit"
    )


def test_on_windows_an_environment_not_activated_gets_its_python_without_exe(
    situation, tmp_path: Path
):
    situation(
        {"py": "C:/Windows/py.exe"}, tmp_path / ".venv" / "Scripts" / "python.exe", windows=True
    )
    assert command("hint") == str(Path(".venv/Scripts/python")) + " -m ams_exercises hint"
    assert pip_install("notebooks") == (
        str(Path(".venv/Scripts/python")) + ' -m pip install -e ".[notebooks]"'
    )


def test_on_windows_outside_an_environment_py_is_used(situation, tmp_path: Path):
    python = tmp_path.parent / "Python311" / "python.exe"
    situation({"py": "C:/Windows/py.exe"}, python, windows=True, venv=False)
    assert command("check environmental-permit") == "py -m ams_exercises check environmental-permit"


def test_the_python_on_the_path_when_it_is_this_one(situation, tmp_path: Path):
    python = tmp_path / "env" / "bin" / "python3"
    situation({"python3": str(python)}, python)
    assert command("progress") == "python3 -m ams_exercises progress"


def test_a_path_with_a_space_is_quoted(situation, tmp_path: Path):
    python = tmp_path.parent / "Jane Doe" / "env" / "bin" / "python"
    situation({}, python)
    assert command("watch") == f'"{python}" -m ams_exercises watch'


def _first(home: Path) -> str:
    """The exercise a new learner is on: the first of the catalogue (read, nothing made)."""
    from ams_exercises.learner.catalogue import load_catalogue

    return load_catalogue(home).entries[0].id


def _printed_command(output: str) -> str:
    line = next(line for line in output.splitlines() if "2. Run" in line)
    return line.split("Run", 1)[1].strip()


def test_the_command_printed_without_the_script_on_the_path_runs_as_typed(fresh_copy: Path):
    """A real process with the environment's folder off the PATH: the printed command is
    the ``-m`` form, and running it exactly as printed works."""
    bin_folder = str(Path(sys.executable).parent)
    path = os.pathsep.join(
        p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != bin_folder
    )
    env = clean_env(PATH=path, NO_COLOR="1")
    first = subprocess.run(
        [sys.executable, "-m", "ams_exercises"],
        cwd=fresh_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert first.returncode == 0, first.stderr
    printed = _printed_command(first.stdout)
    assert printed.endswith(f"-m ams_exercises check {_first(fresh_copy)}"), printed
    assert not printed.startswith("ams-exercises")
    again = subprocess.run(
        shlex.split(printed), cwd=fresh_copy, env=env, capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 1, again.stderr  # ran, and the blank is not right yet
    # (the course starts with the pre-check, whose blank is refused: answered once)
    assert any(s in again.stdout for s in ("Not there yet", "MISSING", "fill in every field"))


def test_with_the_script_on_the_path_the_short_form_is_printed(fresh_copy: Path):
    bin_folder = str(Path(sys.executable).parent)
    env = clean_env(PATH=bin_folder + os.pathsep + os.environ.get("PATH", ""), NO_COLOR="1")
    first = subprocess.run(
        [sys.executable, "-m", "ams_exercises"],
        cwd=fresh_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert _printed_command(first.stdout) == f"ams-exercises check {_first(fresh_copy)}"
