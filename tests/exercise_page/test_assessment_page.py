"""The pre-check and the final assessment on the built pages: each item is answered once.
No hint and no solution before it is submitted; a blank field is refused by name; a
submission is graded, locks the item and shows its feedback and solution, with the focus
on its result; a reload keeps it locked; the panel after the items counts them and gives
the score the Python grader gives, and for a final not passed offers to start again (the
final only). Items are read from the course's module list, so any number of them works."""

from __future__ import annotations

import json
import re

import pytest
from course_answers import assessment, points, right_answers, shown_percent, unsure_answers
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.book]

AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def url(module) -> str:
    return f"/{module.chapter}.html"


def item(page, exercise: str):
    return page.locator(f"section[data-exercise='{exercise}']")


def submit(page, exercise: str, answers: dict[str, str]):
    section = item(page, exercise)
    for name, value in answers.items():
        section.locator(f"[name='{name}']").fill(value)
    section.get_by_role("button", name="Submit my answer").click()
    expect(section.locator(".ams-exercise-status")).to_contain_text("Submitted")
    return section


def focused(page) -> str:
    return page.evaluate("document.activeElement.className || document.activeElement.id")


def saved(page) -> dict:
    return (json.loads(page.evaluate("localStorage.getItem('ams-progress')") or "{}")).get("e", {})


def panel(page):
    return page.locator(".ams-assessment-panel [role='status']")


def test_a_final_item_is_answered_once_locked_scored_and_can_be_started_again(page):
    from axe_playwright_python.sync_playwright import Axe

    final = assessment("final")
    items = final.exercises
    page.goto(page.base_url + url(final))
    first = item(page, items[0])
    expect(first.locator("form")).to_be_visible()
    # Before submitting: no hint, no solution, a button that submits.
    assert page.locator("[data-assessment='final']").count() == len(items)
    expect(page.locator("button.ams-exercise-hint-button")).to_have_count(0)
    expect(page.get_by_role("button", name="Check my answers")).to_have_count(0)
    expect(page.locator("details.ams-exercise-solution").first).to_be_hidden()
    expect(panel(page)).to_have_text(
        f"0 of {len(items)} submitted. Your score appears here when every item is submitted."
    )
    # A blank field is refused, by name, and nothing is graded or kept.
    first.get_by_role("button", name="Submit my answer").click()
    status = first.locator(".ams-exercise-status")
    expect(status).to_contain_text("is blank")
    expect(status).to_contain_text("a best guess is fine")
    asks = list(right_answers()[items[0]])
    assert page.evaluate("document.activeElement.name") == asks[0]
    assert first.locator(f"[name='{asks[0]}']").get_attribute("aria-invalid") == "true"
    assert items[0] not in saved(page)

    # Submitted by keyboard: Tab from the last field to the button, Enter.
    wrong = {i: dict(right_answers()[i], primary_customer="the general public") for i in items}
    for name, value in wrong[items[0]].items():
        first.locator(f"[name='{name}']").fill(value)
    first.locator(f"[name='{asks[-1]}']").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Submitted. Score")
    assert "ams-exercise-status" in focused(page)  # the focus is on the result
    for i in items[1:]:
        submit(page, i, wrong[i])
    for i in items:
        section = item(page, i)
        expect(section.get_by_role("button", name="Submit my answer")).to_be_hidden()
        for name in wrong[i]:
            assert section.locator(f"[name='{name}']").get_attribute("readonly") is not None
            expect(section.locator(f"[data-feedback-for='{name}']")).to_be_visible()
        expect(section.locator("details.ams-exercise-solution[open]")).to_be_visible()
        expect(section.locator(".ams-exercise-field-hint")).to_have_count(0)
    got = sum(points(i, wrong[i]) for i in items)
    of = sum(points(i, right_answers()[i]) for i in items)
    percent = shown_percent(got, of)
    passed = got * 100 >= final.pass_mark * of
    told = panel(page).inner_text()
    assert f"{len(items)} of {len(items)} submitted." in told
    assert f"Score: {percent}% ({got:g} of {of} point" in told
    verdict = "Passed" if passed else f"Not passed yet, pass mark {final.pass_mark}%."
    assert verdict in told
    assert Axe().run(page, options=AA).violations_count == 0

    # A reload: still locked, with the same result and score. (A practice check passed
    # meanwhile, in another tab: starting the final again must keep it.)
    page.evaluate(
        """() => { const r = JSON.parse(localStorage.getItem('ams-progress'));
        r.e['environmental-permit'] = [2, 4, 1, 0, 1, 0];
        localStorage.setItem('ams-progress', JSON.stringify(r)); }"""
    )
    before = status.inner_text()
    page.reload()
    status = item(page, items[0]).locator(".ams-exercise-status")
    expect(status).to_have_text(before)
    assert item(page, items[0]).locator(f"[name='{asks[0]}']").get_attribute("readonly") is not None
    expect(item(page, items[0]).get_by_role("button", name="Submit my answer")).to_be_hidden()
    expect(panel(page)).to_have_text(told)

    if passed:  # the answers above passed: nothing to start again
        expect(page.get_by_role("button", name="Start the assessment again")).to_be_hidden()
        return
    # Not passed: start again, asked first; only the final's items are cleared.
    page.get_by_role("button", name="Start the assessment again").click()
    expect(page.get_by_role("group", name="Start the final assessment again?")).to_be_visible()
    page.get_by_role("button", name="No, keep my answers").click()
    assert page.evaluate("document.activeElement.textContent") == "Start the assessment again"
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("button", name="Start the assessment again").click()
    assert Axe().run(page, options=AA).violations_count == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Yes, start again").click()
    assert page.evaluate("document.activeElement.name") == asks[0]
    expect(panel(page)).to_contain_text(f"0 of {len(items)} submitted.")
    assert list(saved(page)) == ["environmental-permit"]
    for i in items:
        section = item(page, i)
        expect(section.locator("details.ams-exercise-solution")).to_be_hidden()
        assert section.locator(f"[name='{asks[0]}']").input_value() == ""
    # Passed this time: the panel says so, and so does the course.
    for i in items:
        submit(page, i, right_answers()[i])
    expect(panel(page)).to_contain_text("Score: 100% (")
    expect(panel(page)).to_contain_text(f"Passed: the pass mark is {final.pass_mark}%.")
    notice = page.locator(".ams-progress-notice", has_text="the course is complete")
    expect(notice).to_have_count(1)


def test_the_pre_check_is_scored_as_a_starting_point_not_graded(page):
    pre = assessment("pre")
    page.goto(page.base_url + url(pre))
    for i in pre.exercises:
        submit(page, i, unsure_answers(i))
    of = sum(points(i, right_answers()[i]) for i in pre.exercises)
    expect(panel(page)).to_have_text(
        f"{len(pre.exercises)} of {len(pre.exercises)} submitted. Score: 0% (0 of {of} points)."
        " Not graded: your starting point."
    )
    assert re.search(r"Can.t tell", item(page, pre.exercises[0]).inner_text())
    expect(page.get_by_role("button", name="Start the assessment again")).to_be_hidden()
