"""The learner's commands through the real entry point, in a copy of the working copy:
next, check, hint, solution, progress, reset, help and completion."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from learner_helpers import (
    catalogue_of,
    fill,
    past_the_pre_check,
    practice_entries,
    progress_of,
    run,
    run_process,
)

from ams_exercises.grader.keys import key_for
from ams_exercises.learner.texts import hint_sequence


def sheet_of(home: Path, exercise: str) -> Path:
    catalogue = catalogue_of(home)
    return catalogue.path(catalogue.get(exercise))


def pass_exercise(home: Path, exercise: str) -> None:
    sheet = sheet_of(home, exercise)
    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key_for(exercise)), encoding="utf-8")
    assert run("check", exercise, cwd=home).code == 0


# --- next ---------------------------------------------------------------------------------


def test_no_arguments_says_where_you_are_and_what_to_do(workcopy: Path):
    first = catalogue_of(workcopy).entries[0]
    for args in ((), ("next",)):
        out = run(*args, cwd=workcopy)
        assert out.code == 0, out.err
        assert f"You are on exercise {first.id}" in out.out
        assert f"workspace/{first.worksheet}" in out.out
        assert f"ams-exercises check {first.id}" in out.out
        total = len(catalogue_of(workcopy).entries)
        assert f"0/{total}" in out.out


def test_next_moves_on_after_a_pass_and_works_from_a_subfolder(workcopy: Path):
    first, second = catalogue_of(workcopy).entries[:2]
    pass_exercise(workcopy, first.id)
    out = run("next", cwd=workcopy / "workspace" / second.module)
    assert f"You are on exercise {second.id}" in out.out
    assert f"{Path(second.worksheet).name}" in out.out


def test_congratulations_when_everything_is_passed(workcopy: Path):
    entries = catalogue_of(workcopy).entries
    state = {e.id: {"attempts": 1, "passed": True} for e in entries}
    (workcopy / ".ams-progress.json").write_text(
        json.dumps({"format_version": 1, "exercises": state}), encoding="utf-8"
    )
    out = run(cwd=workcopy)
    assert "Congratulations" in out.out and f"{len(entries)}/{len(entries)}" in out.out
    assert run("check", cwd=workcopy).code == 0


def test_outside_a_copy_of_the_course_is_one_clear_line(tmp_path: Path):
    out = run("next", cwd=tmp_path)
    assert out.code == 2
    assert out.err.count("\n") == 1 and "exercises/catalogue.yaml" in out.err
    assert "Traceback" not in out.err


def test_ams_exercises_home_points_at_the_copy_from_anywhere(workcopy: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    first = catalogue_of(workcopy).entries[0]
    out = run("next", cwd=elsewhere, AMS_EXERCISES_HOME=str(workcopy))
    assert out.code == 0 and first.id in out.out
    bad = run("next", cwd=workcopy, AMS_EXERCISES_HOME=str(elsewhere))
    assert bad.code == 2 and "AMS_EXERCISES_HOME" in bad.err


# --- check --------------------------------------------------------------------------------


def test_check_without_argument_checks_the_current_exercise_and_records_it(workcopy: Path):
    past_the_pre_check(workcopy)
    first = practice_entries(workcopy)[0]
    key = key_for(first.id)
    sheet = sheet_of(workcopy, first.id)
    blank = run("check", cwd=workcopy)
    assert blank.code == 1 and "MISSING" in blank.out
    assert first.id not in progress_of(workcopy)["exercises"], "an untouched sheet is no attempt"

    blank_text = sheet.read_text(encoding="utf-8")
    sheet.write_text(fill(blank_text, key, leave=key.asks[-1]))
    out = run("check", cwd=workcopy)
    assert out.code == 1 and "Not there yet" in out.out
    rec = progress_of(workcopy)["exercises"][first.id]
    assert rec["attempts"] == 1 and rec["passed"] is False and rec["last_score"] < key.max_score

    sheet.write_text(fill(blank_text, key))
    out = run("check", cwd=workcopy)
    second = practice_entries(workcopy)[1]
    assert out.code == 0 and "All fields correct" in out.out
    assert f"Next up: {second.id}" in out.out
    rec = progress_of(workcopy)["exercises"][first.id]
    assert rec["attempts"] == 2 and rec["passed"] is True and rec["last_score"] == key.max_score


def test_check_by_id_and_by_file_grade_the_same_worksheet(workcopy: Path):
    entry = practice_entries(workcopy)[3]
    by_id = run("check", entry.id, "--json", cwd=workcopy)
    by_file = run("check", f"workspace/{entry.worksheet}", "--json", cwd=workcopy)
    assert by_id.code == by_file.code == 1
    assert json.loads(by_id.out) == json.loads(by_file.out)
    assert not (workcopy / ".ams-progress.json").exists(), "--json records no progress"


def test_check_a_file_outside_the_copy_grades_but_records_nothing(workcopy: Path, tmp_path: Path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("exercise: environmental-permit\nprimary_customer: the general public\n")
    out = run("check", str(answers), cwd=workcopy)
    assert out.code == 1 and "INCORRECT" in out.out
    assert not (workcopy / ".ams-progress.json").exists()
    inside = workcopy / "my-answers.yaml"
    inside.write_text(answers.read_text())
    assert run("check", "my-answers.yaml", cwd=workcopy).code == 1
    assert progress_of(workcopy)["exercises"]["environmental-permit"]["attempts"] == 1


def test_check_a_file_outside_any_copy_still_grades(tmp_path: Path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("exercise: environmental-permit\nprimary_customer: the general public\n")
    out = run("check", str(answers), cwd=tmp_path)
    assert out.code == 1 and "INCORRECT" in out.out
    assert not (tmp_path / ".ams-progress.json").exists()


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("no-such-exercise", "no-such-exercise"),
        ("missing/answers.yaml", "no such file"),
    ],
)
def test_check_bad_targets_are_one_line_and_exit_2(workcopy: Path, target: str, says: str):
    out = run("check", target, cwd=workcopy)
    assert out.code == 2 and out.err.count("\n") == 1 and says in out.err
    assert "Traceback" not in out.err


def test_check_a_broken_worksheet_names_the_file(workcopy: Path):
    entry = catalogue_of(workcopy).entries[0]
    sheet = sheet_of(workcopy, entry.id)
    sheet.write_text(sheet.read_text() + "widget: [unclosed\n")
    out = run("check", entry.id, cwd=workcopy)
    assert out.code == 2 and out.err.count("\n") == 1
    assert Path(entry.worksheet).name in out.err and "never closed" in out.err


def test_a_deleted_worksheet_comes_back_blank_and_says_so(workcopy: Path):
    entry = practice_entries(workcopy)[0]
    sheet = sheet_of(workcopy, entry.id)
    sheet.unlink()
    out = run("check", entry.id, cwd=workcopy)
    assert out.code == 1 and sheet.is_file()
    assert f"wrote a blank worksheet for {entry.id}" in out.err
    assert "MISSING" in out.out


def test_hints_in_check_go_further_with_each_attempt(workcopy: Path):
    entry = practice_entries(workcopy)[0]
    key = key_for(entry.id)
    field = next(n for n in key.asks if len(key.fields[n].hints or key.hints) > 1)
    hints = key.fields[field].hints or key.hints
    sheet = sheet_of(workcopy, entry.id)
    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key, leave=field))
    first, second = (run("check", entry.id, cwd=workcopy).out for _ in range(2))
    assert f"hint: {hints[0]}" in first and f"hint: {hints[1]}" not in first
    assert f"hint: {hints[1]}" in second
    again = json.loads(run("check", entry.id, "--json", cwd=workcopy).out)
    assert again["fields"][field]["hint"] == hints[0], "--json does not depend on progress"


# --- colour -------------------------------------------------------------------------------


def test_colour_on_a_terminal_plain_when_piped_or_no_color(workcopy: Path, terminal):
    entry = practice_entries(workcopy)[0]
    piped = run("check", entry.id, cwd=workcopy)
    assert "\x1b[" not in piped.out and "MISSING" in piped.out

    term = terminal("check", entry.id, cwd=workcopy)
    assert term.wait() == 1
    assert "\x1b[" in term.raw.decode() and "MISSING" in term.text

    plain = terminal("check", entry.id, cwd=workcopy, NO_COLOR="1")
    assert plain.wait() == 1
    assert "\x1b[" not in plain.raw.decode() and "MISSING" in plain.text

    coloured = terminal("progress", cwd=workcopy)
    assert coloured.wait() == 0 and "\x1b[" in coloured.raw.decode()


# --- hint ---------------------------------------------------------------------------------


def test_hint_gives_one_more_each_time_and_remembers(workcopy: Path):
    entry = practice_entries(workcopy)[1]
    hints = hint_sequence(key_for(entry.id))
    assert len(hints) >= 2
    for n, text in enumerate(hints, 1):
        out = run("hint", entry.id, cwd=workcopy)
        assert out.code == 0
        assert f"Hint {n} of {len(hints)} for {entry.id}: {text}" in out.out
        assert progress_of(workcopy)["exercises"][entry.id]["hints_shown"] == n
    more = run("hint", entry.id, cwd=workcopy)
    assert "No more hints" in more.out and f"solution {entry.id} --reveal" in more.out
    listed = run("hint", "--all", entry.id, cwd=workcopy)
    assert listed.out.count("Hint ") == len(hints)
    assert run("hint", entry.id, "--level", "2", cwd=workcopy).out.startswith("Hint 2 of")


def test_hint_skips_the_fields_the_worksheet_already_answers_right(workcopy: Path):
    entry = next(
        e
        for e in practice_entries(workcopy)
        if any(
            h not in key_for(e.id).hints
            for n in key_for(e.id).asks
            for h in key_for(e.id).fields[n].hints
        )
    )
    key = key_for(entry.id)
    right = next(n for n in key.asks if any(h not in key.hints for h in key.fields[n].hints))
    wrong = next(n for n in key.asks if n != right)
    sheet = sheet_of(workcopy, entry.id)
    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key, leave=wrong), encoding="utf-8")
    shown = ""
    while "No more hints" not in shown:
        shown = run("hint", entry.id, cwd=workcopy).out
        for h in key.fields[right].hints:
            assert h not in shown or h in key.hints, f"a hint for {right}, already right"
    assert len(hint_sequence(key, {right})) < len(hint_sequence(key))


def test_hint_without_an_id_is_for_the_current_exercise(workcopy: Path):
    past_the_pre_check(workcopy)
    first = practice_entries(workcopy)[0]
    out = run("hint", cwd=workcopy)
    assert f"Hint 1 of {len(hint_sequence(key_for(first.id)))} for {first.id}" in out.out
    other = practice_entries(workcopy)[1].id
    assert "No hints shown yet" in run("hint", "--all", other, cwd=workcopy).out
    assert "Hint 1 of" in run("hint", "--all", first.id, cwd=workcopy).out


# --- solution -----------------------------------------------------------------------------


def test_solution_opens_once_passed_or_on_reveal_with_confirmation(workcopy: Path):
    entry = practice_entries(workcopy)[0]
    key = key_for(entry.id)
    rationale = key.rationale.split(".")[0]
    locked = run("solution", entry.id, cwd=workcopy)
    assert locked.code == 1 and "--reveal" in locked.out and rationale not in locked.out

    declined = run("solution", entry.id, "--reveal", cwd=workcopy, input="n\n")
    assert declined.code == 1 and rationale not in declined.out
    assert "Show its worked solution anyway?" in declined.err
    assert "Kept hidden" in declined.out and "Aborted" not in declined.out + declined.err

    shown = run("solution", entry.id, "--reveal", cwd=workcopy, input="y\n")
    assert shown.code == 0 and rationale in " ".join(shown.out.split())
    assert progress_of(workcopy)["exercises"][entry.id]["solution_seen"] is True
    assert run("solution", entry.id, "--reveal", "--yes", cwd=workcopy).code == 0

    other = practice_entries(workcopy)[1]
    pass_exercise(workcopy, other.id)
    opened = run("solution", other.id, cwd=workcopy)
    assert opened.code == 0
    for name in key_for(other.id).asks:
        assert key_for(other.id).fields[name].canonical[0] in opened.out


# --- progress -----------------------------------------------------------------------------


def test_progress_lists_every_state_with_bars(workcopy: Path):
    catalogue = catalogue_of(workcopy)
    first, second = practice_entries(workcopy)[:2]
    pass_exercise(workcopy, first.id)
    sheet = sheet_of(workcopy, second.id)
    key = key_for(second.id)
    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key, leave=key.asks[0]))
    assert run("check", second.id, cwd=workcopy).code == 1

    out = run("progress", cwd=workcopy)
    assert out.code == 0
    lines = out.out.splitlines()
    state = {e.id: next(ln for ln in lines if f" {e.id} " in ln) for e in catalogue.entries}
    assert "passed" in state[first.id]
    assert "attempted" in state[second.id]
    others = [e for e in catalogue.entries if e.id not in (first.id, second.id)]
    assert all("not started" in state[e.id] for e in others)
    module_total = len(catalogue.of_module(first.module))
    assert re.search(rf"\[#+-+\] 1/{module_total}\b", out.out)
    assert re.search(rf"Overall \[#+-+\] 1/{len(catalogue.entries)}\b", out.out)
    for _mid, title in catalogue.modules:
        assert title in out.out

    data = json.loads(run("progress", "--json", cwd=workcopy).out)
    assert data["passed"] == 1 and data["total"] == len(catalogue.entries)
    states = {r["id"]: r["state"] for r in data["exercises"]}
    assert (states[first.id], states[second.id]) == ("passed", "attempted")
    assert sum(s == "not started" for s in states.values()) == len(others)


# --- reset --------------------------------------------------------------------------------


def test_reset_restores_a_blank_and_keeps_every_old_one(workcopy: Path):
    entry = catalogue_of(workcopy).entries[0]
    sheet = sheet_of(workcopy, entry.id)
    blank = sheet.read_text(encoding="utf-8")
    assert "already blank" in run("reset", entry.id, cwd=workcopy).out

    first = fill(blank, key_for(entry.id))
    sheet.write_text(first, encoding="utf-8")
    out = run("reset", entry.id, cwd=workcopy)
    assert out.code == 0 and "kept in" in out.out
    assert sheet.read_text(encoding="utf-8") == blank
    backups = sorted(sheet.parent.glob(sheet.name + ".bak-*"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [first]

    second = first + "# second try\n"
    sheet.write_text(second, encoding="utf-8")
    assert run("reset", entry.id, cwd=workcopy).code == 0
    backups = sorted(sheet.parent.glob(sheet.name + ".bak-*"))
    assert sorted(b.read_text(encoding="utf-8") for b in backups) == sorted([first, second])

    sheet.unlink()
    assert run("reset", entry.id, cwd=workcopy).code == 0
    assert sheet.read_text(encoding="utf-8") == blank
    assert run("reset", "no-such-exercise", cwd=workcopy).code == 2


# --- help and completion ------------------------------------------------------------------

COMMANDS = ["next", "list", "check", "hint", "solution", "progress", "watch", "reset"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(workcopy: Path, command: str):
    out = run(command, "--help", cwd=workcopy)
    assert out.code == 0 and "Example" in out.out and f"ams-exercises {command}" in out.out


def test_top_level_help_lists_every_command_and_completion(workcopy: Path):
    out = run("--help", cwd=workcopy)
    assert all(c in out.out for c in COMMANDS)
    assert "_AMS_EXERCISES_COMPLETE=bash_source" in out.out


def test_shell_completion_offers_exercise_ids_and_writes_nothing(workcopy: Path):
    script = run(cwd=workcopy, _AMS_EXERCISES_COMPLETE="bash_source")
    assert script.code == 0 and "complete" in script.out and "ams-exercises" in script.out
    entry = catalogue_of(workcopy).entries[1]
    (workcopy / "workspace" / entry.worksheet).unlink()  # as if the learner deleted it
    prefix = entry.id[:4]
    out = run(
        cwd=workcopy,
        _AMS_EXERCISES_COMPLETE="bash_complete",
        COMP_WORDS=f"ams-exercises hint {prefix}",
        COMP_CWORD="2",
    )
    offered = [line.split(",", 1)[1] for line in out.out.splitlines()]
    assert entry.id in offered and all(o.startswith(prefix) for o in offered)
    assert not (workcopy / "workspace" / entry.worksheet).exists()  # Tab only reads


def test_tab_completion_in_a_fresh_folder_creates_no_file(tmp_path: Path, fresh_copy: Path):
    """Outside any copy, and in a copy as cloned (no workspace yet), Tab only reads: even
    with a state's overlay set, whose compiled course would otherwise go to the cache. A
    real process each, so nothing an earlier test read is already in memory."""
    empty = tmp_path / "empty"
    empty.mkdir()
    overlay = {"AMS_EXERCISES_OVERLAY": "arizona", "AMS_EXERCISES_CACHE": str(tmp_path / "cache")}
    for folder in (empty, fresh_copy):
        before = sorted(tmp_path.rglob("*"))
        out = run_process(
            cwd=folder,
            _AMS_EXERCISES_COMPLETE="bash_complete",
            COMP_WORDS="ams-exercises check environmental-p",
            COMP_CWORD="2",
            **overlay,
        )
        assert (out.code, out.out, out.err) == (0, "plain,environmental-permit\n", "")
        assert sorted(tmp_path.rglob("*")) == before, folder.name


def test_making_a_learner_writes_nothing(fresh_copy: Path):
    """Only opening the copy makes its workspace (the commands that work in it do)."""
    from ams_exercises.learner.catalogue import load_catalogue
    from ams_exercises.learner.state import Learner

    before = sorted(fresh_copy.rglob("*"))
    learner = Learner(fresh_copy, load_catalogue(fresh_copy))
    assert learner.catalogue.get("environmental-permit") is not None
    assert sorted(fresh_copy.rglob("*")) == before


# --- mistakes a learner makes ---------------------------------------------------------------


def test_a_mistyped_id_gets_the_closest_ids_from_every_command(workcopy: Path):
    for command in ("check", "hint", "solution", "reset", "watch"):
        ran = run(command, "contractor-lisence", cwd=workcopy)
        assert ran.code == 2, (command, ran.err)
        assert "did you mean 'contractor-license'?" in ran.err, (command, ran.err)
        assert len(ran.err.strip().splitlines()) == 1 and "Traceback" not in ran.err


def test_checking_by_id_says_when_the_worksheet_answers_another_exercise(workcopy: Path):
    sheet = sheet_of(workcopy, "nursing-license")
    other = fill(
        sheet_of(workcopy, "contractor-license").read_text("utf-8"), key_for("contractor-license")
    )
    sheet.write_text(other, "utf-8")
    ran = run("check", "nursing-license", cwd=workcopy)
    assert "answers 'contractor-license', not 'nursing-license'" in ran.err


def test_a_pass_outside_the_copy_says_it_is_not_recorded(workcopy: Path, tmp_path: Path):
    outside = tmp_path / "scratch.yaml"
    text = sheet_of(workcopy, "environmental-permit").read_text("utf-8")
    outside.write_text(fill(text, key_for("environmental-permit")), "utf-8")
    ran = run("check", str(outside), cwd=workcopy)
    assert ran.code == 0 and "Not recorded in your progress" in ran.out
    assert not (workcopy / ".ams-progress.json").exists()


def test_an_emptied_worksheet_says_how_to_get_a_blank_one(workcopy: Path):
    # (a file of 0 bytes is what a full disk leaves: that one is written blank again)
    sheet_of(workcopy, "nursing-license").write_text("\n\n", "utf-8")
    ran = run("check", "nursing-license", cwd=workcopy)
    assert ran.code == 2 and "is empty; `ams-exercises reset nursing-license`" in ran.err
