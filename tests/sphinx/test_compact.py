"""The site sends the course's scripts and styles minified
(:mod:`ams_exercises.sphinx.compact`); the minified checker is replayed against the
shared vectors in ``tests/checker/test_checker_node.py``."""

from __future__ import annotations

from ams_exercises.sphinx import STATIC
from ams_exercises.sphinx.compact import COMPACTED, compact_css, compact_js

SOURCES = [STATIC / name for name in COMPACTED if (STATIC / name).is_file()]


def test_js_keeps_strings_and_regular_expressions_and_drops_comments():
    source = (
        "function f(longName) {\n  // why\n"
        '  return longName + "//not a comment" + /a\\/\\/b/.source;\n}\n'
    )
    out = compact_js(source)
    assert "why" not in out
    assert '"//not a comment"' in out and "/a\\/\\/b/" in out
    assert "longName" not in out  # a local name is shortened
    assert len(out) < len(source)


def test_css_drops_comments_across_lines():
    source = "/* one\n   two */\n.a {\n  color: red; /* x */\n}\n"
    assert compact_css(source) == ".a{color:red}\n"


def test_the_built_site_sends_the_minified_files(built_book):
    static = built_book / "_static"
    for path in SOURCES:
        sent = (static / path.name).read_text("utf-8")
        text = path.read_text("utf-8")
        expected = compact_js(text) if path.suffix == ".js" else compact_css(text)
        assert sent == expected, path.name
        assert len(sent) < len(text)
