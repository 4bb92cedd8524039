"""Learners whose names look alike: two names that differ only in letters that look the
same (a Cyrillic "а" for a Latin "a", from the grader's table of look-alikes) look like one
person twice in a gradebook, so each gets a note saying where they differ.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..grader.language import language


@lru_cache(maxsize=1)
def _look_alikes() -> dict[int, str]:
    """The grader's look-alike letters (:attr:`.Language.homoglyphs`) as a table."""
    return str.maketrans(language().homoglyphs)


def _skeleton(name: str) -> str:
    """``name`` as it looks: compatibility forms folded (full-width letters), and each
    look-alike letter made the letter it looks like."""
    return unicodedata.normalize("NFKC", name).translate(_look_alikes())


def _first_difference(name: str, other: str) -> str:
    """Where two names of the same length differ first, in words ("" when they do not)."""
    if len(name) != len(other):
        return ""
    for n, (a, b) in enumerate(zip(name, other, strict=True), 1):
        if a != b:
            said = [unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in (a, b)]
            return f" (letter {n} is {said[0]} here, {said[1]} in theirs)"
    return ""


def look_alike_names(learners: Sequence[str]) -> dict[str, str]:
    """A note for each learner whose name is another's but for letters that look alike."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in learners:
        groups[_skeleton(name)].append(name)
    out: dict[str, str] = {}
    for group in (g for g in groups.values() if len(g) > 1):
        for name in group:
            other = next(o for o in group if o != name)
            out[name] = (
                f"name looks like {other}'s; the names differ in letters that look alike"
                f"{_first_difference(name, other)}: check each row is the right person"
            )
    return out
