"""Ctrl-C stops a command with the code shells give it (130) and one line; never 1.

A script reads exit code 1 as "not right yet": click's own handling ("Aborted!", 1) would
tell it a learner's answer was wrong when the trainer only stopped a class's grading.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

#: ``grade`` on a class, its grading made to wait so the signal comes in the middle.
SCRIPT = """
import sys, time
import ams_exercises.classroom.grade_class as grade_class

def slow(*args, **kwargs):
    print("grading", flush=True)
    time.sleep(60)

grade_class.grade_class = slow
sys.argv = ["ams-exercises", "grade", sys.argv[1], "--out", sys.argv[2]]
from ams_exercises.cli import run
run()
"""


def test_ctrl_c_during_grade_exits_130_with_one_line(tmp_path: Path):
    submissions = tmp_path / "class"
    submissions.mkdir()
    (submissions / "ana.yaml").write_text(
        "exercise: environmental-permit\nwidget: the permit\n", "utf-8"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(submissions), str(tmp_path / "report")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while proc.stdout.readline().strip() != "grading":
        assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == ["ams-exercises: stopped (Ctrl-C)."]
    assert not (tmp_path / "report").exists()
