"""What a reader sees after "Check my answers", at desktop and phone widths: the first answer
to work on in view with its feedback under a summary that links each, hints in view, Enter
that moves on rather than checking; the exercise named by its title (no internal id, no
stray space), and a solution that a pass opened closing again when a later check fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.book]

PERMIT_PAGE = "/book/knowing-your-customer.html"
PERMIT = "#ams-exercise-environmental-permit"
RIGHT = {
    "Widget (the product or service delivered)": "the signed permit",
    "Primary customer": "the refinery that needs the permit to operate",
    "Investors": "taxpayers",
}


def heading_names(page) -> list[str]:
    """The accessible names of the page's headings, as Chromium computes them."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    return [n["name"]["value"] for n in nodes if n.get("role", {}).get("value") == "heading"]


#: True when all of ``first`` down to the bottom of ``last`` is on the screen: inside the
#: window, and neither edge under the theme's sticky header (the top element there is theirs).
ON_SCREEN = """([first, last]) => {
  const top = first.getBoundingClientRect(), bottom = last.getBoundingClientRect();
  const mine = (el, y) => el.contains(document.elementFromPoint(top.left + 6, y));
  return top.top >= 0 && bottom.bottom <= innerHeight
    && mine(first, top.top + 2) && mine(last, bottom.bottom - 2);
}"""


def field_and_feedback(section, name: str):
    return section.locator(f".ams-exercise-field:has([name='{name}'])"), section.locator(
        f"[data-feedback-for='{name}']"
    )


@pytest.mark.parametrize(
    ("viewport", "motion"),
    [({"width": 1280, "height": 900}, "no-preference"), ({"width": 390, "height": 844}, "reduce")],
    ids=["laptop", "phone-less-motion"],
)
def test_enter_results_and_hints_stay_in_view(browser, served_book, viewport, motion):
    """Enter moves on without checking; after Check the first answer to work on is on screen
    with its feedback, under a focused summary whose links lead to each; a new hint scrolls
    into view; a partly right list reads as partly right. With less motion, the page jumps
    at once (no smooth scrolling); axe finds nothing in these states."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=viewport, reduced_motion=motion)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served_book + PERMIT_PAGE)
    page.evaluate(
        "window.kinds = []; document.addEventListener('ams-exercise-change',"
        " (e) => kinds.push(e.detail.kind))"
    )

    def in_view(first, last=None) -> None:
        handles = [first.element_handle(), (last or first).element_handle()]
        if motion == "reduce":  # at once: no waiting for a smooth scroll
            assert page.evaluate(ON_SCREEN, handles), (first, last)
        else:
            page.wait_for_function(ON_SCREEN, arg=handles, timeout=5000)

    section = page.locator(PERMIT)
    widget = section.get_by_label("Widget (the product or service delivered)")
    widget.fill("the signed permit")
    widget.press("Enter")  # on to the next field, no check
    expect(section.get_by_label("Primary customer")).to_be_focused()
    page.keyboard.type("the general public")
    page.keyboard.press("Enter")
    investors = section.get_by_label("Investors")
    expect(investors).to_be_focused()
    assert page.evaluate("kinds") == [], "Enter recorded an attempt"
    expect(section.get_by_role("status")).to_be_empty()
    expect(section.locator(".ams-exercise-feedback:visible")).to_have_count(0)

    page.keyboard.type("the legislature")
    section.get_by_role("button", name="Check my answers").click()
    assert page.evaluate("kinds") == ["check"]
    summary = section.get_by_role("group", name="Score 1 of 4. Answers to work on:")
    expect(summary).to_be_focused()  # a screen reader reads its name out
    expect(summary.get_by_role("link")).to_have_text(
        ["Primary customer: not right yet", "Investors: not right yet"]
    )
    first, feedback = field_and_feedback(section, "primary_customer")
    expect(feedback).to_contain_text("investors")
    in_view(summary, feedback)  # the summary, then the first answer to work on

    summary.get_by_role("link", name="Investors: not right yet").click()
    expect(investors).to_be_focused()
    in_view(*field_and_feedback(section, "investors"))

    button = section.get_by_role("button", name="Show a hint (1 of 3)")
    button.evaluate("el => el.scrollIntoView({block: 'end'})")  # at the foot of the screen
    button.click()
    hint = section.locator(".ams-exercise-hints li:visible")
    expect(hint).to_contain_text("Start with the widget")
    expect(section.locator(".ams-exercise-hints")).to_have_attribute("aria-live", "polite")
    in_view(hint)

    # A partly right list: the words and the dashed border say so, not "none" in red.
    nursing = page.locator("#ams-exercise-nursing-license")
    nursing.get_by_label("Investors").fill("RN and their families")
    nursing.get_by_role("button", name="Check my answers").click()
    feedback = nursing.locator("[data-feedback-for='investors']")
    expect(feedback).to_contain_text("Partly right")
    expect(feedback).to_contain_text("Close, but none of these is fully right yet.")
    style = "el => getComputedStyle(el).borderTopStyle + ' ' + getComputedStyle(el).borderTopColor"
    partly, wrong = nursing.get_by_label("Investors"), section.get_by_label("Primary customer")
    assert partly.evaluate(style).startswith("dashed")
    assert wrong.evaluate(style).startswith("solid")
    assert partly.evaluate(style).split(" ", 1)[1] != wrong.evaluate(style).split(" ", 1)[1]
    expect(nursing.get_by_role("group", name=re.compile("Answers to work on"))).to_be_focused()
    in_view(*field_and_feedback(nursing, "widget"))

    results = Axe().run(
        page,
        context=[[PERMIT], ["#ams-exercise-nursing-license"]],
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    assert results.violations_count == 0, results.generate_report()
    context.close()
    assert not errors, errors


def test_the_exercise_is_named_by_its_title(page, built_book: Path):
    page.goto(page.base_url + PERMIT_PAGE)
    assert "Exercise: Who uses an environmental permit?" in heading_names(page)
    for path in built_book.joinpath("book").rglob("*.html"):
        text = path.read_text("utf-8")
        for check in re.findall(
            r'<div class="knowledge-check admonition">(.*?)<section', text, re.S
        ):
            assert "<code" not in check, f"{path.name}: an internal id in code font"


def test_a_failed_check_after_a_pass_closes_the_solution_it_opened(page):
    page.goto(page.base_url + PERMIT_PAGE)
    section = page.locator(PERMIT)
    solution = section.locator("details.ams-exercise-solution")
    for label, answer in RIGHT.items():
        section.get_by_label(label).fill(answer)
    section.get_by_role("button", name="Check my answers").click()
    expect(solution).to_have_attribute("open", "")
    section.get_by_label("Primary customer").fill("the general public")
    section.get_by_role("button", name="Check my answers").click()
    expect(solution).not_to_have_attribute("open", "")
    expect(section.get_by_role("status")).to_contain_text("The solution is closed again")


def test_a_solution_the_reader_opened_stays_open_and_says_why(page):
    page.goto(page.base_url + PERMIT_PAGE)
    section = page.locator(PERMIT)
    solution = section.locator("details.ams-exercise-solution")
    solution.locator("summary").click()
    expect(solution).to_have_attribute("open", "")
    section.get_by_role("button", name="Check my answers").click()
    expect(solution).to_have_attribute("open", "")
    expect(section.get_by_role("status")).to_contain_text("stays open because you opened it")
