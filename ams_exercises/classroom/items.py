"""Item analysis: how hard each question was, and whether it tells strong learners from weak.

An *item* is one field of one exercise (the primary customer of "environmental-permit").
For every item, among the learners who handed in that exercise:

* **difficulty** is the share of the item's points the learners earned: with no partial
  credit, simply the share who got it right (1.0: everyone did; 0.0: nobody did);
* **discrimination** is the upper-lower index: the difficulty among the 27% of those
  learners who did best on the *rest* of their work, minus the difficulty among the 27%
  who did worst. The rest of their work is the share of points earned on every other item
  they answered (the item itself is left out, so it cannot vouch for itself). It runs from
  -1 to +1: positive when stronger learners get the item right more often, as they should.

We use the upper-lower index rather than the point-biserial correlation because a trainer
can check it by hand ("of the best eight, seven got it; of the weakest eight, two did") and
it needs no variance to be defined.

An item with **negative** discrimination is flagged: the learners who did best elsewhere got
it wrong more often than the weakest. That is what a key error looks like (the key accepts
the wrong answer, or marks the right one wrong), or a question that misleads the strongest.

Edge cases give a reason instead of a number, never NaN and never an exception:

* fewer than :data:`MIN_LEARNERS` learners answered: "not enough learners";
* every learner scored the same on the item (all right, all wrong): it cannot separate
  anyone, so there is nothing to measure;
* every learner scored the same on the rest of their work (or had no other item): there
  is no "best" and "weakest" to compare.

Ties at the edge of a 27% group are shared fairly: learners tied with the last place of the
group each count for an equal part of the places left, so the result does not depend on
the order learners happen to be listed in.

A pure module: plain numbers in, plain records out; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: The share of the class in each of the upper and lower groups (Kelley's 27%).
GROUP_SHARE = 0.27
#: Fewer learners than this on an item and no discrimination is computed (groups of 3 at 10).
MIN_LEARNERS = 10

#: Reasons shown instead of a discrimination figure.
NOT_ENOUGH = "not enough learners"
SAME_ON_ITEM = "everyone scored the same on it"
SAME_ELSEWHERE = "learners' other work scored the same"

Item = tuple[str, str]  # (exercise id, field)
#: Points earned and the most that could be earned: (score, max).
Points = tuple[float, float]


@dataclass(frozen=True)
class ItemStats:
    """The figures of one item (one field of one exercise)."""

    exercise: str
    field: str
    learners: int
    difficulty: float | None  # share of the points earned, 0..1 (None: nobody answered)
    discrimination: float | None  # upper-lower index, -1..1 (None: see ``note``)
    note: str = ""  # why there is no discrimination figure

    @property
    def flagged(self) -> bool:
        """Negative discrimination: the strongest did worse than the weakest (a possible key
        error)."""
        return self.discrimination is not None and self.discrimination < 0


def _group_mean(ranked: Sequence[tuple[float, float]], k: int) -> float:
    """Mean item fraction over the first ``k`` places of ``ranked`` ((rest, item) pairs,
    best-first by rest), sharing the places at the edge equally among learners tied there."""
    edge = ranked[k - 1][0]
    before = [x for rest, x in ranked[:k] if rest != edge]  # strictly better than the edge
    tied = [x for rest, x in ranked if rest == edge]
    places = k - len(before)
    return (sum(before) + places * sum(tied) / len(tied)) / k


def _round(x: float) -> float:
    return round(x + 0.0, 4) + 0.0  # no -0.0


def analyse_item(points: Sequence[tuple[Points, Points]]) -> tuple[float | None, float | None, str]:
    """(difficulty, discrimination, note) of one item from each learner's (item points,
    points on the rest of their work)."""
    n = len(points)
    if not n:
        return None, None, NOT_ENOUGH
    item = [s / m if m else 0.0 for (s, m), _rest in points]
    difficulty = _round(sum(item) / n)
    if n < MIN_LEARNERS:
        return difficulty, None, NOT_ENOUGH
    if max(item) - min(item) < 1e-9:
        return difficulty, None, SAME_ON_ITEM
    rest = [s / m if m else None for _item, (s, m) in points]
    pairs = [(r, x) for r, x in zip(rest, item, strict=True) if r is not None]
    if len(pairs) < MIN_LEARNERS or max(r for r, _ in pairs) - min(r for r, _ in pairs) < 1e-9:
        return difficulty, None, SAME_ELSEWHERE
    k = max(1, round(GROUP_SHARE * len(pairs)))
    pairs = [(round(r, 9), x) for r, x in pairs]  # float noise never splits a tie
    upper = sorted(pairs, key=lambda p: -p[0])
    lower = sorted(pairs, key=lambda p: p[0])
    return difficulty, _round(_group_mean(upper, k) - _group_mean(lower, k)), ""


def item_analysis(
    scores: Mapping[str, Mapping[Item, Points]], items: Sequence[Item]
) -> list[ItemStats]:
    """Difficulty and discrimination of each of ``items`` (in that order).

    ``scores`` maps each learner to the points they earned on each item they answered,
    as ``(score, max)``; a learner who did not hand in an exercise simply has none of its
    items (and is not counted for them).
    """
    totals: dict[str, Points] = {
        learner: (sum(s for s, _ in mine.values()), sum(m for _, m in mine.values()))
        for learner, mine in scores.items()
    }
    out = []
    for item in items:
        pairs = []
        for learner, mine in scores.items():
            if item not in mine:
                continue
            s, m = mine[item]
            ts, tm = totals[learner]
            pairs.append(((s, m), (ts - s, tm - m)))
        difficulty, discrimination, note = analyse_item(pairs)
        out.append(ItemStats(item[0], item[1], len(pairs), difficulty, discrimination, note))
    return out
