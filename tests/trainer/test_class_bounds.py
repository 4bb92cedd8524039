"""``ams-exercises grade`` grades what ``check`` grades, keeps every learner, and bounds each.

The hostile-class reproducers, each run in a process of its own under the hostile-class test's
2 GB address-space limit (``grade_audited``), or in this process where a limit is lowered
or a failure staged:

* a zero-width space inside an answer ("the per\\u200bmit") is graded as ``check`` grades
  it, not as its escaped display form;
* a learner's folder that cannot be read keeps the learner in the gradebook;
* a notebook is read from the very bytes checked against the listing (a private copy,
  removed afterwards), and the report still names the learner's file;
* one notebook of the longest answers to every exercise costs seconds, not minutes, and
  bytes and time per learner are bounded too; what is skipped is listed with the reason;
* names that differ only in look-alike letters are marked.

Races (a file or folder swapped for a link while the class is graded) and hard links
across learners are cases of the hostile class (``hostile_cases.py``), checked there.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from cli_runner import invoke
from hostile_cases import PERMIT, answer_yaml, make_outside, notebook
from test_hostile_class import MEMORY_LIMIT, grade_audited

from ams_exercises.classroom import submissions
from ams_exercises.grader.keys import all_keys
from ams_exercises.grader.vocabulary import LIST_FIELDS, MAX_ANSWER_CHARS, MAX_LIST_ENTRIES

ZWSP = "\u200b"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def new_class(tmp_path: Path) -> tuple[Path, Path]:
    """An empty class folder and the folder outside it that the audit watches."""
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    return class_dir, make_outside(tmp_path / "outside")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# --- item 2: grade grades the text as read, as check does ---------------------------------


def test_grade_scores_invisible_characters_as_check_does(tmp_path):
    """Today: "the per\\u200bmit" and the like were escaped before grading, so ``grade``
    and ``check`` disagreed on the same file (2 of 4 against 3 of 4 here)."""
    class_dir, outside = new_class(tmp_path)
    answers = {
        "widget": f"the per{ZWSP}mit",
        "primary_customer": f"the industrial fa{ZWSP}cility applying for the permit",
        "investors": [f"the pu{ZWSP}blic", f"tax{ZWSP}payers", f"neigh{ZWSP}bors"],
    }
    (class_dir / "zw.yaml").write_text(answer_yaml(**answers), "utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "ams_exercises", "check", str(class_dir / "zw.yaml"), "--json"],
        capture_output=True,
        text=True,
        preexec_fn=_limits,
        cwd=tmp_path,
        timeout=120,
    )
    assert checked.returncode in (0, 1), checked.stderr
    by_check = json.loads(checked.stdout)
    run = grade_audited(class_dir, outside, tmp_path / "report")
    assert run.code == 0, run.err
    assert float(run.gradebook()["zw"][PERMIT.id]) == by_check["score"]
    answered = [r for r in run.rows("answers.csv") if r["learner"] == "zw"]
    for name, res in by_check["fields"].items():
        mine = [r for r in answered if r["field"] == name]
        assert float(mine[0]["score"]) == res["score"], name
        if name not in LIST_FIELDS:
            assert mine[0]["verdict"] == res["verdict"], name
    # escaped for display only: the report shows the invisible character, never hides it
    widget = next(r for r in answered if r["field"] == "widget")
    assert widget["answer"] == "the per\\u200bmit"


# --- item 5: a learner whose folder cannot be read stays in the class ---------------------


def test_a_learner_whose_folder_cannot_be_read_stays_in_the_gradebook(tmp_path, monkeypatch):
    """Today: the learner vanished (one learner fewer in the summary) and errors.csv had an
    empty learner and "please report this". Root reads any folder, so the refusal is
    staged: listing that one folder raises what a user without permission gets."""
    class_dir, _outside = new_class(tmp_path)
    for learner in ("ana", "locked", "zoe"):
        (class_dir / learner).mkdir()
        (class_dir / learner / "answers.yaml").write_text(answer_yaml(), "utf-8")
    real = os.scandir

    def scandir(path="."):
        if isinstance(path, str | os.PathLike) and os.fspath(path) == str(class_dir / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    assert ran.out.startswith("Graded 3 learners on 1 exercise (1 with no readable answer")
    book = {r["learner"]: r for r in rows(tmp_path / "report" / "gradebook.csv")}
    assert book["locked"]["note"] == (
        "no readable work; their folder could not be read (Permission denied)"
    )
    assert book["locked"]["total"] == "" and float(book["zoe"]["total"]) == PERMIT.max_score
    errors = rows(tmp_path / "report" / "errors.csv")
    assert [(r["learner"], r["file"]) for r in errors] == [("locked", str(class_dir / "locked"))]
    assert "cannot be read (Permission denied)" in errors[0]["problem"]
    assert "please report this" not in errors[0]["problem"]
    html = (tmp_path / "report" / "index.html").read_text("utf-8")
    assert "their folder could not be read (Permission denied)" in html


# --- item 3: what is read is what was listed ----------------------------------------------
# (the swaps and hard links themselves are hostile-class cases: see hostile_cases.py)


def test_a_notebook_is_read_from_a_private_copy_named_as_the_learners_file(tmp_path, monkeypatch):
    """A notebook is read from the bytes checked against the listing: the notebook reader
    gets a copy in a private temporary folder, which is gone afterwards, and the report
    names the learner's file, never the copy."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    class_dir, _outside = new_class(tmp_path)
    calls = (f"check({PERMIT.id!r}, widget='the written permit')", "check('nope', widget='x')")
    (class_dir / "ben.ipynb").write_text(notebook(*calls), "utf-8")
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    assert [p.name for p in temp.iterdir() if p.name.startswith("ams-exercises-")] == []
    sources = {r["source"] for r in rows(tmp_path / "report" / "answers.csv")}
    assert sources == {f"{class_dir / 'ben.ipynb'} cell 1 line 1"}
    errors = rows(tmp_path / "report" / "errors.csv")
    assert [r["file"] for r in errors] == [f"{class_dir / 'ben.ipynb'} cell 2 line 1"]


def test_no_room_for_the_private_copy_is_one_line_for_that_notebook(tmp_path, monkeypatch):
    not_a_folder = tmp_path / "temp"
    not_a_folder.write_text("a file where the temporary folder should be", "utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    class_dir, _outside = new_class(tmp_path)
    (class_dir / "ben.ipynb").write_text(notebook(f"check({PERMIT.id!r}, widget='x')"), "utf-8")
    (class_dir / "ana.yaml").write_text(answer_yaml(), "utf-8")
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    errors = rows(tmp_path / "report" / "errors.csv")
    assert [(r["learner"], r["file"]) for r in errors] == [("ben", str(class_dir / "ben.ipynb"))]
    assert errors[0]["problem"].startswith(
        "could not be read: the tool cannot write its temporary copy (Not a directory); "
        "set TMPDIR to a folder it may write in"
    )
    book = {r["learner"]: r for r in rows(tmp_path / "report" / "gradebook.csv")}
    assert float(book["ana"]["total"]) == PERMIT.max_score


# --- item 8: one learner costs seconds ------------------------------------------------------


def longest_answers_notebook(seed: int = 24) -> str:
    """One call per exercise, every field at its longest (1,000 characters, 50 entries), of
    words from the keys: the grader reads every one of them. About 1.6 MB."""
    rng = random.Random(seed)
    words = sorted(
        {
            word
            for key in all_keys()
            for name in key.asks
            for item in key.fields[name].expected
            for phrase in item.accept
            for word in phrase.split()
        }
    )

    def text() -> str:
        out: list[str] = []
        while sum(len(w) + 1 for w in out) < MAX_ANSWER_CHARS - 20:
            out.append(rng.choice(words))
        return " ".join(out)

    calls = []
    for key in all_keys():
        fields = {
            name: [text() for _ in range(MAX_LIST_ENTRIES)] if name in LIST_FIELDS else text()
            for name in key.asks
        }
        calls.append(f"check({key.id!r}, {', '.join(f'{k}={v!r}' for k, v in fields.items())})")
    return notebook(*calls)


def test_a_notebook_of_the_longest_answers_costs_one_learner_seconds(tmp_path):
    """Today: such a notebook took 15 to 33 s to grade (minutes with a few of them): now
    grading stops at the characters one learner may cost, and says so."""
    class_dir, outside = new_class(tmp_path)
    (class_dir / "mallory.ipynb").write_text(longest_answers_notebook(), "utf-8")
    (class_dir / "ana.yaml").write_text(answer_yaml(), "utf-8")
    run = grade_audited(class_dir, outside, tmp_path / "report")
    assert run.code == 0, run.err
    assert float(run.gradebook()["ana"]["total"]) == PERMIT.max_score
    skipped = [r for r in run.rows("errors.csv") if r["learner"] == "mallory"]
    over = "characters of answers would take this learner past 60,000 in all"
    assert skipped and all(over in r["problem"] for r in skipped)
    graded = {r["exercise"] for r in run.rows("answers.csv") if r["learner"] == "mallory"}
    assert len(graded) + len(skipped) == len(all_keys())
    chars = sum(len(r["answer"]) for r in run.rows("answers.csv") if r["learner"] == "mallory")
    assert chars <= submissions.MAX_ANSWER_CHARS_PER_LEARNER
    assert run.seconds < 30  # about 3 s here; before, 15 s for this learner alone


def test_bytes_past_a_learners_limit_are_not_read(tmp_path, monkeypatch):
    """Nothing limited the bytes read for one learner: a folder of notebooks of 20 MB each
    cost seconds apiece. The limit is lowered here so the test stays small."""
    monkeypatch.setattr(submissions, "MAX_BYTES_PER_LEARNER", 1_500_000)
    class_dir, _outside = new_class(tmp_path)
    (class_dir / "bulky").mkdir()
    padding = "# " + "x" * 600_000 + "\n"
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (class_dir / "bulky" / name).write_text(padding + answer_yaml(), "utf-8")
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    errors = rows(tmp_path / "report" / "errors.csv")
    assert [(r["learner"], Path(r["file"]).name) for r in errors] == [("bulky", "c.yaml")]
    assert "would take this learner's files past 1,500,000 bytes in all" in errors[0]["problem"]
    book = rows(tmp_path / "report" / "gradebook.csv")
    assert float(book[0]["total"]) == PERMIT.max_score  # a.yaml and b.yaml were read


def test_a_learner_out_of_time_is_listed_and_the_class_goes_on(tmp_path, monkeypatch):
    """The backstop: past the seconds one learner may take, nothing more of theirs is
    started (here every learner is out of time at once)."""
    monkeypatch.setattr(submissions, "MAX_SECONDS_PER_LEARNER", -1.0)
    class_dir, _outside = new_class(tmp_path)
    for learner in ("ana", "ben"):
        (class_dir / learner).mkdir()
        for name in ("1.yaml", "2.yaml"):
            (class_dir / learner / name).write_text(answer_yaml(), "utf-8")
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    errors = rows(tmp_path / "report" / "errors.csv")
    assert [(r["learner"], Path(r["file"]).name) for r in errors] == [
        ("ana", "1.yaml"),
        ("ben", "1.yaml"),
    ]
    assert all(
        "was not read, nor 1 more after it: this learner's work took over -1 seconds"
        in r["problem"]
        for r in errors
    )


# --- item 11: names that look alike ---------------------------------------------------------


def test_names_that_differ_only_in_look_alike_letters_are_marked(tmp_path):
    class_dir, _outside = new_class(tmp_path)
    for learner in ("ana", "\u0430na", "anna"):  # the second starts with a Cyrillic "а"
        (class_dir / f"{learner}.yaml").write_text(answer_yaml(), "utf-8")
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    book = {r["learner"]: r for r in rows(tmp_path / "report" / "gradebook.csv")}
    assert book["ana"]["note"] == (
        "name looks like \u0430na's; the names differ in letters that look alike (letter 1 "
        "is latin small letter a here, cyrillic small letter a in theirs): check each row "
        "is the right person"
    )
    assert book["\u0430na"]["note"].startswith("name looks like ana's;")
    assert book["anna"]["note"] == ""
    html = (tmp_path / "report" / "index.html").read_text("utf-8")
    assert "name looks like ana&#39;s; the names differ in letters that look alike" in html


def test_look_alikes_need_the_same_look_not_the_same_letters():
    from ams_exercises.classroom.names import look_alike_names

    assert look_alike_names(["ana", "Ana", "an\u0430", "bob", "\uff42ob"]).keys() == {
        "ana",
        "an\u0430",
        "bob",
        "\uff42ob",
    }
    assert look_alike_names(["ana", "anna", "ann"]) == {}


@pytest.mark.parametrize("name", ["__x.yaml", "__init__.yaml", "__x/answers.yaml"])
def test_names_with_a_leading_double_underscore_are_learners(tmp_path, name):
    """Today: skipped without a word. Only the folders tools make are skipped, and listed."""
    class_dir, _outside = new_class(tmp_path)
    (class_dir / name).parent.mkdir(parents=True, exist_ok=True)
    (class_dir / name).write_text(answer_yaml(), "utf-8")
    (class_dir / "__MACOSX").mkdir()
    (class_dir / "__MACOSX" / f"._{name.split('/')[0]}").write_bytes(b"\x00\x05\x16\x07")
    (class_dir / "__pycache__").mkdir()
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    book = rows(tmp_path / "report" / "gradebook.csv")
    assert [r["learner"] for r in book] == [Path(name.split("/")[0]).stem]
    assert float(book[0]["total"]) == PERMIT.max_score
    errors = rows(tmp_path / "report" / "errors.csv")
    assert sorted((r["learner"], Path(r["file"]).name) for r in errors) == [
        ("", "__MACOSX"),
        ("", "__pycache__"),
    ]
    assert all(r["problem"].endswith("not work); skipped") for r in errors)
