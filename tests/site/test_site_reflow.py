"""Reflow (WCAG 2.1 SC 1.4.10): at 320 CSS pixels wide no page scrolls sideways and
nothing visible is cut off at the right edge, except inside the boxes meant to scroll
(wide tables, code, notebook output) and the off-screen navigation."""

from __future__ import annotations

import pytest
from site_helpers import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.book]

NARROW = {"width": 320, "height": 700}
#: Elements that may be wider than the screen: they scroll (or slide in) by design.
SCROLLERS = (
    ".pst-scrollable-table-container, .cell_output, pre, div.highlight, "
    ".bd-sidebar-primary, .bd-sidebar-secondary, dialog, .skip-link"
)
CLIPPED_JS = f"""
() => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > innerWidth + 1
    && el.checkVisibility({{visibilityProperty: true}})
    && !el.closest("{SCROLLERS}"))
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join(".")
    + ' "' + el.textContent.trim().slice(0, 30) + '"')
"""


def test_pages_reflow_at_320_pixels(open_page, reader_pages):
    problems = {}
    for rel in reader_pages:
        page = open_page(rel, viewport=NARROW)
        wide = page.evaluate("document.documentElement.scrollWidth") > NARROW["width"]
        clipped = page.evaluate(CLIPPED_JS)
        if wide or clipped:
            problems[rel] = (["the page scrolls sideways"] if wide else []) + clipped
        page.context.close()
    assert not problems, "\n".join(f"{p}: {v}" for p, v in problems.items())


def test_answer_boxes_use_most_of_a_phone_screen(open_page, exercise_page):
    """An exercise inside a knowledge-check box must not lose the phone's width to two sets
    of side margins: every answer box is at least 80% as wide as the screen."""
    page = open_page(exercise_page, viewport=PHONE)
    widths = page.evaluate(
        "[...document.querySelectorAll('.admonition .ams-exercise :is(input, textarea)')]"
        ".map((el) => el.getBoundingClientRect().width)"
    )
    assert widths, f"{exercise_page} has no exercise inside a knowledge check"
    assert min(widths) >= 0.8 * PHONE["width"], widths
