"""What a check returns: a score and its reasons together, for every surface to show.

Plain dataclasses: the grader builds them, the command line prints :meth:`CheckResult.to_text`
or :meth:`CheckResult.to_dict` (the ``--json`` output, described by
``course/schemas/check-result.schema.json``), and Jupyter shows :meth:`CheckResult._repr_html_`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..shown import printable
from .language import say
from .vocabulary import FIELD_LABELS, ROLE_LABELS, TRAPS, VERDICTS


@dataclass(frozen=True)
class ItemResult:
    """One entry of a list field and what the grader made of it."""

    answer: str
    outcome: str  # matched | partial | wrong | unrecognized | duplicate
    matched: str | None = None
    recognized_as: str | None = None
    trap: str | None = None
    feedback: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "outcome": self.outcome,
            "matched": self.matched,
            "recognized_as": self.recognized_as,
            "trap": self.trap,
            "feedback": self.feedback,
        }


@dataclass(frozen=True)
class FieldResult:
    """The verdict on one asked field, with everything needed to explain it."""

    field: str
    verdict: str  # correct | partial | incorrect | unsure | missing
    score: float
    max_score: int
    answer: str | list[str] | None
    matched: list[str] = field(default_factory=list)
    recognized_as: str | None = None
    trap: str | None = None
    feedback: str = ""
    hint: str | None = None
    items: list[ItemResult] | None = None
    #: Single fields: what the answer was judged to be, as :attr:`ItemResult.outcome`
    #: (``None`` when missing; list fields keep theirs on each item). Not in the JSON.
    outcome: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "verdict": self.verdict,
            "score": self.score,
            "max_score": self.max_score,
            "answer": self.answer,
            "matched": self.matched,
            "recognized_as": self.recognized_as,
            "trap": self.trap,
            "feedback": self.feedback,
            "hint": self.hint,
        }
        if self.items is not None:
            out["items"] = [item.to_dict() for item in self.items]
        return out


@dataclass(frozen=True)
class CheckResult:
    """The grader's answer for one exercise: score, maximum, and each field's verdict."""

    exercise: str
    title: str
    score: float
    max_score: int
    fields: dict[str, FieldResult]

    @property
    def passed(self) -> bool:
        """Every asked field is correct."""
        return all(f.verdict == "correct" for f in self.fields.values())

    @property
    def unsure(self) -> bool:
        """Whether the grader could not place an answer (the trainer has the last word)."""
        return any(f.verdict == "unsure" for f in self.fields.values())

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` object (see ``course/schemas/check-result.schema.json``)."""
        return {
            "exercise": self.exercise,
            "title": self.title,
            "score": self.score,
            "max_score": self.max_score,
            "passed": self.passed,
            "fields": {name: f.to_dict() for name, f in self.fields.items()},
        }

    def to_text(self, style: Any = None, closing: str | None = None) -> str:
        """Readable text for a terminal. ``style(text, verdict)`` may color a verdict;
        ``closing`` replaces the last line's verdict ("Not there yet: ...")."""
        paint = style or (lambda text, _verdict: text)
        lines = [
            f"{self.title} ({self.exercise})",
            f"Score: {_num(self.score)} / {self.max_score}",
            "",
        ]
        for name, res in self.fields.items():
            label = FIELD_LABELS[name]
            said = f"{_MARK[res.verdict]} {_SAY[res.verdict].upper()}"
            lines.append(f"{paint(said, res.verdict)}  {label}")
            if res.answer not in (None, "", []):
                shown = "; ".join(res.answer) if isinstance(res.answer, list) else res.answer
                lines.append(f"    your answer: {printable(shown)}")
            if res.feedback:
                lines.append(f"    {printable(res.feedback)}")
            if res.hint:
                lines.append(f"    hint: {res.hint}")
        lines.append("")
        if closing is not None:
            lines.append(closing)
        else:
            lines.append(
                "All fields correct. Well done!"
                if self.passed
                else "Not there yet: revise and check again."
            )
        if self.unsure:
            lines.append(UNSURE_NOTE)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<CheckResult {self.exercise}: {_num(self.score)} / {self.max_score}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's console view: the same text as the command line, not a field dump."""
        printer.text(self.to_text())

    def _repr_html_(self) -> str:
        """Jupyter's view: a small table, left-aligned, every answer escaped."""
        from html import escape  # only in Jupyter; html.entities is slow to import

        rows = []
        for name, res in self.fields.items():
            shown = "; ".join(res.answer) if isinstance(res.answer, list) else (res.answer or "")
            extra = f"<br><em>Hint:</em> {escape(res.hint)}" if res.hint else ""
            rows.append(
                f"<tr><th scope='row'>{escape(FIELD_LABELS[name])}</th>"
                f"<td>{escape(shown)}</td>"
                f"<td><strong>{_MARK[res.verdict]} {escape(_SAY[res.verdict])}</strong></td>"
                f"<td>{escape(res.feedback)}{extra}</td></tr>"
            )
        verdict = "All fields correct." if self.passed else "Not there yet."
        if self.unsure:
            verdict += " " + UNSURE_NOTE
        return (
            f"<div class='ams-check-result'><p><strong>{escape(self.title)}</strong>: "
            f"{_num(self.score)} / {self.max_score}. {verdict}</p>"
            "<table style='text-align: left'><thead><tr><th scope='col'>Field</th>"
            "<th scope='col'>Your answer</th>"
            "<th scope='col'>Verdict</th><th scope='col'>Feedback</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )


#: The verdict as the terminal and Jupyter print it.
_SAY = {v: v for v in VERDICTS} | {"unsure": "can't tell"}
#: Said under a check with an answer the grader could not place.
UNSURE_NOTE = (
    "The grader could not place every answer: say it another way, or ask your trainer,"
    " who has the last word."
)
_MARK = {"correct": "✓", "partial": "~", "incorrect": "✗", "unsure": "?", "missing": "?"}


def _num(x: float) -> str:
    return f"{x:g}"


def role_phrase(role: str) -> str:
    """How feedback names a role: 'an investor', 'a stakeholder', ..."""
    return ROLE_LABELS[role]


def trap_sentence(trap: str | None) -> str:
    """' Trap: The Presumption Problem.' (after the feedback) or '' when no trap applies."""
    return " " + say("trap", trap=TRAPS[trap]) if trap else ""
