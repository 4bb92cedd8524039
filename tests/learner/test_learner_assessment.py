"""The pre-check and the final assessment at the terminal: each item is answered once.

Through the real entry point in a copy of the course: a blank field is refused in one
plain line, the first complete check submits (records answers and points, shows the
feedback and the solution), a later check grades nothing new, hints and the solution wait
for the submission, ``progress`` says where both assessments stand and which path the
learner is on, and ``reset`` keeps a submission: only a trainer reopens a failed final. The
items are read from the course's modules, never named here.
"""

from __future__ import annotations

import json
from pathlib import Path

from learner_helpers import (
    assessment_entries,
    catalogue_of,
    fill,
    practice_entries,
    progress_of,
    run,
)

from ams_exercises.api import check as grade
from ams_exercises.assessments import assessment
from ams_exercises.course_time import course_time, duration
from ams_exercises.grader.keys import key_for
from ams_exercises.grader.vocabulary import FIELD_NAMES, LIST_FIELDS

WRONG = "the general public"


def sheet_of(home: Path, entry) -> Path:
    return catalogue_of(home).path(entry)


def answers_of(exercise: str, *, right: bool) -> dict:
    """The key's answers, or (``right=False``) a wrong one for the first field asked."""
    key = key_for(exercise)
    out: dict = {}
    for n, name in enumerate(key.asks):
        fk = key.fields[name]
        value = fk.canonical[: fk.needed] if name in LIST_FIELDS else fk.canonical[0]
        if n == 0 and not right:
            value = [WRONG] if name in LIST_FIELDS else WRONG
        out[name] = value
    return out


def write(home: Path, entry, answers: dict) -> Path:
    """The worksheet of ``entry`` with ``answers`` (as a learner writes YAML)."""
    lines = [f"exercise: {entry.id}"]
    for name, value in answers.items():
        if isinstance(value, list):
            lines += [f"{name}:"] + [f"  - {json.dumps(v)}" for v in value]
        else:
            lines.append(f"{name}: {json.dumps(value)}")
    sheet = sheet_of(home, entry)
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sheet


def test_a_blank_field_is_refused_in_one_plain_line(workcopy: Path):
    for kind in ("pre", "final"):
        entry = assessment_entries(workcopy, kind)[0]
        key = key_for(entry.id)
        sheet = sheet_of(workcopy, entry)
        sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key, leave=key.asks[-1]))
        out = run("check", entry.id, cwd=workcopy)
        assert out.code == 1 and out.out.count("\n") == 1, out.out
        assert "answered once" in out.out and FIELD_NAMES[key.asks[-1]] in out.out
        assert "Traceback" not in out.out + out.err and "Score" not in out.out
    assert not (workcopy / ".ams-progress.json").exists(), "a refused check records nothing"


def test_the_first_complete_check_submits_and_later_checks_grade_nothing(workcopy: Path):
    entry = assessment_entries(workcopy, "pre")[0]
    key = key_for(entry.id)
    first = answers_of(entry.id, right=False)
    write(workcopy, entry, first)
    expected = grade(entry.id, **first)
    out = run("check", cwd=workcopy)  # the course starts with the pre-check
    assert out.code == 0, out.err
    assert f"Submitted: your answers to {entry.id} are recorded" in out.out
    assert f"{expected.score:g} of {expected.max_score} points" in out.out
    assert "INCORRECT" in out.out and "hint:" not in out.out
    assert f"Solution: {key.title}" in out.out
    assert all(key.fields[name].canonical[0] in out.out for name in key.asks)
    rec = progress_of(workcopy)["exercises"][entry.id]
    assert rec["submission"]["answers"] == first
    assert (rec["submission"]["points"], rec["submission"]["max_points"]) == (
        expected.score,
        expected.max_score,
    )
    next_one = catalogue_of(workcopy).entries[1]
    assert f"Next up: {next_one.id}" in out.out

    write(workcopy, entry, answers_of(entry.id, right=True))  # the solution, copied in
    again = run("check", entry.id, cwd=workcopy)
    assert again.code == 0 and f"You submitted {entry.id} on" in again.out
    assert f"{expected.score:g} of {expected.max_score} points" in again.out
    assert "CORRECT" not in again.out and "Score:" not in again.out
    assert progress_of(workcopy)["exercises"][entry.id] == rec, "nothing new is recorded"


def test_an_item_counts_only_from_the_learners_own_worksheet(workcopy: Path, tmp_path: Path):
    entry = assessment_entries(workcopy, "final")[0]
    answers = answers_of(entry.id, right=True)
    write(workcopy, entry, answers)
    as_json = run("check", entry.id, "--json", cwd=workcopy)
    elsewhere = tmp_path / "mine.yaml"
    elsewhere.write_text(sheet_of(workcopy, entry).read_text(encoding="utf-8"))
    outside = run("check", str(elsewhere), cwd=workcopy)
    for out in (as_json, outside):
        assert out.code == 1 and out.out == "" and "answered once" in out.err
        assert f"check {entry.id}` submits it" in out.err
    assert not (workcopy / ".ams-progress.json").exists()
    # outside any copy of the course (a trainer's machine) the file is graded as usual
    plain = run("check", str(elsewhere), "--json", cwd=tmp_path)
    assert plain.code == 0 and json.loads(plain.out)["score"] == key_for(entry.id).max_score


def test_hints_and_the_solution_wait_for_the_submission(workcopy: Path):
    entry = assessment_entries(workcopy, "final")[0]
    key = key_for(entry.id)
    rationale = key.rationale.split(".")[0]
    for args in (
        ("hint", entry.id),
        ("hint", entry.id, "--level", "1"),
        ("solution", entry.id),
        ("solution", entry.id, "--reveal", "--yes"),
    ):
        out = run(*args, cwd=workcopy)
        assert out.code == 1, args
        assert "open" in out.out and "once you have submitted it" in out.out, args
        assert rationale not in out.out and "Hint 1" not in out.out
    assert not (workcopy / ".ams-progress.json").exists(), "no hint counted, no solution seen"

    write(workcopy, entry, answers_of(entry.id, right=False))
    assert run("check", entry.id, cwd=workcopy).code == 0
    opened = run("solution", entry.id, cwd=workcopy)
    assert opened.code == 0 and rationale in " ".join(opened.out.split())
    assert run("hint", entry.id, cwd=workcopy).out.startswith("Hint 1 of")


def submit_all(home: Path, kind: str, *, right: bool) -> None:
    for entry in assessment_entries(home, kind):
        write(home, entry, answers_of(entry.id, right=right))
        assert run("check", entry.id, cwd=home).code == 0


def percent_of(home: Path, kind: str) -> tuple[int, float, int]:
    """(whole percent, points, most) of an assessment, added up here from the grader."""
    points = most = 0.0
    for entry in assessment_entries(home, kind):
        rec = progress_of(home)["exercises"][entry.id]["submission"]
        expected = grade(entry.id, **rec["answers"])
        points, most = points + expected.score, most + expected.max_score
    return round(100 * points / most), points, int(most)


def test_progress_shows_both_assessments_and_the_path(workcopy: Path):
    final = assessment("final")
    times = course_time()
    out = run("progress", cwd=workcopy).out
    assert "Pre-check: not started." in out
    assert f"Final assessment: not started (the pass mark is {final.pass_mark}%)." in out
    core = f"Your path: the core path, about {duration(times.core_minutes)}."
    assert core in out and f"full course, about {duration(times.minutes)}" in out

    submit_all(workcopy, "pre", right=False)
    submit_all(workcopy, "final", right=False)
    out = run("progress", cwd=workcopy).out
    pre, pre_points, pre_most = percent_of(workcopy, "pre")
    post, post_points, post_most = percent_of(workcopy, "final")
    assert f"Pre-check: {pre}% ({pre_points:g} of {pre_most} points). It is not graded" in out
    verdict = "passed" if post >= final.pass_mark else "not passed"
    assert f"Final assessment: {post}% ({post_points:g} of {post_most} points), {verdict}" in out
    for entry in assessment_entries(workcopy, "pre") + assessment_entries(workcopy, "final"):
        line = next(ln for ln in out.splitlines() if f" {entry.id} " in ln)
        assert "submitted" in line and "scored" in line
    data = json.loads(run("progress", "--json", cwd=workcopy).out)
    by_kind = {a["kind"]: a for a in data["assessments"]}
    assert round(by_kind["final"]["percent"]) == post and by_kind["final"]["passed"] is (
        verdict == "passed"
    )

    # every practice check passed: the full course
    progress = progress_of(workcopy)
    for entry in practice_entries(workcopy):
        progress["exercises"][entry.id] = {"attempts": 1, "passed": True}
    (workcopy / ".ams-progress.json").write_text(json.dumps(progress), encoding="utf-8")
    out = run("progress", cwd=workcopy).out
    assert f"Your path: the full course, about {duration(times.minutes)}" in out
    assert "core path" not in out


def test_a_submitted_item_is_kept_and_only_a_trainer_reopens_a_failed_final(workcopy: Path):
    pre = assessment_entries(workcopy, "pre")[0]
    write(workcopy, pre, answers_of(pre.id, right=False))
    assert run("check", pre.id, cwd=workcopy).code == 0
    kept = sheet_of(workcopy, pre).read_text(encoding="utf-8")
    refused = run("reset", pre.id, cwd=workcopy)
    assert refused.code == 2 and refused.err.count("\n") == 1 and "answered once" in refused.err
    assert sheet_of(workcopy, pre).read_text(encoding="utf-8") == kept

    items = assessment_entries(workcopy, "final")
    if len(items) > 1:  # a final of several items: a retake waits for the last one
        write(workcopy, items[0], answers_of(items[0].id, right=False))
        assert run("check", items[0].id, cwd=workcopy).code == 0
        early = run("reset", items[0].id, "--retake-final", cwd=workcopy)
        assert early.code == 2 and "once every item" in early.err
    for entry in items:  # every item wrong: under the pass mark
        write(workcopy, entry, _all_wrong(entry.id))
        run("check", entry.id, cwd=workcopy)
    before = progress_of(workcopy)["exercises"]
    sheets = {e.id: sheet_of(workcopy, e).read_text(encoding="utf-8") for e in items}

    # The learner: one plain line, no retake, nothing changed.
    for args in ((), ("--yes",)):
        mine = run("reset", items[-1].id, *args, cwd=workcopy)
        assert mine.code == 2 and mine.err.count("\n") == 1, mine.err
        assert "answered once: a new attempt is your trainer's decision" in mine.err
        assert "Traceback" not in mine.err and "retake" not in mine.err.lower()
    assert progress_of(workcopy)["exercises"] == before
    assert {e.id: sheet_of(workcopy, e).read_text(encoding="utf-8") for e in items} == sheets
    helped = " ".join(run("reset", "--help", cwd=workcopy).out.split())
    assert "--retake-final" not in helped and "--yes" not in helped
    assert "a new attempt is your trainer's decision" in helped

    # The trainer, who decides: asks first, then reopens every item.
    declined = run("reset", items[-1].id, "--retake-final", cwd=workcopy, input="n\n")
    assert declined.code == 0 and "Nothing was changed" in declined.out
    assert "under the pass mark" in declined.err and "new attempt?" in declined.err
    assert progress_of(workcopy)["exercises"] == before

    retake = run("reset", items[-1].id, "--retake-final", "--yes", cwd=workcopy)
    assert retake.code == 0 and "open again" in retake.out
    after = progress_of(workcopy)["exercises"]
    for entry in items:
        assert "submission" not in after[entry.id]
        assert after[entry.id]["earlier"] == [before[entry.id]["submission"]]
        assert "TODO" in sheet_of(workcopy, entry).read_text(encoding="utf-8")
    submit_all(workcopy, "final", right=True)
    out = run("progress", cwd=workcopy).out
    assert "Final assessment: 100%" in out and ", passed" in out
    passed = run("reset", items[0].id, "--retake-final", cwd=workcopy)
    assert passed.code == 2 and "passed with 100%" in passed.err


def _all_wrong(exercise: str) -> dict:
    key = key_for(exercise)
    return {n: [WRONG] if n in LIST_FIELDS else WRONG for n in key.asks}


def test_grading_a_class_grades_the_submission_not_a_worksheet_edited_after_it(
    workcopy: Path, tmp_path: Path
):
    """Submit an item with no point, paste the key's answers over the worksheet's, hand it
    in: ``grade`` gives no point, and the report and the gradebook say it was changed."""
    import csv

    from ams_exercises.answers.submitted import MARKER

    entry = assessment_entries(workcopy, "final")[0]
    sheet = write(workcopy, entry, _all_wrong(entry.id))
    submitted = run("check", entry.id, cwd=workcopy)
    assert submitted.code == 0 and "Submitted" in submitted.out
    most = key_for(entry.id).max_score
    assert f"0 of {most} points" in submitted.out
    assert "kept at the end of" in submitted.out
    text = sheet.read_text(encoding="utf-8")
    assert text.count(MARKER) == 1 and text.rstrip().splitlines()[-1].startswith("submitted: ")
    # a later check leaves the block as it is, and grades nothing new
    assert run("check", entry.id, cwd=workcopy).code == 0
    assert sheet.read_text(encoding="utf-8") == text

    right = answers_of(entry.id, right=True)
    assert grade(entry.id, **right).score == most
    pasted = write(workcopy, entry, right).read_text(encoding="utf-8")
    sheet.write_text(pasted + "\n" + MARKER + text.split(MARKER, 1)[1], encoding="utf-8")
    again = run("check", entry.id, cwd=workcopy).out
    assert f"0 of {most} points" in again and "does not grade your worksheet again" in again

    ana = tmp_path / "class" / "ana"
    ana.mkdir(parents=True)
    (ana / sheet.name).write_text(sheet.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "class" / "ben").mkdir()
    (tmp_path / "class" / "ben" / sheet.name).write_text(text, encoding="utf-8")
    graded = run("grade", "class", "--out", "report", cwd=tmp_path)
    assert graded.code == 0, graded.err
    with (tmp_path / "report" / "gradebook.csv").open(encoding="utf-8-sig", newline="") as fh:
        book = {row["learner"]: row for row in csv.DictReader(fh)}
    flag = f"{entry.id}: changed after submitting"
    assert float(book["ana"][entry.id]) == 0 and flag in book["ana"]["note"]
    assert float(book["ben"][entry.id]) == 0 and "changed after" not in book["ben"]["note"]
    report = " ".join((tmp_path / "report" / "index.html").read_text("utf-8").split())
    assert flag in report
