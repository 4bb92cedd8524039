"""Progress that lasts on the open site: each check's answers, result, hints and
solution come back after a reload or a visit elsewhere; the "Your progress" page is right
after a mix of passes and tries; clearing works; damaged or old saved data and storage
switched off break nothing; the record keeps within its budget; axe and the keyboard.
"Download my answers" hands the answers to a trainer: typed on two pages, downloaded, and
graded by ``ams-exercises grade`` with the verdicts the pages showed."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from cli_runner import invoke
from course_answers import assessment, right_answers
from site_helpers import MODES, PHONE, axe_violations

from ams_exercises.classroom.feedback import SAY
from ams_exercises.grader.keys import key_for
from ams_exercises.grader.vocabulary import FIELD_LABELS
from ams_exercises.sphinx.progress import time_of_course

pytestmark = [pytest.mark.browser, pytest.mark.book]

CHAPTER = "book/knowing-your-customer.html"
FIRST = "environmental-permit"  # on CHAPTER
SOLO = "book/primary-customer/index.html"  # a chapter with one check
SOLO_CHECK = "restaurant-inspection"
PROGRESS = "book/progress.html"
#: How far apart the record's two columns of checks are: from the right end of the text in
#: the first column to the start of the text in the second (whose bullet sits between).
COLUMN_GAP = """() => {
  const items = [...document.querySelectorAll('#ams-record li')].map(li => {
    const range = document.createRange();
    range.selectNodeContents(li);
    const rects = [...range.getClientRects()];
    return {left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
            em: parseFloat(getComputedStyle(li).fontSize)};
  });
  const second = Math.max(...items.map(i => i.left));
  const first = items.filter(i => i.left < second - 50);
  if (!first.length) return null;  // one column
  return (second - Math.max(...first.map(i => i.right))) / items[0].em;
}"""
#: A saved record with every check passed (as after passing them all).
ALL_PASSED = """() => {
  const e = {};
  AmsCourse.pages.forEach(p => p.checks.forEach(c => { e[c.id] = [2, c.max, 1, 0, 1, 0, {}]; }));
  localStorage.setItem('ams-progress', JSON.stringify({v: 1, e}));
}"""
BLOCKED = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });"""


def section(page, exercise: str):
    return page.locator(f"section[data-exercise='{exercise}']")


def check(page, exercise: str, answers: dict[str, str]) -> str:
    sec = section(page, exercise)
    for name, value in answers.items():
        sec.locator(f"[name='{name}']").fill(value)
    sec.locator("button.ams-exercise-check").click()
    status = sec.locator(".ams-exercise-status")
    page.wait_for_function("el => el.textContent.trim().length > 0", arg=status.element_handle())
    return status.inner_text()


def verdicts(page, exercise: str) -> dict[str, str]:
    """Each field's verdict as the page shows it (the class of its feedback box)."""
    sec = section(page, exercise)
    out = {}
    for name in key_for(exercise).asks:
        classes = sec.locator(f"[data-feedback-for='{name}']").get_attribute("class")
        out[name] = re.search(r"ams-verdict-(\w+)", classes)[1]
    return out


def sheet_verdicts(sheet: str) -> dict[str, tuple[str, list[str]]]:
    """From a learner's feedback sheet (HTML): per exercise title, its score ("2 of 4") and
    each field's line ("Primary customer: not right")."""
    soup = BeautifulSoup(sheet, "html.parser")
    out = {}
    for part in soup.select("main section"):
        title, score = part.h2.get_text().rsplit(": ", 1)
        out[title] = (score, [dt.get_text() for dt in part.select("dt")])
    return out


def saved(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('ams-progress')") or "null")


def wrong(exercise: str) -> dict[str, str]:
    return dict(right_answers()[exercise], primary_customer="the general public")


def test_a_reload_and_a_visit_elsewhere_keep_everything(open_page):
    page = open_page(CHAPTER)
    assert "All fields correct" not in check(page, FIRST, wrong(FIRST))
    sec = section(page, FIRST)
    sec.locator("button.ams-exercise-hint-button").click()
    sec.locator("details.ams-exercise-solution > summary").click()
    # The browser reports a <details> toggled a moment after the click; it is kept then.
    page.wait_for_function(  # item 4 of a check's record: the solution is open
        "id => (JSON.parse(localStorage.getItem('ams-progress')).e[id] || [])[4] === 1", arg=FIRST
    )
    before = sec.locator(".ams-exercise-status").inner_text()
    feedback = sec.locator("[data-feedback-for='primary_customer']").inner_text()
    for leave in (
        page.reload,
        lambda: (page.goto(page.url.replace(CHAPTER, PROGRESS)), page.go_back()),
    ):
        leave()
        sec = section(page, FIRST)
        sec.locator(".ams-exercise-status:not(:empty)").wait_for()
        assert sec.locator("[name='primary_customer']").input_value() == "the general public"
        assert sec.locator("[name='widget']").input_value() == right_answers()[FIRST]["widget"]
        assert sec.locator(".ams-exercise-status").inner_text() == before
        assert sec.locator("[data-feedback-for='primary_customer']").inner_text() == feedback
        assert sec.locator(".ams-exercise-hints li:not([hidden])").count() == 1
        assert sec.locator("details.ams-exercise-solution[open]").count() == 1
        # The next check counts on from the restored one: its hint is the second.
        assert sec.locator("[name='primary_customer']").get_attribute("aria-invalid") == "true"
    assert page.locator(".ams-progress-notice").count() == 0


def test_the_progress_page_after_a_mix_of_passes_and_tries(open_page):
    page = open_page(SOLO)
    assert "All fields correct" in check(page, SOLO_CHECK, right_answers()[SOLO_CHECK])
    page.goto(page.url.replace(SOLO, CHAPTER))
    check(page, FIRST, wrong(FIRST))
    check(page, FIRST, wrong(FIRST))
    page.goto(page.url.replace(CHAPTER, PROGRESS))
    box = page.locator("#ams-progress")
    assert "You have passed 1 of 30 knowledge checks" in box.inner_text()
    passed = box.locator("li", has=page.locator(f"a[href$='#ams-exercise-{SOLO_CHECK}']"))
    assert passed.inner_text().endswith("Passed")
    tried = box.locator("li", has=page.locator(f"a[href$='#ams-exercise-{FIRST}']"))
    assert "Tried (best score 2 of 4, 2 checks)" in tried.inner_text()
    checks = page.evaluate("AmsCourse.pages.flatMap(p => p.checks).length")
    assert box.locator("li.ams-progress-state-0").count() == checks - 2
    # The assessments, apart from the practice checks: nothing submitted yet.
    for module in (assessment("pre"), assessment("final")):
        line = f"{module.title}: 0 of {len(module.exercises)} submitted."
        assert line in box.locator(".ams-progress-assessment").all_inner_texts()
    assert "Course complete" not in box.inner_text()
    # The navigation marks the chapter whose checks are all passed, and only that one.
    marks = page.locator("nav.bd-links .ams-progress-done")
    assert marks.count() == 1
    assert (
        marks.first.locator("xpath=..")
        .get_attribute("href")
        .endswith("primary-customer/index.html")
    )
    assert "all checks passed" in marks.first.text_content()
    # ... in words for a screen reader only, on a page without exercises too.
    assert marks.first.locator(".ams-progress-sr").bounding_box()["width"] <= 1


def test_clearing_asks_first_then_removes_everything(open_page):
    page = open_page(SOLO)
    check(page, SOLO_CHECK, right_answers()[SOLO_CHECK])
    page.goto(page.url.replace(SOLO, PROGRESS))
    page.get_by_role("button", name="Clear all saved answers…").click()
    page.get_by_role("button", name="No, keep my answers").click()
    assert "passed 1 of 30" in page.locator(".ams-progress-summary").inner_text()
    assert saved(page) is not None
    page.get_by_role("button", name="Clear all saved answers…").click()
    page.get_by_role("button", name="Yes, clear everything").click()
    assert "passed 0 of 30" in page.locator(".ams-progress-summary").inner_text()
    assert "cleared" in page.locator("#ams-progress").inner_text()
    assert saved(page) is None
    assert "nothing to download yet" in page.locator(".ams-progress-download").inner_text()
    page.goto(page.url.replace(PROGRESS, SOLO))
    sec = section(page, SOLO_CHECK)
    assert sec.locator("[name='primary_customer']").input_value() == ""
    assert sec.locator(".ams-exercise-status").inner_text() == ""


def test_damaged_or_old_saved_data_is_dropped_per_check_and_breaks_nothing(open_page):
    page = open_page(CHAPTER)
    check(page, FIRST, wrong(FIRST))
    good = saved(page)["e"][FIRST]
    record = {
        "v": 1,
        "e": {
            FIRST: good,
            "a-removed-exercise": good,  # no longer in the course
            "nursing-licence": [1, 2, 1, 0, 0, {"renamed_field": "x"}],  # a field renamed
            "restaurant-inspection": "garbage",
        },
    }
    page.evaluate("r => localStorage.setItem('ams-progress', r)", json.dumps(record))
    page.reload()
    notice = page.locator(".ams-progress-notice")
    assert notice.count() == 1 and "3 checks" in notice.inner_text()
    # The sound entry is kept and restored; the rest is gone from storage.
    sec = section(page, FIRST)
    assert sec.locator("[name='primary_customer']").input_value() == "the general public"
    assert sorted(saved(page)["e"]) == [FIRST]
    page.reload()
    assert page.locator(".ams-progress-notice").count() == 0  # said once
    # Unreadable: dropped as a whole, and the page still checks answers and saves again.
    page.evaluate("localStorage.setItem('ams-progress', '{\"v\":1,\"e\":{')")
    page.reload()
    assert "could not be read" in page.locator(".ams-progress-notice").inner_text()
    assert section(page, FIRST).locator("[name='widget']").input_value() == ""
    assert "All fields correct" in check(page, FIRST, right_answers()[FIRST])
    assert saved(page)["e"][FIRST][0] == 2


def test_with_storage_switched_off_everything_works_and_says_so_once(browser, served_book):
    context = browser.new_context()
    context.add_init_script(BLOCKED)
    try:
        page = context.new_page()
        errors: list[str] = []
        # The theme's own scripts stumble on the blocked storage; the course's must not.
        page.on("pageerror", lambda exc: errors.append(exc.stack or str(exc)))
        page.goto(f"{served_book}/{CHAPTER}")
        assert "All fields correct" not in check(page, FIRST, wrong(FIRST))
        assert "All fields correct" in check(page, FIRST, right_answers()[FIRST])
        notices = page.locator(".ams-progress-notice")
        assert notices.count() == 1 and "not kept" in notices.inner_text()
        page.goto(f"{served_book}/{PROGRESS}")
        assert "passed 0 of 30" in page.locator(".ams-progress-summary").inner_text()
        assert page.locator(".ams-progress-notice").count() == 1
        # Nothing was kept, so nothing can be downloaded: said so, with no button.
        download = page.locator(".ams-progress-download")
        assert "There is nothing to download" in download.inner_text()
        assert "not letting the course keep your answers" in download.inner_text()
        assert download.get_by_role("button").count() == 0
        assert not [e for e in errors if "/ams-" in e], errors
    finally:
        context.close()


def test_the_record_keeps_within_its_budget_with_long_answers_everywhere(open_page):
    """Every check tried with very long answers: the record keeps within the browser's
    budget (100,000 characters; the LMS's, 4,000, is tests/lms/), keeps every check's
    state, and keeps the answers of the check just made."""
    page = open_page(CHAPTER)
    page.evaluate(
        """() => {
        const e = {};
        AmsCourse.pages.forEach(p => p.checks.forEach(c => {
          const f = {};
          c.fields.forEach(n => { f[n.split('_').map(w => w[0]).join('')] = 'x'.repeat(3900); });
          e[c.id] = [1, 1, 3, 1, 0, f];
        }));
        localStorage.setItem('ams-progress', JSON.stringify({v: 1, e}));
        }"""
    )
    page.reload()
    check(page, FIRST, wrong(FIRST))
    text = page.evaluate("localStorage.getItem('ams-progress')")
    record = json.loads(text)
    assert 90_000 < len(text) <= 100_000
    assert len(record["e"]) == page.evaluate("AmsCourse.pages.flatMap(p => p.checks).length")
    assert record["e"][FIRST][5]["pc"] == "the general public"


@pytest.mark.parametrize("mode", MODES)
def test_progress_states_have_no_axe_violations(open_page, axe, mode):
    page = open_page(SOLO, mode=mode)
    check(page, SOLO_CHECK, right_answers()[SOLO_CHECK])
    page.reload()
    section(page, SOLO_CHECK).locator(".ams-exercise-status:not(:empty)").wait_for()
    assert axe_violations(axe, page) == [], "a restored, passed check"
    page.goto(page.url.replace(SOLO, PROGRESS))
    page.get_by_role("button", name="Clear all saved answers…").click()
    assert axe_violations(axe, page) == [], "progress page, one passed, asking to clear"
    page.evaluate(ALL_PASSED)
    page.reload()
    assert "Course complete" in page.locator("#ams-progress").inner_text()
    assert axe_violations(axe, page) == [], "course complete, with the record"


def test_the_record_of_completion_is_made_with_the_keyboard_and_prints_on_one_page(
    open_page, tmp_path, root
):
    page = open_page(PROGRESS)
    page.evaluate(ALL_PASSED)
    page.reload()
    page.evaluate("window.print = () => { window.printed = true; }")
    page.locator("#ams-record-name").focus()
    page.keyboard.type("Jane Doe")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Print the record of completion"
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") is True
    record = page.locator("#ams-record").inner_text()
    assert "Name: Jane Doe" in record and "Self-reported" in record
    assert record.count("\n") > 30  # the 30 checks passed are listed
    # The final's score, and the course's time as the rest of the book states it: every
    # practice check passed, the full course's.
    final = assessment("final")
    most = sum(key_for(e).max_score for e in final.exercises)
    assert f"Final assessment: 100% ({most} of {most} points)" in record
    assert f"passed (pass mark {final.pass_mark}%)" in record
    hours = time_of_course(root)
    assert hours.startswith("about ") and f"Course time: {hours}, the full course" in record
    # Two columns, with room between them (on screen here, and printed below).
    assert page.evaluate(COLUMN_GAP) >= 3
    # Printed: the record alone, on one page.
    page.emulate_media(media="print")
    page.evaluate("document.body.classList.add('ams-printing-record')")
    assert page.evaluate(COLUMN_GAP) >= 3
    assert page.locator("#ams-record").is_visible()
    assert not page.locator("article h1").first.is_visible()
    assert not page.get_by_role("button", name="Clear all saved answers…").is_visible()
    pdf = tmp_path / "record.pdf"
    page.pdf(path=str(pdf), format="Letter")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M), info.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Record of completion" in text and "Jane Doe" in text and "Self-reported" in text
    assert "Course time: about" in text
    page.emulate_media(media="screen")
    page.reload()
    assert page.locator("#ams-record-name").input_value() == "Jane Doe"
    # The final passed with a practice check not passed: the core path's time.
    page.evaluate(
        """id => { const r = JSON.parse(localStorage.getItem('ams-progress'));
        r.e[id][0] = 1; localStorage.setItem('ams-progress', JSON.stringify(r)); }""",
        FIRST,
    )
    page.reload()
    record = page.locator("#ams-record").inner_text()
    core = time_of_course(root, core=True)
    assert core != hours and f"Course time: {core}, the core path" in record


def test_a_passed_check_saved_without_its_words_comes_back_passed(open_page):
    """When the record had to drop a passed check's own words to stay small, the check comes
    back passed with the key's words for the items it matched."""
    page = open_page(CHAPTER)
    record = {"v": 1, "e": {FIRST: [2, 4, 2, 0, 1, 0, {"w": [0], "pc": [0], "i": [0]}]}}
    page.evaluate("r => localStorage.setItem('ams-progress', r)", json.dumps(record))
    page.reload()
    sec = section(page, FIRST)
    sec.locator(".ams-exercise-status:not(:empty)").wait_for()
    assert "All fields correct" in sec.locator(".ams-exercise-status").inner_text()
    words = key_for(FIRST).fields["widget"].expected[0].accept[0]
    assert sec.locator("[name='widget']").input_value() == words
    assert sec.locator("details.ams-exercise-solution[open]").count() == 1


def test_answers_typed_on_two_pages_are_downloaded_and_graded_as_the_pages_graded_them(
    open_page, axe, tmp_path
):
    """The trainer's grade gives each field the verdict the page showed, and each check its
    score; the controls work by keyboard and axe finds nothing at 1280 and 390 px."""
    typed = {
        FIRST: dict(
            right_answers()[FIRST],
            primary_customer="the general public",
            investors='taxpayers\nthe "legislature": yes # no',
        ),
        SOLO_CHECK: dict(
            right_answers()[SOLO_CHECK],
            primary_customer="my cat: a tabby",
            investors="diners\n\n  TODO",
        ),
    }
    page = open_page(CHAPTER)
    base = page.url[: -len(CHAPTER)]
    shown = {}
    for rel, exercise in ((CHAPTER, FIRST), (SOLO, SOLO_CHECK)):
        page.goto(base + rel)
        status = check(page, exercise, typed[exercise])
        shown[exercise] = (re.search(r"Score ([\d.]+ of \d+)", status)[1], verdicts(page, exercise))
    said = {v for _score, fields in shown.values() for v in fields.values()}
    assert {"correct", "incorrect", "partial"} <= said, shown
    page.goto(base + PROGRESS)
    # Without a name: said at the field, which gets the focus.
    page.get_by_role("button", name="Download my answers").click()
    field = page.get_by_label("Your name")
    assert "Type your name first" in page.locator("#ams-download-said").inner_text()
    assert page.evaluate("document.activeElement.id") == "ams-download-name"
    assert field.get_attribute("aria-invalid") == "true"
    assert axe_violations(axe, page) == [], "asking for a name, 1280 px"
    # By keyboard: the name typed, Tab to the button, Enter.
    page.keyboard.type("Ana Lima")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Download my answers"
    with page.expect_download() as got:
        page.keyboard.press("Enter")
    assert got.value.suggested_filename == "ana-lima.yaml"
    folder = tmp_path / "class"
    got.value.save_as(folder / got.value.suggested_filename)
    told = page.locator("#ams-download-said").inner_text()
    assert "2 knowledge checks" in told and "ana-lima.yaml" in told, told
    assert field.get_attribute("aria-invalid") is None
    assert axe_violations(axe, page) == [], "downloaded, 1280 px"
    page.set_viewport_size(PHONE)
    assert axe_violations(axe, page) == [], "downloaded, 390 px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The trainer grades the class folder: the learner's sheet says what the pages said.
    ran = invoke("grade", str(folder), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert ran.code == 0, ran.err
    assert "Graded 1 learner on 2 exercises." in ran.out
    sheet = (tmp_path / "report" / "feedback" / "ana-lima.html").read_text("utf-8")
    graded = sheet_verdicts(sheet)
    for exercise, (score, fields) in shown.items():
        lines = [f"{FIELD_LABELS[name]}: {SAY[verdict]}" for name, verdict in fields.items()]
        assert graded[key_for(exercise).title] == (score, lines), exercise
