"""The site leans on a few internals of Sphinx and the theme (pinned in constraints.txt):
the theme's ``generate_toctree_html`` in the page context, which the course wraps to name
the sidebar's toggles, and ``Search._performSearch``, ``Search._index`` and
``Search.status`` in Sphinx's search script, which the course's search ranks and words.
Each hook quietly does nothing when its internal is gone, so this fast test says so at
once when an update removes one, before any book is built.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pydata_sphinx_theme.toctree
import sphinx

ROOT = Path(__file__).resolve().parent.parent
SEARCHTOOLS = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"
COURSE_SEARCH = ROOT / "book" / "_static" / "search" / "course-search.js"
COURSE_THEME = ROOT / "book" / "_ext" / "course_theme.py"


def test_the_theme_still_puts_generate_toctree_html_in_the_page_context():
    source = inspect.getsource(pydata_sphinx_theme.toctree)
    assert 'context["generate_toctree_html"] = generate_toctree_html' in source
    assert 'context.get("generate_toctree_html")' in COURSE_THEME.read_text("utf-8")


def test_sphinx_search_still_has_what_the_course_search_uses():
    course = COURSE_SEARCH.read_text("utf-8")
    used = set(re.findall(r"\bSearch\.(\w+)", course))
    assert {"_performSearch", "_index", "status"} <= used, used
    sphinx_search = SEARCHTOOLS.read_text("utf-8")
    body = sphinx_search[sphinx_search.index("const Search = {") :]
    for name in sorted(used):
        assert re.search(rf"(?m)^\s+{name}\s*[:(]|Search\.{name}\s*=", body), name
