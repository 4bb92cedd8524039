"""The rules for reading free text, as the grader uses them.

They come from ``course/language.yaml`` through the compiled bundle (:mod:`.course`), where
they were checked when the course was compiled; the in-page checker receives the same
rules, so both read answers alike. :func:`language` builds them once per process.
:func:`install` puts in place rules just read from the YAML file, for the compiler, which
normalizes the keys' phrasings with the rules it is about to write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from .course import compiled, on_change


class AgentRow(NamedTuple):
    """Verbs and the person they make: "people who request records" name a requester."""

    agent: str
    verbs: tuple[str, ...]
    objects: tuple[str, ...]


class Understood(NamedTuple):
    """Words that show what an answer the key does not know names, and what to say."""

    words: tuple[str, ...]
    says: str


class Structure(NamedTuple):
    """The words that show an answer's structure, as ``language.yaml`` writes them."""

    clause_words: tuple[str, ...]
    clause_heads: tuple[str, ...]
    clause_glue: tuple[str, ...]
    agents: tuple[AgentRow, ...]
    swap_after: tuple[str, ...]
    coordinators: tuple[str, ...]
    negating: tuple[str, ...]
    negations: tuple[str, ...]
    universal: tuple[str, ...]
    members: tuple[str, ...]
    corrections: tuple[str, ...]
    reasons: tuple[str, ...]
    own: tuple[str, ...]
    results: tuple[str, ...]
    activity_nouns: tuple[str, ...]
    continuations: tuple[str, ...]
    lead_ins: tuple[str, ...]
    prepositions: tuple[str, ...]
    determiners: tuple[str, ...]
    verbs: tuple[str, ...]
    always_verbs: tuple[str, ...]
    irregular: dict[str, str]
    generic_heads: tuple[str, ...]
    person_heads: tuple[str, ...]
    transparent_heads: tuple[str, ...]
    staff_heads: tuple[str, ...]
    relational_heads: tuple[str, ...]
    post_adjectives: tuple[str, ...]
    subordinators: tuple[str, ...]
    not_adverbs: tuple[str, ...]
    synonyms: dict[str, str]
    serve_verbs: tuple[str, ...]
    want_verbs: tuple[str, ...]
    falsifiers: tuple[str, ...]
    stopwords: tuple[str, ...]
    etcetera: tuple[str, ...]
    understood: tuple[Understood, ...]
    next_question: dict[str, str]
    messages: dict[str, str]


class Singular(NamedTuple):
    """How a plural reads as its singular: a word of more than ``longer_than`` letters
    takes the first ``(ending, becomes, longer_than)`` that fits."""

    longer_than: int
    endings: tuple[tuple[str, str, int], ...]


class Typos(NamedTuple):
    """How far a typo may go (``language.yaml`` says what each number is)."""

    swapped: int
    same_letters: int
    one_wrong: int
    one_more: int
    word: int
    length_gap: int
    similar: int
    described: int


class Participles(NamedTuple):
    """A participle's endings ("applying", "covered"), in words of more letters than
    ``longer_than``."""

    present: str
    past: str
    longer_than: int


class Language(NamedTuple):
    """The rules as the grader uses them: sets for look-ups."""

    articles: frozenset[str]
    spellings: dict[str, str]
    #: Characters that look like a Latin letter, read as it (course/look-alikes.yaml).
    homoglyphs: dict[str, str]
    #: Digits read as letters between two letters ("pub1ic"): 0 as o, 1 as l.
    digits_in_words: dict[str, str]
    keep_s: frozenset[str]
    acronyms: dict[str, str]
    word_endings: frozenset[str]
    acronym_before: dict[str, frozenset[str]]
    #: Shorthand read as the words it stands for: "EW" = "eligibility worker".
    abbreviations: dict[str, str]
    #: The structure words, as written in language.yaml (see :mod:`.reading`).
    structure: Structure
    singular: Singular
    typos: Typos
    participles: Participles
    #: Endings cut to find a verb's stem, each from words of more letters than its number.
    stem_endings: tuple[tuple[str, int], ...]
    #: The signs an answer is read by: regular expressions' sources, by name.
    marks: dict[str, str]
    #: Characters trimmed from the ends of a group as feedback shows it.
    trim: str


def from_data(data: dict[str, Any]) -> Language:
    """The rules from their plain data (``language.yaml`` as checked, or as compiled)."""
    tuples = {k: tuple(v) for k, v in data.items() if isinstance(v, list)}
    structure = Structure(
        **{
            name: tuples[name]
            for name in Structure._fields
            if name
            not in ("agents", "understood", "next_question", "messages", "irregular", "synonyms")
        },
        irregular=dict(data["irregular"]),
        synonyms=dict(data["synonyms"]),
        agents=tuple(
            AgentRow(r["agent"], tuple(r["verbs"]), tuple(r.get("objects", ())))
            for r in data["agents"]
        ),
        understood=tuple(Understood(tuple(u["words"]), u["says"]) for u in data["understood"]),
        next_question=dict(data["next_question"]),
        messages=dict(data["messages"]),
    )
    return Language(
        articles=frozenset(data["articles"]),
        spellings=dict(data["spellings"]),
        homoglyphs=dict(data["homoglyphs"]),
        digits_in_words=dict(data["digits_in_words"]),
        keep_s=frozenset(data["keep_s"]),
        acronyms=dict(data["acronyms"]),
        word_endings=frozenset(data["word_endings"]),
        acronym_before={k: frozenset(v) for k, v in data["acronym_before"].items()},
        abbreviations={k.lower(): v for k, v in data["abbreviations"].items()},
        structure=structure,
        singular=Singular(
            data["singular"]["longer_than"],
            tuple(
                (e["ending"], e["becomes"], e.get("longer_than", 0))
                for e in data["singular"]["endings"]
            ),
        ),
        typos=Typos(**data["typos"]),
        participles=Participles(**data["participles"]),
        stem_endings=tuple(data["stem_endings"].items()),
        marks=dict(data["marks"]),
        trim=data["trim"],
    )


_current: list[Language] = []
#: Whether the rules in place are :func:`install`'s rather than the compiled course's.
_installed: list[bool] = [False]
#: What was worked out with the rules in place: forgotten when other rules are installed.
_derived: list[Callable[[], None]] = []


def language() -> Language:
    """The rules of the compiled course (or the ones :func:`install` put in place)."""
    if not _current:
        _current.append(from_data(compiled()["language"]))
    return _current[0]


_BLANK = re.compile(r"\{(\w+)\}")


def say(message: str, **blanks: str) -> str:
    """One of the ``messages`` of ``language.yaml``, its ``{blanks}`` filled in."""
    return _BLANK.sub(lambda m: blanks[m.group(1)], language().structure.messages[message])


def compiled_rules() -> bool:
    """Whether text is read with the compiled course's rules (what it wrote down holds)."""
    return not _installed[0]


def install(rules: Language) -> None:
    """Read text with ``rules`` from now on (the compiler's freshly checked rules)."""
    _current[:] = [rules]
    _installed[0] = True
    for forget in _derived:
        forget()


def derived(forget: Callable[[], None]) -> Callable[[], None]:
    """Register ``forget`` (a cache's ``cache_clear``) to run when other rules are installed."""
    _derived.append(forget)
    return forget


@on_change
def _forget() -> None:
    """Another compiled course: its rules are read afresh."""
    _current.clear()
    _installed[0] = False
    for forget in _derived:
        forget()
