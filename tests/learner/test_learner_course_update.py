"""A course update that rewords a scenario reaches the learner: a worksheet they
have not touched is refreshed, one with answers is kept and its changed scenario is told
once; checking the course's blank under ``exercises/`` warns and records nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

from learner_helpers import ROOT, catalogue_of, fill, practice_entries, run

from ams_exercises.grader.keys import key_for

PROGRESS = ".ams-progress.json"


def _reword(blank: Path) -> str:
    """Reword the scenario of a course blank, as an update does; the new text."""
    text = blank.read_text("utf-8")
    head, rest = text.split("# The scenario\n", 1)
    new = head + "# The scenario\n#   (Reworded in this update.)\n" + rest
    blank.write_text(new, "utf-8")
    return new


def test_an_untouched_worksheet_gets_the_reworded_scenario(workcopy: Path):
    entries = catalogue_of(workcopy).entries
    catalogue = catalogue_of(workcopy)
    first, second = entries[0], entries[1]
    new = _reword(catalogue.blank(second))
    out = run("next", cwd=workcopy)
    assert catalogue.path(second).read_text("utf-8") == new
    notices = [line for line in out.err.splitlines() if "course update" in line]
    assert notices == [
        f"ams-exercises: a course update changed the worksheet of {second.id}; yours had no "
        "answers yet, so it now holds the new version"
    ]
    assert catalogue.path(first).read_text("utf-8") == catalogue.blank(first).read_text("utf-8")
    again = run("next", cwd=workcopy)
    assert "course update" not in again.err  # told once


def test_a_worksheet_still_all_todo_but_not_identical_is_refreshed(workcopy: Path):
    catalogue = catalogue_of(workcopy)
    entry = catalogue.entries[2]
    sheet = catalogue.path(entry)
    sheet.write_text(sheet.read_text("utf-8").replace("\n\n", "\n\n\n"), "utf-8")  # saved
    new = _reword(catalogue.blank(entry))
    out = run("progress", cwd=workcopy)
    assert out.code == 0
    assert sheet.read_text("utf-8") == new
    assert f"changed the worksheet of {entry.id}" in out.err
    assert not list(sheet.parent.glob(sheet.name + ".bak-*"))


def test_an_all_todo_worksheet_with_the_learners_notes_is_kept_aside(workcopy: Path):
    catalogue = catalogue_of(workcopy)
    entry = catalogue.entries[0]
    sheet = catalogue.path(entry)
    mine = sheet.read_text("utf-8") + "# my note: ask the permit office\n"
    sheet.write_text(mine, "utf-8")
    new = _reword(catalogue.blank(entry))
    run("next", cwd=workcopy)
    assert sheet.read_text("utf-8") == new
    (backup,) = sheet.parent.glob(sheet.name + ".bak-*")
    assert backup.read_text("utf-8") == mine


def test_a_worksheet_with_answers_is_kept_and_its_changed_scenario_told_once(workcopy: Path):
    catalogue = catalogue_of(workcopy)
    entry = catalogue.entries[0]
    sheet = catalogue.path(entry)
    answers = fill(sheet.read_text("utf-8"), key_for(entry.id))
    sheet.write_text(answers, "utf-8")
    _reword(catalogue.blank(entry))
    out = run("next", cwd=workcopy)
    assert sheet.read_text("utf-8") == answers
    blank = catalogue.blank(entry).relative_to(workcopy).as_posix()
    assert (
        f"ams-exercises: a course update changed the scenario of {entry.id}, which you have "
        f"answered: the new wording is in {blank}"
    ) in out.err.splitlines()
    assert "course update" not in run("next", cwd=workcopy).err


def test_checking_the_course_blank_warns_points_to_the_workspace_and_records_nothing(
    workcopy: Path,
):
    catalogue = catalogue_of(workcopy)
    entry = practice_entries(workcopy)[0]  # (an assessment item counts only from workspace/)
    blank = catalogue.blank(entry)
    blank.write_text(fill(blank.read_text("utf-8"), key_for(entry.id)), "utf-8")
    rel = blank.relative_to(workcopy).as_posix()
    out = run("check", rel, cwd=workcopy)
    assert out.code == 0  # graded as it stands
    mine = catalogue.path(entry).relative_to(workcopy).as_posix()
    assert out.err.splitlines() == [
        f"ams-exercises: {rel} is the course's blank copy, which updates replace (and `git "
        "pull` stops on your changes to it), so this check is not recorded: write in "
        f"{mine} and check it with `ams-exercises check {entry.id}`"
    ]
    assert not (workcopy / PROGRESS).exists()
    assert "Next up" not in out.out  # not passed: nothing recorded


def test_jupyterlab_files_in_the_course_are_ignored_by_git(tmp_path: Path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text((ROOT / ".gitignore").read_text("utf-8"), "utf-8")
    (tmp_path / ".jupyter" / "lab" / "workspaces").mkdir(parents=True)
    (tmp_path / ".jupyter" / "lab" / "workspaces" / "default.jupyterlab-workspace").write_text("{}")
    (tmp_path / ".jupyter" / "migrated").write_text("2024-01-01")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert status.splitlines() == ["?? .gitignore"]
