"""The report folder: ``--force`` replaces only a report this tool wrote (its marker file,
not familiar names), and what killed runs left behind is cleaned on the next run."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from cli_runner import invoke
from hostile_cases import make_valid

from ams_exercises.classroom.report import MARKER, MARKER_TEXT
from ams_exercises.files.atomic import STALE_SECONDS, tidy_folder_leftovers
from ams_exercises.handouts.render import build_handouts

LONG_AGO = time.time() - STALE_SECONDS - 60


@pytest.fixture
def class_dir(tmp_path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    make_valid(folder, 2)
    return folder


def grade(class_dir: Path, out: Path, *extra: str):
    return invoke("grade", str(class_dir), "--out", str(out), *extra, cwd=class_dir.parent)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path below ``folder`` and its bytes (``None`` for a folder)."""
    return {
        str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
    }


def test_a_report_the_tool_wrote_carries_its_marker_and_is_replaced_with_force(class_dir, tmp_path):
    out = tmp_path / "report"
    assert grade(class_dir, out).code == 0
    assert (out / MARKER).read_text("utf-8") == MARKER_TEXT
    (class_dir / "zoe.yaml").write_text((class_dir / "valid-0" / "answers.yaml").read_text())
    assert grade(class_dir, out).code == 2  # not without --force
    done = grade(class_dir, out, "--force")
    assert done.code == 0, done.err
    assert "zoe" in (out / "gradebook.csv").read_text("utf-8-sig")


def _folder_named_like_a_report(out: Path) -> None:
    """The issue's case: report names, one of them a folder holding other files."""
    out.mkdir()
    for name in ("index.html", "gradebook.csv", "errors.csv"):
        (out / name).write_text("mine")
    (out / "answers.csv").mkdir()
    (out / "answers.csv" / "thesis.docx").write_text("years of work")


def _report_names_only(out: Path) -> None:
    out.mkdir()
    for name in ("index.html", "gradebook.csv", "answers.csv", "errors.csv"):
        (out / name).write_text("my own notes, not a report")


def _marker_is_a_link(out: Path) -> None:
    _report_names_only(out)
    elsewhere = out.parent / "elsewhere.txt"
    elsewhere.write_text(MARKER_TEXT)
    (out / MARKER).symlink_to(elsewhere)


def _marker_says_something_else(out: Path) -> None:
    _report_names_only(out)
    (out / MARKER).write_text("hello")


def _marker_is_a_folder(out: Path) -> None:
    _report_names_only(out)
    (out / MARKER).mkdir()
    (out / MARKER / "keep.txt").write_text("mine")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_folder_named_like_a_report, "not part of a class report (answers.csv/)"),
        (_report_names_only, f"is not a report written by ams-exercises grade (it has no {MARKER}"),
        (_marker_is_a_link, f"not part of a class report ({MARKER})"),
        (_marker_says_something_else, "is not a report written by ams-exercises grade"),
        (_marker_is_a_folder, f"not part of a class report ({MARKER}/)"),
    ],
    ids=["folder-named-answers.csv", "no-marker", "marker-link", "marker-text", "marker-folder"],
)
def test_force_never_replaces_a_folder_the_tool_did_not_write(class_dir, tmp_path, make, says):
    out = tmp_path / "report"
    make(out)
    before = snapshot(out)
    done = grade(class_dir, out, "--force")
    assert done.code == 2
    assert says in done.err and "--force replaces only" in done.err
    assert len(done.err.strip().splitlines()) == 1
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_force_never_follows_a_link_to_a_report(class_dir, tmp_path):
    real = tmp_path / "real-report"
    assert grade(class_dir, real).code == 0
    before = snapshot(real)
    out = tmp_path / "report"
    out.symlink_to(real)
    done = grade(class_dir, out, "--force")
    assert done.code == 2 and "is a symbolic link" in done.err
    assert out.is_symlink() and snapshot(real) == before


def _aged(path: Path) -> Path:
    os.utime(path, (LONG_AGO, LONG_AGO), follow_symlinks=False)
    return path


def test_partial_reports_killed_runs_left_are_removed_once_stale(class_dir, tmp_path):
    out = tmp_path / "report"
    assert grade(class_dir, out).code == 0
    keep_target = tmp_path / "linked"
    keep_target.mkdir()
    (keep_target / "precious.txt").write_text("keep")
    stale = []
    for name in (".report.abcd1234.tmp", ".report.old-.report.efgh5678.tmp"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "gradebook.csv").write_text("half")
        stale.append(_aged(tmp_path / name))
    (tmp_path / ".report.mnop3456.tmp").symlink_to(keep_target)
    stale.append(_aged(tmp_path / ".report.mnop3456.tmp"))
    fresh = tmp_path / ".report.ijkl9012.tmp"  # a run writing right now
    fresh.mkdir()
    others = [
        tmp_path / n for n in (".report.notes", ".report.abcd1234.tmp.keep", ".other.abcd1234.tmp")
    ]
    for path in others:
        path.mkdir()
        _aged(path)
    done = grade(class_dir, out, "--force")
    assert done.code == 0, done.err
    assert [p for p in stale if p.exists() or p.is_symlink()] == []
    assert fresh.is_dir() and all(p.is_dir() for p in others)
    assert (keep_target / "precious.txt").read_text() == "keep"  # a link goes, not its target


def test_an_old_copy_is_kept_while_it_is_the_only_copy(tmp_path):
    """A run killed mid-swap: the report was set aside and the new one is not in place."""
    old = tmp_path / ".report.old-.report.abcd1234.tmp"
    old.mkdir()
    _aged(old)
    assert tidy_folder_leftovers(tmp_path / "report") == []
    assert old.is_dir()
    (tmp_path / "report").mkdir()
    assert tidy_folder_leftovers(tmp_path / "report") == [old]


def test_temporary_pdfs_killed_runs_left_are_removed_on_the_next_run(tmp_path):
    out = tmp_path / "handouts"
    out.mkdir()
    stale = out / "course-learner-letter.pdf.abcd1234.tmp"
    stale.write_bytes(b"%PDF-half")
    _aged(stale)
    fresh = out / "course-trainer-letter.pdf.efgh5678.tmp"
    fresh.write_bytes(b"%PDF-being-written")
    kept = [out / n for n in ("thesis.pdf", "notes.pdf.tmp", "data.csv.abcd1234.tmp")]
    for path in kept:
        path.write_text("mine")
        _aged(path)
    assert build_handouts(out, []) == []
    assert not stale.exists()
    assert fresh.is_file() and all(p.is_file() for p in kept)
