"""The course's own scripts and style sheets, as the site sends them: without comments and
indentation, which are for the people who maintain them, not for the reader's download.

Only what cannot change a program's meaning is removed: whole lines that are ``//``
comments, ``/* ... */`` comments in style sheets, leading spaces and blank lines. The files
hold no multi-line strings or template literals (a test keeps it so), so no line is ever
part of a string. The page tests run against these compacted copies in the built site.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

#: The files the build compacts in ``_static``: the exercise and progress scripts and styles.
COMPACTED = (
    "ams-exercise.js",
    "ams-exercise.css",
    "ams-progress.js",
    "ams-progress.css",
    "ams-progress-page.js",
)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def compact_js(text: str) -> str:
    """``text`` without comment-only lines, indentation or blank lines."""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def compact_css(text: str) -> str:
    """``text`` without comments, indentation or blank lines."""
    lines = (line.strip() for line in _CSS_COMMENT.sub("", text).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def compact_static(app: Any, exception: Exception | None) -> None:
    """build-finished: rewrite the course's scripts and styles in the built ``_static``.

    Runs before the site's gzip copies are made (``course_serve``, priority 1000)."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for name in COMPACTED:
        path = static / name
        if path.is_file():
            text = path.read_text("utf-8")
            compact = compact_js if name.endswith(".js") else compact_css
            path.write_text(compact(text), "utf-8")
