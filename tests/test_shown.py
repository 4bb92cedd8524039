"""What reaches a terminal from a file name or an answer cannot steer it (``shown.printable``).

Every command prints learners' text through :func:`printable`: escape sequences, line
breaks of any kind, invisible formatting and half characters must come out as visible
escapes, and the function must never fail on any string a disk or a file can give.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ams_exercises.shown import printable

STEERING = {
    "an escape sequence": "\x1b[2J",
    "a line break": "a\nb",
    "a carriage return": "a\rb",
    "a C1 control": "a\x9bb",
    "a line separator": "a\u2028b",
    "a paragraph separator": "a\u2029b",
    "a right-to-left override": "a\u202eb",
    "an isolate": "a\u2066b",
    "a zero-width space": "a\u200bb",
    "a byte-order mark": "a\ufeffb",
    "a lone high surrogate": "a\ud800b",
    "a lone low surrogate": "a\udbffb",
}


@pytest.mark.parametrize("text", STEERING.values(), ids=STEERING.keys())
def test_what_could_steer_a_terminal_is_shown_as_an_escape(text: str):
    shown = printable(text)
    assert shown.isascii() and shown.isprintable()
    assert shown.startswith("a") or shown.startswith("\\x1b")
    assert "\\" in shown


def test_a_file_name_with_a_stray_byte_shows_the_replacement_character():
    name = b"caf\xe9.yaml".decode("utf-8", "surrogateescape")
    assert printable(name) == "caf\ufffd.yaml"


def test_ordinary_text_is_unchanged():
    assert printable("the residents' café — 100% «ok»\tnext") == (
        "the residents' café — 100% «ok»\tnext"
    )


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_printable_never_fails_and_leaves_nothing_that_breaks_a_line(text: str):
    shown = printable(text)
    shown.encode("utf-8")  # printable text is always valid UTF-8
    assert not any(ch in shown for ch in "\n\r\x1b\u2028\u2029\x85\u202e")
