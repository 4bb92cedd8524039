"""Write a class report folder: ``index.html``, ``gradebook.csv``, ``answers.csv``, ``errors.csv``.

The folder is written next to its destination under a temporary name and renamed into
place only when complete (:func:`~ams_exercises.files.atomic.replacing_folder`), so a
crash never leaves a half-written gradebook. An existing report is replaced only with
``force``, and only if the folder holds nothing but a report's files: ``--force`` can
never wipe anything else.

``index.html`` opens from disk with no server and loads nothing: styles inline, charts as
``data:`` images with text alternatives, a Content-Security-Policy that forbids scripts,
and every learner's text escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import InputError
from ..files.atomic import replacing_folder
from ..files.templates import environment
from ..grader.result import role_phrase
from ..grader.vocabulary import FIELD_LABELS, ROLE_NAMES, TRAPS
from . import csvfiles
from .grade_class import GradedClass
from .summary import BANDS, GIVEN_COLUMNS, ClassSummary

TEMPLATES = Path(__file__).resolve().parent / "templates"
REPORT_FILES = ("index.html", "gradebook.csv", "answers.csv", "errors.csv")


class ReportFolderError(InputError):
    """The report folder cannot be written (it exists, or it is the submissions folder)."""


def check_report_folder(out_dir: Path, submissions: Path, *, force: bool) -> None:
    """Refuse a destination that would overwrite something, before any grading is done."""
    out, subs = out_dir.resolve(), submissions.resolve()
    if out == subs or subs in out.parents or out in subs.parents:
        raise ReportFolderError(
            out_dir, "is or holds the submissions folder; write the report somewhere else"
        )
    _check_existing(out_dir, force=force)


def _check_existing(out_dir: Path, *, force: bool) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ReportFolderError(out_dir, "is a file; give a folder for the report")
    if not force:
        raise ReportFolderError(out_dir, "already exists; add --force to replace the report in it")
    others = sorted(p.name for p in out_dir.iterdir() if p.name not in REPORT_FILES)
    if others:
        raise ReportFolderError(
            out_dir,
            f"holds files that are not part of a class report ({', '.join(others[:3])}); "
            "--force replaces only a report",
        )


def write_report(
    result: GradedClass, out_dir: Path, submissions: Path, *, force: bool = False
) -> Path:
    """Write the report folder atomically and return the path of its ``index.html``."""
    check_report_folder(out_dir, submissions, force=force)
    with replacing_folder(
        out_dir, before_swap=lambda: _check_existing(out_dir, force=force)
    ) as tmp:
        csvfiles.write_gradebook(tmp / "gradebook.csv", result.summary)
        csvfiles.write_answers(tmp / "answers.csv", result.graded)
        csvfiles.write_errors(tmp / "errors.csv", result.summary)
        (tmp / "index.html").write_text(
            render_html(result.summary, title=submissions.resolve().name), "utf-8"
        )
    return out_dir / "index.html"


def _num(x: float) -> str:
    return f"{x:g}"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _role(column: str | None) -> str:
    if not column:
        return ""
    return ROLE_NAMES.get(column, column)


def render_html(summary: ClassSummary, *, title: str, when: dt.datetime | None = None) -> str:
    """The self-contained HTML report (charts embedded, answers escaped)."""
    from . import charts

    env = environment(TEMPLATES, {"num": _num, "pct": _pct, "role": _role})
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
        traps=TRAPS,
        role_phrase=role_phrase,
        learners_answering=len({learner for learner, _exercise in summary.sources}),
        graded_count=len(summary.sources),
    )
