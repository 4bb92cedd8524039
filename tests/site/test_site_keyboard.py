"""A keyboard-only walk: a skip link comes first and moves on to the content; Tab reaches
every visible control of a chapter, each with a visible focus ring; the sidebar buttons
open and close the navigation; an exercise can be answered, checked, hinted and solved
without a mouse."""

from __future__ import annotations

import pytest
from site_helpers import DESKTOP, PHONE, WRONG_ANSWER

pytestmark = [pytest.mark.browser, pytest.mark.book]

#: Enough Tab presses to go round any page of the book.
MAX_TABS = 600

#: Runs in the page. ``look(el)``: the focus-relevant style of ``el`` and its first
#: descendants (the theme draws some rings on a child, e.g. the sidebar's chevrons).
#: A ring counts when it is an outline at least 1px wide or a box shadow, in a colour
#: at least 30% opaque.
LOOK_JS = """
window.__look = (el) => {
  const opaque = (text) => (text.match(/rgba?\\([^)]*\\)/g) || []).some((c) => {
    const parts = c.replace(/rgba?\\(|\\)/g, "").split(",").map(Number);
    return parts.length < 4 || parts[3] >= 0.3;
  });
  const rings = [];
  for (const node of [el, ...el.querySelectorAll("*")].slice(0, 12)) {
    const s = getComputedStyle(node);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1
      && opaque(s.outlineColor) ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "";
    const shadow = s.boxShadow !== "none" && opaque(s.boxShadow) ? s.boxShadow : "";
    rings.push(outline + "|" + shadow);
  }
  return rings;
};
window.__controls = () => [...document.querySelectorAll(
  "a[href], button, input:not([type=hidden]), textarea, select, summary, [tabindex='0']"
)].filter((el) => !el.disabled && !el.closest("[inert]") && el.checkVisibility({
  visibilityProperty: true, opacityProperty: true,
}));
"""

#: Runs in the page: what a reader sees of the focused element.
FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const boxes = [el, ...el.querySelectorAll("*")].map((n) => n.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0);
  const onScreen = boxes.some((r) => r.bottom > 0 && r.right > 0
    && r.top < innerHeight && r.left < innerWidth);
  const index = window.__controls().indexOf(el);
  return {
    index,
    what: `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label")
      || el.textContent || el.id || "").trim().replace(/\\s+/g, " ").slice(0, 50)}"`,
    onScreen,
    rings: window.__look(el),
  };
}
"""


def walk(page) -> list[dict]:
    """Tab from the top of ``page`` until focus leaves the page; what each stop showed."""
    page.evaluate(LOOK_JS)
    unfocused = page.evaluate("window.__controls().map((el) => window.__look(el))")
    stops: list[dict] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED_JS)
        if stop is None or (stops and stop["index"] == stops[0]["index"]):
            return stops
        before = unfocused[stop["index"]] if stop["index"] >= 0 else []
        stop["ring"] = any(r != "|" and r not in before for r in stop["rings"])
        stops.append(stop)
    pytest.fail(f"focus never left the page after {MAX_TABS} Tab presses")


def test_a_skip_link_comes_first_and_moves_to_the_content(open_page, exercise_page):
    page = open_page(exercise_page)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#main-content"
    assert "skip to main content" in skip.inner_text().lower()
    page.wait_for_timeout(300)  # it slides into view
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the skip link is off screen"
    page.keyboard.press("Enter")
    # The browser reports a same-page jump to Playwright asynchronously; ask the page.
    page.wait_for_function("location.hash === '#main-content'", timeout=5000)
    page.keyboard.press("Tab")
    in_main = page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    in_nav = page.evaluate("!!document.activeElement.closest('.bd-sidebar-primary')")
    assert in_main and not in_nav, "Tab after the skip link did not land in the content"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_control_is_reached_with_a_visible_focus_ring(open_page, exercise_page, viewport):
    page = open_page(exercise_page, viewport=viewport)
    stops = walk(page)
    assert len(stops) > 10
    assert not [s["what"] for s in stops if not s["onScreen"]], "focus went off screen"
    assert not [s["what"] for s in stops if not s["ring"]], "no visible focus ring"
    reached = {s["index"] for s in stops}
    controls = page.evaluate(
        "window.__controls().map((el) => el.tagName + ' ' + "
        "(el.getAttribute('aria-label') || el.textContent).trim().slice(0, 40))"
    )
    missed = [c for i, c in enumerate(controls) if i not in reached]
    assert not missed, f"controls Tab never reaches: {missed}"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_sidebars_open_and_close_from_the_keyboard(open_page, exercise_page, viewport):
    page = open_page(exercise_page, viewport=viewport)
    toggle = page.get_by_role("button", name="Toggle primary sidebar")
    toggle.focus()
    page.keyboard.press("Enter")
    if viewport is PHONE:
        dialog = page.locator("#pst-primary-sidebar-modal")
        dialog.wait_for(state="visible")
        assert dialog.locator("nav.bd-docs-nav a").first.is_visible()
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden")
        assert page.evaluate("document.activeElement.matches('.bd-header-article .primary-toggle')")
        page.get_by_role("button", name="Toggle secondary sidebar").focus()
        page.keyboard.press("Enter")
        contents = page.locator("#pst-secondary-sidebar-modal")
        contents.wait_for(state="visible")
        assert contents.get_by_role("link").first.is_visible()
        page.keyboard.press("Escape")
        contents.wait_for(state="hidden")
    else:
        sidebar = page.locator("#pst-primary-sidebar")
        page.wait_for_function(
            "document.getElementById('pst-primary-sidebar').classList"
            ".contains('pst-sidebar-hidden')"
        )
        page.keyboard.press("Enter")
        page.wait_for_function(
            "!document.getElementById('pst-primary-sidebar').classList"
            ".contains('pst-sidebar-hidden')"
        )
        assert sidebar.locator("nav.bd-docs-nav a").first.is_visible()


def test_color_mode_printing_and_search_work_from_the_keyboard(open_page, exercise_page):
    page = open_page(exercise_page)
    page.get_by_role("button", name="Color mode").focus()
    modes = []
    for _ in range(3):
        page.keyboard.press("Enter")
        modes.append(page.evaluate("document.documentElement.dataset.mode"))
        assert page.evaluate("document.activeElement.matches('.theme-switch-button')")
    assert set(modes) == {"light", "dark", "auto"}, modes

    page.evaluate("addEventListener('beforeprint', () => { window.printing = true; })")
    page.get_by_role("button", name="Print this page").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.printing === true")  # the browser began to print the page
    assert page.evaluate("document.activeElement.matches('.btn-print-button')")

    page.get_by_role("button", name="Search").locator("visible=true").last.focus()
    page.keyboard.press("Enter")
    field = page.locator("#pst-search-dialog input[type=search]")
    field.wait_for(state="visible")
    assert page.evaluate("document.activeElement.matches('#pst-search-dialog input')")
    page.keyboard.type("primary customer")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=primary+customer*")
    page.locator("#search-results li").first.wait_for()
    assert page.locator("#search-results li").count() > 0


def test_an_exercise_is_done_with_the_keyboard_alone(open_page, exercise_page):
    page = open_page(exercise_page)
    exercise = page.locator(".ams-exercise").first
    fields = exercise.locator("form input[type=text], form textarea")
    first_field = fields.first.get_attribute("id")
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == first_field:
            break
    else:
        pytest.fail("Tab never reached the exercise's first answer field")

    for n in range(fields.count()):
        if n:
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == fields.nth(n).get_attribute("id")
        page.keyboard.type(WRONG_ANSWER)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Check my answers"
    page.keyboard.press("Enter")
    status = exercise.locator("[role=status]")
    page.wait_for_function("el => el.textContent.trim().length > 0", arg=status.element_handle())
    assert "All fields correct" not in status.inner_text()
    assert exercise.locator(".ams-exercise-feedback:not([hidden])").count() > 0
    # The summary of the answers to work on takes the focus; its first link leads there.
    assert page.evaluate("document.activeElement.matches('.ams-exercise-summary')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.ams-exercise-summary a')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('.ams-exercise-field > *')")

    for _ in range(fields.count() + 1):  # on through the fields and past Check
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.ams-exercise-hint-button')"):
            break
    page.keyboard.press("Enter")
    assert exercise.locator(".ams-exercise-hints li:not([hidden])").count() == 1
    page.keyboard.press("Space")
    shown = exercise.locator(".ams-exercise-hints li:not([hidden])").count()
    assert shown == min(2, exercise.locator(".ams-exercise-hints li").count())

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.ams-exercise-solution > summary')")
    page.keyboard.press("Enter")
    assert exercise.locator(".ams-exercise-solution[open]").count() == 1
    assert exercise.locator(".ams-exercise-solution-body").is_visible()


def test_a_desktop_page_has_one_search_box_and_no_empty_top_bar(open_page, exercise_page):
    page = open_page(exercise_page)
    fields = page.locator(".search-button-field")
    visible = [i for i in range(fields.count()) if fields.nth(i).is_visible()]
    assert len(visible) == 1, f"{len(visible)} search boxes on the page"
    assert fields.nth(visible[0]).evaluate("el => !!el.closest('.bd-sidebar-primary')")
    top_bar = page.locator("header.bd-header")
    assert (
        top_bar.count() == 0
        or top_bar.bounding_box() is None
        or (top_bar.bounding_box()["height"] < 1)
    ), "an empty bar across the top of the page"
