"""Watch mode in a real pseudo-terminal: save a wrong answer, see it fail; save the right
one, see it pass and move on to the next exercise; Ctrl-C ends it cleanly."""

from __future__ import annotations

import re
import time
from pathlib import Path

from learner_helpers import (
    catalogue_of,
    fill,
    past_the_pre_check,
    practice_entries,
    progress_of,
)

from ams_exercises.grader.keys import key_for


def save(path: Path, text: str) -> None:
    """Save as an editor does: the whole file at once, in a later second than the last save.
    Where watchfiles polls (WSL, or no inotify) it compares modification times in whole
    seconds, so a second save within the same second would go unseen; a person rarely
    saves twice in one second, a test easily does."""
    if path.exists():
        while int(time.time()) == int(path.stat().st_mtime):
            time.sleep(0.05)
    path.write_text(text, encoding="utf-8")


def test_watch_save_fail_save_pass_moves_on_and_stops_on_ctrl_c(workcopy: Path, terminal):
    catalogue = catalogue_of(workcopy)
    past_the_pre_check(workcopy)
    first, second = practice_entries(workcopy)[:2]
    key = key_for(first.id)
    sheet = catalogue.path(first)
    blank = sheet.read_text(encoding="utf-8")

    term = terminal("watch", "--debounce", "100", cwd=workcopy)
    at = term.expect(rf"Watching {re.escape(first.id)} (?s:.*)Ctrl-C stops")
    time.sleep(1.0)  # the watcher starts just after the message

    save(sheet, fill(blank, key, leave=key.asks[0]))
    at = term.expect(r"Not there yet", since=at)
    at = term.expect(r"save it again to re-check", since=at)
    assert progress_of(workcopy)["exercises"][first.id]["attempts"] == 1

    save(sheet, fill(blank, key))
    at = term.expect(r"All fields correct", since=at)
    at = term.expect(rf"Passed! Moving on to {re.escape(second.id)}\.", since=at)
    at = term.expect(rf"Watching {re.escape(second.id)} ", since=at)
    rec = progress_of(workcopy)["exercises"][first.id]
    assert rec["passed"] is True and rec["attempts"] == 2

    # the next exercise is watched now: saving it is checked
    second_sheet = catalogue.path(second)
    second_key = key_for(second.id)
    save(
        second_sheet,
        fill(second_sheet.read_text(encoding="utf-8"), second_key, leave=second_key.asks[-1]),
    )
    at = term.expect(r"Not there yet", since=at)

    term.send(b"\x03")  # Ctrl-C, typed at the keyboard
    term.expect(r"Stopped watching\. Your progress is saved\.", since=at)
    assert term.wait() == 0
    assert "Traceback" not in term.text
    assert progress_of(workcopy)["exercises"][second.id]["attempts"] == 1


def test_watch_skips_ahead_past_a_worksheet_that_already_passes(workcopy: Path, terminal):
    catalogue = catalogue_of(workcopy)
    past_the_pre_check(workcopy)
    first, second = practice_entries(workcopy)[:2]
    sheet = catalogue.path(first)
    save(sheet, fill(sheet.read_text(encoding="utf-8"), key_for(first.id)))

    term = terminal("watch", cwd=workcopy, NO_COLOR="1")
    at = term.expect(r"All fields correct")
    term.expect(rf"Passed! Moving on to {re.escape(second.id)}\.", since=at)
    term.expect(rf"Watching {re.escape(second.id)} ")
    assert "\x1b[" not in term.raw.decode().replace("\x1b[H\x1b[2J", "")
    term.send(b"\x03")
    assert term.wait() == 0


def test_watch_shows_a_broken_worksheet_and_keeps_watching(workcopy: Path, terminal):
    entry = practice_entries(workcopy)[0]
    sheet = catalogue_of(workcopy).path(entry)
    blank = sheet.read_text(encoding="utf-8")
    term = terminal("watch", entry.id, "--debounce", "100", cwd=workcopy)
    at = term.expect(rf"Watching {re.escape(entry.id)} ")
    time.sleep(1.0)
    save(sheet, blank + "widget: [unclosed\n")
    at = term.expect(r"opens a bracket \[ that is never closed", since=at)
    at = term.expect(r"Fix it and save again", since=at)
    save(sheet, fill(blank, key_for(entry.id)))
    term.expect(r"All fields correct", since=at)
    term.send(b"\x03")
    assert term.wait() == 0


def test_watch_never_submits_an_assessment_item(workcopy: Path, terminal):
    from learner_helpers import assessment_entries, run

    item = assessment_entries(workcopy, "pre")[0]
    entries = list(catalogue_of(workcopy).entries)
    after = entries[entries.index(item) + 1]  # the next item, whatever it is
    sheet = catalogue_of(workcopy).path(item)
    filled = fill(sheet.read_text(encoding="utf-8"), key_for(item.id))
    term = terminal("watch", "--debounce", "100", cwd=workcopy, NO_COLOR="1")
    at = term.expect(rf"Watching {re.escape(item.id)} (?s:.*)watch does not submit it")
    at = term.expect(rf"submit it with `ams-exercises check {re.escape(item.id)}`", since=at)
    time.sleep(1.0)

    save(sheet, filled)
    at = term.expect(r"Saved, not submitted\.", since=at)
    assert "Score:" not in term.text and not (workcopy / ".ams-progress.json").exists()

    assert run("check", item.id, cwd=workcopy).code == 0  # submitted, in another terminal
    save(sheet, filled + "# one more save\n")
    at = term.expect(rf"{re.escape(item.id)} was submitted\.", since=at)
    at = term.expect(rf"\nMoving on to {re.escape(after.id)}\.", since=at)
    term.expect(rf"Watching {re.escape(after.id)} ", since=at)
    term.send(b"\x03")
    assert term.wait() == 0
    assert progress_of(workcopy)["exercises"][item.id]["attempts"] == 1
