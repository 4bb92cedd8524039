"""One rule for "the next exercise": the first one in course order not yet passed.

A learner who skipped ahead is told the same thing by ``next``, by ``check`` with no
target, by the "Next up" line after a pass and by ``watch`` after a pass."""

from __future__ import annotations

from pathlib import Path

from learner_helpers import catalogue_of, fill, run

from ams_exercises.grader.keys import key_for
from ams_exercises.learner.state import Learner
from ams_exercises.learner.watching import Watch


def pass_exercise(home: Path, index: int) -> str:
    entry = catalogue_of(home).entries[index]
    sheet = catalogue_of(home).path(entry)
    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key_for(entry.id)), "utf-8")
    assert run("check", entry.id, cwd=home).code == 0
    return entry.id


def test_a_learner_who_skipped_ahead_is_sent_back_to_the_first_not_passed(workcopy: Path):
    entries = catalogue_of(workcopy).entries
    pass_exercise(workcopy, 0)
    sheet = catalogue_of(workcopy).path(entries[3])  # skipped ahead, and passed it
    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key_for(entries[3].id)), "utf-8")
    done = run("check", entries[3].id, cwd=workcopy)
    assert done.code == 0
    assert f"Next up: {entries[1].id}" in done.out  # not entries[4]
    assert f"You are on exercise {entries[1].id}" in run("next", cwd=workcopy).out
    assert entries[1].id in run("check", cwd=workcopy).out  # the sheet it checks
    assert Learner.find(workcopy).next().id == entries[1].id


def test_watch_moves_on_by_the_same_rule(workcopy: Path):
    entries = catalogue_of(workcopy).entries
    learner = Learner.find(workcopy)
    watch = Watch(learner, entries[3])  # the learner started watch on a later exercise
    sheet = watch.path
    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key_for(entries[3].id)), "utf-8")
    assert watch.changed() and watch.check().passed
    assert watch.move_on().id == entries[0].id  # the first not passed, as `next` says
    assert learner.next().id == entries[0].id


def test_watch_never_loops_on_a_pass_it_could_not_save(workcopy: Path, monkeypatch):
    """If saving progress fails, the exercise seen to pass still counts for moving on."""
    from ams_exercises.files.atomic import SaveError

    entries = catalogue_of(workcopy).entries
    learner = Learner.find(workcopy)

    def cannot_save(_change):
        raise SaveError(workcopy / ".ams-progress.json", "disk full")

    monkeypatch.setattr(learner, "update", cannot_save)
    watch = Watch(learner, entries[0])
    sheet = watch.path
    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key_for(entries[0].id)), "utf-8")
    assert watch.changed() and watch.check().passed
    assert any("disk full" in n for n in learner.notices)
    assert watch.move_on().id == entries[1].id
