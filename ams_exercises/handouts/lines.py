"""The ruled lines of a learner sheet: how many each field gets.

Each learner exercise gets a page of its own. Its fields first get the ruled lines they
need (one answer: two; a list: one per entry expected, plus one, within LINES_LIST); the
renderer then measures the room left on the page and :func:`fill_lines` shares it out in
proportion to those needs, a single answer getting at most SINGLE_MOST lines. Pure: the
renderer does the measuring, this module only the counting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..grader.keys import AnswerKey
from ..grader.vocabulary import LIST_FIELDS
from .views import ExerciseView, Handout

#: In large print an exercise runs over two pages, and the fields on its last page share
#: the room left there; on screen every entry box is one more stop for the Tab key. In
#: these editions no field gets more than this many times the lines (or boxes) it needs.
MOST_TIMES_NEED = {"large-print": 2, "fillable": 2}
LINES_SINGLE = 2
LINES_LIST = (3, 7)
SINGLE_MOST = 5


def needed_lines(key: AnswerKey, name: str) -> int:
    """Ruled lines a field needs: two for one answer; for a list, one per entry expected,
    plus one."""
    if name not in LIST_FIELDS:
        return LINES_SINGLE
    low, high = LINES_LIST
    return max(low, min(high, len(key.fields[name].expected) + 1))


def share_lines(
    needs: Sequence[int],
    lists: Sequence[bool],
    spare: int,
    start: Sequence[int] | None = None,
    most: int = 0,
) -> list[int]:
    """Add ``spare`` lines to fields that need ``needs`` (and have ``start`` lines, by
    default their needs), one at a time to the field furthest below its share in
    proportion to its need. A single answer stops at SINGLE_MOST lines while a list can
    still grow; with ``most``, no field grows past ``most`` times its need, and lines left
    over stay blank space."""
    lines = list(start if start is not None else needs)
    for _ in range(max(0, spare)):
        growable = [i for i, n in enumerate(lines) if lists[i] or n < SINGLE_MOST]
        if not growable and not most:
            growable = list(range(len(lines)))
        if most:
            growable = [i for i in growable if lines[i] < most * needs[i]]
        if not growable:
            break
        pick = min(growable, key=lambda i: (lines[i] / needs[i], i))
        lines[pick] += 1
    return lines


def fewest_lines(handout: Handout, exercise_ids: set[str]) -> Handout:
    """The learner ``handout`` with one ruled line per field in these exercises (in the
    fillable edition, a list keeps its entry boxes): the first exercise of a module that
    did not fit under the module's heading and roles box is laid out again this way, then
    given the room left (:func:`fill_lines`)."""

    def fewest(e: ExerciseView) -> list[int]:
        # a fillable list keeps a box for each entry it expects: a box holds one entry
        return [f.need if handout.fillable and f.is_list else 1 for f in e.fields]

    return _with_lines(handout, dict.fromkeys(exercise_ids, fewest))


def _with_lines(handout: Handout, how: dict) -> Handout:
    modules = []
    for m in handout.modules:
        exercises = []
        for e in m.exercises:
            if e.id in how and e.fields:
                lines = how[e.id](e)
                e = replace(
                    e,
                    fields=tuple(replace(f, lines=n) for f, n in zip(e.fields, lines, strict=True)),
                )
            exercises.append(e)
        modules.append(replace(m, exercises=tuple(exercises)))
    return replace(handout, modules=tuple(modules))


def fill_lines(
    handout: Handout,
    spare_lines: dict[str, int],
    last_page: dict[str, set[str]] | None = None,
) -> Handout:
    """The learner ``handout`` with each exercise's spare lines (by exercise id, as the
    renderer measured them on the page where it ends) shared among its fields on that page:
    ``last_page`` names them by exercise (by default, all of its fields). An exercise in
    large print can run onto a second page; the fields on the first keep their lines."""

    def grow(e: ExerciseView, n: int) -> list[int]:
        here = (last_page or {}).get(e.id) or {f.name for f in e.fields}
        picked = [i for i, f in enumerate(e.fields) if f.name in here]
        lines = [f.lines for f in e.fields]
        shared = share_lines(
            [e.fields[i].need or e.fields[i].lines for i in picked],
            [e.fields[i].is_list for i in picked],
            n,
            start=[lines[i] for i in picked],
            most=MOST_TIMES_NEED.get(handout.edition, 0),
        )
        for i, count in zip(picked, shared, strict=True):
            lines[i] = count
        return lines

    return _with_lines(
        handout, {i: (lambda e, n=n: grow(e, n)) for i, n in spare_lines.items() if n > 0}
    )
