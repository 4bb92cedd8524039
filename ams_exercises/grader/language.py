"""The rules for reading free text, from ``course/language.yaml``.

The Python grader and the in-page checker both load these rules, so they read answers
the same way. Every word must be text: YAML reads a bare ``no`` or ``yes`` as true/false,
and the loader says so, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Literal

from ..files.cache import remembered
from ..files.models import Rule
from .course import LANGUAGE_FILE, load_course_file

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
    homoglyphs: dict[Letter, Letter]
    acronyms: dict[Word, Word]
    acronym_before: dict[Word, list[Word]]
    word_endings: list[Word]
    keep_s: list[Word]
    not_after: list[Word]
    group_nouns: list[Word]
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
    understood: list[Understood]
    next_question: dict[Word, Annotated[str, Rule(strip=True, min_length=1)]]
    messages: dict[Word, Annotated[str, Rule(strip=True, min_length=1)]]


@dataclass(frozen=True, eq=False)  # compared by identity: one per file read
class Language:
    """The rules as the grader uses them: sets for look-ups."""

    articles: frozenset[str]
    spellings: dict[str, str]
    homoglyphs: dict[str, str]
    keep_s: frozenset[str]
    not_after: frozenset[str]
    group_nouns: frozenset[str]
    acronyms: dict[str, str]
    word_endings: frozenset[str]
    acronym_before: dict[str, frozenset[str]]
    #: The structure words, as written in language.yaml (see :mod:`.reading`).
    structure: LanguageFile


@lru_cache(maxsize=1)
def language() -> Language:
    """The normalization rules from ``course/language.yaml``, checked and cached (also
    between runs, :mod:`~ams_exercises.files.cache`)."""
    return remembered("language", (LANGUAGE_FILE,), _load_language)


def _load_language() -> Language:
    rules = load_course_file(LANGUAGE_FILE, LanguageFile)
    return Language(
        articles=frozenset(rules.articles),
        spellings=dict(rules.spellings),
        homoglyphs=dict(rules.homoglyphs),
        keep_s=frozenset(rules.keep_s),
        not_after=frozenset(rules.not_after),
        group_nouns=frozenset(rules.group_nouns),
        acronyms=dict(rules.acronyms),
        word_endings=frozenset(rules.word_endings),
        acronym_before={k: frozenset(v) for k, v in rules.acronym_before.items()},
        structure=rules,
    )
