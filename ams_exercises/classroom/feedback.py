"""Feedback sheets to hand back: one page per learner, what they wrote and what it earned.

``feedback/<learner>.html`` (and, with ``pdf``, ``feedback/<learner>.pdf``, tagged PDF/UA-1
with embedded fonts, as the handouts are made) in the report folder. Each sheet lists the
learner's exercises in course order: their score, and for every field their answer, its
verdict and what the grader, or the trainer, said of it; an answer the trainer decided is
marked so, with the trainer's note. Above them, the learner's pre-check and final
assessment scores, the final against the pass mark, and their own gain (:mod:`.gain`).
Headings and lists only, no tables: the PDF reads in order with a screen reader. Every
answer is escaped (Jinja2's autoescaping); the page loads nothing and runs no script.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ..assessments import whole
from ..files.templates import environment
from ..grader.vocabulary import FIELD_LABELS
from .gain import ClassGain
from .grade_class import GradedClass
from .model import Graded

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: The PDF variant of the handouts (``handouts/render.py``).
PDF_VARIANT = "pdf/ua-1"
#: How each verdict is said on a learner's sheet.
SAY = {
    "correct": "right",
    "partial": "partly right",
    "incorrect": "not right",
    "unsure": "for your trainer to decide",
    "missing": "left blank",
}


def sheet_name(learner: str, taken: set[str]) -> str:
    """A file name for ``learner``'s sheet: letters, digits and dashes, never used twice."""
    base = re.sub(r"[^a-z0-9]+", "-", learner.casefold()).strip("-")[:60] or "learner"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def _answer(res) -> str:
    if isinstance(res.answer, list):
        return "; ".join(res.answer)
    return res.answer or ""


def tests_said(gains: ClassGain | None, learner: str) -> list[str]:
    """What a learner's sheet says of their pre-check and final assessment (:mod:`.gain`):
    each score, the final against the pass mark, and their own gain where there is one."""
    row = next((r for r in gains.rows if r.learner == learner), None) if gains else None
    if gains is None or row is None or row.missing == "both":
        return []
    out = []
    if gains.pre_module is not None:
        out.append(
            f"Pre-check: {whole(row.pre)} of its points (not graded: it shows where you started)."
            if row.pre is not None
            else "Pre-check: not handed in."
        )
    if gains.final_module is not None:
        mark = f"the pass mark is {gains.pass_mark:g}%"
        if row.post is None:
            out.append(f"Final assessment: not handed in ({mark}).")
        else:
            verdict = "passed" if row.passed else "not passed"
            out.append(f"Final assessment: {whole(row.post)} of its points, {verdict} ({mark}).")
    if row.gain is not None:
        out.append(
            f"Your normalized gain: {row.gain:.2f}, the share of what the pre-check left to "
            "learn that you learned by the final."
        )
    return out


def render_sheet(
    learner: str, mine: list[Graded], *, title: str, tests: list[str] | None = None
) -> str:
    """One learner's feedback sheet as HTML (``tests``: :func:`tests_said`)."""
    env = environment(TEMPLATES)
    return env.get_template("feedback.html.j2").render(
        tests=tests or [],
        learner=learner,
        title=title,
        graded=mine,
        total=sum(g.result.score for g in mine),
        most=sum(g.result.max_score for g in mine),
        labels=FIELD_LABELS,
        say=SAY,
        answer=_answer,
    )


def write_sheets(
    result: GradedClass,
    folder: Path,
    *,
    title: str,
    pdf: bool = False,
    gains: ClassGain | None = None,
) -> list[Path]:
    """Write each learner's sheet (learners with graded work only); the paths written.
    ``gains``: the class's pre-check and final assessment, each sheet saying its own."""
    by_learner: dict[str, list[Graded]] = defaultdict(list)
    for g in result.graded:
        by_learner[g.learner].append(g)
    if not by_learner:
        return []
    folder.mkdir(exist_ok=True)
    order = {e.id: n for n, e in enumerate(result.summary.exercises)}
    taken: set[str] = set()
    written = []
    for learner in result.summary.learners:
        mine = sorted(by_learner.get(learner, []), key=lambda g: order.get(g.result.exercise, 0))
        if not mine:
            continue
        path = folder / f"{sheet_name(learner, taken)}.html"
        html = render_sheet(learner, mine, title=title, tests=tests_said(gains, learner))
        path.write_text(html, "utf-8", errors="replace")
        written.append(path)
        if pdf:
            written.append(write_pdf(html, path.with_suffix(".pdf")))
    return written


def write_pdf(html: str, path: Path) -> Path:
    """The sheet as a tagged PDF/UA-1 (WeasyPrint, fonts embedded, nothing fetched)."""
    from weasyprint import HTML

    HTML(string=html, base_url=str(TEMPLATES), url_fetcher=_no_fetch).write_pdf(
        str(path), pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    return path


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"a feedback sheet loads nothing ({url[:40]})")
