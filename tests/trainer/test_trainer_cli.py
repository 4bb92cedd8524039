"""The trainer's commands on the command line: help with examples, and a light start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest
from trainer_helpers import run_cli


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("handouts", ["Examples:", "--paper", "[default: letter]", "are replaced"]),
        ("grade", ["Examples:", "--force", "never run", "SUBMISSIONS"]),
    ],
)
def test_help_has_examples_and_says_what_is_overwritten(command, says):
    done = run_cli(command, "--help")
    assert done.returncode == 0
    for text in says:
        assert text in done.stdout, (command, text)


def test_both_commands_are_listed_in_the_main_help():
    done = run_cli("--help")
    assert "handouts" in done.stdout and "grade" in done.stdout


def test_start_up_does_not_import_the_heavy_libraries():
    code = (
        "import sys, ams_exercises.cli; "
        "heavy = ('weasyprint', 'jinja2', 'matplotlib', 'nbformat'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
