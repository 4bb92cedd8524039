"""What the language rules (``course/language.yaml``) hold: how free text is read.

The Python grader and the in-page checker both use these rules (compiled into the bundle,
:mod:`.bundle`), so they read answers the same way. Every word must be text: YAML reads a
bare ``no`` or ``yes`` as true/false, and the loader says so, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from ..files.models import Rule

Word = Annotated[str, Rule(min_length=1)]
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
