"""Text from a class folder made safe to show anywhere: the terminal, a CSV file, the page.

A class folder holds names and answers strangers wrote. A file name may hold bytes that
are not UTF-8 (``caf\\xe9.yaml``), terminal escape sequences (``\\x1b[2J`` clears the
screen) or invisible characters that reorder a line; an answer read from JSON may hold a
lone surrogate (``"\\ud800"``) that no UTF-8 writer can encode. Everything the report or
the command shows passes through one of these functions first:

* :func:`name_shown` for learner names, file paths and one-line reasons: stray bytes and
  control characters become visible escapes (``caf\\xe9``), so two different names stay
  two different names and nothing is ever obeyed by a terminal;
* :func:`answer_shown` for answers: the same, but line breaks and tabs (an answer may have
  several lines) are kept, and lone surrogates become the replacement character.
"""

from __future__ import annotations

import re

from ..files.paths import printable

#: Reasons and names longer than this are cut (an exercise id of 5,000 characters would
#: otherwise fill a page of the report).
MAX_SHOWN_CHARS = 300

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped_surrogate(match: re.Match[str]) -> str:
    """A byte that was not UTF-8 as ``\\xe9``; any other lone surrogate as ``\\ud800``."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def name_shown(text: str, limit: int | None = MAX_SHOWN_CHARS) -> str:
    """A name, path or reason as one safe line: stray bytes, control and invisible
    characters escaped, and cut in the middle to ``limit`` characters (``None``: never)."""
    shown = printable(_SURROGATE.sub(_escaped_surrogate, text))
    if limit is not None and len(shown) > limit:  # cut in the middle: a reason's end matters
        head = (limit - 1) // 2
        shown = shown[:head] + "…" + shown[len(shown) - (limit - 1 - head) :]
    return shown


def answer_shown(text: str) -> str:
    """An answer as the learner wrote it, line breaks and tabs kept, but never a lone
    surrogate (shown as the replacement character) nor a control character (escaped)."""
    text = _SURROGATE.sub("\ufffd", text)
    return "\n".join(printable(line) for line in text.split("\n"))  # printable keeps tabs
