"""Answer groups: a field's answers put together by how the grader read them.

Thirty learners write "caseworkers", "the caseworkers" and "case workers": the grader reads
all three as the front-line staff, and the trainer decides on them once. Two answers are in
one group when the grader's result says the same of them: the outcome, and what it matched
(the key's phrasing), recognized (a role, a trap) or told the learner (the key's words
for that answer, the learner's own words left out). An answer the grader could not place
is grouped with the answers that read the same as text (case, punctuation, plurals aside).

Each group has a short, stable id (``g-`` and six hex digits of its reading) that the
decisions file names (:mod:`.decisions`): the reading depends only on the grader, so the
id stays the same every time the class is graded. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..grader.normalize import normal
from ..grader.result import FieldResult
from ..grader.vocabulary import LIST_FIELDS
from .model import Graded

#: The report's word for each outcome.
SAID = {
    "matched": "right",
    "partial": "partly right",
    "wrong": "wrong",
    "unrecognized": "not placed",
}


@dataclass(frozen=True)
class Answer:
    """One answer (a single field, or one entry of a list field) and the grader's reading."""

    learner: str
    exercise: str
    field: str
    entry: int  # 0 for a single field; 1, 2... for a list's entries
    text: str
    outcome: str  # matched | partial | wrong | unrecognized
    reading: str
    recognized_as: str | None = None


@dataclass
class AnswerGroup:
    """Every answer to one field that the grader read alike."""

    id: str
    exercise: str
    field: str
    outcome: str
    reading: str
    answers: list[Answer]
    recognized_as: str | None = None

    @property
    def learners(self) -> list[str]:
        return sorted({a.learner for a in self.answers}, key=str.casefold)

    @property
    def phrasings(self) -> list[tuple[str, int]]:
        """The phrasings learners used, most common first."""
        counts: dict[str, int] = defaultdict(int)
        for a in self.answers:
            counts[a.text] += 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))

    @property
    def verdict(self) -> str:
        return SAID[self.outcome]

    def copy_line(self, decision: str) -> str:
        """The line a trainer copies into ``decisions.yaml`` to decide this group."""
        return (
            f"- {{exercise: {self.exercise}, field: {self.field}, group: {self.id}, "
            f"decision: {decision}}}"
        )


def _reading(
    outcome: str, matched: str | None, role: str | None, trap: str | None, feedback: str, text: str
) -> str:
    """What the grader made of an answer, without the learner's own words."""
    if outcome == "matched":
        return f"right: {matched or normal(text)}"
    if outcome == "unrecognized":
        return f"not placed: {normal(text)}"
    said = feedback.replace(text, "…") if text else feedback
    return f"{outcome}: {role or ''}: {trap or ''}: {matched or ''}: {said}"


def group_id(exercise: str, field: str, reading: str) -> str:
    """The stable id of the group of ``reading`` on one field."""
    digest = hashlib.sha1(f"{exercise}|{field}|{reading}".encode(), usedforsecurity=False)
    return "g-" + digest.hexdigest()[:6]


def field_answers(learner: str, exercise: str, res: FieldResult) -> Iterator[Answer]:
    """Each answer of one field, with its reading (nothing for a blank field or a
    duplicate entry, which a decision cannot change)."""
    if res.verdict == "missing":
        return
    if res.items is None or res.field not in LIST_FIELDS:
        if not isinstance(res.answer, str) or res.outcome is None:
            return
        matched = res.matched[0] if res.matched else None
        reading = _reading(
            res.outcome, matched, res.recognized_as, res.trap, res.feedback, res.answer
        )
        yield Answer(
            learner, exercise, res.field, 0, res.answer, res.outcome, reading, res.recognized_as
        )
        return
    for n, item in enumerate(res.items, 1):
        if item.outcome == "duplicate":
            continue
        reading = _reading(
            item.outcome, item.matched, item.recognized_as, item.trap, item.feedback, item.answer
        )
        yield Answer(
            learner,
            exercise,
            res.field,
            n,
            item.answer,
            item.outcome,
            reading,
            item.recognized_as,
        )


def all_answers(graded: Iterable[Graded]) -> Iterator[Answer]:
    """Every answer of the class, with its reading."""
    for g in graded:
        for res in g.result.fields.values():
            yield from field_answers(g.learner, g.result.exercise, res)


def answer_groups(graded: Iterable[Graded]) -> list[AnswerGroup]:
    """Every answer group of the class: by exercise and field as first met, then the
    group with the most answers first."""
    groups: dict[str, AnswerGroup] = {}
    for answer in all_answers(graded):
        gid = group_id(answer.exercise, answer.field, answer.reading)
        group = groups.get(gid)
        if group is None:
            group = groups[gid] = AnswerGroup(
                gid,
                answer.exercise,
                answer.field,
                answer.outcome,
                answer.reading,
                [],
                answer.recognized_as,
            )
        group.answers.append(answer)
    place: dict[tuple[str, str], int] = {}
    for g in groups.values():
        place.setdefault((g.exercise, g.field), len(place))
    return sorted(groups.values(), key=lambda g: (place[(g.exercise, g.field)], -len(g.answers)))
