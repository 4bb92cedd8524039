"""The learner's work stays theirs: worksheets live in ``workspace/`` (ignored by git), so
a course update pulls cleanly and never touches an answer; a new exercise in the update
appears in the workspace, and a renumbered one keeps its answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from learner_helpers import ROOT, answers_part, catalogue_of, fill, git, run

from ams_exercises.assessments import module_of
from ams_exercises.grader.keys import key_for


def without(catalogue_text: str, exercise: str) -> str:
    data = yaml.safe_load(catalogue_text)
    for module in data["modules"]:
        module["exercises"] = [e for e in module["exercises"] if e["id"] != exercise]
    return yaml.safe_dump(data, sort_keys=False)


def test_first_command_makes_the_workspace_and_leaves_the_course_alone(fresh_copy: Path):
    before = {p: p.read_bytes() for p in (fresh_copy / "exercises").rglob("*") if p.is_file()}
    out = run("next", cwd=fresh_copy)
    assert out.code == 0
    assert "made your workspace, workspace/" in out.err and out.err.count("\n") == 1
    catalogue = catalogue_of(fresh_copy)
    for entry in catalogue.entries:
        assert catalogue.path(entry).read_bytes() == catalogue.blank(entry).read_bytes()
    after = {p: p.read_bytes() for p in (fresh_copy / "exercises").rglob("*") if p.is_file()}
    assert after == before
    assert run("next", cwd=fresh_copy).err == ""  # said once


def test_a_course_update_pulls_cleanly_and_never_touches_an_answer(tmp_path: Path):
    # The course as published, without its last exercise yet.
    upstream = tmp_path / "upstream"
    shutil.copytree(ROOT / "exercises", upstream / "exercises")
    shutil.copy(ROOT / ".gitignore", upstream / ".gitignore")
    last = catalogue_of(upstream).entries[-1]
    full_catalogue = (upstream / "exercises" / "catalogue.yaml").read_text("utf-8")
    last_blank = upstream / "exercises" / last.worksheet
    last_text = last_blank.read_text("utf-8")
    (upstream / "exercises" / "catalogue.yaml").write_text(without(full_catalogue, last.id))
    last_blank.unlink()
    shutil.rmtree(upstream / "workspace")  # catalogue_of made one: not part of the course
    git("init", "-q", "-b", "main", cwd=upstream)
    git("add", "-A", cwd=upstream)
    git("commit", "-q", "-m", "course", cwd=upstream)

    # A learner clones it and works: an answer, a reset backup, a notebook checkpoint.
    learner = tmp_path / "learner"
    git("clone", "-q", str(upstream), str(learner), cwd=tmp_path)
    first = catalogue_of(learner).entries[0]
    sheet = catalogue_of(learner).path(first)
    answers = fill(sheet.read_text("utf-8"), key_for(first.id))
    sheet.write_text(answers, "utf-8")
    assert run("check", first.id, cwd=learner).code == 0
    second = catalogue_of(learner).entries[1]
    catalogue_of(learner).path(second).write_text("exercise: x\n", "utf-8")
    assert run("reset", second.id, cwd=learner).code == 0
    (learner / "exercises" / "notebooks" / ".ipynb_checkpoints").mkdir(parents=True)
    (learner / "exercises" / "notebooks" / ".ipynb_checkpoints" / "a-checkpoint.md").write_text(
        "x", "utf-8"
    )
    assert git("status", "--porcelain", cwd=learner) == ""

    # The course is updated: the first blank worksheet is reworded, an exercise is added.
    blank = upstream / "exercises" / first.worksheet
    blank.write_text(blank.read_text("utf-8") + "# (reworded)\n", "utf-8")
    (upstream / "exercises" / "catalogue.yaml").write_text(full_catalogue, "utf-8")
    last_blank.write_text(last_text, "utf-8")
    git("add", "-A", cwd=upstream)
    git("commit", "-q", "-m", "update", cwd=upstream)

    git("pull", "-q", "--ff-only", cwd=learner)  # never "local changes would be overwritten"
    out = run("progress", cwd=learner)
    assert out.code == 0
    assert f"wrote a blank worksheet for {last.id}" in out.err
    assert answers_part(sheet.read_text("utf-8")) == answers  # the learner's, untouched
    assert catalogue_of(learner).path(last).read_text("utf-8") == last_text
    done = "submitted" if module_of(first.id) else "passed"  # (the course starts with one)
    assert f"✓ {done}" in out.out.split(first.id)[0].splitlines()[-1]


def test_a_renumbered_worksheet_keeps_the_learners_answers(workcopy: Path):
    catalogue = catalogue_of(workcopy)
    first = catalogue.entries[0]
    sheet = catalogue.path(first)
    answers = fill(sheet.read_text("utf-8"), key_for(first.id))
    sheet.write_text(answers, "utf-8")
    # An update renumbers it: 01-... becomes 09-...
    text = (workcopy / "exercises" / "catalogue.yaml").read_text("utf-8")
    renamed = first.worksheet.replace("/01-", "/09-")
    (workcopy / "exercises" / "catalogue.yaml").write_text(
        text.replace(first.worksheet, renamed), "utf-8"
    )
    (workcopy / "exercises" / first.worksheet).rename(workcopy / "exercises" / renamed)
    out = run("check", first.id, cwd=workcopy)
    assert out.code == 0, out.out + out.err
    assert "renamed your worksheet 01-" in out.err
    assert answers_part((workcopy / "workspace" / renamed).read_text("utf-8")) == answers
    assert not sheet.exists()


def test_a_copy_from_before_the_chapters_followed_the_book_keeps_its_answers(workcopy: Path):
    """The chapters now follow the book's pages: the birth certificate exercise moved from
    we-dont-make-widgets/03-... to the tools chapter, and the roles and traps notebooks went
    from 03- and 04- to 04- and 05-. A learner's files under the old names follow, answers
    and notes and all."""
    run("next", cwd=workcopy)  # the workspace exists
    workspace = workcopy / "workspace"
    entry = catalogue_of(workcopy).get("vital-records-certificate")
    assert entry is not None and entry.worksheet.startswith("tools-and-techniques/")
    sheet = catalogue_of(workcopy).path(entry)
    answers = fill(sheet.read_text("utf-8"), key_for(entry.id))
    sheet.unlink()
    old_sheet = workspace / "we-dont-make-widgets" / "03-vital-records-certificate.yaml"
    old_sheet.write_text(answers, "utf-8")  # where the course kept it before
    notebooks = workspace / "notebooks"
    mine = {}
    for new, old in (
        ("04-four-roles.md", "03-four-roles.md"),
        ("05-four-traps.md", "04-four-traps.md"),
    ):
        text = (notebooks / new).read_text("utf-8") + "\n<!-- my notes -->\n"
        (notebooks / new).unlink()
        (notebooks / old).write_text(text, "utf-8")  # as the course numbered them before
        mine[new] = text
    out = run("next", cwd=workcopy)
    assert out.code == 0, out.out + out.err
    assert sheet.read_text("utf-8") == answers and not old_sheet.exists()
    for new, text in mine.items():
        assert (notebooks / new).read_text("utf-8") == text
    assert not (notebooks / "03-four-roles.md").exists()
    assert "renamed your notebook 04-four-traps.md to 05-four-traps.md" in out.err
    assert "renamed your worksheet 03-vital-records-certificate.yaml" in out.err
