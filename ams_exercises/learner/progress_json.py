"""What ``ams-exercises progress --json`` prints: the learner's progress as one JSON object.

Scripts and trainers read it, so its shape is kept as it is: how many exercises are done
out of the total, one row per exercise in course order (its state, attempts, hints shown,
last score and, for an assessment item, the submission), then one row per assessment with
its score. The text a person reads is :func:`.texts.progress_report`.
"""

from __future__ import annotations

from typing import Any

from ..assessments import FINAL, PRE, assessment
from .assessment import score
from .catalogue import Catalogue
from .progress import Progress


def progress_json(catalogue: Catalogue, progress: Progress) -> dict[str, Any]:
    """``{"passed": n, "total": n, "exercises": [...], "assessments": [...]}``."""
    rows = [_exercise_row(progress, e.id, e.module) for e in catalogue.entries]
    passed = sum(r["state"] == "passed" for r in rows)
    return {
        "passed": passed,
        "total": len(rows),
        "exercises": rows,
        "assessments": assessments_json(progress),
    }


def _exercise_row(progress: Progress, exercise: str, module: str) -> dict[str, Any]:
    rec = progress.exercises.get(exercise)
    row: dict[str, Any] = {
        "id": exercise,
        "module": module,
        "state": progress.state(exercise),
        "attempts": rec.attempts if rec else 0,
        "hints_shown": rec.hints_shown if rec else 0,
        "last_score": rec.last_score if rec else None,
        "max_score": rec.max_score if rec else None,
    }
    if rec and rec.submission:
        row["submitted"] = {
            "at": rec.submission.at,
            "points": rec.submission.points,
            "max_points": rec.submission.max_points,
        }
    return row


def assessments_json(progress: Progress) -> list[dict[str, Any]]:
    """Each assessment's standing: items submitted, points, percent once complete, and
    for the final its pass mark and whether it is passed."""
    out = []
    for kind in (PRE, FINAL):
        module = assessment(kind)
        if module is None:
            continue
        got = score(progress, module)
        row: dict[str, Any] = {
            "module": module.id,
            "kind": kind,
            "items": got.items,
            "submitted": got.submitted,
            "points": got.points,
            "max_points": got.max_points,
            "percent": round(got.percent, 1) if got.complete else None,
        }
        if kind == FINAL:
            row |= {"pass_mark": module.pass_mark, "passed": got.passed}
        out.append(row)
    return out
