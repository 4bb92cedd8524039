"""What a reader sees after "Check my answers": the summary in view at desktop and phone
widths, the exercise named by its title (no internal id, no stray space), and a solution
that a pass opened closing again when a later check fails."""

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


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_the_result_summary_is_in_view_after_checking(browser, served_book, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(served_book + PERMIT_PAGE)
    section = page.locator(PERMIT)
    for field in section.locator("input[type=text], textarea").all():
        field.fill("the general public")
    button = section.get_by_role("button", name="Check my answers")
    button.click()
    status = section.get_by_role("status")
    expect(status).to_contain_text("Score")
    box = status.bounding_box()
    # Scrolled to the nearest edge, to within the half pixel layout rounds positions to.
    assert box and box["y"] >= -0.5 and box["y"] + box["height"] <= viewport["height"] + 0.5, box
    expect(button).to_be_focused()  # focus stays where the reader pressed
    context.close()


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
