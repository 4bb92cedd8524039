"""What a learner's machine can throw at the commands: files that are not files where the
progress file should be, damaged progress, a full disk, and ids that are really paths.
Each is one clear line or a quiet recovery; nothing blocks, nothing is lost."""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import pytest
from learner_helpers import (
    assessment_entries,
    catalogue_of,
    fill,
    past_the_pre_check,
    practice_entries,
    progress_of,
    run,
)

from ams_exercises.errors import AnswerFileError
from ams_exercises.files import atomic
from ams_exercises.grader.keys import key_for

FILE = ".ams-progress.json"


def finishes(seconds: float, action):
    """Run ``action`` in a thread; fail if it is still running after ``seconds``."""
    box: dict = {}
    worker = threading.Thread(target=lambda: box.setdefault("out", action()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "the command blocked"
    return box["out"]


def test_a_pipe_where_the_progress_file_should_be_is_one_line_not_a_hang(workcopy: Path):
    os.mkfifo(workcopy / FILE)
    out = finishes(20, lambda: run("progress", cwd=workcopy))
    assert out.code == 2 and out.err.count("\n") == 1, out.err
    assert FILE in out.err and "move it away" in out.err


def test_a_progress_file_with_a_byte_order_mark_is_read(workcopy: Path):
    entry = catalogue_of(workcopy).entries[0]
    record = {"format_version": 1, "exercises": {entry.id: {"attempts": 3, "hints_shown": 1}}}
    (workcopy / FILE).write_bytes(b"\xef\xbb\xbf" + json.dumps(record).encode())
    out = run("progress", "--json", cwd=workcopy)
    assert out.code == 0 and out.err == ""
    rows = {r["id"]: r for r in json.loads(out.out)["exercises"]}
    assert rows[entry.id]["attempts"] == 3


def test_a_progress_file_nested_100000_deep_is_set_aside_with_a_notice(workcopy: Path):
    (workcopy / FILE).write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    out = run("progress", cwd=workcopy)
    assert out.code == 0 and out.err.count("\n") == 1 and "Traceback" not in out.err
    assert "started a fresh record" in out.err
    assert list(workcopy.glob(FILE + ".corrupt-*"))
    again = run("progress", cwd=workcopy)  # the next command is quiet: the record is fresh
    assert again.code == 0 and again.err == ""


@pytest.fixture
def full_disk(monkeypatch):
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)


def test_reset_on_a_full_disk_keeps_the_worksheet_where_it_was(workcopy: Path, full_disk):
    entry = catalogue_of(workcopy).entries[0]
    sheet = catalogue_of(workcopy).path(entry)
    mine = fill(sheet.read_text("utf-8"), key_for(entry.id))
    sheet.write_text(mine, "utf-8")
    out = run("reset", entry.id, cwd=workcopy)
    assert out.code == 2 and out.err.count("\n") == 1
    assert "No space left on device" in out.err and "your worksheet is unchanged" in out.err
    assert sheet.read_text("utf-8") == mine
    assert not list(sheet.parent.glob(sheet.name + ".bak-*"))  # no stray backup either
    assert not list(sheet.parent.glob(sheet.name + ".*.tmp"))


def check_on_a_full_disk(home: Path, entry, monkeypatch):
    """Fill ``entry``'s worksheet with the key's answers and check it while the disk is full."""
    sheet = catalogue_of(home).path(entry)
    sheet.write_text(fill(sheet.read_text("utf-8"), key_for(entry.id)), "utf-8")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    return run("check", entry.id, cwd=home)


def test_a_pass_that_could_not_be_saved_says_so_and_moves_on(workcopy: Path, monkeypatch):
    past_the_pre_check(workcopy)
    first, second = practice_entries(workcopy)[:2]
    out = check_on_a_full_disk(workcopy, first, monkeypatch)
    assert out.code == 0
    assert "your progress was not saved (No space left on device)" in out.err
    assert f"Next up: {second.id}" in out.out  # not the exercise just passed
    assert first.id not in progress_of(workcopy)["exercises"]


def test_an_assessment_item_that_could_not_be_saved_is_not_submitted(workcopy: Path, monkeypatch):
    item = assessment_entries(workcopy, "pre")[0]
    out = check_on_a_full_disk(workcopy, item, monkeypatch)
    assert out.code == 2 and out.err.count("\n") == 1 and out.out == ""
    assert f"{item.id} was not submitted" in out.err and "No space left" in out.err
    assert not (workcopy / FILE).exists(), "nothing recorded, and no solution shown"
    monkeypatch.undo()
    assert "Submitted" in run("check", item.id, cwd=workcopy).out  # once the disk has room


@pytest.mark.parametrize("command", ["hint", "solution", "reset", "check", "watch"])
def test_an_id_that_walks_out_of_the_course_is_an_unknown_id(workcopy: Path, command: str):
    out = run(command, "../course/keys/environmental-permit", cwd=workcopy)
    assert out.code == 2 and out.err.count("\n") == 1, out.out + out.err
    assert "Traceback" not in out.err


def test_an_answer_file_whose_id_is_a_path_is_refused(tmp_path: Path):
    from ams_exercises import check

    with pytest.raises(AnswerFileError, match="is not an exercise id"):
        check("../course/keys/environmental-permit", widget="a permit")
    path = tmp_path / "answers.yaml"
    path.write_text("exercise: ../../grader/keys\nwidget: x\n", "utf-8")
    out = run("check", str(path), cwd=tmp_path)
    assert out.code == 2 and "is not an exercise id" in out.err
