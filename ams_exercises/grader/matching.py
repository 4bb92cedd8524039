"""Find which known answer a piece of free text names. Pure functions, no I/O.

A learner's answer is compared with every phrasing the key knows for a field (right,
partly right, wrong, and the right answers of the key's other fields). Three ways to
match, tried for each phrasing:

* the whole answer equals the phrasing once normalised;
* the whole answer is within :data:`THRESHOLD` fuzzy similarity of it (typos);
* the phrasing (or a near-typo of it) appears as a run of words inside a longer answer,
  unless those words only modify something else: they follow a word such as "of" or
  "near" ("neighbours of the plant"), they are possessive ("the plant's neighbours"), or
  a noun follows them at once that begins another phrasing of the key or names a group
  of people ("restaurant patrons", "claims staff": a compound names its last noun).

When several phrasings match, the one found earliest in the answer wins (English puts the
thing named first: "the public who live near the plant" names the public), then the
longer phrasing, then right over partial over wrong. One exception: a partly right (vague)
head gives way to a right phrasing after it in the answer, which makes it specific ("kids
who are close to graduating high school"). The in-page checker implements the
same rules in JavaScript; shared test vectors keep the two in step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .normalize import POSSESSIVE, language, tokens

#: Fuzzy similarity (0-100, rapidfuzz's ``ratio``) at or above which a typo still matches.
THRESHOLD = 88.0
#: Phrasings shorter than this (in characters) must match exactly: "EPA" is not "EPS".
MIN_FUZZY_CHARS = 5

#: Endings of words that are verbs, not nouns, for the compound rule ("applying", "issued").
VERB_ENDINGS = ("ing", "ed")

#: Order of preference between kinds of phrasing found at the same place.
KIND_RANK = {"accept": 0, "partial": 1, "wrong": 2, "elsewhere": 3}


@dataclass(frozen=True)
class Candidate:
    """One phrasing the key knows, and what it stands for."""

    words: tuple[str, ...]
    text: str
    kind: str  # accept | partial | wrong | elsewhere
    index: int  # which item, partial or wrong answer of the field (or of ``field``)
    field: str  # the field the phrasing belongs to

    @classmethod
    def of(cls, phrase: str, kind: str, index: int, field: str) -> Candidate:
        words = tuple(t for t in tokens(phrase) if t != POSSESSIVE)
        return cls(words, " ".join(words), kind, index, field)


@dataclass(frozen=True)
class Match:
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
    if x[:1] != y[:1] or _another_word(x, y, endings):
        return False
    short = min(len(x), len(y))
    if len(x) == len(y):
        diff = [i for i in range(len(x)) if x[i] != y[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]]
        if short >= 4 and swapped and x[diff[1]] == y[diff[0]]:
            return True  # two letters swapped
        if short >= 5 and x[-1] == y[-1] and sorted(x) == sorted(y):
            return True  # the same letters, between the same first and last
        return short >= 7 and len(diff) == 1
    if abs(len(x) - len(y)) != 1 or short < 6:
        return False
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    i = next((i for i in range(len(shorter)) if shorter[i] != longer[i]), len(shorter))
    return longer[:i] + longer[i + 1 :] == shorter


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
    return False


def _windows(
    words: list[str], n: int, modifier: set[int], not_after: frozenset[str], heads: set[str]
) -> list[tuple[int, str]]:
    """Runs of ``n`` words that may name something: not after "of", "near"..., not
    possessive, not followed by a noun in ``heads`` that they describe ("restaurant
    patrons"; but "people served by grantee offices" still names the people)."""
    out = []
    for start in range(len(words) - n + 1):
        end = start + n - 1
        if start and words[start - 1] in not_after:
            continue
        if end in modifier and end != len(words) - 1:
            continue
        if (
            end + 1 < len(words)
            and words[end + 1] in heads
            and not words[start].endswith(VERB_ENDINGS)
            and not not_after.intersection(words[start:end])
        ):
            continue  # a compound names its last noun; not "reviewing permit ...", "by ..."
        out.append((start, " ".join(words[start : end + 1])))
    return out


def _heads(candidates: Sequence[Candidate], not_after: frozenset[str]) -> frozenset[str]:
    """Nouns a phrase may only describe: the first words of ``candidates`` that are nouns
    (not "applying", "licensed", "on" or "for"), and the group nouns of language.yaml.
    Kept for the same sequence of candidates (the grader passes one per key and field)."""
    seen = _HEADS.get(id(candidates))
    if seen is not None and seen[0] is candidates:
        return seen[1]
    firsts = {
        c.words[0]
        for c in candidates
        if c.words and not c.words[0].endswith(VERB_ENDINGS) and c.words[0] not in not_after
    }
    heads = frozenset(firsts) | language().group_nouns
    _HEADS[id(candidates)] = (candidates, heads)
    return heads


#: Heads per sequence of candidates, by its id (the sequence is kept, so the id stays its own).
_HEADS: dict[int, tuple[Sequence[Candidate], frozenset[str]]] = {}


def best_match(answer: str, candidates: Sequence[Candidate]) -> Match | None:
    """The candidate ``answer`` names, or ``None`` when it names none of them."""
    return best_match_tokens(tokens(answer), candidates)


def best_match_tokens(
    toks: Sequence[str], candidates: Sequence[Candidate], heads: frozenset[str] | None = None
) -> Match | None:
    """:func:`best_match` of an answer already cut into tokens; ``heads`` as :func:`_heads`
    gives them for ``candidates``, when the caller keeps them."""
    words: list[str] = []
    modifier: set[int] = set()  # word indexes followed by a possessive marker
    for tok in toks:
        if tok == POSSESSIVE:
            if words:
                modifier.add(len(words) - 1)
        else:
            words.append(tok)
    if not words:
        return None
    whole = " ".join(words)
    not_after = language().not_after
    if heads is None:
        heads = _heads(candidates, not_after)
    # phrase length -> first letter -> (start, words) allowed, in order of start: a match,
    # exact or fuzzy, keeps the first letter, so only those windows are compared.
    windows: dict[int, dict[str, list[tuple[int, str]]]] = {}
    best: tuple | None = None
    best_match_: Match | None = None
    best_right: tuple | None = None
    best_right_match: Match | None = None
    letters = {w[0] for w in words}  # every match, exact or fuzzy, starts a word's letter
    for order, cand in enumerate(candidates):
        n = len(cand.words)
        if not n or cand.text[0] not in letters:
            continue
        found: Match | None = None
        sim = _similar(whole, cand.text) if whole[0] == cand.text[0] else 0.0
        if sim:
            found = Match(cand, -1 if sim >= 100.0 else 0, sim)
        else:
            if n not in windows:
                by_letter: dict[str, list[tuple[int, str]]] = {}
                for start, text in _windows(words, n, modifier, not_after, heads):
                    by_letter.setdefault(text[0], []).append((start, text))
                windows[n] = by_letter
            for start, text in windows[n].get(cand.text[0], ()):
                sim = _similar(text, cand.text)
                if sim:
                    found = Match(cand, start, sim)
                    break
        if found is None:
            continue
        rank = (found.position, -n, KIND_RANK[cand.kind], -found.similarity, order)
        if best is None or rank < best:
            best, best_match_ = rank, found
        if cand.kind == "accept" and (best_right is None or rank < best_right):
            best_right, best_right_match = rank, found
    if (
        best_match_ is not None
        and best_match_.candidate.kind == "partial"
        and best_match_.position >= 0
        and best_right_match is not None
        and best_right_match.position >= best_match_.position + len(best_match_.candidate.words)
    ):
        return best_right_match
    return best_match_
