"""What the language rules (``course/language.yaml``) hold: how free text is read.

The Python grader and the in-page checker both use these rules (compiled into the bundle,
:mod:`.bundle`), so they read answers the same way. Every word must be text: YAML reads a
bare ``no`` or ``yes`` as true/false, and the loader says so, naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from ..files.models import Invalid, Rule

#: A word or phrase of the rules: a quote mark in one is a slip of YAML ("and so \"on\"").
Word = Annotated[str, Rule(min_length=1, pattern=r"^[^\"]*$")]
Letter = Annotated[str, Rule(min_length=1, max_length=1)]


@dataclass(frozen=True, eq=False)
class AgentRow:
    """Verbs and the person they make: "people who request records" name a requester."""

    agent: Word
    verbs: Annotated[list[Word], Rule(min_length=1)]
    objects: list[Word] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class Understood:
    """Words that show what an answer the key does not know names, and what to say."""

    words: Annotated[list[Word], Rule(min_length=1)]
    says: Annotated[str, Rule(strip=True, min_length=1)]


Count = Annotated[int, Rule(ge=0, le=100)]
#: A regular expression both the grader and the page read (checked by :func:`mark_problem`).
Pattern = Annotated[str, Rule(min_length=1)]


@dataclass(frozen=True, eq=False)
class Ending:
    """A plural's ending and what it becomes in the singular: "ies" becomes "y"."""

    ending: Annotated[str, Rule(min_length=1, pattern=r"^[a-z]+$")]
    becomes: Annotated[str, Rule(pattern=r"^[a-z]*$")]
    longer_than: Count = 0


@dataclass(frozen=True, eq=False)
class Singular:
    """How a plural reads as its singular."""

    longer_than: Count
    endings: Annotated[list[Ending], Rule(min_length=1)]


@dataclass(frozen=True, eq=False)
class Typos:
    """How far a typo may go before a word reads as another."""

    swapped: Count
    same_letters: Count
    one_wrong: Count
    one_more: Count
    word: Count
    length_gap: Count
    similar: Count
    described: Count


@dataclass(frozen=True, eq=False)
class Participles:
    """The endings of a verb's participles, and the letters a word needs to be one."""

    present: Annotated[str, Rule(min_length=1, pattern=r"^[a-z]+$")]
    past: Annotated[str, Rule(min_length=1, pattern=r"^[a-z]+$")]
    longer_than: Count


@dataclass(frozen=True, eq=False)
class Marks:
    """The signs an answer is read by, as regular expressions."""

    apostrophes: Pattern
    possessive: Pattern
    inner_apostrophe: Pattern
    inner_hyphen: Pattern
    with_shorthand: Pattern
    emphasis: Pattern
    bracket: Pattern
    dash: Pattern
    correction_break: Pattern
    join: Pattern
    possessor: Pattern

    def check(self) -> None:
        """Each pattern compiles, in the syntax the page's script reads too."""
        for name, pattern in vars(self).items():
            shared = _PYTHON_ONLY.search(pattern)
            if shared:
                raise Invalid(
                    (name,), f"{shared.group()!r} is Python's alone: the page cannot read it"
                )
            try:
                re.compile(pattern)
            except re.error as exc:
                raise Invalid((name,), f"is not a regular expression: {exc}") from None


#: Syntax Python's ``re`` reads and a browser's ``RegExp`` does not: named groups, inline
#: flags and comments, and the anchors of a whole text.
_PYTHON_ONLY = re.compile(r"\(\?P|\(\?[aiLmsux#]|\\[AZ]")


@dataclass(frozen=True, eq=False)
class LanguageFile:
    """``language.yaml``: how answers and key phrasings are normalized before comparing."""

    WHAT = "the language rules"

    format_version: Literal[1]
    articles: list[Word]
    spellings: dict[Word, Word]
    acronyms: dict[Word, Word]
    acronym_before: dict[Word, list[Word]]
    word_endings: list[Word]
    keep_s: list[Word]
    singular: Singular
    typos: Typos
    participles: Participles
    stem_endings: dict[Annotated[str, Rule(min_length=1, pattern=r"^[a-z]+$")], Count]
    marks: Marks
    trim: Annotated[str, Rule(min_length=1)]
    clause_words: list[Word]
    clause_heads: list[Word]
    clause_glue: list[Word]
    agents: list[AgentRow]
    swap_after: list[Word]
    coordinators: list[Word]
    negating: list[Word]
    negations: list[Word]
    universal: list[Word]
    members: list[Word]
    corrections: list[Word]
    reasons: list[Word]
    own: list[Word]
    results: list[Word]
    activity_nouns: list[Word]
    continuations: list[Word]
    lead_ins: list[Word]
    prepositions: list[Word]
    determiners: list[Word]
    verbs: list[Word]
    always_verbs: list[Word]
    irregular: dict[Word, Word]
    generic_heads: list[Word]
    person_heads: list[Word]
    transparent_heads: list[Word]
    staff_heads: list[Word]
    relational_heads: list[Word]
    post_adjectives: list[Word]
    subordinators: list[Word]
    not_adverbs: list[Word]
    synonyms: dict[Word, Word]
    serve_verbs: list[Word]
    want_verbs: list[Word]
    falsifiers: list[Word]
    stopwords: list[Word]
    abbreviations: dict[Word, Word]
    etcetera: list[Word]
    understood: list[Understood]
    next_question: dict[Word, Annotated[str, Rule(strip=True, min_length=1)]]
    messages: dict[Word, Annotated[str, Rule(strip=True, min_length=1)]]


#: The messages the grader says, and the blanks each may fill ({answer}, {field}...):
#: ``language.yaml`` must give every one, with no other blank.
MESSAGES: dict[str, frozenset[str]] = {
    "several": frozenset({"answer", "right", "named", "one"}),
    "one_group": frozenset({"field"}),
    "one_line": frozenset(),
    "not_the": frozenset({"field"}),
    "not_listed": frozenset(),
    "unplaced": frozenset(),
    "another": frozenset(),
    "wider": frozenset({"head", "aside"}),
    "activity": frozenset({"text"}),
    "own": frozenset({"text", "next"}),
    "unknown": frozenset({"answer", "next"}),
    "unknown_kind": frozenset({"answer", "says"}),
    "unsure_list": frozenset({"so_far"}),
    "so_far_enough": frozenset(),
    "so_far_none": frozenset(),
    "so_far_some": frozenset({"right", "needed"}),
    "no_answer": frozenset(),
    "right": frozenset(),
    "enough_not_all": frozenset(),
    "none_right": frozenset(),
    "close": frozenset(),
    "some_right": frozenset({"right", "needed"}),
    "broad": frozenset({"text"}),
    "counted": frozenset({"answer", "earlier"}),
    "elsewhere": frozenset({"text", "role", "field", "next"}),
    "elsewhere_asked": frozenset({"text", "field", "next"}),
    "quoted": frozenset({"text"}),
    "named": frozenset({"text", "what"}),
    "is_role": frozenset({"role"}),
    "the_field": frozenset({"field"}),
    "about": frozenset({"answers", "feedback"}),
    "trap": frozenset({"trap"}),
    "last_hint": frozenset(),
}


def message_problem(messages: dict[str, str]) -> str | None:
    """What is wrong with the ``messages`` of ``language.yaml``, in one line, if anything."""
    for name, blanks in MESSAGES.items():
        if name not in messages:
            return f"field 'messages.{name}' is missing: the grader says it"
        used = set(re.findall(r"\{(\w+)\}", messages[name]))
        if used - blanks:
            wrong = ", ".join("{" + b + "}" for b in sorted(used - blanks))
            allowed = ", ".join("{" + b + "}" for b in sorted(blanks)) or "none"
            return f"field 'messages.{name}': {wrong} is not a blank it fills (it fills: {allowed})"
    return None
