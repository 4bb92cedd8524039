"""The course's own scripts and style sheets, as the site sends them: minified.

Comments, indentation and long local names are for the people who maintain the files, not
for a reader's download on a phone. The build rewrites the copies in ``_static`` with
tdewolff's minifier (the ``minify`` package: a parser, so strings and regular expressions
are safe, and local names are shortened). The page tests run against these copies in the
built site, and the shared test vectors are replayed against the minified checker too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import minify

#: The files the build minifies in ``_static``: the exercise, progress and assessment
#: scripts and styles.
COMPACTED = (
    "ams-exercise.js",
    "ams-exercise-form.js",
    "ams-exercise.css",
    "ams-progress.js",
    "ams-progress.css",
    "ams-progress-page.js",
    "ams-assessment.js",
)


def compact_js(text: str) -> str:
    """``text``, a script, minified."""
    return minify.string("application/javascript", text) + "\n"


def compact_css(text: str) -> str:
    """``text``, a style sheet, minified."""
    return minify.string("text/css", text) + "\n"


def compact_static(app: Any) -> None:
    """After an HTML build: rewrite the course's scripts and styles in the built
    ``_static`` (before the gzip copies, as the build's steps are ordered)."""
    static = Path(app.outdir) / "_static"
    for name in COMPACTED:
        path = static / name
        if path.is_file():
            text = path.read_text("utf-8")
            compact = compact_js if name.endswith(".js") else compact_css
            path.write_text(compact(text), "utf-8")
