"""The curriculum check: the catalogue, the answer keys and the worksheets agree; every
blank worksheet fails and every key's canonical answers pass, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from learner_helpers import ROOT, catalogue_of, fill, run

from ams_exercises.assessments import module_of
from ams_exercises.grader.keys import all_keys, key_for, key_ids, modules
from ams_exercises.learner.catalogue import CATALOGUE_NAME, load_catalogue
from ams_exercises.learner.worksheets import expected_files, generate

CATALOGUE = load_catalogue(ROOT)
IDS = [e.id for e in CATALOGUE.entries]


def test_catalogue_keys_and_worksheets_name_the_same_exercises():
    assert sorted(IDS) == key_ids(), "run: ams-exercises dev worksheets"
    assert [k.id for k in all_keys()] == IDS, "catalogue order differs from the keys' order"
    on_disk = {
        p.relative_to(CATALOGUE.folder).as_posix()
        for p in CATALOGUE.folder.glob("*/*.yaml")
        if p.parent.name != "notebooks"
    }
    assert on_disk == {e.worksheet for e in CATALOGUE.entries}
    for entry in CATALOGUE.entries:
        key = key_for(entry.id)
        assert entry.module == key.module
        assert entry.worksheet == f"{key.module}/{entry.number:02d}-{key.id}.yaml"
        sheet = yaml.safe_load(CATALOGUE.blank(entry).read_text(encoding="utf-8"))
        assert sheet["exercise"] == entry.id
        assert [f for f in sheet if f != "exercise"] == list(key.asks)


def test_modules_follow_the_course_order():
    order = list(modules())
    assert [m for m, _title in CATALOGUE.modules] == [
        m for m in order if m in {e.module for e in CATALOGUE.entries}
    ]


def test_module_exercise_lists_name_real_keys_of_that_module():
    for module in modules().values():
        assert len(set(module.exercises)) == len(module.exercises), module.id
        for exercise in module.exercises:
            assert key_for(exercise).module == module.id, f"{exercise} is listed under {module.id}"


def test_committed_files_are_the_generated_ones():
    for rel, text in expected_files().items():
        path = CATALOGUE.folder / rel
        assert path.is_file(), f"{rel} missing: run ams-exercises dev worksheets"
        assert path.read_text(encoding="utf-8") == text, (
            f"{rel} is stale: run ams-exercises dev worksheets"
        )


def test_worksheets_are_readable_yaml_with_wrapped_comments():
    for entry in CATALOGUE.entries:
        text = CATALOGUE.blank(entry).read_text(encoding="utf-8")
        assert all(len(line) <= 88 for line in text.splitlines()), entry.worksheet
        key = key_for(entry.id)
        assert key.title in text
        assert f"ams-exercises check {entry.id}" in text
        blanks = [ln for ln in text.splitlines() if ln.endswith("TODO") and not ln.startswith("#")]
        assert len(blanks) == len(key.asks)


def test_an_assessment_worksheet_says_it_is_answered_once_and_offers_no_hint():
    """``hint`` refuses an item not yet submitted: its worksheet never offers it, and its
    chapter is named once ("Final assessment", not "Final assessment, Final assessment")."""
    seen = set()
    for entry in CATALOGUE.entries:
        text = " ".join(CATALOGUE.blank(entry).read_text(encoding="utf-8").split())
        module = module_of(entry.id)
        if module is None:
            assert f"`ams-exercises hint {entry.id}`" in text, entry.id
            continue
        seen.add(module.assessment)
        assert "ams-exercises hint" not in text, entry.id
        assert "it is answered once, on your own, with no" in text, entry.id
        assert "Final assessment, Final assessment" not in text
    assert seen == {"pre", "final"}


def test_generator_writes_the_same_files_into_an_empty_copy(tmp_path: Path):
    assert generate(tmp_path).up_to_date
    for rel, text in expected_files().items():
        assert (tmp_path / "exercises" / rel).read_text(encoding="utf-8") == text
    assert generate(tmp_path, check=True).up_to_date


def test_generator_never_overwrites_a_worksheet_holding_answers(tmp_path: Path):
    generate(tmp_path)
    entry = load_catalogue(tmp_path).entries[0]
    sheet = tmp_path / "exercises" / entry.worksheet
    filled = fill(sheet.read_text(encoding="utf-8"), key_for(entry.id))
    sheet.write_text(filled + "# my notes\n", encoding="utf-8")
    done = generate(tmp_path)
    assert not done.up_to_date
    assert any("holds answers" in line for line in done.lines)
    assert sheet.read_text(encoding="utf-8") == filled + "# my notes\n"


def test_generator_lists_stale_worksheets_and_prunes_blank_ones(tmp_path: Path):
    generate(tmp_path)
    stale = tmp_path / "exercises" / CATALOGUE.entries[0].module / "99-gone.yaml"
    stale.write_text("exercise: gone\nwidget: TODO\n", encoding="utf-8")
    done = generate(tmp_path)
    assert not done.up_to_date
    assert stale.exists() and any("99-gone.yaml: not in the catalog" in x for x in done.lines)
    assert generate(tmp_path, prune=True).up_to_date
    assert not stale.exists()


def test_catalogue_is_what_the_generator_writes():
    data = yaml.safe_load((CATALOGUE.folder / CATALOGUE_NAME).read_text(encoding="utf-8"))
    assert data["format_version"] == 1
    assert [e["id"] for m in data["modules"] for e in m["exercises"]] == IDS


@pytest.mark.parametrize("exercise", IDS)
def test_blank_worksheet_fails_and_canonical_answers_pass(workcopy: Path, exercise: str):
    entry = catalogue_of(workcopy).get(exercise)
    sheet = workcopy / "workspace" / entry.worksheet
    # an assessment item counts only when submitted in the copy: graded here from outside it
    where = workcopy.parent if module_of(exercise) else workcopy
    blank = run("check", str(sheet) if module_of(exercise) else exercise, "--json", cwd=where)
    assert blank.code == 1, blank.err
    result = json.loads(blank.out)
    assert not result["passed"]
    assert {f["verdict"] for f in result["fields"].values()} == {"missing"}

    sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key_for(exercise)), encoding="utf-8")
    done = run("check", str(sheet), "--json", cwd=where)
    assert done.code == 0, done.out
    result = json.loads(done.out)
    assert result["passed"] and result["score"] == result["max_score"]
