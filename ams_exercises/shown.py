"""Text as a person reads it in a terminal: nothing in it can clear the screen or fake output.

The lowest layer with :mod:`ams_exercises.errors`: the grader's result and every command print
answers, file names and feedback through :func:`printable`.
"""

from __future__ import annotations

import re

#: Control characters but the tab (escape sequences start with one; a line break would
#: fake a line of output) and the invisible formatting ones (bidirectional overrides).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b``-style escapes, and names that
    are not valid UTF-8 with their stray bytes replaced: a file name or an answer can never
    clear the screen, move the cursor or fake a line of output."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
