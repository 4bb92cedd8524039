"""One file never stops the class: ``ams-exercises grade`` on a class folder full of hostile
entries, as a trainer grading files from strangers meets it.

The command runs in a real process under a 2 GB address-space limit and a time limit,
with Python's audit hooks recording every file it opens and every folder it lists
(``audited_run.py``). Each run must write a report, grade every valid learner, list every
hostile entry in ``errors.csv`` with its reason, print nothing raw to the terminal, and
read nothing outside the class folder. A property-based test mixes the cases at random;
the other tests grade one class holding all of them and check each case in turn.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_runner import invoke
from hostile_cases import (
    HOSTILE,
    PERMIT,
    STRANGE,
    SWAPS,
    VICTIM,
    Hostile,
    Strange,
    _device,
    answer_yaml,
    can_make_devices,
    make_outside,
    make_valid,
    notebook,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

AUDITED = Path(__file__).with_name("audited_run.py")
MEMORY_LIMIT = 2 * 1024**3
TIME_LIMIT = 90  # seconds for one class: a few seconds are usual, even on a busy machine
REPORT_FILES = ("index.html", "gradebook.csv", "answers.csv", "errors.csv")
#: What a terminal obeys: control characters (ESC, BEL, CSI...) and bidirectional overrides.
RAW = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]
RAW += ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@dataclass
class Run:
    """One run of ``ams-exercises grade`` and what it left."""

    code: int
    out: str
    err: str
    seconds: float
    class_dir: Path
    outside: Path
    report: Path
    seen: list[tuple[str, str]]  # (audit event, path) for every open and folder listing

    def rows(self, name: str) -> list[dict[str, str]]:
        with (self.report / name).open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))

    def gradebook(self) -> dict[str, dict[str, str]]:
        return {r["learner"]: r for r in self.rows("gradebook.csv")}


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def grade_audited(class_dir: Path, outside: Path, report: Path) -> Run:
    """``ams-exercises grade CLASS --out REPORT`` in a process of its own, audited, limited
    to 2 GB of address space and :data:`TIME_LIMIT` seconds."""
    log = report.with_name(report.name + "-audit.json")
    plan = class_dir.parent / SWAPS
    env = {**os.environ, "AMS_TEST_SWAPS": str(plan)} if plan.exists() else None
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(AUDITED), str(log), "grade", str(class_dir), "--out", str(report)],
        capture_output=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limits,
        cwd=report.parent,
        env=env,
    )
    seconds = time.monotonic() - start
    seen = [tuple(e) for e in json.loads(log.read_text("ascii"))] if log.exists() else []
    return Run(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        seconds,
        class_dir,
        outside,
        report,
        seen,
    )


def build_class(
    root: Path, hostile: list[Hostile], strange: list[Strange], valid: int
) -> tuple[Path, Path, list[str]]:
    """A class folder in ``root`` with these cases and ``valid`` plain valid learners."""
    class_dir = root / "class"
    class_dir.mkdir()
    outside = make_outside(root / "outside")
    names = make_valid(class_dir, valid)
    for case in (*hostile, *strange):
        case.make(class_dir, outside)
    return class_dir, outside, names


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def reads_outside(run: Run) -> list[tuple[str, str]]:
    """Every open or listing that reached outside the class folder through it, or into the
    folder outside the class that its links point at."""
    root = os.path.realpath(run.class_dir)
    outside = os.path.realpath(run.outside)
    bad = []
    for event, path in run.seen:
        real = os.path.realpath(path)
        through_class = path.startswith(str(run.class_dir) + os.sep)
        if _inside(real, outside) or (through_class and not _inside(real, root)):
            bad.append((event, path))
    return bad


def could_be_formula(cell: str) -> bool:
    """What a spreadsheet may take for a formula (checked here independently of the tool):
    a sign or a look-alike of one, behind any spaces and invisible characters."""
    if cell.startswith(("\t", "\r")):
        return True
    rest = cell.lstrip("".join(c for c in cell if c.isspace() or unicodedata.category(c) == "Cf"))
    return bool(rest) and unicodedata.normalize("NFKC", rest[0])[0] in "=+-@"


def check_the_run(
    run: Run, hostile: list[Hostile], strange: list[Strange], valid: list[str]
) -> None:
    """What every run must satisfy, whatever the class holds."""
    assert run.code == 0, run.err
    assert run.err == ""
    assert run.seconds < TIME_LIMIT
    # a report, every part of it
    for name in REPORT_FILES:
        assert (run.report / name).is_file(), name
    # the terminal: two plain lines, nothing a terminal would obey
    lines = run.out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Graded ") and lines[1].startswith("Report: ")
    assert not [c for c in RAW if c in run.out], run.out
    # every valid learner graded, with full marks
    book = run.gradebook()
    for learner in valid:
        assert float(book[learner][PERMIT.id]) == PERMIT.max_score, learner
    for case in strange:
        assert book[case.learner][PERMIT.id] != "", case.id  # graded
        if case.full_marks:
            assert float(book[case.learner]["total"]) == PERMIT.max_score, case.id
    # every hostile entry listed, with its reason, for the right learner (or none)
    errors = run.rows("errors.csv")
    for case in hostile:
        rows = [r for r in errors if r["file"].endswith("/" + case.shown)]
        assert rows, (case.id, [r["file"] for r in errors])
        assert any(case.reason in r["problem"] for r in rows), (case.id, rows)
        assert {r["learner"] for r in rows} == {case.learner}, (case.id, rows)
        if case.learner:
            assert book[case.learner][PERMIT.id] == "", case.id  # no marks from it
    for row in errors:
        assert "\n" not in row["problem"] and len(row["problem"]) <= 300
    # nobody else: a link never makes a learner, nor lists what it points at
    expected = {*valid, *(c.learner for c in strange), *(c.learner for c in hostile if c.learner)}
    expected |= {other for c in hostile for other in c.others}
    assert set(book) <= expected | {"free"}, set(book) - expected
    # nothing read outside the class folder, and the audit did see the class being read
    assert reads_outside(run) == []
    for learner in valid:
        assert ("open", str(run.class_dir / learner / "answers.yaml")) in run.seen
    # no spreadsheet formula in any cell
    for name in ("gradebook.csv", "answers.csv", "errors.csv"):
        with (run.report / name).open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not could_be_formula(cell), (name, cell)


def _device_cases(root: Path) -> list[Hostile]:
    """A real device file in the class folder, where this process may make one."""
    if not can_make_devices(root):
        return []
    return [
        Hostile(
            "device",
            _device("device.yaml"),
            "device.yaml",
            "is a device, not a file, so it was not read",
            "device",
        )
    ]


# --- the property: any mix of hostile entries and valid learners --------------------------


@settings(
    # Each example grades a class in a process of its own: a sixteenth of the profile's
    # examples, so 6 by default and 62 with HYPOTHESIS_PROFILE=thorough.
    max_examples=max(4, settings().max_examples // 16),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    hostile=st.lists(st.sampled_from(HOSTILE), unique_by=lambda c: c.id, min_size=1, max_size=10),
    strange=st.lists(st.sampled_from(STRANGE), unique_by=lambda c: c.id, max_size=4),
    valid=st.integers(min_value=1, max_value=3),
    free_text=st.lists(st.text(max_size=30), max_size=3),
)
def test_any_hostile_class_gets_a_whole_report_within_bounds(
    tmp_path_factory, hostile, strange, valid, free_text
):
    root = tmp_path_factory.mktemp("hostile")
    class_dir, outside, names = build_class(root, hostile, strange, valid)
    if free_text:  # a learner whose answers are any text at all, lone surrogates included
        call = f"check({PERMIT.id!r}, widget={free_text[0]!r}, investors={free_text!r})"
        (class_dir / "free.ipynb").write_text(notebook(call), "utf-8")
    run = grade_audited(class_dir, outside, root / "report")
    check_the_run(run, hostile, strange, names)
    if free_text:  # graded, or listed with a reason: never lost
        assert "free" in run.gradebook()
        row = run.gradebook()["free"]
        graded = row.get(PERMIT.id, "") != ""
        # blank answers are no answers yet, as on the page: the gradebook's note says so
        unanswered = not any(t.strip() for t in free_text) and row["note"] != ""
        assert graded or unanswered or any(r["learner"] == "free" for r in run.rows("errors.csv"))


# --- one class holding every case, each checked in turn -----------------------------------


@dataclass
class Everything:
    run: Run
    hostile: list[Hostile]
    valid: list[str]


@pytest.fixture(scope="module")
def everything(tmp_path_factory) -> Everything:
    root = tmp_path_factory.mktemp("everything")
    hostile = [*HOSTILE, *_device_cases(root)]
    class_dir, outside, names = build_class(root, hostile, list(STRANGE), 2)
    return Everything(grade_audited(class_dir, outside, root / "report"), hostile, names)


def test_a_class_of_every_hostile_case_is_graded_whole(everything):
    check_the_run(everything.run, everything.hostile, list(STRANGE), everything.valid)


@pytest.mark.parametrize("case", HOSTILE, ids=[c.id for c in HOSTILE])
def test_each_hostile_entry_is_listed_in_errors_csv_and_the_page(everything, case):
    errors = [r for r in everything.run.rows("errors.csv") if r["file"].endswith("/" + case.shown)]
    assert [r["learner"] for r in errors] == [case.learner], errors
    assert case.reason in errors[0]["problem"]
    html = (everything.run.report / "index.html").read_text("utf-8")
    from markupsafe import escape  # as the page's templates escape it

    assert str(escape(errors[0]["problem"])) in html


@pytest.mark.parametrize("case", STRANGE, ids=[c.id for c in STRANGE])
def test_each_unusual_learner_is_graded_and_shown_safely(everything, case):
    book = everything.run.gradebook()
    assert book[case.learner][PERMIT.id] != ""
    html = (everything.run.report / "index.html").read_text("utf-8")
    assert not [c for c in RAW if c in html.replace("\n", "")]


def test_a_device_is_refused_before_reading(tmp_path):
    cases = _device_cases(tmp_path)
    if not cases:
        pytest.skip("this process may not make a device file (it is not root)")
    class_dir, outside, names = build_class(tmp_path, cases, [], 1)
    run = grade_audited(class_dir, outside, tmp_path / "report")
    check_the_run(run, cases, [], names)
    assert not [p for _e, p in run.seen if p.endswith("device.yaml")]


def test_pipes_and_links_are_never_opened(everything):
    opened = {p for event, p in everything.run.seen if event == "open"}
    for shown in ("fifo.yaml", "piper/answers.yaml", "zero.yaml", "eve.yaml", "outsider.yaml"):
        assert str(everything.run.class_dir / shown) not in opened, shown
    # zed's own link final.yaml -> real.yaml is followed once, when listed: real.yaml is
    # opened (twice, for each name), never anything through a link
    assert str(everything.run.class_dir / "zed" / "final.yaml") not in opened
    assert str(everything.run.class_dir / "zed" / "real.yaml") in opened


def test_a_link_to_another_learner_gives_no_marks(everything):
    book = everything.run.gradebook()
    assert "mallory" not in book  # today: mallory -> ana/ got ana's 4/4
    assert book["eve"][PERMIT.id] == "" and book["trent"][PERMIT.id] == ""
    assert float(book["valid-0"][PERMIT.id]) == PERMIT.max_score  # the victim is untouched


def test_a_swap_during_grading_gives_no_marks(everything):
    """Today: sybil's file, swapped for a link to valid-0's after the class was listed, was
    read through the link and got valid-0's 4/4; so did sid, whose folder was swapped."""
    run = everything.run
    book = run.gradebook()
    assert book["sybil"][PERMIT.id] == "" and book["sid"][PERMIT.id] == ""
    assert float(book[VICTIM][PERMIT.id]) == PERMIT.max_score
    assert (run.class_dir / "sybil" / "answers.yaml").is_symlink()  # the swap did happen
    assert (run.class_dir / "sid").is_symlink()


def test_one_file_in_two_learners_folders_is_graded_for_neither(everything):
    """A hard link cannot say whose work it is: neither learner is credited with it, and
    each is told whose it also is (today hardy got holly's marks without a word)."""
    run = everything.run
    book = run.gradebook()
    assert book["hardy"][PERMIT.id] == "" and book["holly"][PERMIT.id] == ""
    assert book["hardy"]["note"] == "no readable work; shares a file with holly"
    assert book["holly"]["note"] == "no readable work; shares a file with hardy"
    holly = [r for r in run.rows("errors.csv") if r["learner"] == "holly"]
    assert [r["file"] for r in holly] == [str(run.class_dir / "holly" / "answers.yaml")]
    assert "is the same file as hardy's answers.yaml (a hard link" in holly[0]["problem"]


def test_an_unreadable_folder_keeps_its_learner_with_the_reason(everything):
    """Today: the learner vanished, and errors.csv had no name and "please report this"."""
    run = everything.run
    note = run.gradebook()["locked"]["note"]
    assert note == "no readable work; their folder could not be read (Permission denied)"
    assert not [r for r in run.rows("errors.csv") if "please report this" in r["problem"]]
    assert f"Graded {len(run.gradebook())} learners" in run.out


def test_names_that_look_alike_are_marked(everything):
    book = everything.run.gradebook()
    twin = "v\u0430lid-0"  # a Cyrillic "а"
    assert book[twin]["note"].startswith(f"name looks like {VICTIM}'s; the names differ in")
    assert book[VICTIM]["note"].startswith(f"name looks like {twin}'s; the names differ in")


def test_links_to_etc_and_root_list_nothing_of_theirs(everything):
    run = everything.run
    rows = run.rows("errors.csv")
    for link in ("etc", "slash", "outdir"):
        assert not [r for r in rows if f"/{link}/" in r["file"]], link
        assert not [p for _e, p in run.seen if p.startswith(str(run.class_dir / link) + "/")]
    assert not [p for _e, p in run.seen if os.path.realpath(p) in ("/etc", "/")]


def test_the_terminal_never_obeys_a_file_name(tmp_path):
    """Today a file name could clear the screen and print a fake summary."""
    fake = "\x1b[2J\x1b[HGraded 99 learners"
    case = next(c for c in HOSTILE if c.id == "name-escape-sequence")
    class_dir, outside, names = build_class(tmp_path, [case], [], 1)
    run = grade_audited(class_dir, outside, tmp_path / "report")
    assert run.code == 0, run.err
    assert "\x1b" not in run.out
    assert "\\x1b[2J\\x1b[HGraded 99 learners" in run.out  # named, escaped, in the headline
    assert run.out.count("Graded ") == 2 and run.out.startswith("Graded 2 learners")
    assert fake not in (run.report / "errors.csv").read_text("utf-8-sig")


def test_a_class_folder_named_with_stray_bytes_and_escapes_gets_its_report(tmp_path):
    root = tmp_path / os.fsdecode(b"class-\xdf-\x1b[2J")
    root.mkdir()
    class_dir, outside, names = build_class(root, [], [], 1)
    class_dir = class_dir.rename(root / os.fsdecode(b"caf\xe9 \x1b]0;x\x07"))
    run = grade_audited(class_dir, outside, tmp_path / "report")
    assert run.code == 0, run.err
    assert "\x1b" not in run.out and run.out.startswith("Graded 1 learner on 1 exercise.")
    html = (run.report / "index.html").read_text("utf-8")
    assert "<title>Class report: caf\\xe9 \\x1b]0;x\\x07 ·" in html
    assert float(run.gradebook()[names[0]]["total"]) == PERMIT.max_score


def test_an_out_folder_that_is_a_loop_of_links_is_one_line(tmp_path):
    class_dir, _outside, _names = build_class(tmp_path, [], [], 1)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "loop"), cwd=tmp_path)
    assert ran.code == 2 and "is a symbolic link" in ran.err
    assert len(ran.err.strip().splitlines()) == 1


# --- a fault of the tool's own is one learner's problem, not the class's ------------------


def test_a_fault_nobody_foresaw_is_caught_per_file_and_per_learner(tmp_path, monkeypatch):
    from ams_exercises.classroom import grade_class, submissions

    class_dir = tmp_path / "class"
    class_dir.mkdir()
    for learner in ("valid", "crashes-reading", "crashes-grading", "crashes-whole"):
        (class_dir / learner).mkdir()
        widget = "the permit: crash me" if learner == "crashes-grading" else None
        answers = answer_yaml(widget=widget) if widget else answer_yaml()
        (class_dir / learner / "answers.yaml").write_text(answers, "utf-8")
    (class_dir / "crashes-reading" / "notes.ipynb").write_text(notebook("x = 1"), "utf-8")
    real_grade, real_sub = grade_class.grade_sheet, grade_class.read_submission

    def read(path):  # only crashes-reading hands in a notebook (read from a private copy)
        raise ZeroDivisionError("division by zero")

    def grade(sheet):
        if sheet.answers.get("widget") == "the permit: crash me":
            raise KeyError("no such thing")
        return real_grade(sheet)

    def read_sub(learner, files, skipped=None, **options):
        if learner == "crashes-whole":
            raise RuntimeError("the tool fell over\nwith a second line")
        return real_sub(learner, files, skipped, **options)

    monkeypatch.setattr(submissions, "read_notebook_answers", read)
    monkeypatch.setattr(grade_class, "grade_sheet", grade)
    monkeypatch.setattr(grade_class, "read_submission", read_sub)
    ran = invoke("grade", str(class_dir), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    assert ran.out.startswith("Graded 4 learners")
    with (tmp_path / "report" / "errors.csv").open(encoding="utf-8-sig", newline="") as fh:
        errors = {r["learner"]: r for r in csv.DictReader(fh)}
    assert set(errors) == {"crashes-reading", "crashes-grading", "crashes-whole"}
    reading, grading, whole = (
        errors[n]["problem"] for n in ("crashes-reading", "crashes-grading", "crashes-whole")
    )
    assert "the tool failed on it (ZeroDivisionError: division by zero)" in reading
    assert errors["crashes-reading"]["file"].endswith("notes.ipynb")
    assert "the tool failed on it (KeyError: 'no such thing')" in grading
    assert "(RuntimeError: the tool fell over)" in whole and "second line" not in whole
    with (tmp_path / "report" / "gradebook.csv").open(encoding="utf-8-sig", newline="") as fh:
        book = {r["learner"]: r for r in csv.DictReader(fh)}
    assert float(book["valid"]["total"]) == PERMIT.max_score
    assert float(book["crashes-reading"]["total"]) == PERMIT.max_score  # its other file counts
    assert book["crashes-grading"][PERMIT.id] == "" and book["crashes-whole"][PERMIT.id] == ""
