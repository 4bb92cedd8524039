"""What the language rules (``course/language.yaml``) hold: how free text is read.

The Python grader and the in-page checker both use these rules (compiled into the bundle,
:mod:`.bundle`), so they read answers the same way. Every word must be text: YAML reads a
bare ``no`` or ``yes`` as true/false, and the loader says so, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from ..files.models import Rule

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
}


def message_problem(messages: dict[str, str]) -> str | None:
    """What is wrong with the ``messages`` of ``language.yaml``, in one line, if anything."""
    import re

    for name, blanks in MESSAGES.items():
        if name not in messages:
            return f"field 'messages.{name}' is missing: the grader says it"
        used = set(re.findall(r"\{(\w+)\}", messages[name]))
        if used - blanks:
            wrong = ", ".join("{" + b + "}" for b in sorted(used - blanks))
            allowed = ", ".join("{" + b + "}" for b in sorted(blanks)) or "none"
            return f"field 'messages.{name}': {wrong} is not a blank it fills (it fills: {allowed})"
    return None
