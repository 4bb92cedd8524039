"""Read an answer's structure as a trainer does: which groups it names, and how.

Before any group is looked up (:mod:`.heads` reads each one), the answer is cut the way a
person reads a sentence:

1. **Clean.** "w/" is "with"; emphasis marks (``*``, ``_``) and words such as "etc." go; a
   lead-in names nothing ("I'd say it's", "Honestly,", "The primary customer is").
2. **Corrections.** A word such as "actually" or "I mean" after a stop, a comma, a dash or an
   opening bracket takes back everything before it: "the facility. Actually the public"
   names the public.
3. **Asides.** Brackets, a dash or a colon, and words such as "including" or "such as" add
   asides: members of the group just named ("requesters such as reporters"), or other groups,
   which count as named unless they are members of it.
4. **Reasons.** "because...", "since..." name no group.
5. **Groups.** Commas and words such as "and", "or", "but", "rather than" join groups;
   "not", "no", "never" opening a group, a word such as "rather than" before it, or "but"
   after "anyone", set it aside. A part that opens with "who", "is" or a pronoun goes on
   describing the group before ("..., they sign off on every release"). Inside a group's
   qualifier, "and" and commas join its own words, not groups ("people who travel to and
   from work"), unless what follows names a group itself. A run of words that a key
   phrasing spans ("children and families") is never cut.

The in-page checker implements the same reading from the same data (``language.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from .language import derived, language
from .normalize import ARTICLE, HYPHEN, POSSESSIVE, marked_tokens, raw_words

_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(text: str) -> str:
    """``text`` with only A to Z in lower case, so that positions do not move (the page's
    script does the same; full case folding differs between languages)."""
    return text.translate(_LOWER)


class Piece(NamedTuple):
    """One group an answer names: the learner's words, and how the answer uses them."""

    text: str
    words: tuple[str, ...]  # normalized tokens (possessive markers included)
    role: str  # head | aside | negated | describes
    marked: tuple[str, ...] = ()  # the same with a marker where each article was
    raw: tuple[str, ...] = ()  # for each of ``marked``, the word as typed (for typos)


#: What a reader says of a group's tokens: (it names something the question knows, its
#: head is followed by a qualifier, a name starts at its first word). Given by the grader,
#: which knows the question.
Info = Callable[[tuple[str, ...]], tuple[bool, bool, bool]]


def _alternatives(phrases: tuple[str, ...] | list[str], apostrophes: bool = False) -> str:
    """A regular expression matching any of ``phrases`` as whole words, in lower case (with
    an apostrophe optional where a phrasing has one, when ``apostrophes``)."""
    alts = sorted(phrases, key=lambda p: (-len(p), p))

    def word(w: str) -> str:
        w = re.escape(w)
        return w.replace("'", "['\u2019]?") if apostrophes else w

    body = "|".join(r"[ \t\n\r.]+".join(word(w) for w in p.split()) for p in alts)
    return f"(?<![a-z0-9])(?:{body})(?![a-z0-9])"


class LazyPattern:
    """A regular expression compiled when first used: compiling a long one costs a
    learner's ``check`` more at start than grading the answers does."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled.match(text)


def _opening(text: str) -> str:
    """The first two words of ``text`` in lower case, without apostrophes, one space
    between (as a lead-in's pattern lets them be written)."""
    text = lower_ascii(text).replace("'", "").replace("\u2019", "")
    return " ".join(_BETWEEN.split(text.lstrip(" \t\n\r."), 2)[:2])


_BETWEEN = re.compile(r"[ \t\n\r.]+")


class Rules(NamedTuple):
    """The structure words and signs of ``language.yaml``, compiled once."""

    with_shorthand: re.Pattern[str]
    emphasis: re.Pattern[str]
    #: a part that opens with a possessive pronoun belongs to the group before it
    possessor: re.Pattern[str]
    #: characters trimmed from the ends of a group as shown to the learner
    trim: str
    bracket: re.Pattern[str]
    dash: re.Pattern[str]
    members: re.Pattern[str]
    corrections: re.Pattern[str]
    reasons: re.Pattern[str]
    separators: re.Pattern[str]
    lead_ins: LazyPattern
    #: the first two words of the lead-ins (:func:`_opening`): text that starts with none
    #: of them has no lead-in, and the long pattern is not needed (nor compiled)
    lead_in_starts: tuple[str, ...]
    etcetera: re.Pattern[str]
    negating: frozenset[str]
    negations: frozenset[str]
    universal: frozenset[str]
    own: frozenset[str]
    results: frozenset[str]
    activity_nouns: frozenset[str]
    continuations: frozenset[str]
    clause_words: frozenset[str]


def _word(text: str) -> str:
    """A word of language.yaml as the grader's tokens spell it."""
    return " ".join(t for t in marked_tokens(text) if t not in (POSSESSIVE, ARTICLE, HYPHEN))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The structure rules of ``course/language.yaml``, compiled for reading."""
    lang = language()
    s, marks = lang.structure, lang.marks
    return Rules(
        with_shorthand=re.compile(marks["with_shorthand"]),
        emphasis=re.compile(marks["emphasis"]),
        possessor=re.compile(marks["possessor"]),
        trim=lang.trim,
        bracket=re.compile(marks["bracket"]),
        dash=re.compile(marks["dash"]),
        members=re.compile(_alternatives(s.members)),
        corrections=re.compile(
            marks["correction_break"] + _alternatives(s.corrections) + r"[ \t\n\r,:.!\-]*"
        ),
        reasons=re.compile(_alternatives(s.reasons)),
        separators=re.compile(f"{marks['join']}|{_alternatives(s.coordinators)}"),
        lead_ins=LazyPattern(
            r"^[ \t\n\r]*" + _alternatives(s.lead_ins, apostrophes=True) + r"[ \t\n\r,:.!\-]*"
        ),
        lead_in_starts=tuple(sorted({_opening(p) for p in s.lead_ins})),
        etcetera=re.compile(r"[ \t\n\r,;]*" + _alternatives(s.etcetera) + r"\.?"),
        negating=frozenset(" ".join(p.lower().split()) for p in s.negating),
        negations=frozenset(s.negations),
        universal=frozenset(s.universal),
        own=frozenset(s.own),
        results=frozenset(_word(r) for r in s.results),
        activity_nouns=frozenset(_word(a) for a in s.activity_nouns),
        continuations=frozenset(s.continuations),
        clause_words=frozenset(s.clause_words),
    )


def _cut_reason(text: str, r: Rules) -> str:
    found = r.reasons.search(lower_ascii(text))
    return text[: found.start()] if found else text


def _plain(toks: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in toks if t != POSSESSIVE)


def without_lead_in(text: str, r: Rules | None = None) -> str:
    """``text`` without the words that open it and name nothing ("I'd say it's ..."). An
    "it" typed as "IT" is information technology, not a lead-in."""
    r = r or rules()
    while True:
        if not _opening(text).startswith(r.lead_in_starts):
            return text
        found = r.lead_ins.match(lower_ascii(text))
        if not found or not found.group(0).strip():
            return text
        rest = text[found.end() :]
        if not rest.strip() or text.lstrip().startswith("IT"):
            return text
        text = rest


def cleaned(answer: str, r: Rules | None = None) -> str:
    """``answer`` as a trainer reads it before looking for groups: shorthand, emphasis and
    "etc." gone, a correction taking back what came before it, no lead-in."""
    r = r or rules()
    text = r.with_shorthand.sub("with ", answer)
    text = r.emphasis.sub(" ", text)
    low, kept, at = lower_ascii(text), [], 0
    for found in r.etcetera.finditer(low):
        kept.append(text[at : found.start()])
        at = found.end()
    text = "".join(kept) + text[at:]
    last = None
    for found in r.corrections.finditer(lower_ascii(text)):
        if text[found.end() :].strip(r.trim):
            last = found
    if last is not None:
        text = text[last.end() :]
    return without_lead_in(text, r)


def pieces(
    answer: str, joined: dict[str, list[tuple[str, ...]]], info: Info | None = None
) -> list[Piece]:
    """The groups ``answer`` names. ``joined``: key phrasings of two words or more, by
    first word, that a cut must not split ("children and families"); ``info``: what the
    question knows of a group's words, to tell a qualifier's "and" from one between groups."""
    r = rules()
    asides: list[str] = []

    def aside(found: re.Match[str]) -> str:
        asides.append(found.group(1))
        return " , "

    main = r.bracket.sub(aside, cleaned(answer, r))
    for pattern in (r.dash, r.members):
        found = pattern.search(lower_ascii(main))
        if found:
            asides.append(main[found.end() :])
            main = main[: found.start()]
    out = _coordinated(_cut_reason(main, r), "head", joined, r, info)
    for text in asides:
        out += _coordinated(_cut_reason(text, r), "aside", joined, r, info)
    return out


def _coordinated(
    text: str,
    role: str,
    joined: dict[str, list[tuple[str, ...]]],
    r: Rules,
    info: Info | None,
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
    parts = []  # (separator, raw text, marked tokens, a comma stood before it)
    comma = False
    for sep, start, end in chunks:
        comma = comma or sep in (",", ";")
        raw = text[start:end]
        if parts and not r.possessor.match(lower_ascii(raw)):  # "its" is not "it's"
            raw = without_lead_in(raw, r)
        marked = marked_tokens(raw)
        if not _plain(_words_of(marked)):
            continue
        parts.append((sep, raw, marked, comma))
        comma = False
    named = [info(m)[0] if info is not None else True for _s, _r, m, _c in parts]
    out: list[Piece] = []
    last_first = ""
    open_qualifier = False  # the group before ends in a qualifier that may go on
    in_clause = False  # ... and that qualifier is a clause ("who register")
    describing = False  # the part before went on describing the group before it
    for n, (sep, raw, marked, comma) in enumerate(parts):
        typed = raw_words(raw)
        toks = _words_of(marked)
        words = _plain(toks)
        shown = raw.strip(r.trim)
        negated = sep in r.negating or (sep == "but" and last_first in r.universal)
        if out and not negated and (words[0] in r.continuations or (describing and not comma)):
            # ", paid on time", "and is owed a refund", ", they sign off", "whose taxes pay
            # for the auditors and the agencies": about the group before, not a group
            out.append(Piece(shown, toks, "describes", marked, typed))
            describing = True
            continue
        describing = False
        if out and not negated and r.possessor.match(lower_ascii(raw)):
            # "the doctors and their patients": theirs, an aside to the group before
            out.append(Piece(shown, toks, "aside", marked, typed))
            continue
        if words[0] in r.negations:
            negated = True
            at = marked.index(words[0])
            marked, typed = marked[at + 1 :], typed[at + 1 :]
            toks = _words_of(marked)
            if not toks:
                continue  # a bare "no" names nobody
        verb_goes_on = (
            in_clause and marked[0] != ARTICLE and info is not None and not info(marked)[2]
        )  # "people who register or renew their registration": one clause, two verbs
        if (
            out
            and open_qualifier
            and not negated
            and (not named[n] or not all(named[n:]) or verb_goes_on)
        ):
            # "people who travel to | and from work", "a certificate for a passport, school,
            # a license or benefits": the qualifier goes on (a list with things in it is a
            # list of things)
            prev = out[-1]
            out[-1] = prev._replace(
                text=f"{prev.text} {sep} {shown}".strip(),
                words=prev.words + toks,
                marked=prev.marked + marked,
                raw=prev.raw + typed,
            )
            continue
        last_first = words[0]
        out.append(Piece(shown, toks, "negated" if negated else role, marked, typed))
        open_qualifier = info is not None and info(marked)[1]
        in_clause = any(w in r.clause_words for w in words[1:])
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
            sep_words = _plain(_tokens(sep))
            joins.extend(range(len(all_words), len(all_words) + len(sep_words)))
            all_words.extend(sep_words)
        starts.append(len(all_words))
        all_words.extend(_plain(_tokens(text[start:end])))
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


def _tokens(text: str) -> tuple[str, ...]:
    return _words_of(marked_tokens(text))


def _words_of(marked: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens without the markers of articles and hyphens (possessives stay)."""
    return tuple(t for t in marked if t not in (ARTICLE, HYPHEN))


derived(rules.cache_clear)
