"""Word order never decides a verdict: an answer naming two groups is judged as a whole.

For every key and every field it asks, the groups the key knows (each right answer, each
partly right and wrong answer, the other fields' right answers) are paired and joined the
ways learners join them; reversing the two never changes the verdict. A trap's name is no
group: it is paired in the question "which trap?", not in the questions about people.
"""

from __future__ import annotations

import itertools

import pytest

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import AnswerKey, all_keys
from ams_exercises.grader.vocabulary import ROLE_FIELDS

JOINS = ("{a} and {b}", "{a} or {b}", "{a}, {b}")
KEYS = all_keys()


def groups(key: AnswerKey, name: str) -> list[str]:
    """One phrasing of each group the key knows, as a learner might name it in ``name``."""
    fk = key.fields[name]
    out = [item.accept[0] for item in fk.expected]
    out += [p.answers[0] for p in fk.partial] + [w.answers[0] for w in fk.wrong]
    out += [
        item.accept[0]
        for other, ok in key.fields.items()
        if other != name and (other in ROLE_FIELDS or name not in ROLE_FIELDS)
        for item in ok.expected
    ]
    return list(dict.fromkeys(out))


@pytest.mark.parametrize("key", KEYS, ids=[k.id for k in KEYS])
def test_reversing_two_groups_never_changes_the_verdict(key: AnswerKey):
    differ = []
    for name in key.asks:
        for a, b in itertools.combinations(groups(key, name), 2):
            for join in JOINS:
                one = grade(key, {name: join.format(a=a, b=b)}).fields[name]
                two = grade(key, {name: join.format(a=b, b=a)}).fields[name]
                if one.verdict != two.verdict:
                    differ.append(
                        f"{name}: {join.format(a=a, b=b)!r} {one.verdict}, reversed {two.verdict}"
                    )
    assert not differ, f"{len(differ)} pairs differ, e.g.:\n" + "\n".join(differ[:15])


@pytest.mark.parametrize("key", KEYS, ids=[k.id for k in KEYS])
def test_the_right_group_with_another_role_is_never_full_credit(key: AnswerKey):
    full = []
    for name in key.asks:
        fk = key.fields[name]
        right = fk.expected[0].accept[0]
        for wrong in fk.wrong:
            if wrong.recognized_as is None or wrong.recognized_as == name:
                continue
            for join in JOINS:
                for answer in (
                    join.format(a=right, b=wrong.answers[0]),
                    join.format(a=wrong.answers[0], b=right),
                ):
                    res = grade(key, {name: answer}).fields[name]
                    if res.verdict == "correct":
                        full.append(f"{name}: {answer!r}")
    assert not full, "hedges with full credit:\n" + "\n".join(full[:15])
