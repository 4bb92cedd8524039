"""Apply the trainer's decisions (:mod:`.decisions`) to the graded results, before anything
is counted.

A decided answer takes the trainer's verdict: a single field earns its points (accept),
half (partial) or none (wrong); an entry of a list field counts as a right, partly right or
wrong entry, and the field's score is worked out again with the grader's own rule (right
entries, half for a partly right one, half an entry off for each wrong one). Each decided
answer is marked (:attr:`~.summary.Graded.decided`), so the report and the CSV files show
what the trainer changed, and the class's figures (the most common slip, what to revisit)
are computed from the decided results: an answer the trainer accepted is never a slip.

An ``answer`` entry wins over a ``group`` entry for the same answer. Pure: no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..grader.grading import WRONG_ITEM_PENALTY
from ..grader.keys import key_for
from ..grader.normalize import normal
from ..grader.result import FieldResult, ItemResult
from .decisions import Decision
from .groups import Answer, field_answers, group_id
from .model import Graded

#: The outcome of an entry, and the verdict of a single field, each decision gives.
OUTCOME = {"accept": "matched", "partial": "partial", "wrong": "wrong"}
VERDICT = {"accept": "correct", "partial": "partial", "wrong": "incorrect"}
#: What a learner is told of an answer the trainer decided (when the note says nothing).
TOLD = {
    "accept": "Your trainer accepted this answer.",
    "partial": "Your trainer gave this answer half credit.",
    "wrong": "Your trainer marked this answer wrong.",
}
SAID = {"matched": "right", "partial": "partial", "wrong": "wrong", "unrecognized": "unsure"}


def _told(d: Decision) -> str:
    return f"{TOLD[d.decision]} {d.note}".strip()


class Decider:
    """Finds the decision on an answer, and counts how often each decision was used."""

    def __init__(self, decisions: Sequence[Decision]) -> None:
        self.by_answer = {
            (d.exercise, d.field, d.normal_answer): d for d in decisions if d.answer is not None
        }
        self.by_group = {(d.exercise, d.field, d.group): d for d in decisions if d.group}
        self.used: Counter[Decision] = Counter()
        self.decisions = list(decisions)

    def find(self, answer: Answer) -> Decision | None:
        d = self.by_answer.get((answer.exercise, answer.field, normal(answer.text)))
        if d is None:
            gid = group_id(answer.exercise, answer.field, answer.reading)
            d = self.by_group.get((answer.exercise, answer.field, gid))
        if d is not None:
            self.used[d] += 1
        return d

    @property
    def unused(self) -> list[Decision]:
        """Decisions that matched no answer of the class (a typo, or an answer nobody gave)."""
        return [d for d in self.decisions if not self.used[d]]


def _single(res: FieldResult, d: Decision) -> FieldResult:
    points = res.max_score
    score = {"accept": points, "partial": points / 2, "wrong": 0}[d.decision]
    accepted = d.decision == "accept"
    return replace(
        res,
        verdict=VERDICT[d.decision],
        score=round(score, 2),
        outcome=OUTCOME[d.decision],
        recognized_as=None if accepted else res.recognized_as,
        trap=None if accepted else res.trap,
        feedback=_told(d),
    )


def _list(exercise: str, res: FieldResult, decided: dict[int, Decision]) -> FieldResult:
    items: list[ItemResult] = []
    for n, item in enumerate(res.items or [], 1):
        d = decided.get(n)
        if d is None:
            items.append(item)
            continue
        accepted = d.decision == "accept"
        items.append(
            replace(
                item,
                outcome=OUTCOME[d.decision],
                recognized_as=None if accepted else item.recognized_as,
                trap=None if accepted else item.trap,
                feedback=_told(d),
            )
        )
    count = Counter(i.outcome for i in items)
    needed = key_for(exercise).fields[res.field].needed
    credit = min(count["matched"] + 0.5 * count["partial"], needed)
    credit -= WRONG_ITEM_PENALTY * count["wrong"]
    score = round(res.max_score * max(0.0, credit) / needed, 2)
    if count["unrecognized"]:
        verdict = "unsure"
    elif count["matched"] >= needed and not count["wrong"]:
        verdict = "correct"
    elif score == 0:
        verdict = "incorrect"
    else:
        verdict = "partial"
    feedback = res.feedback
    if verdict != res.verdict:
        feedback = "Your trainer decided on some of these answers; see each one."
    return replace(res, items=items, score=score, verdict=verdict, feedback=feedback)


def decide(g: Graded, decider: Decider) -> Graded:
    """``g`` with the trainer's decisions applied (``g`` itself when none applies)."""
    fields = dict(g.result.fields)
    marks: dict[tuple[str, int], str] = {}
    for name, res in g.result.fields.items():
        found = {
            a.entry: (a, d)
            for a in field_answers(g.learner, g.result.exercise, res)
            for d in [decider.find(a)]
            if d is not None
        }
        if not found:
            continue
        for entry, (a, d) in found.items():
            marks[(name, entry)] = f"{d.decision} (was {SAID[a.outcome]})"
        if 0 in found:
            fields[name] = _single(res, found[0][1])
        else:
            fields[name] = _list(g.result.exercise, res, {n: d for n, (_a, d) in found.items()})
    if not marks:
        return g
    score = round(sum(f.score for f in fields.values()), 2)
    return replace(g, result=replace(g.result, fields=fields, score=score), decided=marks)


def apply_decisions(
    graded: Sequence[Graded], decisions: Sequence[Decision]
) -> tuple[list[Graded], list[Decision]]:
    """Every result with the decisions applied, and the decisions no answer matched."""
    if not decisions:
        return list(graded), []
    decider = Decider(decisions)
    return [decide(g, decider) for g in graded], decider.unused
