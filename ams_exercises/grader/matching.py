"""When two pieces of text say the same thing, typos allowed. Pure functions, no I/O.

:func:`_similar` compares two normalized strings: equal, or a typo of each other (two
letters swapped, the same letters between the same first and last, a letter dropped,
added or wrong in a longer word), or within :data:`THRESHOLD` fuzzy similarity; a string
that only adds a word ending to the other is another word ("licensed" is not "license").
:class:`Prepared` files a question's phrasings by shape, so that a few words of an answer
are compared only with the phrasings they could match (:mod:`.heads` reads with it). The
in-page checker implements the same rules in JavaScript; shared test vectors keep the two
in step.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from .language import derived
from .normalize import POSSESSIVE, language, tokens

#: Fuzzy similarity (0-100, rapidfuzz's ``ratio``) at or above which a typo still matches.
THRESHOLD = 88.0
#: Phrasings shorter than this (in characters) must match exactly: "EPA" is not "EPS".
MIN_FUZZY_CHARS = 5

#: Order of preference between kinds of phrasing found at the same place.
KIND_RANK = {"accept": 0, "partial": 1, "wrong": 2, "elsewhere": 3}


class Candidate(NamedTuple):
    """One phrasing the key knows, and what it stands for."""

    words: tuple[str, ...]
    text: str
    kind: str  # accept | partial | wrong | elsewhere
    index: int  # which item, partial or wrong answer of the field (or of ``field``)
    field: str  # the field the phrasing belongs to
    actor: str | None = None  # the scenario's actor the phrasing names, if it is one

    @classmethod
    def of(
        cls, phrase: str, kind: str, index: int, field: str, actor: str | None = None
    ) -> Candidate:
        words = tuple(t for t in tokens(phrase) if t != POSSESSIVE)
        return cls(words, " ".join(words), kind, index, field, actor)


class Match(NamedTuple):
    """Where and how well an answer matched a candidate."""

    candidate: Candidate
    position: int  # index of the first matched word in the answer; -1 for the whole answer
    similarity: float  # 100 for an exact match

    @property
    def exact(self) -> bool:
        return self.similarity >= 100.0


@lru_cache(maxsize=1 << 16)  # pure: the same two strings recur across answers and fields
def _similar(a: str, b: str) -> float:
    """Similarity of two normalised strings, 0 when fuzzy matching is not allowed.

    A typo keeps the first letter; a string that only adds a word ending to the other is
    another word ("licensed" is not "license", "contract" is not "contractor").
    """
    if a == b:
        return 100.0
    if len(b) < MIN_FUZZY_CHARS or not a or a[0] != b[0]:
        return 0.0
    # ratio = 200 * LCS / (len(a) + len(b)) can reach THRESHOLD only if the lengths are close
    # (and so can a typo: a word slips by one letter at most, in a word of six or more)
    if 200.0 * min(len(a), len(b)) < THRESHOLD * (len(a) + len(b)):
        return 0.0
    if a.count(" ") == b.count(" ") and _typo_of(a, b):
        return THRESHOLD
    if _another_word(a, b, language().word_endings):
        return 0.0
    global _ratio
    if _ratio is None:
        # Until rapidfuzz is needed, the letters the two share bound their longest common
        # subsequence: most pairs stop here, so a one-off check starts without importing it.
        shared = sum((Counter(a) & Counter(b)).values())
        if 200.0 * shared < THRESHOLD * (len(a) + len(b)):
            return 0.0
        from rapidfuzz.fuzz import ratio as _ratio
    return _ratio(a, b, score_cutoff=THRESHOLD)


def ratio(a: str, b: str) -> float:
    """rapidfuzz's ``ratio`` of two strings (0-100), imported when first needed."""
    from rapidfuzz.fuzz import ratio as fuzz_ratio

    return fuzz_ratio(a, b)


def _typo_of(a: str, b: str) -> bool:
    """``a`` is ``b`` with a typo in some of its words, each a slip a short word survives:
    two letters swapped ("licnese"), the same letters between the same first and last
    ("lisence"), or, in a word of seven letters or more, one letter dropped, added or
    wrong ("litigent"). A word that only adds an ending stays another word."""
    words_a, words_b = a.split(" "), b.split(" ")
    if len(words_a) != len(words_b):
        return False
    endings = language().word_endings
    for x, y in zip(words_a, words_b, strict=True):
        if x != y and not _one_slip(x, y, endings):
            return False
    return True


def _one_slip(x: str, y: str, endings: frozenset[str]) -> bool:
    """``x`` is ``y`` with one slip, in words long enough for it (``language.yaml``'s
    ``typos``)."""
    if x[:1] != y[:1] or _another_word(x, y, endings):
        return False
    typos = language().typos
    short = min(len(x), len(y))
    if len(x) == len(y):
        diff = [i for i in range(len(x)) if x[i] != y[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]]
        if short >= typos.swapped and swapped and x[diff[1]] == y[diff[0]]:
            return True  # two letters swapped
        if short >= typos.same_letters and x[-1] == y[-1] and sorted(x) == sorted(y):
            return True  # the same letters, between the same first and last
        return short >= typos.one_wrong and len(diff) == 1
    if abs(len(x) - len(y)) != 1 or short < typos.one_more:
        return False
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    i = next((i for i in range(len(shorter)) if shorter[i] != longer[i]), len(shorter))
    return longer[:i] + longer[i + 1 :] == shorter


derived(_similar.cache_clear)

#: rapidfuzz's ``ratio``, imported the first time a typo is possible (a quicker start).
_ratio: Callable[..., float] | None = None


def _another_word(a: str, b: str, endings: frozenset[str]) -> bool:
    """``a`` and ``b`` differ by a word ending, as a whole or in one of their words."""
    pairs = [(a, b)]
    words_a, words_b = a.split(" "), b.split(" ")
    if len(words_a) == len(words_b):
        pairs += [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    for x, y in pairs:
        longer, shorter = (x, y) if len(x) > len(y) else (y, x)
        if longer.startswith(shorter) and longer[len(shorter) :] in endings:
            return True
        if _other_ending(x, y, endings):
            return True
    return False


#: Endings that make another kind of word from one stem: "redacting" is not "redacted".
#: ("requestor" and "requester", "litigent" and "litigant" are one word misspelled.)
CLASS_ENDINGS = frozenset({"ing", "ed", "ion", "ions", "ment", "al", "ive", "ity", "ness"})


def _other_ending(x: str, y: str, endings: frozenset[str]) -> bool:
    """``x`` and ``y`` are one stem with two different endings: "redacting", "redacted"."""
    endings = endings & CLASS_ENDINGS
    for ex in endings:
        if x.endswith(ex) and len(x) - len(ex) >= 4:
            stem = x[: -len(ex)]
            for ey in endings:
                if ey != ex and y == stem + ey:
                    return True
    return False


class Prepared(NamedTuple):
    """A sequence of candidates filed by shape, worked out once. A match,
    exact or fuzzy, keeps the first letter and a length near the phrasing's (see
    :func:`_similar`), so a run of answer words is only compared with the phrasings of its
    number of words, its first letter and a length within reach; the whole answer with
    those of its first letter and length. Each candidate keeps its place in the sequence,
    so the verdict is exactly what comparing every candidate would give."""

    candidates: Sequence[Candidate]
    #: (number of words or 0 for any, first letter) -> lengths of text, sorted; candidates
    shapes: dict[tuple[int, str], tuple[list[int], list[tuple[int, Candidate]]]]
    sizes: tuple[int, ...]  # the numbers of words the candidates have, ascending

    def near(self, n: int, text: str) -> list[tuple[int, Candidate]]:
        """Candidates of ``n`` words (0: any number) that ``text`` may match."""
        shape = self.shapes.get((n, text[0]))
        if shape is None:
            return []
        lengths, cands = shape
        size = len(text)
        # a similarity of THRESHOLD needs 200 * shorter >= THRESHOLD * (both lengths)
        low = bisect_left(lengths, size * THRESHOLD / (200.0 - THRESHOLD) - 1e-9)
        high = bisect_right(lengths, size * (200.0 - THRESHOLD) / THRESHOLD + 1e-9)
        return cands[low:high]

    @classmethod
    def of(cls, candidates: Sequence[Candidate]) -> Prepared:
        """``candidates`` filed for matching."""
        filed: dict[tuple[int, str], list[tuple[int, int, Candidate]]] = {}
        for order, cand in enumerate(candidates):
            if cand.words:
                for n in (len(cand.words), 0):
                    entry = (len(cand.text), order, cand)
                    filed.setdefault((n, cand.text[0]), []).append(entry)
        shapes = {}
        for shape, group in filed.items():
            group.sort(key=lambda item: (item[0], item[1]))
            shapes[shape] = ([size for size, _, _ in group], [(o, c) for _, o, c in group])
        sizes = tuple(sorted({len(c.words) for c in candidates if c.words}))
        return cls(candidates, shapes, sizes)
