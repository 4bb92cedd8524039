"""With storage blocked (cookies off, or the course in an LMS frame from another site) the
theme's buttons still work on a phone and a laptop: the menu opens, search opens and finds,
the color mode switches; the course still says that answers are not kept; nothing is
logged as an error, axe finds nothing. A first visit logs no error either, and starts in
the device's color mode."""

from __future__ import annotations

import pytest
from site_helpers import DESKTOP, PHONE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.book]

CHAPTER = "book/knowing-your-customer.html"
#: What Chromium does when cookies are blocked (checked against a profile with
#: "Block all cookies"): ``window.localStorage`` and ``window.sessionStorage`` stay own,
#: configurable properties whose getters throw this SecurityError.
BLOCKED = """(() => {
  for (const name of ["localStorage", "sessionStorage"]) {
    Object.defineProperty(window, name, {
      configurable: true,
      enumerable: true,
      get() {
        throw new DOMException("Failed to read the '" + name + "' property from 'Window': "
          + "Access is denied for this document.", "SecurityError");
      },
    });
  }
})();"""


#: Runs in the page: whether ``localStorage`` takes a value under the key it is given.
TRY_TO_STORE = """key => {
  try {
    localStorage.setItem(key, localStorage.getItem(key) || "auto");
    return "stored";
  } catch (e) {
    return e.name;
  }
}"""


def watch(page) -> list[str]:
    """Errors and warnings the page logs, and uncaught exceptions, as they come."""
    seen: list[str] = []
    page.on(
        "console",
        lambda m: seen.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda exc: seen.append(f"uncaught: {exc}"))
    return seen


def axe_finds_nothing(axe, page, problems: list[str], state: str) -> None:
    """No error so far, then no axe violation. axe-core itself then fetches the theme's
    imported style sheet from a wrong address (a 404 in the console): not the page's."""
    assert problems == [], state
    assert axe_violations(axe, page) == [], state
    problems.clear()


def theme(page) -> list[str]:
    return page.evaluate(
        "[document.documentElement.dataset.mode, document.documentElement.dataset.theme]"
    )


@pytest.mark.parametrize(
    "viewport", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
)
def test_with_storage_blocked_the_menu_search_and_color_mode_work(
    browser, served_book, axe, viewport
):
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    context.add_init_script(BLOCKED)
    page = context.new_page()
    problems = watch(page)
    try:
        page.goto(f"{served_book}/{CHAPTER}", wait_until="load")
        # The theme's settings live in memory for the page; the course's own storage stays
        # refused, so the learner is told that answers are not kept.
        assert page.evaluate(TRY_TO_STORE, "mode") == "stored"
        assert page.evaluate(TRY_TO_STORE, "ams-progress") == "SecurityError"
        assert "not kept" in page.locator(".ams-progress-notice").first.inner_text()

        menu = page.get_by_role("button", name="Toggle primary sidebar")
        if viewport is PHONE:
            menu.click()
            drawer = page.locator("#pst-primary-sidebar-modal[open]")
            drawer.wait_for()
            assert drawer.get_by_role("navigation", name="Main").is_visible()
            axe_finds_nothing(axe, page, problems, "the menu open")
            page.keyboard.press("Escape")
            drawer.wait_for(state="detached")
        else:
            sidebar = page.locator("#pst-primary-sidebar")
            assert sidebar.is_visible()
            menu.click()
            sidebar.wait_for(state="hidden")
            menu.click()
            sidebar.wait_for(state="visible")

        # The header says what its button does: it prints (it never downloaded a PDF).
        assert page.get_by_role("button", name="Print this page").is_visible()
        assert page.get_by_role("button", name="Download this page").count() == 0

        before = theme(page)
        assert before == ["auto", "light"]
        page.get_by_role("button", name="Color mode").click()
        assert theme(page) == ["dark", "dark"]
        axe_finds_nothing(axe, page, problems, "dark mode")

        search = page.get_by_role("button", name="Search").locator("visible=true")
        search.first.click()
        page.locator("#pst-search-dialog[open]").wait_for()
        page.keyboard.type("investors")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search.html?q=investors*")
        page.locator("#search-results .search-summary").filter(has_text="found").wait_for()
        first = page.locator("#search-results ul.search > li a").first
        assert first.get_attribute("href") == "book/glossary.html#term-investor"
        axe_finds_nothing(axe, page, problems, "search results")
    finally:
        context.close()


def test_a_first_visit_logs_no_error_and_follows_the_device(browser, served_book):
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    problems = watch(page)
    try:
        page.goto(f"{served_book}/book/welcome.html", wait_until="load")
        assert theme(page) == ["auto", "dark"]
        assert page.evaluate("localStorage.getItem('mode')") == "auto"
        assert problems == []
    finally:
        context.close()
