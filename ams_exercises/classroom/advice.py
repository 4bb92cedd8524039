"""The class report's sentences for the trainer: what to revisit in the next session,
most pressing first, and the one line ``grade`` ends with. English and its plurals live
here; the figures come from :class:`~.model.ClassSummary`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..grader.vocabulary import FIELD_LABELS, FIELD_NAMES, ROLE_LABELS, ROLES, TRAPS
from .model import ClassSummary, CommonWrong, ExerciseStats

#: An exercise is worth revisiting below this average fraction of its points.
REVISIT_BELOW = 0.7


def noun(count: int, word: str, many: str | None = None) -> str:
    """``word`` in the number ``count`` asks for: "learner" for 1, "learners" otherwise."""
    return word if count == 1 else many or f"{word}s"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word`` as said together: "1 learner", "3 learners"."""
    return f"{count} {noun(count, word, many)}"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _slip(
    ex: ExerciseStats, all_wrong: Sequence[CommonWrong], flagged: frozenset = frozenset()
) -> str:
    """The exercise's most common slip: the field most learners missed, and the wrong answer
    most of them gave there when several learners gave the same one (answers the trainer
    accepted are right by then, never a slip). On an item flagged as a possible key error,
    the line says to check the key before reteaching it."""
    missed = {
        name: ex.answered - verdicts.get("correct", 0) for name, verdicts in ex.verdicts.items()
    }
    if not missed or max(missed.values()) == 0:
        return ""
    name = max(missed, key=lambda f: missed[f])  # first in the key's order on a tie
    line = (
        f" Most missed: {FIELD_NAMES[name].lower()}, by {missed[name]} of {ex.answered} "
        f"{noun(ex.answered, 'learner')}"
    )
    if (ex.id, name) in flagged:
        return line + ": check the key before reteaching it (a possible key error, below)."
    top = next((w for w in all_wrong if w.exercise == ex.id and w.field == name), None)
    if top is None or top.learners < 2:
        return line + "."
    line += f"; {top.learners} of them wrote “{top.examples[0]}”"
    if top.recognized_as:
        return line + f", which is really {ROLE_LABELS[top.recognized_as]}."
    return line + "."


def revisit(s: ClassSummary, all_wrong: Sequence[CommonWrong] = ()) -> list[str]:
    """Plain sentences for the trainer's next session, most pressing first."""
    out: list[str] = []
    graded = len(s.graded_learners)
    n = graded or 1
    # Where the class lost the most: the share of points missed, times the learners
    # who answered (a weak exercise three people tried ranks below one ten people missed).
    weak = sorted(
        (e for e in s.exercises if e.answered and e.mean_fraction < REVISIT_BELOW),
        key=lambda e: (-(1 - e.mean_fraction) * e.answered, e.mean_fraction),
    )
    for ex in weak[:3]:
        line = (
            f"“{ex.title}” ({ex.id}): the class averaged {_pct(ex.mean_fraction)} of the points; "
            f"{ex.bands['full marks']} of {ex.answered} got full marks."
        )
        line += _slip(ex, all_wrong, frozenset((i.exercise, i.field) for i in s.flagged_items))
        out.append(line)
    for trap, (caught, answers) in sorted(s.traps.items(), key=lambda kv: -kv[1][0])[:2]:
        out.append(
            f"{TRAPS[trap]}: {caught} of {graded} learners ({_pct(caught / n)}) "
            "fell into it, "
            f"in {plural(answers, 'answer')}. Walk through why once more."
        )
    mix = [
        (count, asked, given)
        for asked, row in s.confusion.items()
        for given, count in row.items()
        if given in ROLES and given != asked
    ]
    for count, asked, given in sorted(mix, reverse=True)[:2]:
        out.append(
            f"{plural(count, 'answer')} named {ROLE_LABELS[given]} where "
            f"{ROLE_LABELS[asked]} was asked: contrast the two roles with an example."
        )
    for ex in s.exercises:
        for name, verdicts in ex.verdicts.items():
            missing = verdicts.get("missing", 0)
            if ex.answered >= 5 and missing / ex.answered >= 0.25:
                out.append(
                    f"{missing} of {ex.answered} learners left “{FIELD_LABELS[name]}” blank in "
                    f"“{ex.title}”: check the question was clear and there was time."
                )
    titles = {e.id: e.title for e in s.exercises}
    key_checks = [
        f"Check the key of “{title}” ({item.exercise}), {FIELD_NAMES[item.field].lower()}: the "
        "learners who did best on the rest of their work got it wrong more often than the "
        "weakest (see Item analysis). The key may accept a wrong answer or refuse a right one."
        for item in s.flagged_items
        for title in [titles[item.exercise]]
    ]
    out[:0] = key_checks
    if not out:
        out.append(
            "No pattern of mistakes stands out: the class did well on every exercise it answered."
        )
    return out


def headline(s: ClassSummary) -> str:
    """The one line ``ams-exercises grade`` ends with: who was graded, what was skipped."""
    skipped = len(s.problems)
    graded = set(s.graded_learners)
    unread = [learner for learner in s.learners if learner not in graded]
    line = f"Graded {plural(len(s.learners), 'learner')} on {plural(len(s.exercises), 'exercise')}"
    if unread:
        more = ", ..." if len(unread) > 5 else ""
        line += (
            f" ({len(unread)} with no readable answer, left out of the class figures: "
            f"{', '.join(unread[:5])}{more})"
        )
    if skipped:
        line += (
            f"; skipped {plural(skipped, 'file')} or {noun(skipped, 'call')}"
            " that could not be used or went over "
            "a learner's limits (listed in the report)"
        )
    return line + "."
