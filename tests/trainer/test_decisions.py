"""The trainer has the last word: a class of 30 employees' answers in their own words, a
decisions file, and what grading does with it (applies every decision, keeps the file,
exports the decisions as key additions that the grader then accepts)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
import yaml
from trainer_helpers import run_cli

from ams_exercises.authoring.bundle import compile_key
from ams_exercises.classroom.decisions import DecisionsError, read_decisions
from ams_exercises.classroom.export import merge_additions
from ams_exercises.classroom.grade_class import grade_class
from ams_exercises.grader.course import COURSE_DIR
from ams_exercises.grader.grading import grade

EX = "benefits-portal-modernization"
# What employees wrote, in their own words (not the key's phrasings).
PRIMARY = [
    "families applying for food help",
    "the households who apply",
    "low income folks applying for benefits",
    "residents served by the programs",
    "people signing up for SNAP benefits on their phones",
    "the caseworkers",
    "the CIO office",
]
STRATEGIC = [
    "caseworkers at the department",
    "navigators at the food banks",
    "legal aid lawyers",
    "court interpreters",
    "payroll staff",
]
SUPPORT = ["the network team", "IT security folks", "PMO", "the help desk", "payroll"]
NAMES = [
    "alvarez", "baker", "chen", "diaz", "evans", "farah", "garcia", "hughes", "ito", "jones",
    "khan", "lopez", "miller", "nguyen", "okafor", "patel", "quinn", "reyes", "smith", "tran",
    "usman", "vargas", "walker", "xu", "young", "zamora", "abbott", "begay", "cruz", "dubois",
]  # fmt: skip


def make_class(folder: Path) -> Path:
    folder.mkdir(parents=True)
    rng = random.Random(25)
    for n, name in enumerate(NAMES):
        sheet = {
            "exercise": EX,
            "primary_customer": PRIMARY[n % len(PRIMARY)],
            "strategic_customers": rng.sample(STRATEGIC, 2),
            "operational_support": rng.sample(SUPPORT, 2),
        }
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(sheet, sort_keys=False), "utf-8")
    return folder


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def decided(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("decided")
    folder = make_class(tmp / "class")
    groups = grade_class(folder).groups

    def group_of(field: str, text: str):
        return next(
            g for g in groups if g.field == field and any(a.text == text for a in g.answers)
        )

    residents = group_of("primary_customer", "residents served by the programs")
    network = group_of("operational_support", "the network team")
    lines = [
        "format_version: 1",
        "decisions:",
        "  " + residents.copy_line("accept"),
        f"  - {{exercise: {EX}, field: primary_customer, decision: accept,",
        '     answer: "People signing up for SNAP benefits on their phones"}',
        f"  - exercise: {EX}",
        "    field: strategic_customers",
        "    answer: legal aid lawyers",
        "    decision: wrong",
        "    note: Legal aid helps some applicants, but not with this portal.",
        "  " + network.copy_line("partial"),
    ]
    text = "\n".join(lines) + "\n"
    (folder / "decisions.yaml").write_text(text, "utf-8")
    out = tmp / "report"
    first = run_cli("grade", str(folder), "--out", str(out), "--title", "Tuesday cohort")
    assert first.returncode == 0, first.stderr
    return {"folder": folder, "out": out, "text": text, "residents": residents,
            "network": network, "stdout": first.stdout, "tmp": tmp}  # fmt: skip


def test_every_decision_is_applied_and_marked(decided):
    answers = rows(decided["out"] / "answers.csv")
    assert "Applied 4 of 4 decisions" in decided["stdout"]
    marked = [r for r in answers if r["decided_by_trainer"]]
    residents = [r for r in marked if r["answer"] == "residents served by the programs"]
    assert residents and all(r["verdict"] == "correct" for r in residents)
    assert all(r["decided_by_trainer"] == "accept (was wrong)" for r in residents)
    assert all(r["score"] == "2" for r in residents)
    snap = [r for r in answers if r["answer"].startswith("people signing up")]
    assert snap and all(r["decided_by_trainer"] == "accept (was unsure)" for r in snap)
    legal = [r for r in answers if r["answer"] == "legal aid lawyers"]
    assert legal and all(r["verdict"] == "incorrect" for r in legal)
    assert all("not with this portal" in r["feedback"] for r in legal)
    network = [r for r in answers if r["answer"] == "the network team"]
    assert network and all(r["verdict"] == "partial" for r in network)
    # every answer not decided keeps the grader's verdict and no mark
    assert all(r["decided_by_trainer"] == "" for r in answers if r not in marked)


def test_scores_are_recomputed_from_the_decisions(decided):
    answers = rows(decided["out"] / "answers.csv")
    book = {r["learner"]: r for r in rows(decided["out"] / "gradebook.csv")}
    assert "decisions" not in book  # the trainer's file is never a learner's
    assert len(book) == 30
    for learner, row in book.items():
        mine = sum(float(r["score"] or 0) for r in answers if r["learner"] == learner)
        assert float(row["total"]) == pytest.approx(mine), learner


def test_the_report_shows_groups_lines_and_decisions(decided):
    html = (decided["out"] / "index.html").read_text("utf-8")
    assert "<title>Tuesday cohort" in html and "Class report: class" not in html
    assert 'id="groups"' in html
    assert decided["residents"].copy_line("accept").replace('"', "&#34;") in html
    assert "you decided: accept" in html and "you decided: partial" in html
    revisit = html.split('id="revisit"')[1].split("</section>")[0]
    assert "residents served by the programs" not in revisit


def test_force_keeps_the_decisions_file_and_applies_it_again(decided):
    path = decided["folder"] / "decisions.yaml"
    before = path.stat()
    again = run_cli("grade", str(decided["folder"]), "--out", str(decided["out"]), "--force")
    assert again.returncode == 0, again.stderr
    assert path.read_text("utf-8") == decided["text"]
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert "Applied 4 of 4 decisions" in again.stdout


def test_export_round_trips_into_a_key_the_grader_then_agrees_with(decided):
    proposed = decided["tmp"] / "proposed.yaml"
    done = run_cli("grade", str(decided["folder"]), "--export-decisions", str(proposed))
    assert done.returncode == 0, done.stderr
    proposal = yaml.safe_load(proposed.read_text("utf-8"))
    assert [r["answers"] for r in proposal["review"]] == [["legal aid lawyers"]]
    source = yaml.safe_load((COURSE_DIR / "keys" / f"{EX}.yaml").read_text("utf-8"))
    key = compile_key(merge_additions(source, proposal["keys"][EX]), f"{EX}.yaml")
    said = grade(key, {"primary_customer": "people signing up for SNAP benefits on their phones"})
    assert said.fields["primary_customer"].verdict == "correct"
    said = grade(key, {"operational_support": ["the network team"]})
    assert said.fields["operational_support"].items[0].outcome == "partial"
    again = run_cli("grade", str(decided["folder"]), "--export-decisions", str(proposed))
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("decisions:\n  - {exercise: nope, field: widget, answer: x, decision: accept}\n",
         "line 2: no exercise is called 'nope'"),
        (f"decisions:\n  - {{exercise: {EX}, field: widget, answer: x, decision: accept}}\n",
         "does not ask 'widget'"),
        (f"decisions:\n\n  - {{exercise: {EX}, field: primary_customer, answer: x, "
         "decision: maybe}\n", "line 3: decision 'maybe' is not one of accept, partial, wrong"),
        (f"decisions:\n  - {{exercise: {EX}, field: primary_customer, decision: accept}}\n",
         "give either 'group'"),
        ("decisions: [\n", "is not valid YAML"),
    ],
)  # fmt: skip
def test_a_slip_in_the_decisions_file_is_one_line_with_the_line_and_the_fix(tmp_path, text, said):
    folder = make_class(tmp_path / "class")
    (folder / "decisions.yaml").write_text(text, "utf-8")
    with pytest.raises(DecisionsError) as caught:
        read_decisions(folder)
    assert said in str(caught.value) and "decisions.yaml" in str(caught.value)
    done = run_cli("grade", str(folder), "--out", str(tmp_path / "r"))
    assert done.returncode == 2 and said in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
