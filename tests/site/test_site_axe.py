"""axe-core (WCAG 2.0 and 2.1, A and AA) finds nothing on the built site: on every page in
light mode on a desktop; in dark mode and on a phone on a sample of pages that between them
show every component the pages use (``sample_pages``); and on a page with an exercise in
each of its states: empty, wrong answers checked, a hint shown, the solution revealed."""

from __future__ import annotations

import pytest
from site_helpers import MODES, PHONE, WRONG_ANSWER, axe_violations, page_components, soup_of

pytestmark = [pytest.mark.browser, pytest.mark.book]


#: The other ways a reader sees the site: dark mode on a desktop, and a phone.
OTHER_VIEWS = [
    pytest.param({"mode": mode}, id=f"{mode}-desktop") for mode in MODES if mode != "light"
] + [pytest.param({"viewport": PHONE}, id="phone")]


def _violations_on(open_page, axe, pages: list[str], view: dict) -> str:
    found = {}
    for rel in pages:
        page = open_page(rel, **view)
        if lines := axe_violations(axe, page):
            found[rel] = lines
        page.context.close()
    return "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in found.items())


def test_every_page_has_no_violations_in_light_mode(open_page, axe, reader_pages):
    assert not (found := _violations_on(open_page, axe, reader_pages, {})), found


@pytest.mark.parametrize("view", OTHER_VIEWS)
def test_every_component_has_no_violations_in_the_other_views(open_page, axe, sample_pages, view):
    assert not (found := _violations_on(open_page, axe, sample_pages, view)), found


def test_the_sample_covers_every_component_and_is_smaller(built_book, reader_pages, sample_pages):
    every = set().union(*(page_components(soup_of(built_book, p)) for p in reader_pages))
    covered = set().union(*(page_components(soup_of(built_book, p)) for p in sample_pages))
    assert every == covered and ".ams-exercise" in covered
    assert "search.html" in sample_pages and len(sample_pages) < len(reader_pages)


def test_the_phone_menu_has_no_violations_when_open(open_page, axe, exercise_page):
    page = open_page(exercise_page, viewport=PHONE)
    page.get_by_role("button", name="Toggle primary sidebar").click()
    page.locator("#pst-primary-sidebar-modal[open]").wait_for()
    assert axe_violations(axe, page) == []


@pytest.mark.parametrize("mode", MODES)
def test_exercise_states_have_no_violations(open_page, axe, exercise_page, mode):
    page = open_page(exercise_page, mode=mode)
    exercise = page.locator(".ams-exercise").first
    form = exercise.locator("form")
    form.wait_for(state="visible")
    assert axe_violations(axe, page) == [], "empty exercise"

    for field in form.locator("input[type=text], textarea").all():
        field.fill(WRONG_ANSWER)
    form.get_by_role("button", name="Check my answers").click()
    status = exercise.locator("[role=status]")
    page.wait_for_function("el => el.textContent.trim().length > 0", arg=status.element_handle())
    assert "All fields correct" not in (status.text_content() or "")
    assert exercise.locator(".ams-exercise-feedback:not([hidden])").count() > 0
    assert axe_violations(axe, page) == [], "wrong answers checked"

    exercise.locator(".ams-exercise-hint-button").click()
    assert exercise.locator(".ams-exercise-hints li:not([hidden])").count() == 1
    assert axe_violations(axe, page) == [], "a hint shown"

    exercise.locator("details.ams-exercise-solution > summary").click()
    assert exercise.locator("details.ams-exercise-solution[open]").count() == 1
    assert exercise.locator(".ams-exercise-solution-body").is_visible()
    assert axe_violations(axe, page) == [], "solution revealed"
