"""The pre-check and the final assessment on the built pages: each item is answered once.
No hint, solution or role map in the page before it is submitted; a blank field is
refused by name; a submission is graded, locks the item and shows its result (no "try
again") and a solution built from its data, with the focus on its result; a reload keeps
it locked, and so does a submission in another tab; the panel after the items counts them
and gives the score the Python grader gives, and for a final not passed says a new
attempt is the trainer's decision. Items are read from the course's module list, so any
number of them works."""

from __future__ import annotations

import json
import re

import pytest
from course_answers import assessment, points, right_answers, shown_percent, unsure_answers
from playwright.sync_api import expect

from ams_exercises.grader.keys import key_for

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
    expect(section.locator(".ams-exercise-status")).to_contain_text("Submitted: ")
    return section


def canonical(exercise: str, field: str) -> str:
    """The first right answer the key gives ``field``, in its own words."""
    return key_for(exercise).fields[field].canonical[0]


def focused(page) -> str:
    return page.evaluate("document.activeElement.className || document.activeElement.id")


def saved(page) -> dict:
    return (json.loads(page.evaluate("localStorage.getItem('ams-progress')") or "{}")).get("e", {})


def panel(page):
    return page.locator(".ams-assessment-panel [role='status']")


def test_a_final_item_is_answered_once_locked_and_scored_with_no_retake(page):
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
    # Nor in the page's source: no solution, role map or hints to read before submitting.
    source = page.request.get(page.base_url + url(final)).text()
    for kept_back in ("ams-exercise-solution", "ams-role-map", '"hints"', "Show the solution"):
        assert kept_back not in source, kept_back
    expect(page.locator("details.ams-exercise-solution")).to_have_count(0)
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
    # Wrong where an item asks for the primary customer, right elsewhere.
    wrong = {
        i: {n: "the general public" if n == "primary_customer" else v for n, v in a.items()}
        for i, a in ((i, right_answers()[i]) for i in items)
    }
    for name, value in wrong[items[0]].items():
        first.locator(f"[name='{name}']").fill(value)
    first.locator(f"[name='{asks[-1]}']").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Submitted: ")
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
        # A result, not coaching: no "not right yet", no question to try again.
        said = section.inner_text()
        assert "Not right yet" not in said and "Ask who uses the widget" not in said
    # The solution is the key's accepted answers, from the item's data.
    first_answer = first.locator("details.ams-exercise-solution dd").first.inner_text()
    assert first_answer.splitlines()[0] == canonical(items[0], asks[0])
    got = sum(points(i, wrong[i]) for i in items)
    of = sum(points(i, right_answers()[i]) for i in items)
    percent = shown_percent(got, of)
    passed = got * 100 >= final.pass_mark * of
    told = panel(page).inner_text()
    assert f"{len(items)} of {len(items)} submitted." in told
    assert f"Score: {percent}% ({got:g} of {of:g} point" in told
    verdict = "Passed" if passed else f"Not passed: the pass mark is {final.pass_mark}%."
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

    # No retake on the page: a new attempt is the trainer's (or the LMS's) to give.
    expect(page.get_by_role("button", name=re.compile("again", re.I))).to_have_count(0)
    if not passed:
        assert "answered once" in told and "trainer or your training office" in told
    # A fresh record (a new attempt the trainer gave), passed: the panel and the course say so.
    page.evaluate("localStorage.clear()")
    page.reload()
    for i in items:
        submit(page, i, right_answers()[i])
    expect(panel(page)).to_contain_text("Score: 100% (")
    expect(panel(page)).to_contain_text(f"Passed: the pass mark is {final.pass_mark}%.")
    notice = page.locator(".ams-progress-notice", has_text="the course is complete")
    expect(notice).to_have_count(1)


def test_an_item_submitted_in_another_tab_cannot_be_submitted_again(page):
    """Two tabs of the final: what one submits, the other locks with the kept answers, both
    when it hears of it and when it missed it and tries to submit its own."""
    final = assessment("final")
    one, two = final.exercises[0], final.exercises[1]
    page.goto(page.base_url + url(final))
    other = page.context.new_page()
    other.goto(page.base_url + url(final))
    kept = dict(right_answers()[one], primary_customer="the general public")
    # Tab 2 hears of tab 1's submission: the item locks there with tab 1's answers.
    submit(other, one, kept)
    section = item(page, one)
    expect(section.locator(".ams-exercise-status")).to_contain_text("another tab or window")
    expect(section.get_by_role("button", name="Submit my answer")).to_be_hidden()
    for name, value in kept.items():
        assert section.locator(f"[name='{name}']").input_value() == value
    # A submission this tab did not hear of (written by this tab itself, so no event):
    # refused when it submits its own answers, and the kept ones shown instead.
    theirs = unsure_answers(two)
    entry = [1, 0, 1, 0, 0, {"".join(w[0] for w in n.split("_")): v for n, v in theirs.items()}]
    page.evaluate(
        """([id, entry]) => { const r = JSON.parse(localStorage.getItem('ams-progress'));
        r.e[id] = entry; localStorage.setItem('ams-progress', JSON.stringify(r)); }""",
        [two, entry],
    )
    section = item(page, two)
    for name, value in right_answers()[two].items():
        section.locator(f"[name='{name}']").fill(value)
    section.get_by_role("button", name="Submit my answer").click()
    status = section.locator(".ams-exercise-status")
    expect(status).to_contain_text("already submitted in another tab or window")
    expect(status).to_contain_text("Submitted: 0 of ")
    for name, value in theirs.items():
        field = section.locator(f"[name='{name}']")
        assert field.input_value() == value and field.get_attribute("readonly") is not None
    assert saved(page)[two][:3] == [1, 0, 1]  # the kept one, not this tab's
    other.close()


def test_the_pre_check_is_scored_as_a_starting_point_not_graded(page):
    pre = assessment("pre")
    page.goto(page.base_url + url(pre))
    for i in pre.exercises:
        submit(page, i, unsure_answers(i))
    of = sum(points(i, right_answers()[i]) for i in pre.exercises)
    expect(panel(page)).to_have_text(
        f"{len(pre.exercises)} of {len(pre.exercises)} submitted. Score: 0% (0 of {of:g} points)."
        " Not graded: your starting point."
    )
    said = item(page, pre.exercises[0]).inner_text()
    assert re.search(r"Can.t tell", said)
    # A result, not a prompt to try again: the grader's "ask ..." question is left off.
    from ams_exercises.grader.normalize import language

    for question in language().structure.next_question.values():
        assert " ".join(question.split()) not in said
    assert "Say it another way" not in said and "Your trainer can look at it" in said
    expect(page.get_by_role("button", name="Start the assessment again")).to_be_hidden()
