"""Paths and text as a person reads them in a message, safe to print to a terminal."""

from __future__ import annotations

import os
import re
from pathlib import Path

#: Control characters but the tab (escape sequences start with one; a line break would
#: fake a line of output) and the invisible formatting ones (bidirectional overrides).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b``-style escapes, and names that
    are not valid UTF-8 with their stray bytes replaced: a file name or an answer can never
    clear the screen, move the cursor or fake a line of output."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shown(path: Path | str) -> str:
    """``path`` relative to the current folder when it is below it, else as it is."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return printable(str(path))
    return printable(str(path) if rel.startswith("..") else rel)
