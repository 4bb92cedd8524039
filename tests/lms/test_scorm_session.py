"""The course inside an LMS: scorm-again as the LMS, the unzipped package in
Debian's Chromium. One session for the whole visit while the learner moves between
chapters; status, score, suspend data, interactions and exit as the LMS receives them;
a learner who comes back finds their answers and their submitted assessment items; the
final assessment alone decides passed or failed, with its score, while practice checks
never do, and a new attempt at it is the LMS's to start; the pre-check and the final
reach the LMS as objectives with their scores; an LMS that is missing or failing never
stops the course."""

from __future__ import annotations

import json
import re

import pytest
from course_answers import assessment, right_answers, unsure_answers

pytestmark = [pytest.mark.book, pytest.mark.browser]

STATUS = {"1.2": "cmi.core.lesson_status", "2004": "cmi.completion_status"}
RAW = {"1.2": "cmi.core.score.raw", "2004": "cmi.score.raw"}
EXIT = {"1.2": "cmi.core.exit", "2004": "cmi.exit"}
LOCATION = {"1.2": "cmi.core.lesson_location", "2004": "cmi.location"}
WRONG = {"1.2": "wrong", "2004": "incorrect"}
FIRST = "environmental-permit"  # the first check of the first chapter
SOLO_CHECK = "restaurant-inspection"  # a practice check of another chapter
INTERACTION_ID = r"cmi\.interactions\.\d+\.id"
#: Whether the last value the LMS received for an element is the one given.
LAST_IS = """([k, v]) => { const got = window.received.filter(r => r[0] === k);
  return got.length > 0 && got[got.length - 1][1] === v; }"""


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
        # what the LMS read from the manifest: the final assessment's pass mark
        return {"json": json_, "mastery_score": str(assessment("final").pass_mark)}
    json_ = {"learner_name": name}
    if "location" in more:
        json_.update(location=more["location"], completion_status="incomplete", entry="resume")
    if "suspend" in more:
        json_["suspend_data"] = more["suspend"]
    return {"json": json_, "scaled_passing_score": str(assessment("final").pass_mark / 100)}


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


def submit(frame, exercise: str, answers: dict[str, str]) -> None:
    """An assessment item answered and submitted (once)."""
    section = frame.locator(f"section[data-exercise='{exercise}']")
    for name, value in answers.items():
        section.locator(f"[name='{name}']").fill(value)
    section.get_by_role("button", name="Submit my answer").click()
    section.locator(".ams-exercise-status", has_text="Submitted").wait_for()


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
    # Practice checks earn no score and no pass: the final assessment's alone do.
    assert RAW[version] not in values
    assert not [k for k in values if k.startswith("cmi.objectives.")]
    suspend = values["cmi.suspend_data"]
    assert 0 < len(suspend) < 4096 and json.loads(suspend)["e"][FIRST][0] == 1
    assert values[LOCATION[version]] == "book/knowing-your-customer.html"
    # Right this time.
    answer(frame, FIRST, right_answers()[FIRST])
    page.wait_for_function("window.received.some(r => r[0] === 'cmi.interactions.1.result')")
    values = received(page)
    assert values["cmi.interactions.1.result"] == "correct"
    assert RAW[version] not in values and values[STATUS[version]] == "incomplete"
    if version == "2004":
        checks = len([c for p in _catalog(page) for c in p["checks"]])
        assert float(values["cmi.progress_measure"]) == pytest.approx(1 / checks, abs=0.0001)
        assert values["cmi.success_status"] == "unknown"
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
    # The final's first item, submitted: it stays submitted, and locked.
    base = frame.url.rsplit("/book/", 1)[0] + "/"
    frame, final = _open_assessment_page(page, frame, base)
    item = final.exercises[0]
    submit(frame, item, unsure_answers(item))
    result = frame.locator(f"section[data-exercise='{item}'] .ams-exercise-status").inner_text()
    page.wait_for_function("id => window.received.some(r => r[1] === id)", arg=f"final-{item}")
    values = _close(page, version)
    suspend, location = values["cmi.suspend_data"], values[LOCATION[version]]
    assert location == final.chapter + ".html"

    # The next launch: the LMS hands back what it kept, and the course opens where they
    # left off, with the item submitted, locked and scored as before.
    page = open_lms(version, saved_for(version, location=location, suspend=suspend))
    frame = course_frame(page, location)
    section = frame.locator(f"section[data-exercise='{item}']")
    assert section.locator(".ams-exercise-status").inner_text() == result
    assert section.get_by_role("button", name="Submit my answer").is_hidden()
    for name, value in unsure_answers(item).items():
        field = section.locator(f"[name='{name}']")
        assert field.input_value() == value and field.get_attribute("readonly") is not None
    told = frame.locator(".ams-assessment-panel [role='status']").inner_text()
    assert told.startswith(f"1 of {len(final.exercises)} submitted.")
    frame.goto(base + "book/knowing-your-customer.html")
    frame = course_frame(page, "knowing-your-customer.html")
    section = frame.locator(f"section[data-exercise='{FIRST}']")
    assert section.locator("[name='primary_customer']").input_value() == "the general public"
    assert section.locator("[name='widget']").input_value() == right_answers()[FIRST]["widget"]
    assert "Score" in section.locator(".ams-exercise-status").inner_text()
    assert section.locator(".ams-exercise-hints li:not([hidden])").count() == 1
    calls = page.evaluate("window.calls")
    assert calls.count("Initialize" if version == "2004" else "LMSInitialize") == 1
    assert note(page) == ""
    assert not page.errors


def objective(values: dict[str, str], objective_id: str) -> dict[str, str]:
    """What the LMS holds for one objective, by the names after ``cmi.objectives.N.``."""
    at = next(k[: -len("id")] for k, v in values.items() if k.endswith(".id") and v == objective_id)
    return {k[len(at) :]: v for k, v in values.items() if k.startswith(at)}


def _open_assessment_page(page, frame, base: str):
    """The final assessment's page, from the course's module list."""
    final = assessment("final")
    frame.goto(base + final.chapter + ".html")
    return course_frame(page, final.chapter + ".html"), final


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_final_assessment_alone_decides_passed_with_its_score(open_lms, version):
    """Every practice check passed and the final failed: not passed, with no retake on the
    page. A new attempt the LMS starts, passed: passed, with the final's score; the
    pre-check and the final as objectives."""
    page = open_lms(version, saved_for(version))
    frame = course_frame(page, "/book/welcome.html")
    base = frame.url.rsplit("/book/", 1)[0] + "/"
    answers = right_answers()
    pre = assessment("pre")
    for chapter in _catalog(page):
        frame.goto(base + chapter["url"])
        frame = course_frame(page, chapter["url"])
        for check in chapter["checks"]:
            kind = check.get("assessment")
            if kind:  # the pre-check and the final: answers that earn nothing
                submit(frame, check["id"], unsure_answers(check["id"]))
            else:
                answer(frame, check["id"], answers[check["id"]])
    status = STATUS[version] if version == "1.2" else "cmi.success_status"
    page.wait_for_function(LAST_IS, arg=[status, "failed"])
    values = received(page)
    assert values[RAW[version]] == "0"
    if version == "2004":
        assert values["cmi.completion_status"] == "completed"
        assert values["cmi.score.scaled"] == "0"
    assert frame.locator(".ams-progress-notice", has_text="the course is complete").count() == 0
    before = objective(values, pre.id)
    assert before["score.raw"] == "0"
    assert before.get("status", before.get("completion_status")) == "completed"
    final = assessment("final")
    after = objective(values, final.id)
    assert after["score.raw"] == "0"
    assert after.get("status", after.get("success_status")) == "failed"
    # No retake on the page: the learner is told a new attempt is the trainer's decision.
    told = frame.locator(".ams-assessment-panel [role='status']").inner_text()
    assert "Not passed" in told and "trainer" in told and "new attempt" in told
    assert frame.get_by_role("button", name=re.compile("again", re.I)).count() == 0
    suspend = values["cmi.suspend_data"]
    assert len(suspend) < 4000
    kept = json.loads(suspend)["e"]
    assert sorted(kept) == sorted(answers)
    assert all(kept[e][2] > 0 for e in pre.exercises + final.exercises)  # submitted
    print(f"\nSCORM {version}: suspend_data with every check done: {len(suspend)} characters")
    sent = [v for k, v in page.evaluate("window.received") if re.fullmatch(INTERACTION_ID, k)]
    assert f"pre-{pre.exercises[0]}" in sent and f"check-{FIRST}" in sent
    assert all(sent.count(f"final-{e}") == 1 for e in final.exercises)
    # A new attempt the LMS starts (nothing kept), passed: passed, with the final's score.
    page = open_lms(version, saved_for(version))
    frame, final = _open_assessment_page(page, course_frame(page, "/book/welcome.html"), base)
    for exercise in final.exercises:
        submit(frame, exercise, answers[exercise])
    page.wait_for_function(LAST_IS, arg=[RAW[version], "100"])
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
    after = objective(values, final.id)
    assert after["score.raw"] == "100"
    assert after.get("status", after.get("success_status")) == "passed"
    # The record of completion carries the learner's name from the LMS, and the final's score.
    frame.goto(base + "book/progress.html")
    frame = course_frame(page, "progress.html")
    assert "Course complete" in frame.locator("#ams-progress").inner_text()
    assert frame.locator("#ams-record-name").input_value() == "Jane Doe"
    record = frame.locator("#ams-record").inner_text()
    assert "Name: Jane Doe" in record and "Self-reported" in record
    assert f"Final assessment: 100% ({final_points(final)} of " in record
    assert f"passed (pass mark {final.pass_mark}%)" in record
    assert note(page) == ""
    values = _close(page, version)
    assert values[RAW[version]] == "100" and values[EXIT[version]] == "suspend"
    assert not page.errors


def final_points(final) -> int:
    from ams_exercises.grader.keys import key_for

    return sum(key_for(e).max_score for e in final.exercises)


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


def test_within_the_budget_an_assessments_words_outlast_the_practice_checks(open_lms):
    """SCORM 1.2 keeps 4,096 characters: when the record outgrows 4,000, practice checks'
    words go first; the assessments' items keep theirs, and stay submitted."""
    from ams_exercises.grader.keys import all_keys, modules

    LONG = 24  # the assessments' words: longer than the practice checks', kept all the same

    def code(name: str) -> str:
        return "".join(w[0] for w in name.split("_"))

    def record(practice: int, pad: int = 0) -> str:
        e = {}
        for key in all_keys():
            words = LONG if modules()[key.module].assessment else practice
            e[key.id] = [1, 0, 1, 0, 0, {code(n): "w" * words for n in key.asks}]
        e[SOLO_CHECK][5]["w"] += "w" * pad  # not the check answered below
        return json.dumps({"v": 1, "e": e}, separators=(",", ":"))

    # practice words as long as fits under what the LMS keeps, over what the course writes
    practice = max(n for n in range(1, LONG) if len(record(n)) < 4050)
    suspend = record(practice, 4050 - len(record(practice)))
    assert 4000 < len(suspend) < 4096
    page = open_lms(
        "1.2", saved_for("1.2", location="book/knowing-your-customer.html", suspend=suspend)
    )
    frame = course_frame(page, "knowing-your-customer.html")
    answer(frame, FIRST, dict(right_answers()[FIRST], primary_customer="the general public"))
    page.wait_for_function("window.received.some(r => r[0] === 'cmi.interactions.0.result')")
    kept = received(page)["cmi.suspend_data"]
    assert len(kept) <= 4000
    entries = json.loads(kept)["e"]
    assert sorted(entries) == sorted(json.loads(suspend)["e"])  # every check's state
    for kind in ("pre", "final"):
        for item in assessment(kind).exercises:
            assert entries[item][2] == 1 and entries[item][5], item  # submitted, words kept
    assert [e for e in entries.values() if e[5] == 0]  # some practice words went
    assert not page.errors
