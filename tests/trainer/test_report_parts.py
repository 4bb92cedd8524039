"""The report's parts for teaching: a likely key error shows what the strongest learners
wrote, the gradebook's percentage of the assigned work, the newest of two files counts
(with a note), a learner's workspace/ folder is read, and feedback sheets to hand back."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pikepdf
import yaml
from class_maker import make_class, right, wrong
from pdfua import validate
from trainer_helpers import run_cli

from ams_exercises.classroom.grade_class import grade_class
from ams_exercises.classroom.report import write_report
from ams_exercises.grader.keys import key_for


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_likely_key_error_shows_what_the_strongest_learners_wrote(tmp_path):
    made = make_class(tmp_path / "class", 30, exercises=4)
    out = tmp_path / "report"
    write_report(grade_class(made.folder), out, made.folder, assigned=[k.id for k in made.keys])
    items = rows(out / "items.csv")
    flagged = next(r for r in items if (r["exercise"], r["field"]) == made.planted)
    key = next(k for k in made.keys if k.id == made.planted[0])
    assert flagged["flagged"] == "yes"
    assert "strongest learners wrote" in flagged["note"]
    assert wrong(key, "primary_customer") in flagged["note"]
    html = (out / "index.html").read_text("utf-8")
    assert "strongest learners wrote" in html
    book = rows(out / "gradebook.csv")
    assert all(r["percent_of_assigned"] for r in book)
    assert "Of assigned" in html


def _sheet(key, good: bool) -> str:
    sheet = {"exercise": key.id, **{f: (right if good else wrong)(key, f) for f in key.asks}}
    return yaml.safe_dump(sheet)


def test_the_newest_of_two_files_counts_and_the_gradebook_says_so(tmp_path):
    key = key_for("benefits-portal-modernization")
    folder = tmp_path / "class" / "ana"
    folder.mkdir(parents=True)
    (folder / "b-draft.yaml").write_text(_sheet(key, False), "utf-8")
    (folder / "a-final.yaml").write_text(_sheet(key, True), "utf-8")
    os.utime(folder / "b-draft.yaml", (1_600_000_000, 1_600_000_000))
    out = tmp_path / "report"
    write_report(grade_class(folder.parent), out, folder.parent)
    book = rows(out / "gradebook.csv")[0]
    assert float(book["total"]) == key.max_score  # the newer final, not the later name
    assert "answered in two files" in book["note"] and "a-final.yaml, counts" in book["note"]


def test_a_workspace_folder_is_read(tmp_path):
    key = key_for("benefits-portal-modernization")
    module = tmp_path / "class" / "ben" / "workspace" / "four-traps"
    module.mkdir(parents=True)
    (module / f"01-{key.id}.yaml").write_text(_sheet(key, True), "utf-8")
    out = tmp_path / "report"
    write_report(grade_class(tmp_path / "class"), out, tmp_path / "class")
    book = rows(out / "gradebook.csv")[0]
    assert book["learner"] == "ben" and float(book["total"]) == key.max_score


def test_feedback_sheets_and_title_from_the_command(tmp_path):
    made = make_class(tmp_path / "class", 3, exercises=2)
    out = tmp_path / "report"
    done = run_cli(
        "grade", str(made.folder), "--out", str(out), "--module", made.keys[0].module, "--pdf"
    )
    assert done.returncode == 0, done.stderr
    html = (out / "index.html").read_text("utf-8")
    assert "Class report: class" not in html  # a folder called "class" names nothing
    sheets = sorted((out / "feedback").glob("*.html"))
    assert len(sheets) == 3 and len(list((out / "feedback").glob("*.pdf"))) == 3
    text = sheets[0].read_text("utf-8")
    assert "Feedback for learner-0000" in text and made.keys[0].title in text
    # Each PDF passes pdfua's PDF/UA-1 checks with no finding (two of them: the same
    # template), in English, titled with whose sheet it is.
    for sheet in sheets[:2]:
        pdf = sheet.with_suffix(".pdf")
        report = validate(str(pdf))
        assert [f"{f.rule_id}: {f.message}" for f in report.findings] == [], pdf.name
        # pdfua 0.1.3 cannot read WeasyPrint's heading arrays (tests/handouts/ says more)
        assert {o.rule_id for o in report.skipped} <= {"UA-14-001"}, report.skipped
        with pikepdf.open(pdf) as opened:
            assert str(opened.Root.Lang) == "en"
            assert str(opened.docinfo["/Title"]).startswith(f"Feedback for {sheet.stem}")
    again = run_cli("grade", str(made.folder), "--out", str(out), "--force")
    assert again.returncode == 0, again.stderr
    bad = run_cli("grade", str(made.folder), "--out", str(tmp_path / "x"), "--assigned", "nope")
    assert bad.returncode == 2 and "no exercise is called 'nope'" in bad.stderr
