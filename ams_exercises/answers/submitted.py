"""The submission of an assessment item, written into its worksheet for class grading.

When ``check`` submits an item of the pre-check or the final assessment, the answers and
their points are kept in the progress file and also written at the end of the worksheet, as
a block a learner is told not to edit: a comment saying what was submitted, in words, and
one ``submitted:`` line the tools read. The worksheet is what a learner hands in, without
thinking of any other file, so the trainer's ``grade`` finds the submission there: it
grades the submitted answers, never the ones above them, and notes a worksheet whose
answers were changed after submitting (:func:`read_block`, :func:`changed`).

The ``submitted:`` line is one JSON mapping (JSON is YAML too), so that the answer file's
readers see one key, never a second copy of a field.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files.atomic import write_atomic


@dataclass
class Submission:
    """An assessment item as submitted: the answers, and the points they earned then."""

    at: str
    answers: dict[str, str | list[str] | None]
    points: float
    max_points: int

    @property
    def percent(self) -> float:
        return 100 * self.points / self.max_points if self.max_points else 0.0


#: The worksheet's key for the block (one of the answer file's non-field keys).
KEY = "submitted"
#: The block's first line: everything from it to the end of the file is the tool's.
MARKER = "# ---- Submitted: do not edit from here to the end of the file ----"


def _said(answer: str | list[str] | None) -> str:
    if isinstance(answer, list):
        return "; ".join(answer)
    return answer or "(blank)"


def block(exercise: str, sub: Submission) -> str:
    """The lines written at the end of ``exercise``'s worksheet for ``sub``."""
    intro = (
        f"`ams-exercises check {exercise}` recorded these answers on {sub.at[:10]}: "
        f"{sub.points:g} of {sub.max_points} points. The item is answered once: your trainer "
        "grades these answers, and a change to the answers above does not count."
    )
    lines = [MARKER, *(f"# {line}" for line in textwrap.wrap(intro, 86))]
    for name, answer in sub.answers.items():
        lines += [f"#   {line}" for line in textwrap.wrap(f"{name}: {_said(answer)}", 84)]
    record = {
        "at": sub.at,
        "points": sub.points,
        "max_points": sub.max_points,
        "answers": sub.answers,
    }
    lines.append(f"{KEY}: {json.dumps(record, ensure_ascii=True)}")
    return "\n".join(lines) + "\n"


def write_block(worksheet: Path, exercise: str, sub: Submission) -> bool:
    """Write (or write again) the block of ``sub`` at the end of ``worksheet``, keeping
    everything above it; False when it is already there as it should be."""
    text = worksheet.read_text(encoding="utf-8")
    above = text.split(MARKER, 1)[0]
    new = above.rstrip("\n") + "\n\n" + block(exercise, sub)
    if new == text:
        return False
    write_atomic(worksheet, new)
    return True


def read_block(value: Any) -> Submission:
    """The submission a worksheet's ``submitted:`` value holds; ValueError (with a reason a
    trainer can act on) when it was edited out of shape."""
    if not isinstance(value, Mapping):
        raise ValueError("its 'submitted:' line was edited and cannot be read")
    answers, points, most = value.get("answers"), value.get("points"), value.get("max_points")
    if (
        not isinstance(answers, Mapping)
        or not isinstance(points, int | float)
        or not isinstance(most, int)
        or not isinstance(value.get("at"), str)
    ):
        raise ValueError("its 'submitted:' line was edited and cannot be read")
    return Submission(value["at"], dict(answers), float(points), most)


def _same(one: Any, other: Any) -> bool:
    def norm(v: Any) -> Any:
        if isinstance(v, list):
            return [" ".join(str(e).split()).lower() for e in v if e]
        return " ".join(str(v).split()).lower() if v else ""

    return norm(one) == norm(other)


def changed(editable: Mapping[str, Any], submitted: Mapping[str, Any]) -> bool:
    """Whether the worksheet's answers differ from those submitted (spacing and case
    aside)."""
    names = set(editable) | set(submitted)
    return not all(_same(editable.get(n), submitted.get(n)) for n in names)
