"""Write a class report folder: ``index.html``, ``gradebook.csv``, ``answers.csv``,
``items.csv``, ``errors.csv``.

The folder is written next to its destination under a temporary name and renamed into
place only when complete (:func:`~ams_exercises.files.atomic.replacing_folder`), so a
crash never leaves a half-written gradebook; what a killed run left behind is removed on
the next run, once stale. An existing report is replaced only with ``force``, and only if
it provably is a report this tool wrote: it holds the marker file :data:`MARKER` that
every report gets, and nothing but a report's files. Familiar names are not enough
(a folder named ``answers.csv`` among other files is not a report): ``--force`` can never
wipe anything else.

``index.html`` opens from disk with no server and loads nothing: styles inline, charts as
``data:`` images with text alternatives, a Content-Security-Policy that forbids scripts,
and every learner's text escaped by Jinja2's autoescaping. ``feedback/`` holds a sheet per
learner to hand back (:mod:`.feedback`).

The title is ``--title`` when given; otherwise "Class report: " and the class folder's name,
or its parent's when the folder has a name that says nothing (``class``, ``submissions``).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..files.atomic import replacing_folder, tidy_folder_leftovers
from ..files.templates import environment
from ..grader.result import role_phrase
from ..grader.vocabulary import FIELD_LABELS, FIELD_NAMES, ROLE_NAMES, TRAPS
from . import csvfiles
from . import submissions as sub
from .csvfiles import MISSING, assigned_max, assigned_pct
from .decisions import DECISIONS_FILE
from .gain import ClassGain
from .grade_class import GradedClass
from .items import MIN_LEARNERS
from .model import BANDS, GIVEN_COLUMNS, ClassSummary
from .safe_text import name_shown

TEMPLATES = Path(__file__).resolve().parent / "templates"
REPORT_FILES = ("index.html", "gradebook.csv", "answers.csv", "items.csv", "errors.csv")
#: The report's folder of feedback sheets, one per learner.
FEEDBACK_DIR = "feedback"
#: Class folder names that say nothing of the class: the title takes the parent's name.
GENERIC_NAMES = {"class", "submissions", "answers", "work", "homework", "learners", "inbox"}
#: The file that marks a folder as a report this tool wrote, and what it says.
MARKER = ".ams-exercises-report"
MARKER_TEXT = (
    "This folder is a class report written by `ams-exercises grade`.\n"
    "`ams-exercises grade --force` may replace it as a whole: keep nothing else in it.\n"
)


class ReportFolderError(InputError):
    """The report folder cannot be written (it exists, or it is the submissions folder)."""


def check_report_folder(out_dir: Path, submissions: Path, *, force: bool) -> None:
    """Refuse a destination that would overwrite something, before any grading is done."""
    out, subs = Path(os.path.realpath(out_dir)), Path(os.path.realpath(submissions))
    if out == subs or subs in out.parents or out in subs.parents:
        raise ReportFolderError(
            out_dir, "is or holds the submissions folder; write the report somewhere else"
        )
    _check_existing(out_dir, force=force)


def _is_regular_file(path: Path) -> bool:
    """``path`` is a regular file itself (not a link, a folder or anything else)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _has_marker(out_dir: Path) -> bool:
    """``out_dir`` holds this tool's marker file, as a file of its own with its text."""
    marker = out_dir / MARKER
    if not _is_regular_file(marker):
        return False
    try:
        with marker.open("rb") as fh:
            return fh.read(len(MARKER_TEXT) + 1) == MARKER_TEXT.encode("utf-8")
    except OSError:
        return False


def _check_existing(out_dir: Path, *, force: bool) -> None:
    if not out_dir.exists() and not out_dir.is_symlink():
        return
    if out_dir.is_symlink():
        raise ReportFolderError(
            out_dir, "is a symbolic link; give the report folder itself, or another --out"
        )
    if not out_dir.is_dir():
        raise ReportFolderError(out_dir, "is a file; give a folder for the report")
    if not force:
        raise ReportFolderError(out_dir, "already exists; add --force to replace the report in it")
    entries = sorted(out_dir.iterdir(), key=lambda p: p.name)
    others = [
        p.name + ("/" if p.is_dir() and not p.is_symlink() else "")
        for p in entries
        if not (p.name in (*REPORT_FILES, MARKER) and _is_regular_file(p))
        and not (p.name == FEEDBACK_DIR and p.is_dir() and not p.is_symlink())
    ]
    if others:
        shown = name_shown(", ".join(others[:3]) + (", ..." if len(others) > 3 else ""))
        raise ReportFolderError(
            out_dir,
            f"holds files that are not part of a class report ({shown}); "
            "--force replaces only a report",
        )
    if not _has_marker(out_dir):
        raise ReportFolderError(
            out_dir,
            f"is not a report written by ams-exercises grade (it has no {MARKER} file); "
            "--force replaces only such a report: remove the folder yourself or choose "
            "another --out",
        )


def default_title(submissions: Path) -> str:
    """The report's title when none is given: the class folder's name (or its parent's)."""
    folder = Path(os.path.realpath(submissions))
    name = folder.name
    if name.casefold() in GENERIC_NAMES and folder.parent.name:
        name = folder.parent.name
    return f"Class report: {name}"


def write_report(
    result: GradedClass,
    out_dir: Path,
    submissions: Path,
    *,
    force: bool = False,
    title: str | None = None,
    assigned: Sequence[str] = (),
    pdf: bool = False,
    pass_mark: float | None = None,
) -> Path:
    """Write the report folder atomically and return the path of its ``index.html``.
    ``assigned`` are the exercises set for the class (the gradebook's percentage);
    ``pdf`` adds a PDF of each learner's feedback sheet; ``pass_mark`` is the final
    assessment's (by default the course's, :mod:`.gain`)."""
    from .feedback import write_sheets
    from .gain import class_gain

    check_report_folder(out_dir, submissions, force=force)
    gains = class_gain(result.summary, pass_mark)
    tidy_folder_leftovers(out_dir)  # what killed runs left: stale temporary copies only
    title = name_shown(title or default_title(submissions))
    with replacing_folder(
        out_dir, before_swap=lambda: _check_existing(out_dir, force=force)
    ) as tmp:
        (tmp / MARKER).write_text(MARKER_TEXT, "utf-8")
        csvfiles.write_gradebook(tmp / "gradebook.csv", result.summary, assigned, gains)
        csvfiles.write_answers(tmp / "answers.csv", result.graded)
        csvfiles.write_items(tmp / "items.csv", result.summary)
        csvfiles.write_errors(tmp / "errors.csv", result.summary)
        (tmp / "index.html").write_text(
            render_html(result.summary, title=title, result=result, assigned=assigned, gains=gains),
            "utf-8",
            errors="replace",
        )
        write_sheets(result, tmp / FEEDBACK_DIR, title=title, pdf=pdf, gains=gains)
    return out_dir / "index.html"


def _num(x: float) -> str:
    return f"{x:g}"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _whole(x: float | None) -> str:
    """A percentage, whole: "83%"; "" for none."""
    return "" if x is None else f"{round(x)}%"


def _signed(x: float | None) -> str:
    """A gain with two decimals and a true minus sign: 0.45, −0.10; "" for none."""
    if x is None:
        return ""
    return _disc(x).lstrip("+") if abs(x) >= 0.005 else "0.00"


def _role(column: str | None) -> str:
    if not column:
        return ""
    return ROLE_NAMES.get(column, column)


def _disc(x: float) -> str:
    """A discrimination figure with its sign: +0.40, −0.20 (a true minus sign), 0.00."""
    if abs(x) < 0.005:
        return "0.00"
    return f"{'+' if x > 0 else '−'}{abs(x):.2f}"


def _groupby_order(rows: list, attribute: str) -> list[tuple[object, list]]:
    """Consecutive rows grouped by ``attribute``, in their order (Jinja's ``groupby`` sorts)."""
    groups: list[tuple[object, list]] = []
    for row in rows:
        value = getattr(row, attribute)
        if groups and groups[-1][0] == value:
            groups[-1][1].append(row)
        else:
            groups.append((value, [row]))
    return groups


def render_html(
    summary: ClassSummary,
    *,
    title: str,
    when: dt.datetime | None = None,
    result: GradedClass | None = None,
    assigned: Sequence[str] = (),
    gains: ClassGain | None = None,
) -> str:
    """The self-contained HTML report (charts embedded, answers escaped); ``gains``: the
    class's pre-check and final assessment (:mod:`.gain`)."""
    from . import charts

    env = environment(
        TEMPLATES,
        {
            "num": _num,
            "pct": _pct,
            "role": _role,
            "disc": _disc,
            "groupby_order": _groupby_order,
            "whole": _whole,
            "signed": _signed,
        },
    )
    figures = {
        "scores": charts.score_distribution(summary) if summary.exercises else None,
        "confusion": charts.role_confusion(summary) if summary.confusion_rows else None,
    }
    when = when or dt.datetime.now().astimezone()
    return env.get_template("report.html.j2").render(
        s=summary,
        title=title,
        generated=when.strftime("%d %B %Y, %H:%M"),
        figures=figures,
        bands=[label for label, _ in BANDS],
        given_columns=[c for c in GIVEN_COLUMNS if c in summary.confusion_columns],
        field_labels=FIELD_LABELS,
        field_names=FIELD_NAMES,
        titles={e.id: e.title for e in summary.exercises},
        unreadable=summary.learners_with_problems,
        min_learners=MIN_LEARNERS,
        traps=TRAPS,
        role_phrase=role_phrase,
        learners_answering=len({learner for learner, _exercise in summary.sources}),
        graded_count=len(summary.sources),
        role_maps=_role_maps(summary),
        limits=_limits(),
        groups=result.groups if result else [],
        decisions=result.decisions if result else [],
        unused=result.unused if result else [],
        decided=_decided(result),
        assigned=list(assigned),
        assigned_max=assigned_max(summary, assigned),
        assigned_pct=lambda learner: assigned_pct(summary, learner, assigned),
        flagged_fields={(i.exercise, i.field) for i in summary.flagged_items},
        decisions_file=DECISIONS_FILE,
        gains=gains if gains is not None and gains.any_taken else None,
        gain_svg=charts.pre_post_svg(gains) if gains is not None and gains.any_taken else "",
        gain_missing=MISSING,
    )


def _decided(result: GradedClass | None) -> dict[str, str]:
    """What the trainer decided on each group, by group id ("accept"; "accept, wrong" when
    its answers were decided one by one, differently)."""
    if result is None or not result.decisions:
        return {}
    where = {
        (grp.exercise, grp.field, a.learner, a.entry): grp.id
        for grp in result.groups
        for a in grp.answers
    }
    found: dict[str, set[str]] = {}
    for g in result.graded:
        for (name, entry), mark in g.decided.items():
            gid = where.get((g.result.exercise, name, g.learner, entry))
            if gid:
                found.setdefault(gid, set()).add(mark.split(" ")[0])
    return {gid: ", ".join(sorted(d)) for gid, d in found.items()}


def _limits() -> str:
    """What one learner may cost, in words (:mod:`.submissions`)."""
    return (
        f"{sub.MAX_FILES_PER_LEARNER:,} files, {sub.MAX_BYTES_PER_LEARNER / 1e6:g} MB, "
        f"{sub.MAX_ANSWER_CHARS_PER_LEARNER:,} characters of answers and "
        f"{sub.MAX_SECONDS_PER_LEARNER:g} seconds per learner"
    )


def _role_maps(summary: ClassSummary) -> list[tuple[str, str]]:
    """(title, SVG) of each exercise graded: where each group belongs, to set the confusion
    table against."""
    from ..grader.keys import key_for
    from ..role_map import role_map

    return [(e.title, role_map(key_for(e.id), id_prefix="report-map")) for e in summary.exercises]
