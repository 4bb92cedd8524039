"""The class report a trainer can trust, on classes of 1, 2, 30 and 1,000 learners written
programmatically (tests/trainer/class_maker.py), with a planted mis-keyed question.

Each class is graded and written as ``ams-exercises grade`` does (grade_class, then
write_report), and checked through the files a trainer opens: items.csv, gradebook.csv,
answers.csv and index.html (in headless Chromium, with axe, at desktop and phone widths).
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from class_maker import Made, make_class, right

from ams_exercises.classroom.grade_class import grade_class
from ams_exercises.classroom.report import write_report
from ams_exercises.grader.keys import all_keys

SHOTS = os.environ.get("AMS_REPORT_SHOTS")  # a folder to keep the screenshots in, to look at


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def graded(tmp: Path, learners: int, **kw) -> tuple[Made, Path]:
    made = make_class(tmp / "submissions", learners, **kw)
    out = tmp / "report"
    write_report(grade_class(made.folder), out, made.folder)
    return made, out


@pytest.fixture(scope="module")
def class_of_30(tmp_path_factory) -> tuple[Made, Path]:
    """30 readable learners on 10 exercises, 2 more with nothing readable, and one whose
    answer file has a bad field."""
    tmp = tmp_path_factory.mktemp("class30")
    made = make_class(tmp / "submissions", 30, exercises=10, unreadable=2)
    key = made.keys[0]
    sheet = {"exercise": key.id, **{f: right(key, f) for f in key.asks}, "colour": "blue"}
    (made.folder / "with-a-bad-field.yaml").write_text(yaml.safe_dump(sheet), "utf-8")
    # a notebook calling check under another name, one answer a variable
    cell = (
        "from ams_exercises import check as c\n"
        f"c({key.id!r}, widget={right(key, 'widget')!r}, primary_customer=who,"
        f" investors={right(key, 'investors')!r})"
    )
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(cell))
    nbformat.write(nb, made.folder / "by-alias.ipynb")
    out = tmp / "report"
    write_report(grade_class(made.folder), out, made.folder)
    return made, out


@pytest.fixture(scope="module")
def class_of_1000(tmp_path_factory) -> tuple[Made, Path]:
    return graded(tmp_path_factory.mktemp("class1000"), 1000, exercises=4)


def flagged(out: Path) -> list[tuple[str, str]]:
    return [
        (r["exercise"], r["field"]) for r in read_csv(out / "items.csv") if r["flagged"] == "yes"
    ]


def no_nan(out: Path) -> None:
    for name in ("items.csv", "gradebook.csv", "index.html"):
        text = re.sub(r"data:image/png;base64,[^\"]+", "", (out / name).read_text("utf-8-sig"))
        assert not re.search(r"\b(nan|inf)\b", text, re.I), name


@pytest.mark.parametrize("size", [1, 2])
def test_small_classes_give_difficulty_and_say_not_enough_learners(tmp_path, size):
    made, out = graded(tmp_path, size)
    rows = read_csv(out / "items.csv")
    assert list(rows[0]) == [
        "exercise",
        "field",
        "learners",
        "difficulty",
        "discrimination",
        "flagged",
        "note",
    ]
    assert len(rows) == sum(len(k.asks) for k in made.keys)
    for row in rows:
        assert row["learners"] == str(size)
        assert 0 <= float(row["difficulty"]) <= 1
        assert (row["discrimination"], row["flagged"], row["note"]) == (
            "",
            "no",
            "not enough learners",
        )
    html = (out / "index.html").read_text("utf-8")
    assert "not enough learners" in html and "possible key error" not in html
    no_nan(out)
    book = read_csv(out / "gradebook.csv")
    assert len(book) == size and all(r["note"] == "" for r in book)


def test_a_planted_key_error_is_flagged_in_a_class_of_30(class_of_30):
    made, out = class_of_30
    assert flagged(out) == [made.planted]
    rows = {(r["exercise"], r["field"]): r for r in read_csv(out / "items.csv")}
    planted = rows[made.planted]
    assert float(planted["discrimination"]) < -0.5
    # 32 learners handed in the first exercise (the two with a bad field too)
    assert planted["learners"] == "32"
    honest = [r for k, r in rows.items() if k != made.planted and r["discrimination"]]
    assert all(float(r["discrimination"]) >= 0 for r in honest)  # no false alarm
    assert sum(float(r["discrimination"]) > 0.2 for r in honest) >= len(honest) * 0.8
    html = (out / "index.html").read_text("utf-8")
    assert "1 item to check in the key" in html
    assert "possible key error" in html
    no_nan(out)


def test_a_planted_key_error_is_flagged_in_a_class_of_1000(class_of_1000):
    made, out = class_of_1000
    assert flagged(out) == [made.planted]
    assert len(read_csv(out / "gradebook.csv")) == 1000
    revisit = (out / "index.html").read_text("utf-8").split('id="scores"')[0]
    assert "Check the key of" in revisit  # first thing the trainer reads
    no_nan(out)


def test_gradebook_counts_only_what_each_learner_handed_in(class_of_30):
    made, out = class_of_30
    book = {r["learner"]: r for r in read_csv(out / "gradebook.csv")}
    course = sum(k.max_score for k in all_keys())
    ten = sum(k.max_score for k in made.keys)
    assert book["learner-0000"]["max"] == str(ten)
    # the learner with a bad field handed in one exercise: out of that exercise's points
    bad = book["with-a-bad-field"]
    assert bad["max"] == str(made.keys[0].max_score)
    assert float(bad["total"]) == made.keys[0].max_score  # every valid field still graded
    assert bad["problems"] == "1"
    for name in made.unreadable:
        assert (book[name]["total"], book[name]["max"], book[name]["note"]) == (
            "",
            "",
            "no readable work",
        )
    assert {r["course_max"] for r in book.values()} == {str(course)}
    # the notebook's call through an alias is read; its unreadable answer costs only itself
    key = made.keys[0]
    alias = book["by-alias"]
    assert alias["problems"] == "1"
    expected = key.max_score - key.fields["primary_customer"].points
    assert float(alias[key.id]) == float(alias["total"]) == expected
    errors = read_csv(out / "errors.csv")
    assert any(
        e["learner"] == "by-alias" and "'primary_customer' is not written out" in e["problem"]
        for e in errors
    )
    assert any(
        e["learner"] == "with-a-bad-field" and "unknown field 'colour'" in e["problem"]
        for e in errors
    )


def test_answers_csv_has_the_feedback_and_the_fields_maximum(class_of_30):
    made, out = class_of_30
    rows = read_csv(out / "answers.csv")
    key = made.keys[0]
    mine = [r for r in rows if r["learner"] == "learner-0000" and r["exercise"] == key.id]
    firsts = {r["field"]: r for r in mine if r["entry"] == "1"}
    assert {f: int(r["max"]) for f, r in firsts.items()} == {
        f: key.fields[f].points for f in key.asks
    }
    assert all(r["feedback"] for r in mine)
    wrong = next(r for r in rows if r["verdict"] == "incorrect" and r["recognized_as"])
    assert wrong["feedback"] and wrong["answer"] not in ("", wrong["feedback"])


def test_page_counts_unreadable_learners_and_says_where_the_other_wrong_answers_are(
    class_of_30, browser
):
    _made, out = class_of_30
    page = browser.new_page()
    page.goto((out / "index.html").as_uri())
    glance = page.locator("ul.figures li").first.inner_text()
    assert "34 learners" in " ".join(glance.split())
    assert "4 had unreadable work, 2 with nothing readable" in glance
    wrong = page.locator("#wrong ~ p").first.inner_text()
    assert "most common of" in wrong and "answers.csv" in wrong
    ranked = [int(t) for t in page.locator("#wrong ~ div table tbody td.n").all_inner_texts() if t]
    assert ranked == sorted(ranked, reverse=True)
    cells = page.locator(".gradebook tbody tr", has_text="zz-unreadable-0").inner_text()
    assert "no readable work" in cells
    page.close()


def _axe(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)  # every rule axe has, best practices included
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_report_passes_axe_at_desktop_and_phone_widths(class_of_30, browser, width, height):
    _made, out = class_of_30
    context = browser.new_context(
        bypass_csp=True, viewport={"width": width, "height": height}
    )  # axe-core is injected as a script
    page = context.new_page()
    page.goto((out / "index.html").as_uri())
    _axe(page)
    charts = page.locator("figure.chart")
    assert charts.count() == 2
    if width < 600:  # on a phone the charts give way to their tables
        assert not charts.first.is_visible()
        assert page.locator("#scores ~ div table").is_visible()
    else:
        assert charts.first.is_visible()
        box = charts.first.locator("img").bounding_box()
        assert box and box["width"] >= 500  # the chart is shown near its drawn size
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"report-{width}.png"), full_page=True)
    context.close()


def test_gradebook_fits_1280_px_with_names_and_totals_in_view(class_of_30, browser):
    _made, out = class_of_30
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((out / "index.html").as_uri())
    region = page.get_by_role("region", name="Points per learner and exercise")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")  # 10 exercises fit
    total = page.locator(".gradebook thead th", has_text="Total")
    box = total.bounding_box()
    assert box and box["x"] + box["width"] <= 1280 and total.is_visible()
    page.close()


def test_gradebook_scrolls_by_keyboard_and_keeps_the_names_in_place(class_of_30, browser):
    _made, out = class_of_30
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((out / "index.html").as_uri())
    region = page.get_by_role("region", name="Points per learner and exercise")
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # wide on a phone
    name = page.locator(".gradebook tbody th").first
    before = name.bounding_box()
    region.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    # keyboard scrolling is animated: wait for it to get there (fails after 30 s if never)
    page.wait_for_function("el => el.scrollLeft > 100", arg=region.element_handle())
    page.wait_for_timeout(500)  # and to settle
    after = name.bounding_box()
    assert before and after and abs(after["x"] - before["x"]) < 1  # the name stays in place
    assert name.is_visible()
    if SHOTS:
        region.screenshot(path=str(Path(SHOTS) / "gradebook-scrolled.png"))
    page.close()


def test_answers_the_grader_cannot_place_are_listed_for_the_trainer(tmp_path):
    """No verdict is not a wrong answer: the report lists each one for the trainer to
    decide, and answers.csv says "unsure"; they are not among the common wrong answers."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    key = next(k for k in all_keys() if k.id == "environmental-permit")
    sheet = {
        "exercise": key.id,
        "widget": right(key, "widget"),
        "primary_customer": "the zorblatt consortium",
        "investors": right(key, "investors"),
    }
    (folder / "ana.yaml").write_text(yaml.safe_dump(sheet), "utf-8")
    out = tmp_path / "report"
    write_report(grade_class(folder), out, folder)
    page = (out / "index.html").read_text("utf-8")
    decide = page.split('id="unplaced"')[1].split("</section>")[0]
    assert "ana" in decide and "the zorblatt consortium" in decide
    wrong = page.split('id="wrong"')[1].split("</section>")[0]
    assert "zorblatt" not in wrong
    rows = read_csv(out / "answers.csv")
    mine = [r for r in rows if "zorblatt" in r["answer"]]
    assert mine and all(r["verdict"] == "unsure" for r in mine), mine
