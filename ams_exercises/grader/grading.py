"""The grading core: judge a learner's answers against an answer key. Pure: no I/O.

:func:`grade` takes a validated :class:`~ams_exercises.grader.keys.AnswerKey` and a mapping of
field name to answer (a string for single fields, a list of strings for list fields) and
returns a :class:`~ams_exercises.grader.result.CheckResult`.

Scoring. A single field earns its points when right, half when partly right, none
otherwise. A list field needs ``min_items`` right items (default: all the key lists);
each is matched to at most one key item; a partly right item counts half; every wrong or
unrecognised extra item takes off half an item. The field is ``correct`` only with enough
right items and no wrong ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from weakref import WeakKeyDictionary

from .keys import AnswerKey, FieldKey
from .matching import Candidate, Match, best_match
from .result import CheckResult, FieldResult, ItemResult, role_phrase, trap_sentence
from .vocabulary import FIELD_NAMES, LIST_FIELDS

#: Credit taken off a list field for each wrong extra item, in items.
WRONG_ITEM_PENALTY = 0.5


def grade(key: AnswerKey, answers: Mapping[str, object], *, attempt: int = 0) -> CheckResult:
    """Grade ``answers`` against ``key``. ``attempt`` (0-based) picks how far along the hints go."""
    fields: dict[str, FieldResult] = {}
    for name in key.asks:
        value = answers.get(name)
        if name in LIST_FIELDS:
            fields[name] = _grade_list(key, name, _as_list(value), attempt)
        else:
            fields[name] = _grade_single(key, name, _as_text(value), attempt)
    score = round(sum(f.score for f in fields.values()), 2)
    return CheckResult(key.id, key.title, score, key.max_score, fields)


def candidates(key: AnswerKey, name: str) -> tuple[Candidate, ...]:
    """Every phrasing the key knows that an answer to field ``name`` might name."""
    per_key = _CANDIDATES.get(key)
    if per_key is None:
        per_key = _CANDIDATES[key] = {}
    if name not in per_key:
        per_key[name] = _candidates(key, name)
    return per_key[name]


#: Candidates per key and field, forgotten with the key (keys compare by identity).
_CANDIDATES: WeakKeyDictionary[AnswerKey, dict[str, tuple[Candidate, ...]]] = WeakKeyDictionary()


def _candidates(key: AnswerKey, name: str) -> tuple[Candidate, ...]:
    fk = key.fields[name]
    out = [
        Candidate.of(p, "accept", i, name)
        for i, item in enumerate(fk.expected)
        for p in item.accept
    ]
    out += [
        Candidate.of(p, "partial", i, name)
        for i, part in enumerate(fk.partial)
        for p in part.answers
    ]
    out += [Candidate.of(p, "wrong", i, name) for i, w in enumerate(fk.wrong) for p in w.answers]
    for other, ok in key.fields.items():
        if other != name:
            out += [
                Candidate.of(p, "elsewhere", i, other)
                for i, it in enumerate(ok.expected)
                for p in it.accept
            ]
    return tuple(out)


def _as_text(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    return None


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def _hint(key: AnswerKey, fk: FieldKey, attempt: int) -> str | None:
    hints = fk.hints or key.hints
    return hints[min(attempt, len(hints) - 1)] if hints else None


def _judge(key: AnswerKey, name: str, answer: str, match: Match | None) -> ItemResult:
    """What one answer is, with the feedback a trainer would give."""
    fk = key.fields[name]
    label = FIELD_NAMES[name].lower()
    if match is None:
        return ItemResult(
            answer,
            "unrecognized",
            feedback=f"“{answer}” is not one of the answers the key has for {label}.",
        )
    cand = match.candidate
    if cand.kind == "accept":
        return ItemResult(answer, "matched", matched=fk.expected[cand.index].accept[0])
    if cand.kind == "partial":
        return ItemResult(answer, "partial", feedback=fk.partial[cand.index].feedback)
    if cand.kind == "wrong":
        wrong = fk.wrong[cand.index]
        return ItemResult(
            answer,
            "wrong",
            recognized_as=wrong.recognized_as,
            trap=wrong.trap,
            feedback=wrong.feedback + trap_sentence(wrong.trap),
        )
    # In the learner's own words: the key's phrasing would give another field's answer away.
    return ItemResult(
        answer,
        "wrong",
        recognized_as=cand.field,
        feedback=(
            f"In this scenario “{answer}” is {role_phrase(cand.field)}, "
            f"not {role_phrase(name) if name in LIST_FIELDS else 'the ' + label}."
        ),
    )


def _grade_single(key: AnswerKey, name: str, answer: str | None, attempt: int) -> FieldResult:
    fk = key.fields[name]
    if answer is None:
        return FieldResult(
            name,
            "missing",
            0,
            fk.points,
            None,
            feedback="No answer given.",
            hint=_hint(key, fk, attempt),
        )
    item = _judge(key, name, answer, best_match(answer, candidates(key, name)))
    if item.outcome == "matched":
        return FieldResult(
            name,
            "correct",
            fk.points,
            fk.points,
            answer,
            matched=[item.matched or ""],
            feedback=fk.explanation or "Right.",
            outcome=item.outcome,
        )
    verdict, score = ("partial", fk.points / 2) if item.outcome == "partial" else ("incorrect", 0)
    return FieldResult(
        name,
        verdict,
        score,
        fk.points,
        answer,
        recognized_as=item.recognized_as,
        trap=item.trap,
        feedback=item.feedback,
        hint=_hint(key, fk, attempt),
        outcome=item.outcome,
    )


def _grade_list(key: AnswerKey, name: str, answers: list[str], attempt: int) -> FieldResult:
    fk = key.fields[name]
    if not answers:
        return FieldResult(
            name,
            "missing",
            0,
            fk.points,
            [],
            feedback="No answer given.",
            hint=_hint(key, fk, attempt),
            items=[],
        )
    cands = candidates(key, name)
    taken: set[int] = set()
    partial_taken: set[int] = set()
    items: list[ItemResult] = []
    right = partial = wrong = 0
    for answer in answers:
        match = best_match(answer, cands)
        item = _judge(key, name, answer, match)
        index = match.candidate.index if match else -1
        if item.outcome == "matched":
            if index in taken:
                item = ItemResult(
                    answer,
                    "duplicate",
                    matched=item.matched,
                    feedback=f"Already counted: “{item.matched}”.",
                )
            else:
                taken.add(index)
                right += 1
        elif item.outcome == "partial":
            if index in partial_taken:
                item = ItemResult(answer, "duplicate", feedback="Already counted.")
            else:
                partial_taken.add(index)
                partial += 1
        else:
            wrong += 1
        items.append(item)
    needed = fk.needed
    credit = min(right + 0.5 * partial, needed) - WRONG_ITEM_PENALTY * wrong
    fraction = max(0.0, credit) / needed
    score = round(fk.points * fraction, 2)
    if right >= needed and wrong == 0:
        verdict = "correct"
    elif score == 0:
        verdict = "incorrect"
    else:
        verdict = "partial"
    first_wrong = next((i for i in items if i.outcome == "wrong"), None)
    notes = [i.feedback for i in items if i.outcome not in ("matched",) and i.feedback]
    if verdict == "correct":
        summary = fk.explanation or "Right."
    elif right >= needed:
        summary = "Enough right entries, but not every entry is right."
    elif right == 0:
        summary = "None of these is right yet."
    else:
        summary = f"{right} of the {needed} needed."
    return FieldResult(
        name,
        verdict,
        score,
        fk.points,
        answers,
        matched=[i.matched for i in items if i.outcome == "matched" and i.matched],
        recognized_as=first_wrong.recognized_as if first_wrong else None,
        trap=first_wrong.trap if first_wrong else None,
        feedback=" ".join([summary, *notes]),
        hint=None if verdict == "correct" else _hint(key, fk, attempt),
        items=items,
    )
