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

from .language import derived, language

#: Token that stands where a possessive "'s" was.
POSSESSIVE = "'s"

_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'"})
_POSSESSIVE_RE = re.compile(r"(?<=[a-z0-9])'s?(?![a-z0-9])")
_INNER_APOSTROPHE_RE = re.compile(r"(?<=[a-z0-9])'(?=[a-z0-9])")
_TOKEN_RE = re.compile(r"[a-z0-9]+|\x01")


def singular(word: str, keep_s: frozenset[str] = frozenset()) -> str:
    """A crude but symmetric singular: applied to answers and keys alike, so both meet."""
    if len(word) <= 3 or word in keep_s or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


@lru_cache(maxsize=1)
def _homoglyph_table() -> dict[int, str]:
    return str.maketrans(language().homoglyphs)


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """The comparable tokens of ``text``; possessives become :data:`POSSESSIVE`."""
    lang = language()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_homoglyph_table())
    for acronym, meaning in lang.acronyms.items():
        text = re.sub(rf"(?<![A-Za-z0-9]){acronym}(?![A-Za-z0-9])", f" {meaning} ", text)
    text = text.lower().translate(_APOSTROPHES).replace("&", " and ")
    text = _POSSESSIVE_RE.sub(" \x01 ", text)
    text = _INNER_APOSTROPHE_RE.sub("", text)
    out: list[str] = []
    for tok in _TOKEN_RE.findall(text):
        if tok == "\x01":
            if out and out[-1] != POSSESSIVE:
                out.append(POSSESSIVE)
            continue
        if tok in lang.articles:
            continue
        tok = singular(tok, lang.keep_s)
        out.append(lang.spellings.get(tok, tok))
    return _expand_acronyms(out, lang.acronyms, lang.acronym_before)


def _expand_acronyms(
    toks: list[str], acronyms: dict[str, str], before: dict[str, frozenset[str]]
) -> tuple[str, ...]:
    """Read a lower-case acronym as its meaning when the next word shows it is one."""
    out: list[str] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok in before and nxt in before[tok]:
            out.extend(normal_words(acronyms[tok.upper()]))
        else:
            out.append(tok)
    return tuple(out)


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
derived(tokens.cache_clear)
