"""Read an answer's structure as a trainer does: which groups it names, and how.

An answer is cut into the groups it names before any of them is matched:

* brackets, a dash or a colon, and words such as "including" or "such as" add an *aside*:
  members of the group just named ("requesters (residents, reporters)"), or, with a word
  such as "kidding" or "actually", a correction that names a group of its own;
* a reason ("because...", "since...") names no group and is dropped;
* commas and words such as "and", "or", "but", "rather than" join *coordinated* groups;
  "not", "no", "never" opening a group, a word such as "rather than" before it, or "but"
  after "anyone" or "everyone", set it aside ("not the public but the applicant");
* a run of words that a key phrasing spans ("children and families") is never cut.

Each group is then read in up to four ways (:func:`readings`): as written; without the
words that open a relative clause ("taxpayers who are owed a refund" = "taxpayers owed a
refund"); with its verb turned into the person it makes, through the course-wide table of
verbs in ``language.yaml`` ("people who request records" = "requester of records"); and
with a preposition's object first ("leaders of the agencies" = "agency leaders"). The
in-page checker implements the same reading from the same data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .language import derived, language
from .normalize import POSSESSIVE, tokens

#: Word endings of a participle: "residents applying", "anyone covered".
PARTICIPLE = ("ing", "ed")
#: Brackets hold an aside: "(residents, reporters)"; one left open runs to the end.
BRACKET_RE = r"[(\[{]([^()\[\]{}]*)[)\]}]?"
#: A dash between spaces, a long dash or a colon opens an aside.
DASH_RE = r"[ \t\n\r][-\u2013\u2014]+[ \t\n\r]|[:\u2013\u2014]|[ \t\n\r]--"
#: Characters trimmed from the ends of a group as shown to the learner.
TRIM = " \t\n\r.,;:!?"
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(text: str) -> str:
    """``text`` with only A to Z in lower case, so that positions do not move (the page's
    script does the same; full case folding differs between languages)."""
    return text.translate(_LOWER)


#: Punctuation that joins groups, as "and" does.
JOIN_RE = r"[,;/&+]"


class Piece(NamedTuple):
    """One group an answer names: the learner's words, and how the answer uses them."""

    text: str
    words: tuple[str, ...]  # normalized tokens (possessive markers included)
    role: str  # head | aside | negated


def _alternatives(phrases: list[str]) -> str:
    """A regular expression matching any of ``phrases`` as whole words, in lower case."""
    alts = sorted(phrases, key=lambda p: (-len(p), p))
    body = "|".join(r"[ \t\n\r.]+".join(re.escape(w) for w in p.split()) for p in alts)
    return f"(?<![a-z0-9])(?:{body})(?![a-z0-9])"


class Rules(NamedTuple):
    """The structure words of ``language.yaml``, compiled once."""

    bracket: re.Pattern[str]
    dash: re.Pattern[str]
    members: re.Pattern[str]
    corrections: re.Pattern[str]
    reasons: re.Pattern[str]
    separators: re.Pattern[str]
    negating: frozenset[str]
    negations: frozenset[str]
    universal: frozenset[str]
    clause_words: frozenset[str]
    clause_heads: frozenset[str]
    clause_glue: frozenset[str]
    swap_after: frozenset[str]
    not_after: frozenset[str]
    own: frozenset[str]
    results: frozenset[str]
    activity_nouns: frozenset[str]
    continuations: frozenset[str]
    #: verb form -> [(agent, objects)], rows with objects first
    agents: dict[str, list[tuple[str, frozenset[str]]]]


def _word(text: str) -> str:
    """A word of language.yaml as the grader's tokens spell it."""
    return " ".join(t for t in tokens(text) if t != POSSESSIVE)


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The structure rules of ``course/language.yaml``, compiled for reading."""
    s = language().structure
    agents: dict[str, list[tuple[str, frozenset[str]]]] = {}
    rows = sorted(s.agents, key=lambda r: not r.objects)  # rows with objects first
    for row in rows:
        objects = frozenset(_word(o) for o in row.objects)
        for verb in row.verbs:
            agents.setdefault(_word(verb), []).append((_word(row.agent), objects))
    return Rules(
        bracket=re.compile(BRACKET_RE),
        dash=re.compile(DASH_RE),
        members=re.compile(_alternatives(s.members)),
        corrections=re.compile(_alternatives(s.corrections)),
        reasons=re.compile(_alternatives(s.reasons)),
        separators=re.compile(f"{JOIN_RE}|{_alternatives(s.coordinators)}"),
        negating=frozenset(" ".join(p.lower().split()) for p in s.negating),
        negations=frozenset(s.negations),
        universal=frozenset(s.universal),
        clause_words=frozenset(s.clause_words) | frozenset(s.clause_heads),
        clause_heads=frozenset(s.clause_heads),
        clause_glue=frozenset(s.clause_glue),
        swap_after=frozenset(s.swap_after),
        not_after=language().not_after,
        own=frozenset(s.own),
        results=frozenset(_word(r) for r in s.results),
        activity_nouns=frozenset(_word(a) for a in s.activity_nouns),
        continuations=frozenset(s.continuations),
        agents=agents,
    )


def _cut_reason(text: str, r: Rules) -> str:
    found = r.reasons.search(lower_ascii(text))
    return text[: found.start()] if found else text


def _plain(toks: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in toks if t != POSSESSIVE)


def pieces(answer: str, joined: dict[str, list[tuple[str, ...]]]) -> list[Piece]:
    """The groups ``answer`` names. ``joined``: key phrasings of two words or more, by
    first word, that a cut must not split ("children and families")."""
    r = rules()
    asides: list[str] = []

    def aside(found: re.Match[str]) -> str:
        asides.append(found.group(1))
        return " , "

    main = r.bracket.sub(aside, answer)
    for pattern in (r.dash, r.members):
        found = pattern.search(lower_ascii(main))
        if found:
            asides.append(main[found.end() :])
            main = main[: found.start()]
    out = _coordinated(_cut_reason(main, r), "head", joined, r)
    for text in asides:
        found = r.corrections.search(lower_ascii(text))
        if found:  # "just kidding: the public" names the public
            text = text[found.end() :]
        out += _coordinated(_cut_reason(text, r), "head" if found else "aside", joined, r)
    return out


def _coordinated(
    text: str, role: str, joined: dict[str, list[tuple[str, ...]]], r: Rules
) -> list[Piece]:
    """``text`` cut at the words and marks that join groups, unless a key phrasing spans
    the cut; each group with the role it plays."""
    chunks: list[tuple[str, int, int]] = []  # (separator before, start, end)
    sep, at = "", 0
    for found in r.separators.finditer(lower_ascii(text)):
        chunks.append((sep, at, found.start()))
        sep, at = " ".join(found.group(0).split()), found.end()
    chunks.append((sep, at, len(text)))
    if len(chunks) > 1 and joined:
        chunks = _keep_phrases(text, chunks, joined)
    out: list[Piece] = []
    last_first = ""
    for sep, start, end in chunks:
        toks = tokens(text[start:end])
        words = _plain(toks)
        if not words:
            continue
        negated = sep in r.negating or (sep == "but" and last_first in r.universal)
        if out and words[0] in r.continuations:
            # ", paid on time", "and is owed a refund": more about the group before
            out.append(Piece(text[start:end].strip(TRIM), toks, "aside"))
            continue
        if words[0] in r.negations:
            negated = True
            toks = toks[1:]
        last_first = words[0]
        out.append(Piece(text[start:end].strip(TRIM), toks, "negated" if negated else role))
    return out


def _keep_phrases(
    text: str, chunks: list[tuple[str, int, int]], joined: dict[str, list[tuple[str, ...]]]
) -> list[tuple[str, int, int]]:
    """Chunks merged again where a key phrasing runs across the cut between them."""
    all_words: list[str] = []
    starts: list[int] = []  # index in all_words where each chunk's words begin
    joins: list[int] = []  # indexes of the joining words ("and", "or")
    for i, (sep, start, end) in enumerate(chunks):
        if i:
            joins.extend(range(len(all_words), len(all_words) + len(_plain(tokens(sep)))))
            all_words.extend(_plain(tokens(sep)))
        starts.append(len(all_words))
        all_words.extend(_plain(tokens(text[start:end])))
    keep: set[int] = set()  # chunk indexes not to cut before
    for p, word in enumerate(all_words):
        for phrase in joined.get(word, ()):
            n = len(phrase)
            # a phrasing that joins with a word of its own: "children and families"
            if tuple(all_words[p : p + n]) == phrase and any(p < j < p + n for j in joins):
                keep.update(i for i in range(1, len(chunks)) if p < starts[i] < p + n)
    out: list[tuple[str, int, int]] = []
    for i, chunk in enumerate(chunks):
        if i in keep and out:
            sep, start, _ = out[-1]
            out[-1] = (sep, start, chunk[2])
        else:
            out.append(chunk)
    return out


def clause_start(words: tuple[str, ...]) -> int:
    """Where a qualifier begins in ``words`` (a relative clause or a participle of the
    verb table), or ``len(words)`` when none does."""
    r = rules()
    if words and words[0] in r.clause_heads:
        return 0
    for i in range(1, len(words)):
        w = words[i]
        if w in r.clause_words or (w in r.agents and w.endswith(PARTICIPLE)):
            return i
    return len(words)


def readings(toks: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other ways to read one group, besides as written (possessive markers dropped)."""
    r = rules()
    words = _plain(toks)
    out: list[tuple[str, ...]] = []
    q = clause_start(words)
    if q < len(words):
        j = q + 1 if words[q] in r.clause_words else q
        k = j
        while k < len(words) and words[k] in r.clause_glue:
            k += 1
        agent = _agent(words, k)
        if agent:
            out.append(agent)
        if words[q] in r.clause_words and k < len(words):
            out.append(words[:q] + words[k:])  # the clause's words, without "who are"
    for i in range(1, min(len(words) - 1, 3)):
        if words[i] in r.swap_after:
            end = i + 1
            stop = r.clause_words | r.clause_glue | r.not_after
            while end < len(words) and words[end] not in stop:
                end += 1
            if end > i + 1:
                out.append(words[i + 1 : end] + words[:i] + words[end:])
            break
    return out


def _agent(words: tuple[str, ...], v: int) -> tuple[str, ...] | None:
    """The group read with its verb as the person it makes: "people who want to apply
    for a license" = "applicant for license"."""
    r = rules()
    while v < len(words) and words[v] in r.agents:
        rest = words[v + 1 :]
        obj = next((i for i, w in enumerate(rest) if w not in r.not_after and w != "to"), None)
        for agent, objects in r.agents[words[v]]:
            if objects and obj is not None and rest[obj] in objects:
                return (agent, *rest[obj + 1 :])
        if len(rest) > 1 and rest[0] == "to" and rest[1] in r.agents:
            v += 2  # "want to apply": the second verb says what they do
            continue
        break
    if v >= len(words) or words[v] not in r.agents:
        return None
    rest = words[v + 1 :]
    agent = next((a for a, objects in r.agents[words[v]] if not objects), None)
    if agent is None:
        return None
    if rest and rest[0] not in r.not_after:
        return (agent, "of", *rest)
    return (agent, *rest)


derived(rules.cache_clear)
