"""Output that cannot show a check mark degrades to ASCII marks instead of crashing: on
Windows, output redirected to a file or a pipe is in the ANSI code page (cp1252). Real
processes, output piped, ``PYTHONIOENCODING=cp1252``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from learner_helpers import AMS, clean_env, fill, into_closed_pipe, practice_entries, progress_of

from ams_exercises.grader.keys import key_for


def _pass_the_first(home: Path) -> str:
    entry = practice_entries(home)[0]
    sheet = home / "workspace" / entry.worksheet
    sheet.write_text(fill(sheet.read_text("utf-8"), key_for(entry.id)), "utf-8")
    return entry.id


def run_cp1252(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real console script with its output piped and in cp1252, read as cp1252."""
    return subprocess.run(
        [str(AMS), *args],
        cwd=cwd,
        env=clean_env(PYTHONIOENCODING="cp1252"),
        capture_output=True,
        encoding="cp1252",
        timeout=60,
    )


def test_check_and_progress_in_cp1252_show_ascii_marks(workcopy: Path):
    exercise = _pass_the_first(workcopy)
    checked = run_cp1252("check", exercise, cwd=workcopy)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""
    assert "[ok] CORRECT" in checked.stdout and "\u2713" not in checked.stdout
    assert progress_of(workcopy)["exercises"][exercise]["attempts"] == 1
    shown = run_cp1252("progress", cwd=workcopy)
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    assert f"[ok] passed      {exercise}" in shown.stdout


def test_a_wrong_answer_in_cp1252_shows_its_marks_too(workcopy: Path):
    entry = practice_entries(workcopy)[0]
    sheet = workcopy / "workspace" / entry.worksheet
    sheet.write_text(sheet.read_text("utf-8").replace(": TODO", ": the moon", 1), "utf-8")
    out = run_cp1252("check", entry.id, cwd=workcopy)
    assert out.returncode == 1 and out.stderr == "", out.stderr


@pytest.mark.parametrize("args", [["check"], ["progress"]])
def test_check_and_progress_in_cp1252_into_a_closed_pipe_end_quietly(
    workcopy: Path, args: list[str]
):
    _pass_the_first(workcopy)
    done = into_closed_pipe(args, workcopy, PYTHONIOENCODING="cp1252")
    assert done.stderr == "" and done.returncode == 141, done.stderr


def test_the_crash_line_does_not_claim_that_nothing_was_changed(tmp_path: Path):
    """A failure nobody foresaw, after a check may have been recorded: the one line must
    not say "nothing was changed"."""
    from ams_exercises.cli.base import reports_bad_input

    @reports_bad_input
    def broken() -> None:
        raise RuntimeError("boom")

    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as ended:
        broken()
    assert ended.value.code == 3
    line = err.getvalue()
    assert line.count("\n") == 1 and "nothing was changed" not in line
    assert "may already be done" in line
