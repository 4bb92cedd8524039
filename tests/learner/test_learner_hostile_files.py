"""The learner's side of hostile input: what a hostile or unlucky machine does to the learner's
commands, each with its reproducer. Progress with a lone surrogate is set aside,
the clean-up never takes a learner's ``.tmp`` files, ``watch`` and ``reset`` never read a
device, a pipe or gigabytes (under the 2 GB bound of the hostile-class test), copies are
whole or absent, unreadable files and long names are plain reasons (code 2), and nothing
raw reaches the terminal."""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import queue
import resource
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from cli_runner import Ran
from learner_helpers import (
    AMS,
    catalogue_of,
    clean_env,
    fill,
    into_closed_pipe,
    practice_entries,
    progress_of,
    run,
)

from ams_exercises.assessments import module_of
from ams_exercises.grader.keys import all_keys, key_for

FILE = ".ams-progress.json"
#: The bound of the hostile-class test: 2 GB of address space.
MEMORY_LIMIT = 2 * 1024**3
#: No command here may write more than this: a copy of /dev/zero stops at it.
FILE_LIMIT = 64 * 1024**2
TIME_LIMIT = 60
LONG_AGO = 1_000_000_000  # 2001: far older than the ten minutes of a stale temporary file


def _bounded(file_limit: int = FILE_LIMIT) -> None:
    """In the child: the memory bound, a bound on what it writes, and EFBIG (not a kill)
    when it writes past it, as on a full disk."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def bounded(*args: str, cwd: Path, file_limit: int = FILE_LIMIT) -> Ran:
    """``ams-exercises ARGS`` in a process of its own, bounded, within :data:`TIME_LIMIT`."""
    done = subprocess.run(
        [str(AMS), *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=lambda: _bounded(file_limit),
    )
    return Ran(done.returncode, done.stdout, done.stderr)


#: The first practice exercise of the course, in course order.
FIRST_PRACTICE = next(k.id for k in all_keys() if module_of(k.id) is None)


def first_sheet(home: Path) -> tuple[str, Path]:
    """The first practice exercise and its worksheet (the pre-check's items are answered
    once: tests/learner/test_learner_assessment.py)."""
    entry = practice_entries(home)[0]
    return entry.id, catalogue_of(home).path(entry)


# --- item 4: a lone surrogate in the progress file ----------------------------------------

SURROGATES = {
    "as an id": '{"format_version": 1, "exercises": {"\\ud800": {"attempts": 1}, '
    '"nursing-license": {"attempts": 5}}}',
    "as a date": '{"format_version": 1, "exercises": {"environmental-permit": '
    '{"attempts": 1, "last_attempt": "\\ud800"}, "nursing-license": {"attempts": 5}}}',
}


@pytest.mark.parametrize("command", ["check", "hint", "solution"])
@pytest.mark.parametrize("where", list(SURROGATES))
def test_a_lone_surrogate_in_progress_costs_its_record_once_with_one_line(
    workcopy: Path, where: str, command: str
):
    exercise, sheet = first_sheet(workcopy)
    key = key_for(exercise)
    sheet.write_text(fill(sheet.read_text("utf-8"), key, leave=key.asks[0]), "utf-8")
    raw = SURROGATES[where].encode("ascii")
    (workcopy / FILE).write_bytes(raw)
    args = {"check": [exercise], "hint": [exercise], "solution": [exercise, "--reveal", "-y"]}
    out = run(command, *args[command], cwd=workcopy)
    assert out.code in (0, 1), out.err
    assert out.err.count("\n") == 1 and "half of a character" in out.err, out.err
    backups = list(workcopy.glob(FILE + ".damaged-*"))
    assert len(backups) == 1 and backups[0].name in out.err
    assert backups[0].read_bytes() == raw, "the file is kept as it was"
    kept = progress_of(workcopy)["exercises"]
    assert kept["nursing-license"]["attempts"] == 5, "the rest of the progress is kept"
    again = run(command, *args[command], cwd=workcopy)
    assert again.code in (0, 1) and again.err == "", again.err


# --- item 6: the clean-up removes only the tool's own temporary files ---------------------


def _aged(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    os.utime(path, (LONG_AGO, LONG_AGO))
    return path


def test_the_clean_up_never_removes_a_learners_own_tmp_files(workcopy: Path):
    exercise, sheet = first_sheet(workcopy)
    mine = [
        _aged(sheet.with_name(sheet.name + suffix), f"my work {n}")
        for n, suffix in enumerate([".mine.tmp", ".answers.old.tmp", ".my draft.tmp"])
    ]
    mine.append(_aged(workcopy / (FILE + ".mine.tmp"), "my notes"))
    leftovers = [
        _aged(sheet.with_name(sheet.name + ".abcd1234.tmp"), "half a worksheet"),
        _aged(workcopy / (FILE + ".efgh_678.tmp"), "half a progress file"),
    ]
    assert run("hint", exercise, cwd=workcopy).code == 0  # saves the progress file
    sheet.write_text(sheet.read_text("utf-8") + "# a note\n", "utf-8")
    assert run("reset", exercise, cwd=workcopy).code == 0  # saves the worksheet
    for n, path in enumerate(mine[:3]):
        assert path.read_text("utf-8") == f"my work {n}", f"{path.name} was removed"
    assert mine[3].read_text("utf-8") == "my notes"
    assert [p for p in leftovers if p.exists()] == [], "the tool's own leftovers go"


# --- item 7: watch and reset read through the safe reader ---------------------------------

#: What each hostile worksheet is called in the one line about it.
HOSTILE = {"link to /dev/zero": "is a device", "fifo": "is a pipe", "3 GB sparse": "bytes"}


def put_hostile(kind: str, sheet: Path, staging: Path) -> None:
    """Put a hostile file in the worksheet's place in one step, as a swap would."""
    staged = staging / "staged"
    if kind == "link to /dev/zero":
        staged.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(staged)
    else:
        with open(staged, "wb") as out:
            out.truncate(3 * 1024**3)  # sparse: no disk used
    os.replace(staged, sheet)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_check_names_a_device_a_pipe_or_gigabytes_in_one_line(
    workcopy: Path, tmp_path: Path, kind: str
):
    exercise, sheet = first_sheet(workcopy)
    put_hostile(kind, sheet, tmp_path)
    checked = bounded("check", exercise, cwd=workcopy)
    assert checked.code == 2 and checked.err.count("\n") == 1, checked.err
    assert HOSTILE[kind] in checked.err


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_reset_never_reads_a_device_a_pipe_or_gigabytes(workcopy: Path, tmp_path: Path, kind: str):
    exercise, sheet = first_sheet(workcopy)
    blank = sheet.read_text("utf-8")
    put_hostile(kind, sheet, tmp_path)
    done = bounded("reset", exercise, cwd=workcopy)
    assert "Traceback" not in done.err and "please report" not in done.err, done.err
    if kind == "3 GB sparse":  # a real file: kept as the backup (a link, not a copy)
        assert done.code == 0 and "Wrote a blank worksheet" in done.out, done.err
        (backup,) = sheet.parent.glob(sheet.name + ".bak-*")
        assert backup.stat().st_size == 3 * 1024**3
        assert sheet.read_text("utf-8") == blank
    else:  # not a worksheet: left where it is, and the learner told what to do
        assert done.code == 2 and done.err.count("\n") == 1, done.err
        assert f"{HOSTILE[kind]}, not a worksheet; move it away" in done.err
        assert sheet.is_symlink() or sheet.is_fifo()
        assert not list(sheet.parent.glob(sheet.name + ".bak-*"))


class Lines:
    """The lines a process prints, collected by a thread, to wait for."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self.seen: list[str] = []
        self._new: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(
            target=lambda: [self._new.put(line) for line in stream], daemon=True
        )
        self._reader.start()

    def wait_for(self, text: str, timeout: float = 30) -> str:
        for line in self.seen:
            if text in line:
                return line
        while True:
            try:
                line = self._new.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"never saw {text!r}; saw:\n{''.join(self.seen)}") from None
            self.seen.append(line)
            if text in line:
                return line


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_watch_tells_of_a_worksheet_swapped_for_a_device_a_pipe_or_gigabytes(
    workcopy: Path, tmp_path: Path, kind: str
):
    exercise, sheet = first_sheet(workcopy)
    key = key_for(exercise)
    sheet.write_text(fill(sheet.read_text("utf-8"), key, leave=key.asks[0]), "utf-8")
    watching = subprocess.Popen(
        [str(AMS), "watch", exercise, "--debounce", "100"],
        cwd=workcopy,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_bounded,
    )
    try:
        lines = Lines(watching.stdout)
        lines.wait_for("save it again to re-check")
        time.sleep(1.0)  # the watcher starts just after the message
        put_hostile(kind, sheet, tmp_path)
        told = lines.wait_for(HOSTILE[kind])
        assert "Traceback" not in told and "please report" not in told
        lines.wait_for("Fix it and save again")
        assert watching.poll() is None, "still watching"
        watching.send_signal(signal.SIGINT)
        assert watching.wait(TIME_LIMIT) == 0
        lines.wait_for("Stopped watching")
    finally:
        if watching.poll() is None:
            watching.kill()
            watching.wait()


# --- item 11: whole copies, read-only progress --------------------------------------------


def test_a_full_disk_while_a_blank_is_copied_leaves_no_empty_worksheet(workcopy: Path):
    exercise, sheet = first_sheet(workcopy)
    blank = sheet.read_text("utf-8")
    sheet.unlink()
    full = bounded("check", exercise, cwd=workcopy, file_limit=0)  # no byte can be written
    assert full.code == 2 and full.err.count("\n") == 1, full.err
    assert "could not be made (File too large)" in full.err
    assert not sheet.exists() and not sheet.is_symlink(), "no empty worksheet is left"
    assert not list(sheet.parent.glob(sheet.name + ".*"))
    again = run("check", exercise, cwd=workcopy)
    assert again.code == 1 and sheet.read_text("utf-8") == blank


def test_an_empty_worksheet_an_earlier_full_disk_left_is_written_blank_again(workcopy: Path):
    exercise, sheet = first_sheet(workcopy)
    blank = sheet.read_text("utf-8")
    sheet.write_bytes(b"")
    out = run("check", exercise, cwd=workcopy)
    assert out.code == 1 and "MISSING" in out.out
    assert out.err.count("\n") == 1 and "in place of an empty file" in out.err
    assert sheet.read_text("utf-8") == blank


def test_a_read_only_progress_file_is_still_saved_and_made_writable_again(workcopy: Path):
    exercise, _sheet = first_sheet(workcopy)
    assert run("hint", exercise, cwd=workcopy).code == 0
    path = workcopy / FILE
    path.chmod(0o444)
    out = run("hint", exercise, cwd=workcopy)
    assert out.code == 0 and out.err == "", out.err
    assert progress_of(workcopy)["exercises"][exercise]["hints_shown"] == 2
    assert path.stat().st_mode & 0o600 == 0o600, "the next save works as well"


# --- item 9: plain reasons, the right exit codes -------------------------------------------

LONG = "a" * 300


@pytest.mark.parametrize(
    "args",
    [
        ["check", LONG + ".yaml"],
        ["check", LONG],
        ["check", "workspace/" + LONG + "/answers.yaml"],
        ["hint", LONG],
        ["solution", LONG],
        ["reset", LONG],
        ["watch", LONG],
    ],
    ids=["check-file", "check", "check-folder", "hint", "solution", "reset", "watch"],
)
def test_a_300_character_name_is_a_plain_reason(workcopy: Path, args: list[str]):
    out = run(*args, cwd=workcopy)
    assert out.code == 2 and out.err.count("\n") == 1, out.err
    assert "please report" not in out.err


def deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make ``denied`` unreadable for this process as for a user without permission, even
    as root (where chmod 000 blocks nothing): it cannot be opened, and nothing inside it
    (a folder) can be looked at."""
    root = os.path.abspath(denied)

    def blocked(path: object, itself: bool) -> bool:
        try:
            where = os.path.abspath(os.fsdecode(path))  # type: ignore[arg-type]
        except TypeError:  # a file descriptor
            return False
        return where.startswith(root + os.sep) or (itself and where == root)

    def guard(real, itself: bool):
        def guarded(path=".", *args, **kwargs):
            if blocked(path, itself):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
            return real(path, *args, **kwargs)

        return guarded

    for module, name, itself in [
        (os, "stat", False),
        (os, "lstat", False),
        (os, "scandir", True),
        (os, "open", True),
        (io, "open", True),
        (builtins, "open", True),
    ]:
        monkeypatch.setattr(module, name, guard(getattr(module, name), itself))


@pytest.mark.parametrize("command", ["check", "hint"])
def test_an_unreadable_worksheet_is_a_plain_reason(workcopy: Path, monkeypatch, command: str):
    exercise, sheet = first_sheet(workcopy)
    deny(monkeypatch, sheet)
    out = run(command, exercise, cwd=workcopy)
    assert "please report" not in out.err, out.err
    if command == "check":
        assert out.code == 2 and out.err.count("\n") == 1
        assert sheet.name in out.err and "Permission denied" in out.err
    else:  # a hint needs no worksheet: it only skips the fields answered right
        assert out.code == 0 and out.err == ""


def test_an_unreadable_workspace_folder_is_a_plain_reason(workcopy: Path, monkeypatch):
    exercise, sheet = first_sheet(workcopy)
    deny(monkeypatch, sheet.parent)
    out = run("check", exercise, cwd=workcopy)
    assert out.code == 2 and out.err.count("\n") == 1, out.err
    assert sheet.name in out.err and "cannot be opened (permission denied)" in out.err
    listed = run("progress", cwd=workcopy)  # needs no worksheet: goes on, and says why
    assert listed.code == 0 and listed.err.count("\n") == 1, listed.err
    assert "permission denied" in listed.err


def test_a_folder_where_the_worksheet_should_be_is_a_plain_reason(workcopy: Path):
    exercise, sheet = first_sheet(workcopy)
    sheet.unlink()
    sheet.mkdir()
    out = run("check", exercise, cwd=workcopy)
    assert out.code == 2 and "is a folder, not a worksheet; move it away" in out.err
    out = run("reset", exercise, cwd=workcopy)
    assert out.code == 2 and "is a folder, not a worksheet; move it away" in out.err
    assert sheet.is_dir()


def test_solution_reveal_at_end_of_input_is_bad_input_not_not_yet(workcopy: Path):
    exercise, _sheet = first_sheet(workcopy)
    out = run("solution", exercise, "--reveal", cwd=workcopy, input="")
    assert out.code == 2, out.err
    assert out.err.splitlines()[-1] == (
        "ams-exercises: solution: no answer to the question, so it stays hidden; "
        f"`ams-exercises solution {exercise} --reveal --yes` shows it without asking"
    )
    assert "Why" not in out.out and "Aborted" not in out.err
    assert not (workcopy / FILE).exists(), "nothing is recorded as seen"


@pytest.mark.parametrize(
    "args", [["list"], ["progress"], ["next"], ["check", "--json", FIRST_PRACTICE]]
)
def test_output_cut_short_ends_quietly(workcopy: Path, args: list[str]):
    """``ams-exercises list | head -1``: the reader is gone before the command writes."""
    done = into_closed_pipe(args, workcopy)
    assert done.stderr == "" and done.returncode == 141, done.stderr


# --- item 10: nothing raw reaches the terminal --------------------------------------------


def test_a_progress_notice_shows_an_escape_in_the_course_path_escaped(tmp_path: Path):
    import shutil

    from learner_helpers import ROOT

    home = tmp_path / "course\x1b[31mred"
    shutil.copytree(ROOT / "exercises", home / "exercises")
    catalogue_of(home)
    (home / FILE).write_text("not json", "utf-8")
    out = run("progress", cwd=tmp_path, AMS_EXERCISES_HOME=str(home))
    assert out.code == 0 and out.err.count("\n") == 1, out.err
    assert "\x1b" not in out.err and "course\\x1b[31mred" in out.err


def test_check_json_escapes_what_a_terminal_acts_on_and_stays_the_same_text(tmp_path: Path):
    answer = "the permit\x85\x9b[2J\u202e\u2066\u2028\u2029\x7f end"
    path = tmp_path / "answers.yaml"
    escaped = "".join(c if " " <= c < "\x7f" else f"\\u{ord(c):04x}" for c in answer)
    path.write_text(f'exercise: environmental-permit\nwidget: "{escaped}"\n', "utf-8")
    out = run("check", str(path), "--json", cwd=tmp_path)
    for raw in "\x85\x9b\u202e\u2066\u2028\u2029\x7f":
        assert raw not in out.out, f"{raw!r} is not escaped"
    assert "\\u202e" in out.out and "\\u009b" in out.out and "\\u2028" in out.out
    assert json.loads(out.out)["fields"]["widget"]["answer"] == answer
