"""The site sends the course's scripts and styles without comments or indentation
(:mod:`ams_exercises.sphinx.compact`); that is safe only while no string spans lines."""

from __future__ import annotations

import re

import pytest

from ams_exercises.sphinx import STATIC
from ams_exercises.sphinx.compact import COMPACTED, compact_css, compact_js

SOURCES = [STATIC / name for name in COMPACTED if (STATIC / name).is_file()]


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_no_string_or_template_spans_lines(path):
    """Every backquote is inside a regular expression's [...] class, never a template
    literal; no line continues a string with a backslash."""
    text = path.read_text("utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        outside = re.sub(r"\[[^\]]*\]", "", line)
        assert "`" not in outside, f"{path.name}:{number} has a template literal"
        assert not line.endswith("\\"), f"{path.name}:{number} continues a string"


def test_js_keeps_code_and_drops_comment_lines_and_indentation():
    source = 'function f(a) {\n  // why\n\n    return a + "//not a comment"; // kept\n}\n'
    assert compact_js(source) == 'function f(a) {\nreturn a + "//not a comment"; // kept\n}\n'


def test_css_drops_comments_across_lines():
    source = "/* one\n   two */\n.a {\n  color: red; /* x */\n}\n"
    assert compact_css(source) == ".a {\ncolor: red;\n}\n"


def test_the_built_site_sends_the_compacted_files(built_book):
    static = built_book / "_static"
    for path in SOURCES:
        sent = (static / path.name).read_text("utf-8")
        text = path.read_text("utf-8")
        expected = compact_js(text) if path.suffix == ".js" else compact_css(text)
        assert sent == expected, path.name
        assert len(sent) < len(text)
