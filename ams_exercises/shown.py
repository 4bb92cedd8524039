"""Text as a person reads it in a terminal: nothing in it can clear the screen or fake output.

The lowest layer with :mod:`ams_exercises.errors`: the grader's result and every command print
answers, file names and feedback through :func:`printable`.
"""

from __future__ import annotations

import re

#: Control characters but the tab (escape sequences start with one; a line break would
#: fake a line of output) and the invisible formatting ones (bidirectional overrides).
#: Line and paragraph separators (U+2028, U+2029) break a line too; the byte-order mark
#: hides; a lone surrogate (half a character) cannot be printed at all.
_UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    r"\ufeff\ud800-\udfff]"
)


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b``-style escapes, and names that
    are not valid UTF-8 with their stray bytes replaced: a file name or an answer can never
    clear the screen, move the cursor or fake a line of output."""
    # a name read from a disk in another encoding carries its stray bytes as surrogates
    # U+DC80..U+DCFF: they become the replacement character; any other lone surrogate is
    # shown as its escape below
    text = (
        "".join(
            ch.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            if "\udc80" <= ch <= "\udcff"
            else ch
            for ch in text
        )
        if _SURROGATE.search(text)
        else text
    )
    return _UNPRINTABLE.sub(_escaped, text)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escaped(m: re.Match[str]) -> str:
    ch = m.group()
    if "\ud800" <= ch <= "\udfff":
        return f"\\u{ord(ch):04x}"
    return ch.encode("unicode_escape").decode("ascii")
