"""The course inside an LMS: scorm-again as the LMS, the unzipped package in
Debian's Chromium. One session for the whole visit while the learner moves between
chapters; status, score, suspend data, interactions and exit as the LMS receives them;
a learner who comes back finds their answers; every check passed is completed/passed
with score 100; an LMS that is missing or failing never stops the course."""

from __future__ import annotations

import json

import pytest
from course_answers import right_answers

pytestmark = [pytest.mark.book, pytest.mark.browser]

STATUS = {"1.2": "cmi.core.lesson_status", "2004": "cmi.completion_status"}
RAW = {"1.2": "cmi.core.score.raw", "2004": "cmi.score.raw"}
EXIT = {"1.2": "cmi.core.exit", "2004": "cmi.exit"}
LOCATION = {"1.2": "cmi.core.lesson_location", "2004": "cmi.location"}
WRONG = {"1.2": "wrong", "2004": "incorrect"}
FIRST = "environmental-permit"  # the first check of the first chapter


def saved_for(version: str, name: str = "Doe, Jane", **more: str) -> dict:
    """What the LMS keeps and gives the SCO at launch, as scorm-again loads it."""
    if version == "1.2":
        core = {"student_name": name}
        if "location" in more:
            core.update(
                lesson_location=more["location"], lesson_status="incomplete", entry="resume"
            )
        json_ = {"core": core}
        if "suspend" in more:
            json_["suspend_data"] = more["suspend"]
        return {"json": json_, "mastery_score": "100"}
    json_ = {"learner_name": name}
    if "location" in more:
        json_.update(location=more["location"], completion_status="incomplete", entry="resume")
    if "suspend" in more:
        json_["suspend_data"] = more["suspend"]
    return {"json": json_, "scaled_passing_score": "1"}


def course_frame(page, path: str = ""):
    """The inner frame of the launch page, once it shows ``path``."""
    page.wait_for_function(
        """p => { const s = document.getElementById('sco');
        const c = s && s.contentDocument && s.contentDocument.getElementById('ams-lms-course');
        return c && c.contentWindow.location.href.includes(p) &&
          c.contentDocument.readyState === 'complete'; }""",
        arg=path or "/book/",
    )
    return next(f for f in page.frames if "/book/" in f.url)


def received(page) -> dict[str, str]:
    """The last value the LMS received for each element."""
    return dict(page.evaluate("window.received"))


def answer(frame, exercise: str, answers: dict[str, str]) -> None:
    section = frame.locator(f"section[data-exercise='{exercise}']")
    for name, value in answers.items():
        section.locator(f"[name='{name}']").fill(value)
    section.locator("button.ams-exercise-check").click()
    section.locator(".ams-exercise-status:not(:empty)").wait_for()


def note(page) -> str:
    return page.frame_locator("#sco").locator("#ams-lms-note").inner_text()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_one_session_across_chapters_reports_status_score_and_interactions(open_lms, version):
    page = open_lms(version, saved_for(version))
    frame = course_frame(page, "/book/welcome.html")
    values = received(page)
    assert values[STATUS[version]] == "incomplete"
    assert values[EXIT[version]] == "suspend"
    # The learner follows the navigation to the first chapter.
    frame.locator("nav.bd-links a[href='knowing-your-customer.html']").first.click()
    frame = course_frame(page, "knowing-your-customer.html")
    wrong = dict(right_answers()[FIRST], primary_customer="the general public")
    answer(frame, FIRST, wrong)
    page.wait_for_function("window.received.some(r => r[0] === 'cmi.interactions.0.result')")
    values = received(page)
    assert values["cmi.interactions.0.id"] == f"check-{FIRST}"
    assert values["cmi.interactions.0.type"] == "fill-in"
    assert values["cmi.interactions.0.result"] == WRONG[version]
    assert values[STATUS[version]] == "incomplete"
    total_points = page.evaluate(
        """() => document.getElementById('sco').contentDocument.getElementById('ams-lms-course')
        .contentWindow.AmsCourse.pages.flatMap(p => p.checks).reduce((n, c) => n + c.max, 0)"""
    )
    assert 0 < float(values[RAW[version]]) < 100
    assert float(values[RAW[version]]) == pytest.approx(200 / total_points, abs=0.01)
    prefix = "cmi.core.score." if version == "1.2" else "cmi.score."
    assert (values[prefix + "min"], values[prefix + "max"]) == ("0", "100")
    suspend = values["cmi.suspend_data"]
    assert 0 < len(suspend) < 4096 and json.loads(suspend)["e"][FIRST][0] == 1
    assert values[LOCATION[version]] == "book/knowing-your-customer.html"
    # Right this time.
    answer(frame, FIRST, right_answers()[FIRST])
    page.wait_for_function("window.received.some(r => r[0] === 'cmi.interactions.1.result')")
    values = received(page)
    assert values["cmi.interactions.1.result"] == "correct"
    assert float(values[RAW[version]]) == pytest.approx(400 / total_points, abs=0.01)
    if version == "2004":
        assert values["cmi.score.scaled"] == str(round(float(values[RAW[version]]) / 100, 4))
        assert float(values["cmi.progress_measure"]) == pytest.approx(1 / 30, abs=0.001)
    # On to the next chapter, by the page's "next" link: still the same LMS session.
    frame.locator("a.right-next").first.click()
    frame = course_frame(page, "we-dont-make-widgets.html")
    page.wait_for_function(
        "p => window.received.some(r => r[1] === p)", arg="book/we-dont-make-widgets.html"
    )
    calls = page.evaluate("window.calls")
    assert calls.count("Initialize" if version == "2004" else "LMSInitialize") == 1
    assert not [c for c in calls if c in ("Terminate", "LMSFinish")]
    assert calls.count("Commit" if version == "2004" else "LMSCommit") >= 3
    assert note(page) == ""  # nothing went wrong, nothing said
    # Closing the course ends the session: session time, exit=suspend, finish.
    page.evaluate("document.getElementById('sco').remove()")
    finish = "Terminate" if version == "2004" else "LMSFinish"
    page.wait_for_function("name => window.calls.includes(name)", arg=finish)
    values = received(page)
    session = values["cmi.core.session_time" if version == "1.2" else "cmi.session_time"]
    assert session.startswith("00:00:" if version == "1.2" else "PT0H0M")
    assert values[EXIT[version]] == "suspend"
    assert not page.errors


def _catalog(page) -> list[dict]:
    return page.evaluate(
        """() => document.getElementById('sco').contentDocument.getElementById('ams-lms-course')
        .contentWindow.AmsCourse.pages"""
    )


def _close(page, version: str) -> dict[str, str]:
    page.evaluate("document.getElementById('sco').remove()")
    finish = "Terminate" if version == "2004" else "LMSFinish"
    page.wait_for_function("name => window.calls.includes(name)", arg=finish)
    return received(page)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_learner_who_comes_back_finds_their_answers(open_lms, version):
    page = open_lms(version, saved_for(version))
    frame = course_frame(page, "/book/welcome.html")
    frame.goto(frame.url.replace("welcome.html", "knowing-your-customer.html"))
    frame = course_frame(page, "knowing-your-customer.html")
    wrong = dict(right_answers()[FIRST], primary_customer="the general public")
    answer(frame, FIRST, wrong)
    frame.locator(f"section[data-exercise='{FIRST}'] button.ams-exercise-hint-button").click()
    page.wait_for_function("window.received.filter(r => r[0] === 'cmi.suspend_data').length > 1")
    values = _close(page, version)
    suspend, location = values["cmi.suspend_data"], values[LOCATION[version]]
    assert location == "book/knowing-your-customer.html"

    # The next launch: the LMS hands back what it kept.
    page = open_lms(version, saved_for(version, location=location, suspend=suspend))
    frame = course_frame(page, "knowing-your-customer.html")  # where they left off
    section = frame.locator(f"section[data-exercise='{FIRST}']")
    assert section.locator("[name='primary_customer']").input_value() == "the general public"
    assert section.locator("[name='widget']").input_value() == right_answers()[FIRST]["widget"]
    assert "Score" in section.locator(".ams-exercise-status").inner_text()
    assert section.locator(".ams-exercise-hints li:not([hidden])").count() == 1
    calls = page.evaluate("window.calls")
    assert calls.count("Initialize" if version == "2004" else "LMSInitialize") == 1
    assert note(page) == ""
    assert not page.errors


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_check_passed_is_completed_and_passed_with_score_100(open_lms, version):
    page = open_lms(version, saved_for(version))
    frame = course_frame(page, "/book/welcome.html")
    base = frame.url.rsplit("/book/", 1)[0] + "/"
    answers = right_answers()
    for chapter in _catalog(page):
        frame.goto(base + chapter["url"])
        frame = course_frame(page, chapter["url"])
        for check in chapter["checks"]:
            answer(frame, check["id"], answers[check["id"]])
    page.wait_for_function("p => window.received.some(r => r[1] === p)", arg="100")
    # The page of the last check says the course is complete, and where the record is.
    done = frame.locator(".ams-exercise .ams-progress-notice", has_text="the course is complete")
    assert done.count() == 1
    assert done.locator("a").get_attribute("href").endswith("/book/progress.html")
    values = received(page)
    assert values[RAW[version]] == "100"
    if version == "1.2":
        assert values["cmi.core.lesson_status"] == "passed"
    else:
        assert values["cmi.completion_status"] == "completed"
        assert values["cmi.success_status"] == "passed"
        assert values["cmi.score.scaled"] == "1"
        assert values["cmi.progress_measure"] == "1"
    suspend = values["cmi.suspend_data"]
    assert len(suspend) < 4096
    assert sorted(json.loads(suspend)["e"]) == sorted(answers)
    print(f"\nSCORM {version}: suspend_data with every check passed: {len(suspend)} characters")
    # The record of completion carries the learner's name from the LMS.
    frame.goto(base + "book/progress.html")
    frame = course_frame(page, "progress.html")
    assert "Course complete" in frame.locator("#ams-progress").inner_text()
    assert frame.locator("#ams-record-name").input_value() == "Jane Doe"
    record = frame.locator("#ams-record").inner_text()
    assert "Name: Jane Doe" in record and "Self-reported" in record
    assert note(page) == ""
    values = _close(page, version)
    assert values[RAW[version]] == "100" and values[EXIT[version]] == "suspend"
    assert not page.errors


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_failing_lms_never_stops_the_course(open_lms, version):
    # An LMS whose session has already ended answers every call with an error.
    page = open_lms(version, {**saved_for(version), "endFirst": True})
    frame = course_frame(page, "/book/welcome.html")
    assert "may not be recorded" in note(page)
    frame.goto(frame.url.replace("welcome.html", "knowing-your-customer.html"))
    frame = course_frame(page, "knowing-your-customer.html")
    answer(frame, FIRST, right_answers()[FIRST])
    status = frame.locator(f"section[data-exercise='{FIRST}'] .ams-exercise-status").inner_text()
    assert "All fields correct" in status
    # Progress is kept for the visit: the progress page counts the check.
    frame.goto(frame.url.replace("knowing-your-customer.html", "progress.html"))
    frame = course_frame(page, "progress.html")
    assert "passed 1 of" in frame.locator(".ams-progress-summary").inner_text()
    assert note(page).count("may not be recorded") == 1
    assert not page.errors


def test_an_lms_that_attaches_its_api_late_is_still_found(open_lms):
    page = open_lms("1.2", {**saved_for("1.2"), "lateBy": 1200})
    course_frame(page, "/book/welcome.html")
    page.wait_for_function("window.calls.includes('LMSInitialize')")
    assert received(page)["cmi.core.lesson_status"] == "incomplete"
    assert note(page) == ""


def test_the_launch_page_alone_still_runs_the_course(browser, lms_site, axe):
    """No LMS at all (the package opened outside one): the course works, and says so once."""
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{lms_site}/scorm12/lms.html")
        page.wait_for_selector("#ams-lms-note:not(:empty)", timeout=10000)
        assert "may not be recorded" in page.locator("#ams-lms-note").inner_text()
        page.wait_for_function(
            "() => { const c = document.getElementById('ams-lms-course');"
            " return c.contentDocument.readyState === 'complete'"
            " && c.contentWindow.location.href.endsWith('/book/welcome.html'); }"
        )
        # The launch page itself, with its note: WCAG 2.0/2.1 A and AA.
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
        found = axe.run(page, options={"runOnly": {"type": "tag", "values": tags}})
        assert [v["id"] for v in found.response["violations"]] == []
        assert not errors
    finally:
        context.close()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_check_the_grader_cannot_place_is_recorded_as_unanticipated(open_lms, version):
    """An answer without a verdict is neither right nor wrong for the LMS either."""
    page = open_lms(version, saved_for(version))
    course_frame(page, "/book/welcome.html").locator(
        "nav.bd-links a[href='knowing-your-customer.html']"
    ).first.click()
    frame = course_frame(page, "knowing-your-customer.html")
    answer(frame, FIRST, dict(right_answers()[FIRST], primary_customer="the zorblatt consortium"))
    section = frame.locator(f"section[data-exercise='{FIRST}']")
    assert "Can't tell" in section.locator("[data-feedback-for='primary_customer']").inner_text()
    page.wait_for_function("window.received.some(r => r[0] === 'cmi.interactions.0.result')")
    assert received(page)["cmi.interactions.0.result"] == "unanticipated"


@pytest.mark.parametrize(
    "version, saved, opens",
    [
        # A learner who left from a search comes back to the same search.
        ("1.2", "search.html?q=strategic+customer", "/search.html?q=strategic+customer"),
        # A location that would load a page from another host opens Welcome instead.
        ("2004", "//localhost/book/glossary.html", "/book/welcome.html"),
    ],
)
def test_the_course_reopens_where_the_learner_left_it_if_that_is_a_course_page(
    open_lms, version, saved, opens
):
    page = open_lms(version, saved_for(version, location=saved))
    page.wait_for_function(
        """p => { const s = document.getElementById('sco');
        const c = s && s.contentDocument && s.contentDocument.getElementById('ams-lms-course');
        return c && c.contentWindow.location.href.endsWith(p) &&
          c.contentDocument.readyState === 'complete'; }""",
        arg=opens,
    )
    if "search" in opens:
        frame = next(f for f in page.frames if "search.html" in f.url)
        frame.locator("#search-results ul.search > li").first.wait_for()
        assert page.evaluate("window.received").count([LOCATION[version], saved]) == 1
    assert note(page) == ""
    assert not page.errors
