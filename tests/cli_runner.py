"""Run ``ams-exercises`` in this process with click's test runner, as a learner or trainer
would type it: in a folder, with an environment, answering prompts from ``input``.

In process, a command costs milliseconds instead of a Python start-up; the few tests that
need a real process (a terminal, a kill, two processes at once, the console script itself)
start one on purpose.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from ams_exercises.cli import main

#: Variables that change the commands' behavior; unset unless a test sets them.
CLEARED = ("NO_COLOR", "AMS_EXERCISES_HOME", "AMS_EXERCISES_OVERLAY", "AMS_EXERCISES_CACHE")


@dataclass
class Ran:
    code: int
    out: str
    err: str


def invoke(*args: str, cwd: Path, input: str | None = None, **env: str) -> Ran:
    """``ams-exercises ARGS`` run in ``cwd``; never a terminal, so output is plain."""
    runner = CliRunner()
    environment: dict[str, str | None] = dict.fromkeys(CLEARED)
    environment.update(env)
    with contextlib.chdir(cwd):
        result = runner.invoke(
            main, list(args), input=input or "", env=environment, prog_name="ams-exercises"
        )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash is a failing test, with its traceback
    return Ran(result.exit_code, result.stdout, result.stderr)
