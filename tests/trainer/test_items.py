"""Item analysis (ams_exercises.classroom.items): figures counted by hand on small classes,
and the edge cases that must give a reason, never NaN or an exception."""

from __future__ import annotations

import math
import random

import pytest

from ams_exercises.classroom.items import (
    MIN_LEARNERS,
    NOT_ENOUGH,
    SAME_ELSEWHERE,
    SAME_ON_ITEM,
    analyse_item,
    item_analysis,
)


def learners(items: list[float], rests: list[float]):
    """(item points, rest points) pairs: an item worth 1, a rest worth 10."""
    return [((x, 1), (r * 10, 10)) for x, r in zip(items, rests, strict=True)]


@pytest.mark.parametrize("n", [0, 1, 2, MIN_LEARNERS - 1])
def test_too_few_learners_give_a_difficulty_and_no_discrimination(n):
    difficulty, discrimination, note = analyse_item(learners([1.0] * n, [0.5] * n))
    assert discrimination is None and note == NOT_ENOUGH
    assert difficulty == (None if n == 0 else 1.0)


def test_one_learner_who_got_half_of_a_two_point_field():
    assert analyse_item([((1, 2), (3, 4))]) == (0.5, None, NOT_ENOUGH)


def test_upper_minus_lower_counted_by_hand():
    rests = [i / 10 for i in range(10)]  # learner 9 did best on the rest of their work
    top_three_right = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1]
    assert analyse_item(learners(top_three_right, rests)) == (0.3, 1.0, "")
    # the weakest three right, the strongest three wrong: a key error's signature
    assert analyse_item(learners(top_three_right[::-1], rests)) == (0.3, -1.0, "")
    # 27% of 10 is 3 learners per group: upper 2 of 3 right, lower 1 of 3 right
    mixed = [1, 0, 0, 1, 1, 1, 1, 0, 1, 1]
    _d, discrimination, _ = analyse_item(learners(mixed, rests))
    assert discrimination == pytest.approx(2 / 3 - 1 / 3, abs=1e-4)


def test_ties_at_the_edge_of_a_group_are_shared_whatever_the_order():
    # four learners tie for the top; the upper group has three places; two of the four got
    # it right, so the upper group earns 3 x 2/4 = 1.5 of 3 whatever order they come in
    rests = [1, 1, 1, 1, 0.5, 0.5, 0.2, 0.1, 0.1, 0.0]
    items = [1, 0, 1, 0, 1, 1, 0, 0, 0, 1]
    results = set()
    rng = random.Random(3)
    for _ in range(20):
        order = list(range(10))
        rng.shuffle(order)
        pairs = learners([items[i] for i in order], [rests[i] for i in order])
        results.add(analyse_item(pairs))
    (result,) = results
    # lower group: 0.0 (right), then 0.1 and 0.1 (both wrong): 1 of 3
    assert result == (0.5, pytest.approx(0.5 - 1 / 3, abs=1e-4), "")


def test_zero_variance_gives_a_reason_not_nan():
    rests = [i / 10 for i in range(12)]
    assert analyse_item(learners([1] * 12, rests)) == (1.0, None, SAME_ON_ITEM)
    assert analyse_item(learners([0] * 12, rests)) == (0.0, None, SAME_ON_ITEM)
    items = [1, 0] * 6
    assert analyse_item(learners(items, [0.7] * 12)) == (0.5, None, SAME_ELSEWHERE)
    # nothing else answered: no rest to rank by
    alone = [((x, 1), (0, 0)) for x in items]
    assert analyse_item(alone) == (0.5, None, SAME_ELSEWHERE)


def test_partial_credit_counts_as_a_share_of_the_points():
    rests = [i / 10 for i in range(10)]
    items = [0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1, 1]
    difficulty, discrimination, _ = analyse_item(learners(items, rests))
    assert difficulty == 0.5 and discrimination == 1.0


def test_items_count_only_learners_who_handed_in_the_exercise_and_leave_themselves_out():
    scores = {
        f"l{n}": {("a", "widget"): (n % 2, 1), ("b", "widget"): (1 if n >= 6 else 0, 1)}
        for n in range(12)
    }
    scores["absent"] = {("b", "widget"): (1, 1)}  # never handed in exercise a
    stats = item_analysis(scores, [("a", "widget"), ("b", "widget"), ("c", "widget")])
    a, b, c = stats
    assert (a.learners, b.learners, c.learners) == (12, 13, 0)
    assert c.difficulty is None and c.discrimination is None and not c.flagged
    assert a.discrimination is not None and not math.isnan(a.discrimination)
    # "absent" has no rest of their work: left out of b's groups, counted in its difficulty
    assert b.difficulty == pytest.approx(7 / 13, abs=1e-4)


def test_negative_discrimination_is_flagged_positive_and_zero_are_not():
    honest = [("x", f"q{q}") for q in range(5)]
    scores = {}
    for n in range(20):
        strong = n >= 10
        mine = {item: (1 if strong or (n + q) % 4 == 0 else 0, 1) for q, item in enumerate(honest)}
        mine[("x", "planted")] = (0 if strong else 1, 1)  # the key error
        mine[("y", "easy")] = (1, 1)  # everyone right: separates nobody
        scores[f"l{n}"] = mine
    by = {(i.exercise, i.field): i for i in item_analysis(scores, list(scores["l0"]))}
    assert by[("x", "planted")].flagged and by[("x", "planted")].discrimination == -1.0
    assert [i for i in by if by[i].flagged] == [("x", "planted")]
    assert all(by[i].discrimination > 0 for i in honest)
    assert by[("y", "easy")].discrimination is None and by[("y", "easy")].note == SAME_ON_ITEM
