"""Turn free text into comparable tokens, the way a trainer reads past surface differences.

Case, punctuation, accents, letters of other alphabets that look like Latin ones, Unicode
quotes, "&" for "and", articles, plurals and British
spellings do not matter; "IT" (information technology) is told apart from "it" (the
pronoun). A possessive ("the plant's neighbours") leaves a marker token, so the matcher
knows "plant" there modifies another noun. The rules live in ``course/language.yaml`` and
are mirrored exactly by the in-page checker.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from .course import compiled, on_change
from .language import compiled_rules, derived, language

#: Token that stands where a possessive "'s" was.
POSSESSIVE = "'s"
#: Token that stands where an article was, when articles are kept (:func:`marked_tokens`).
ARTICLE = "'a"
#: Token that stands where a hyphen between letters was, when articles are kept
#: (:func:`marked_tokens`): the words on either side are one compound ("applicant-facing").
HYPHEN = "'h"
_TOKEN_RE = re.compile(r"[a-z0-9]+|\x01|\x02")


def singular(word: str, keep_s: frozenset[str] = frozenset()) -> str:
    """A crude but symmetric singular (``language.yaml``'s ``singular``): applied to answers
    and keys alike, so both meet."""
    rule = language().singular
    if len(word) <= rule.longer_than or word in keep_s or not word.endswith("s"):
        return word
    for ending, becomes, longer_than in rule.endings:
        if word.endswith(ending) and len(word) > longer_than:
            return word[: len(word) - len(ending)] + becomes
    return word


class _Marks(NamedTuple):
    """The signs of ``language.yaml``'s ``marks`` that tokens are read by, compiled."""

    apostrophes: re.Pattern[str]
    possessive: re.Pattern[str]
    inner_apostrophe: re.Pattern[str]
    inner_hyphen: re.Pattern[str]


@lru_cache(maxsize=1)
def _marks() -> _Marks:
    marks = language().marks
    return _Marks(*(re.compile(marks[name]) for name in _Marks._fields))


@lru_cache(maxsize=1)
def _homoglyph_table() -> dict[int, str]:
    return str.maketrans(language().homoglyphs)


@lru_cache(maxsize=1)
def _digit_in_word() -> re.Pattern[str]:
    """A digit that looks like a letter, between two letters: the 1 of "pub1ic"."""
    digits = "".join(sorted(language().digits_in_words))
    return re.compile(rf"(?<=[a-z])[{digits}](?=[a-z])")


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """The comparable tokens of ``text``; possessives become :data:`POSSESSIVE`."""
    return tuple(t for t in marked_tokens(text) if t not in (ARTICLE, HYPHEN))


@lru_cache(maxsize=4096)
def marked_tokens(text: str) -> tuple[str, ...]:
    """:func:`tokens`, with :data:`ARTICLE` where an article was ("the residents the
    departments serve": the second article starts a clause)."""
    return tuple(tok for tok, _raw in _pairs(text))


@lru_cache(maxsize=4096)
def raw_words(text: str) -> tuple[str, ...]:
    """For each of :func:`marked_tokens`, the word as typed, in lower case: "childrne" for
    "childrne", "families" for "family" (what a typo is read against)."""
    return tuple(raw for _tok, raw in _pairs(text))


@lru_cache(maxsize=4096)  # pure: tokens and words as typed come from one reading
def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    if _seen is not None:
        _seen.add(text)
    elif compiled_rules():
        known = _written().get(text)
        if known is not None:
            return known
    return _read(text)


def _read(text: str) -> tuple[tuple[str, str], ...]:
    lang = language()
    # look-alikes before decomposing ("Ϲ" would become a sigma) and after ("ӧ" is an о)
    text = unicodedata.normalize("NFKD", text.translate(_homoglyph_table()))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_homoglyph_table())
    for acronym, meaning in lang.acronyms.items():
        text = re.sub(rf"(?<![A-Za-z0-9]){acronym}(?![A-Za-z0-9])", f" {meaning} ", text)
    marks = _marks()
    text = marks.apostrophes.sub("'", text.lower()).replace("&", " and ")
    if lang.digits_in_words:
        text = _digit_in_word().sub(lambda m: lang.digits_in_words[m.group()], text)
    text = marks.possessive.sub(" \x01 ", text)
    text = marks.inner_apostrophe.sub("", text)
    text = marks.inner_hyphen.sub(" \x02 ", text)
    out: list[tuple[str, str]] = []
    for tok in _TOKEN_RE.findall(text):
        if tok == "\x01":
            if out and out[-1][0] != POSSESSIVE:
                out.append((POSSESSIVE, POSSESSIVE))
            continue
        if tok == "\x02":
            out.append((HYPHEN, HYPHEN))
            continue
        if tok in lang.articles:
            out.append((ARTICLE, ARTICLE))
            continue
        for word in _TOKEN_RE.findall(lang.abbreviations.get(tok, tok)):
            norm = singular(word, lang.keep_s)
            out.append((lang.spellings.get(norm, norm), word))
    return tuple(_expand_acronyms(out, lang.acronyms, lang.acronym_before))


def _expand_acronyms(
    toks: list[tuple[str, str]], acronyms: dict[str, str], before: dict[str, frozenset[str]]
) -> list[tuple[str, str]]:
    """Read a lower-case acronym as its meaning when the next word shows it is one."""
    out: list[tuple[str, str]] = []
    for i, (tok, raw) in enumerate(toks):
        nxt = toks[i + 1][0] if i + 1 < len(toks) else None
        if tok in before and nxt in before[tok]:
            out.extend((w, w) for w in normal_words(acronyms[tok.upper()]))
        else:
            out.append((tok, raw))
    return out


def normal_words(text: str) -> list[str]:
    """Plain lower-case words of ``text`` (for the fixed phrases in language.yaml)."""
    return _TOKEN_RE.findall(text.lower())


def words(text: str) -> tuple[str, ...]:
    """The tokens of ``text`` without possessive markers."""
    return tuple(t for t in tokens(text) if t != POSSESSIVE)


def normal(text: str) -> str:
    """``text`` as one normalised string, for equality and display of what matched."""
    return " ".join(words(text))


derived(_homoglyph_table.cache_clear)
derived(_digit_in_word.cache_clear)
derived(_marks.cache_clear)
derived(tokens.cache_clear)
derived(marked_tokens.cache_clear)
derived(raw_words.cache_clear)
derived(_pairs.cache_clear)


# --- what the compiler wrote down ----------------------------------------------------------
# Reading the same phrasings of the keys and words of the rules at every start would cost a
# learner's `check` more than grading does; the compiler reads them once, with the rules it
# compiles, and writes each reading beside them (course.json's "readings", and each key's).

#: Texts read as the compiler read them, by text (see :func:`learn`).
_learned: dict[str, tuple[tuple[str, str], ...]] = {}
#: While the compiler records (:func:`recorded`), every text read.
_seen: set[str] | None = None


@lru_cache(maxsize=1)
def _written() -> dict[str, tuple[tuple[str, str], ...]]:
    table = _learned
    for text, form in compiled().get("readings", {}).items():
        table.setdefault(text, _decoded(form))
    return table


def learn(readings: dict[str, str | list[str]]) -> None:
    """Take the readings the compiler wrote for a key's texts (its ``"readings"``), as long as
    text is read with the compiled rules they were made with."""
    if compiled_rules():
        table = _written()
        for text, form in readings.items():
            table[text] = _decoded(form)


def written_form(text: str) -> str | list[str]:
    """How ``text`` reads, as the compiler writes it down: the tokens joined by spaces, or
    the tokens and the words as typed when they differ."""
    pairs = _read(text)
    toks = " ".join(t for t, _raw in pairs)
    raws = " ".join(raw for _t, raw in pairs)
    return toks if toks == raws else [toks, raws]


def _decoded(form: str | list[str]) -> tuple[tuple[str, str], ...]:
    toks, raws = (form, form) if isinstance(form, str) else form
    if not toks:
        return ()
    return tuple(zip(toks.split(" "), raws.split(" "), strict=True))


class recorded:  # noqa: N801 - used as ``with recorded() as texts``
    """Every text read inside the ``with`` block, from a clean start (for the compiler)."""

    def __enter__(self) -> set[str]:
        global _seen
        for forget in (_pairs, marked_tokens, raw_words, tokens):
            forget.cache_clear()
        _seen = set()
        return _seen

    def __exit__(self, *exc: object) -> None:
        global _seen
        _seen = None
        _pairs.cache_clear()


def _forget_written() -> None:
    _learned.clear()
    _written.cache_clear()


derived(_forget_written)
on_change(_forget_written)
