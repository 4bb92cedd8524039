"""Progress is never lost: written atomically, survives a process killed mid-write and a
full disk, and a corrupt or hand-edited file is set aside with a message, never dropped."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from learner_helpers import catalogue_of, clean_env, practice_entries, progress_of, run

from ams_exercises.learner import progress as progress_mod

FILE = ".ams-progress.json"

# Saves progress in a loop, each save counting one more attempt, as fast as it can.
WRITER = """
import sys
from pathlib import Path
from ams_exercises.learner.progress import updating
home = Path(sys.argv[1])
ids = sys.argv[2:]
n = 0
while True:
    with updating(home) as progress:
        for exercise in ids:
            progress.record_check(exercise, 1, 4, passed=False)
            progress.of(exercise).hints_shown = n % 3
    n += 1
"""


def test_a_process_killed_mid_write_never_leaves_a_broken_file(workcopy: Path):
    ids = [e.id for e in practice_entries(workcopy)]
    rng = random.Random(20240521)
    last_total = 0
    for _round in range(25):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(workcopy), *ids], env=clean_env()
        )
        time.sleep(rng.uniform(0.15, 0.6))  # start-up takes ~0.15 s; then it is writing
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        data = progress_of(workcopy)  # parses: never half a file
        total = sum(r["attempts"] for r in data["exercises"].values())
        assert total >= last_total, "saved attempts were lost"
        last_total = total
    assert last_total > 0, "the writer never saved: the test proved nothing"
    out = run("progress", "--json", cwd=workcopy)
    assert out.code == 0 and out.err == ""
    assert not list(workcopy.glob(FILE + ".corrupt-*"))
    # temporary files the killed writers left are tidied once they are old
    strays = list(workcopy.glob(FILE + ".*.tmp"))
    for stray in strays:
        os.utime(stray, (time.time() - 3600, time.time() - 3600))
    assert run("hint", ids[0], cwd=workcopy).code == 0
    assert not list(workcopy.glob(FILE + ".*.tmp"))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"format_version": 1, "exercises": {"a": {"attempts": 2', "not valid JSON"),
        ('{"format_version": 1, "exercises": []}', "'exercises'"),
        ('{"format_version": 7, "exercises": {}}', "format_version"),
        ("[1, 2, 3]", "not a JSON object"),
        ("\xff\xfe garbage", "not UTF-8"),
    ],
)
def test_a_corrupt_or_hand_edited_file_is_set_aside_with_one_clear_line(
    workcopy: Path, content: str, reason: str
):
    path = workcopy / FILE
    raw = content.encode("latin-1") if content.startswith("\xff") else content.encode()
    path.write_bytes(raw)
    out = run("progress", cwd=workcopy)
    assert out.code == 0
    assert out.err.count("\n") == 1 and reason in out.err and "Traceback" not in out.err
    backups = list(workcopy.glob(FILE + ".corrupt-*"))
    assert len(backups) == 1 and backups[0].name in out.err
    assert backups[0].read_bytes() == raw, "the old file is kept as it was"
    assert not path.exists() or progress_of(workcopy)["exercises"] == {}

    # the next save starts afresh, and a second bad file gets its own backup
    first = practice_entries(workcopy)[0]
    run("hint", first.id, cwd=workcopy)
    assert progress_of(workcopy)["exercises"][first.id]["hints_shown"] == 1
    path.write_bytes(raw)
    run("progress", cwd=workcopy)
    assert len(list(workcopy.glob(FILE + ".corrupt-*"))) == 2


def test_the_file_is_json_with_a_format_version_at_the_root(workcopy: Path):
    entry = practice_entries(workcopy)[0]
    run("hint", entry.id, cwd=workcopy / "exercises")
    data = progress_of(workcopy)
    assert data["format_version"] == 1
    rec = data["exercises"][entry.id]
    assert set(rec) >= {"attempts", "hints_shown", "passed", "last_score", "last_attempt"}
    assert oct((workcopy / FILE).stat().st_mode & 0o777) == oct(0o644)
    assert not list(workcopy.glob(FILE + ".*.tmp")), "no temporary file left behind"


def test_a_full_disk_leaves_the_old_progress_whole(workcopy: Path, monkeypatch):
    before = progress_mod.load(workcopy)
    before.record_check("environmental-permit", 1, 4, passed=False)
    before.save()
    saved = (workcopy / FILE).read_bytes()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    from ams_exercises.files import atomic

    monkeypatch.setattr(atomic.os, "fsync", full)
    after = progress_mod.load(workcopy)
    after.record_check("environmental-permit", 4, 4, passed=True)
    with pytest.raises(progress_mod.SaveError, match="No space left on device"):
        after.save()
    assert (workcopy / FILE).read_bytes() == saved
    assert not list(workcopy.glob(FILE + ".*.tmp"))


def test_a_progress_file_that_cannot_be_read_is_one_line_and_exit_2(workcopy: Path):
    entry = practice_entries(workcopy)[0]
    (workcopy / FILE).mkdir()  # not a file at all: nothing to set aside, nothing to guess
    out = run("hint", entry.id, cwd=workcopy)
    assert out.code == 2 and "Traceback" not in out.err
    assert out.err.count("\n") == 1 and FILE in out.err


def test_two_processes_saving_at_once_lose_nothing(workcopy: Path):
    entry = practice_entries(workcopy)[0]
    code = (
        "import sys; from pathlib import Path\n"
        "from ams_exercises.learner.progress import updating\n"
        "for _ in range(40):\n"
        "    with updating(Path(sys.argv[1])) as p: p.of(sys.argv[2]).hints_shown += 1\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(workcopy), entry.id], env=clean_env())
        for _ in range(3)
    ]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    assert progress_of(workcopy)["exercises"][entry.id]["hints_shown"] == 120


def test_the_progress_file_is_ignored_by_git(root: Path):
    ignored = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert FILE in ignored and FILE + ".*" in ignored


def test_saved_progress_round_trips(tmp_path: Path):
    (tmp_path / "exercises").mkdir()
    prog = progress_mod.load(tmp_path)
    prog.record_check("x", 2.5, 4, passed=False)
    prog.of("x").hints_shown = 2
    answers = {"widget": "a permit", "investors": ["taxpayers"], "trap": None}
    prog.of("y").submission = progress_mod.Submission("2026-01-01T10:00:00Z", answers, 1.5, 4)
    prog.of("y").earlier = [progress_mod.Submission("2025-12-01T10:00:00Z", {}, 0, 4)]
    prog.save()
    again = progress_mod.load(tmp_path)
    assert again.exercises == prog.exercises
    assert again.state("y") == "submitted" and again.exercises["y"].submission.percent == 37.5
    assert "submission" not in json.loads((tmp_path / FILE).read_text())["exercises"]["x"]
    assert json.loads((tmp_path / FILE).read_text())["exercises"]["x"]["last_score"] == 2.5


def test_one_damaged_record_costs_only_itself(workcopy: Path):
    first, second = catalogue_of(workcopy).entries[:2]
    path = workcopy / FILE
    path.write_text(
        json.dumps(
            {
                "format_version": 1,
                "exercises": {
                    first.id: {"attempts": 2, "hints_shown": 1, "passed": True},
                    second.id: {"attempts": "lots"},
                },
            }
        ),
        "utf-8",
    )
    out = run("progress", "--json", cwd=workcopy)
    assert out.code == 0 and out.err.count("\n") == 1
    assert f"could not read the record of exercise {second.id!r}: 'attempts'" in out.err
    assert "kept the file as" in out.err and "the rest of your progress" in out.err
    rows = {r["id"]: r for r in json.loads(out.out)["exercises"]}
    assert rows[first.id]["state"] == "passed" and rows[first.id]["attempts"] == 2
    assert rows[second.id]["state"] == "not started"
    (backup,) = workcopy.glob(FILE + ".damaged-*")
    assert '"lots"' in backup.read_text("utf-8")  # the damaged record is kept, set aside
    assert run("progress", cwd=workcopy).err == ""  # said once: the file is whole again
