"""A class's decisions as proposed additions to the answer keys, for the course's maintainers.

``ams-exercises decisions export SUBMISSIONS --out proposed.yaml`` grades the class, and
turns each decision that changed a verdict into the words a key file
(``course/keys/<id>.yaml``) would need for the grader to agree next time: an accepted answer
becomes a name of the actor the field asks for (or of the widget), a partly right one a
``partial`` entry with the trainer's note as its feedback. A wrong decision has no simple
key form (the answer may name a group the key places elsewhere): it is listed under
``review`` for the maintainers to weigh. Nothing is written into the package: the file is a
proposal, to review and merge by hand (:func:`merge_additions` does what a reviewer would).

Format of the file::

    format_version: 1
    keys:
      benefits-portal-modernization:
        actors:
          - id: households          # or group: front-line-staff, as the key names it
            names: [families who apply for food help]
            partial:
              - answers: [people who apply]
                feedback: Which people? ...
        widget: {names: [...], partial: [...]}
    review:
      - {exercise: ..., field: ..., answers: [...], decision: wrong, note: ...}
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..grader.keys import AnswerKey, key_for
from .grade_class import GradedClass
from .groups import group_id

#: Feedback of a partial entry when the trainer left no note.
PARTIAL_FEEDBACK = "On the way: name the group more precisely."


def _target(key: AnswerKey, field: str) -> dict[str, str] | None:
    """The key entry an accepted answer of ``field`` joins: the widget, or the actor the
    field's first right answer is (``None`` when the key has none; for a list field the
    reviewer may move the names to another of the field's actors)."""
    refs = key.fields[field].actors
    if field == "widget":
        return {"widget": "widget"}
    if not refs:
        return None
    actor = key.actor(refs[0])
    return {"group": actor.group} if actor.group else {"id": actor.ref}


def proposed_additions(result: GradedClass) -> dict[str, Any]:
    """The proposal: key additions by exercise, and decisions to review."""
    wanted: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    notes: dict[tuple, str] = {}
    review: list[dict[str, Any]] = []
    for d in result.decisions:
        texts: list[str] = []
        for a in all_answers_of(result, d.exercise, d.field):
            gid = group_id(a.exercise, a.field, a.reading)
            hit = (d.group and gid == d.group) or (d.answer and d.normal_answer == _normal(a.text))
            if hit and a.text not in texts:
                texts.append(a.text)
        if d.answer and d.answer not in texts:
            texts.insert(0, d.answer)
        if not texts:
            continue
        if d.decision == "wrong":
            review.append(
                {"exercise": d.exercise, "field": d.field, "answers": texts, "decision": "wrong"}
                | ({"note": d.note} if d.note else {})
            )
            continue
        key = key_for(d.exercise)
        target = _target(key, d.field)
        if target is None:
            review.append(
                {"exercise": d.exercise, "field": d.field, "answers": texts, "decision": d.decision}
            )
            continue
        slot = (d.exercise, tuple(target.items()))
        kind = "names" if d.decision == "accept" else "partial"
        for t in texts:
            if t not in wanted[slot][kind]:
                wanted[slot][kind].append(t)
        if d.decision == "partial":
            notes[slot] = d.note or notes.get(slot, PARTIAL_FEEDBACK)
    keys: dict[str, Any] = {}
    for (exercise, target), kinds in wanted.items():
        entry: dict[str, Any] = {}
        if kinds.get("names"):
            entry["names"] = kinds["names"]
        if kinds.get("partial"):
            feedback = notes.get((exercise, target), PARTIAL_FEEDBACK)
            entry["partial"] = [{"answers": kinds["partial"], "feedback": feedback}]
        found = dict(target)
        mine = keys.setdefault(exercise, {})
        if "widget" in found:
            mine["widget"] = entry
        else:
            mine.setdefault("actors", []).append(found | entry)
    return {"format_version": 1, "keys": keys, "review": review}


def _normal(text: str) -> str:
    from ..grader.normalize import normal

    return normal(text)


def all_answers_of(result: GradedClass, exercise: str, field: str):
    """The class's answers to one field, as the grader read them (before decisions)."""
    for group in result.groups:
        if group.exercise == exercise and group.field == field:
            yield from group.answers


def merge_additions(key_data: dict[str, Any], additions: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``key_data`` (a key file's content) with one exercise's ``additions`` merged
    in, as a reviewer would: names appended to the actor's (or the widget's) names, partial
    entries appended. An actor the key does not list (a lexicon group it leaves unplaced)
    is added with the names."""
    import copy

    out = copy.deepcopy(key_data)
    if "widget" in additions:
        _merge_into(out["widget"], additions["widget"])
    for add in additions.get("actors", []):
        ref = ("group", add["group"]) if "group" in add else ("id", add["id"])
        actor = next((a for a in out["actors"] if a.get(ref[0]) == ref[1]), None)
        if actor is None:
            out["actors"].append({ref[0]: ref[1]})
            actor = out["actors"][-1]
        _merge_into(actor, add)
    return out


def _merge_into(target: dict[str, Any], add: dict[str, Any]) -> None:
    if add.get("names"):
        names = target.setdefault("names", [])
        names += [n for n in add["names"] if n not in names]
    if add.get("partial"):
        target.setdefault("partial", []).extend(add["partial"])
