"""The English a handout makes by rule rather than copies from a key: the instruction under a
list field (its number in words, "entry" or "entries", what a wrong entry costs, as the
grader scores it), where a scenario comes from, and a long list of accepted phrasings cut to
its ideas, grouped by the word each phrasing is about (read with the grader's own grammar
words, ``language.yaml``), so a trainer sees the range of answers without pages of near
repeats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..grader.grading import WRONG_ITEM_PENALTY
from ..grader.keys import AnswerKey
from ..grader.language import language
from ..grader.normalize import words
from ..grader.vocabulary import SOURCES

#: A long list of phrasings is printed as its ideas: at most this many groups of
#: phrasings with the same head word, this many examples each and this many in all, then
#: "and N similar phrasings". Lists this short or shorter are printed whole.
SHOWN_IDEAS = 5
EXAMPLES_PER_IDEA = 2
SHOWN_EXAMPLES = 6
PRINT_WHOLE = 6
#: A tempting wrong answer or a half-credit one: its feedback says what they share, so a
#: few examples do.
WRONG_IDEAS = 2
WRONG_EXAMPLES = 3


def _phrase_breaks() -> frozenset[str]:
    """Words that end the head of a noun phrase, as the grader reads them (``language.yaml``):
    "contractor applying for a license" is about a contractor, "people who want to work as
    contractors" about people."""
    s = language().structure
    return frozenset(
        w
        for w in (*s.prepositions, *s.clause_words, *s.subordinators, *s.coordinators)
        if " " not in w
    )


@dataclass(frozen=True)
class Phrasings:
    """A list of phrasings as printed: ``ideas`` (groups of examples, each group one idea)
    and ``more``, how many other phrasings of those ideas are left out."""

    ideas: tuple[tuple[str, ...], ...] = ()
    more: int = 0

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(p for group in self.ideas for p in group)

    def __bool__(self) -> bool:
        return bool(self.ideas) or self.more > 0


def _head(phrase: str) -> str:
    """The word a phrasing is about: the last word before a preposition, a clause or a verb
    in -ing ("licensed contractor", "contractor applying for ..." → "contractor")."""
    toks = words(phrase.split(",")[0]) or words(phrase)
    breaks = _phrase_breaks()
    for i, tok in enumerate(toks):
        if i and (tok in breaks or tok.endswith("ing")):
            toks = toks[:i]
            break
    return toks[-1] if toks else phrase.strip().lower()


def shorten(
    phrasings: Sequence[str],
    *,
    besides: Sequence[str] = (),
    ideas: int = SHOWN_IDEAS,
    examples: int = SHOWN_EXAMPLES,
) -> Phrasings:
    """Short lists whole; a long one as its ideas: phrasings grouped by head word, a few
    examples of the first groups (in the key's order), and how many more there are.

    A phrasing that reads the same as one shown or as ``besides`` (the canonical answer) once
    normalized (case, articles, plurals, spelling) is never shown twice.
    """
    if len(phrasings) <= min(PRINT_WHOLE, examples):
        return Phrasings((tuple(phrasings),) if phrasings else (), 0)
    seen = {words(b) for b in besides}
    groups: dict[str, list[str]] = {}
    for phrase in phrasings:
        norm = words(phrase)
        if norm in seen:
            continue
        seen.add(norm)
        groups.setdefault(_head(phrase), []).append(phrase)
    shown: list[tuple[str, ...]] = []
    room = examples
    for group in list(groups.values())[:ideas]:
        take = tuple(group[: min(EXAMPLES_PER_IDEA, room)])
        if not take:
            break
        shown.append(take)
        room -= len(take)
    return Phrasings(tuple(shown), len(phrasings) - sum(len(g) for g in shown))


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SHARES = {0.5: "half", 0.25: "a quarter of", 1.0: "all of"}


def list_instruction(needed: int, penalty: float = WRONG_ITEM_PENALTY) -> str:
    """What a learner sheet says under a list field, as the grader scores it
    (``grader/grading.py``, ``_grade_list``): full credit for ``needed`` right entries, more
    right ones add nothing, and each wrong entry takes off ``penalty`` of one entry's credit."""
    count = _NUMBER_WORDS[needed] if needed < len(_NUMBER_WORDS) else str(needed)
    entries = "entry" if needed == 1 else "entries"
    share = _SHARES.get(penalty, f"{penalty:g} of")  # "half an entry's", "0.3 of an entry's"
    return f"at least {count} {entries}; each wrong entry takes off {share} an entry's points"


def source_label(key: AnswerKey) -> str:
    """Where the scenario comes from, as the handout prints it after "Scenario": a scenario
    that adds details of its own is never presented as the source's words."""
    if key.source == "original":
        return SOURCES["original"]
    if key.adapted:
        return f"adapted from {SOURCES[key.source]}, with details added for practice"
    return f"from {SOURCES[key.source]}"
