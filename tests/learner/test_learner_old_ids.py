"""Exercise ids that changed (British to US spelling) still work wherever an id is read:
the Python check, notebooks' ``check("old-id")``, answer files, the progress file, the
learner's commands and class grading. The alias table is ``aliases`` in modules.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from learner_helpers import catalogue_of, fill, progress_of, run

from ams_exercises import check
from ams_exercises.api import check_file
from ams_exercises.grader.keys import aliases, key_for, key_ids
from ams_exercises.grader.vocabulary import LIST_FIELDS
from ams_exercises.learner.notebook import check as notebook_check

OLD, NEW = "contractor-licence", "contractor-license"


def test_the_alias_table_names_each_renamed_exercise():
    table = aliases()
    assert table == {
        "contractor-licence": "contractor-license",
        "nursing-licence": "nursing-license",
        "hunting-fishing-licence": "hunting-fishing-license",
    }
    assert not set(table) & set(key_ids()) and set(table.values()) <= set(key_ids())


@pytest.mark.parametrize(("old", "new"), sorted(aliases().items()))
def test_check_and_notebook_check_read_an_old_id_as_the_new_one(old, new):
    key = key_for(new)
    answers = {
        name: key.fields[name].canonical if name in LIST_FIELDS else key.fields[name].canonical[0]
        for name in key.asks
    }
    for grade in (check, notebook_check):
        result = grade(old, **answers)
        assert result.exercise == new and result.passed


def test_an_answer_file_with_an_old_id_is_graded(tmp_path: Path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        yaml.safe_dump({"exercise": OLD, "widget": key_for(NEW).fields["widget"].canonical[0]}),
        encoding="utf-8",
    )
    result = check_file(path)
    assert result.exercise == NEW
    assert result.fields["widget"].verdict == "correct"


def test_commands_take_an_old_id(workcopy: Path):
    for command in ("check", "hint", "solution", "reset"):
        ran = run(command, OLD, cwd=workcopy, input="n\n")
        assert "is not an exercise id" not in ran.err, (command, ran.err)
        assert "Traceback" not in ran.err
    ran = run("hint", OLD, cwd=workcopy)
    assert ran.code == 0 and NEW in ran.out


def test_progress_saved_under_an_old_id_is_kept_under_the_new_one(workcopy: Path):
    saved = {
        "format_version": 1,
        "exercises": {
            OLD: {
                "attempts": 3,
                "hints_shown": 2,
                "passed": True,
                "last_score": 5,
                "max_score": 5,
                "first_attempt": "2026-01-01T10:00:00Z",
                "last_attempt": "2026-01-01T10:30:00Z",
                "passed_at": "2026-01-01T10:30:00Z",
            },
        },
    }
    (workcopy / ".ams-progress.json").write_text(json.dumps(saved), encoding="utf-8")
    ran = run("progress", cwd=workcopy)
    assert ran.code == 0
    line = next(row for row in ran.out.splitlines() if NEW in row)
    assert "passed" in line.lower(), line
    # the next check saves the record under the new id, with the old attempts counted
    sheet = catalogue_of(workcopy).path(catalogue_of(workcopy).get(NEW))
    sheet.write_text(fill(sheet.read_text("utf-8"), key_for(NEW)), "utf-8")
    assert run("check", OLD, cwd=workcopy).code == 0
    records = progress_of(workcopy)["exercises"]
    assert OLD not in records and records[NEW]["attempts"] == 4 and records[NEW]["passed"]


def test_a_worksheet_from_before_the_rename_is_checked_and_recorded(workcopy: Path):
    sheet = catalogue_of(workcopy).path(catalogue_of(workcopy).get(OLD))
    text = fill(sheet.read_text("utf-8"), key_for(NEW)).replace(
        f"exercise: {NEW}", f"exercise: {OLD}"
    )
    assert f"exercise: {OLD}" in text
    sheet.write_text(text, "utf-8")
    assert run("check", str(sheet), cwd=workcopy).code == 0
    assert progress_of(workcopy)["exercises"][NEW]["passed"]
