"""Honest times: the course time the book shows is its reading plus the minutes of every
answer key (computed from its scenario and fields) and the own-system exercise; the core
path fits 60 to 90 minutes; the 2½-hour workshop plan adds up to 150 minutes.

Reads the built book (``built_book``) and the course's own data; the reading time is
checked against the words a reader actually sees on each built page.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from test_book import page_text

from ams_exercises import course_time
from ams_exercises.authoring.paths import WORD, paths
from ams_exercises.authoring.sources import load_course_file
from ams_exercises.authoring.workshop import (
    WORKSHOP_FILE,
    WORKSHOP_SCHEMA,
    Workshop,
    workshop,
    workshop_schema,
)
from ams_exercises.errors import KeyFileError
from ams_exercises.grader.keys import all_keys, key_for, modules
from ams_exercises.grader.vocabulary import LIST_FIELDS


def test_the_workshop_plan_adds_up_to_150_minutes():
    plan = workshop()
    assert plan.minutes == 150
    assert sum(block.minutes for block in plan.blocks) == 150
    assert plan.timings()[-1][0] == f"{(150 - plan.blocks[-1].minutes) // 60}:" + (
        f"{(150 - plan.blocks[-1].minutes) % 60:02d}"
    )


def test_the_contested_point_comes_after_the_ams_position_and_every_task_has_a_debrief():
    blocks = workshop().blocks
    taught = next(i for i, b in enumerate(blocks) if b.teaches_ams_position)
    contested = next(i for i, b in enumerate(blocks) if b.contested_point)
    assert 0 < taught < contested
    assert all(b.debrief for b in blocks if b.group_task)
    kinds = {item.answer for item in workshop().sort_list}
    assert kinds == {"activity", "widget", "outcome", "request"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["blocks"][0].update(minutes=25), "the blocks add up to 165 minutes, not 150"),
        (lambda d: d["blocks"].insert(0, d["blocks"].pop(5)), "contested point comes before"),
        (lambda d: d["blocks"][2].update(debrief=[]), "has a group task but no debrief"),
        (lambda d: d["sort_list"][0].update(answer="thing"), "field 'sort_list.0.answer'"),
    ],
)
def test_a_plan_that_does_not_fit_is_refused_naming_the_file(change, message):
    data = yaml.safe_load(WORKSHOP_FILE.read_text("utf-8"))
    change(data)
    with pytest.raises(KeyFileError) as caught:
        load_course_file(WORKSHOP_FILE, Workshop, data)
    assert "workshop.yaml" in str(caught.value) and message in str(caught.value)


def test_the_published_workshop_schema_matches_the_models():
    assert json.loads(WORKSHOP_SCHEMA.read_text()) == workshop_schema(), (
        "run: ams-exercises dev schemas"
    )


class _Words(HTMLParser):
    """The words of a built page's main content, leaving out the exercises' own text."""

    def __init__(self) -> None:
        super().__init__()
        self.words = 0
        self._main = self._skip = self._exercise = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        self._main += tag == "main"
        self._skip += tag in ("script", "style")
        if self._exercise:
            self._exercise += tag == "section"
        elif tag == "section" and "ams-exercise" in classes:
            self._exercise = 1

    def handle_endtag(self, tag):
        self._main -= tag == "main"
        self._skip -= tag in ("script", "style")
        if self._exercise and tag == "section":
            self._exercise -= 1

    def handle_data(self, data):
        if self._main and not self._skip and not self._exercise:
            self.words += len(re.findall(r"[A-Za-z0-9]+(?:['\u2019.-][A-Za-z0-9]+)*", data))


def test_every_exercise_is_on_one_page_of_the_reading_path():
    times = course_time.course_time()
    shown = [i for page in times.pages for i in page.exercises]
    assert sorted(shown) == sorted(k.id for k in all_keys())
    assert times.exercise_minutes == sum(k.minutes for k in all_keys())


def test_reading_time_matches_the_words_on_the_built_pages(built_book: Path):
    times = course_time.course_time()
    for page in times.pages:
        parser = _Words()
        parser.feed((built_book / f"{page.docname}.html").read_text("utf-8"))
        built = parser.words / course_time.words_per_minute()
        # The built page adds headings' anchors, captions and the navigation of its main
        # column; the source count must stay within a few minutes of what a reader sees.
        assert abs(page.reading_minutes - built) <= max(2, 0.2 * built), (page.docname, built)


def test_the_course_time_shown_is_reading_plus_every_keys_minutes(built_book: Path):
    times = course_time.course_time()
    reading = sum(page.reading_minutes for page in times.pages)
    exercises = sum(k.minutes for k in all_keys())
    own = paths().own_system.minutes
    total = course_time.duration(reading + exercises + own)
    welcome = page_text(built_book / "book/welcome.html")
    expected = (
        f"Total time: about {total}: {course_time.duration(reading)} to read, "
        f"{course_time.duration(exercises)} for the knowledge checks and "
        f"{course_time.duration(own)} to work through your own system"
    )
    assert expected in welcome
    assert course_time.basis(times) in welcome
    guide = page_text(built_book / "book/trainers-guide.html")
    assert f"a learner needs about {total}:" in guide
    assert "4 hours and 30 minutes" not in welcome


def test_each_check_takes_its_scenarios_reading_and_each_field_asked():
    data = paths()
    per = data.check_minutes
    assessed = {m.id for m in modules().values() if m.assessment}
    for key in all_keys():
        fields = sum(per.list_field if n in LIST_FIELDS else per.single_field for n in key.asks)
        # an item of the pre-check or the final assessment is answered once: no revising
        revise = 0 if key.module in assessed else per.revise
        exact = len(WORD.findall(key.scenario)) / data.words_per_minute + fields + revise
        assert key.minutes == max(1, int(exact + 0.5)), key.id
        # short checks of two to four fields: 4 to 8 minutes, as a reviewer timed them
        if key.module in assessed:
            assert key.minutes <= 6, (key.id, key.minutes)
        elif len(key.asks) <= 3 and sum(n in LIST_FIELDS for n in key.asks) <= 1:
            assert 4 <= key.minutes <= 8, (key.id, key.minutes)


def test_the_core_path_fits_60_to_90_minutes_with_both_tests_and_a_check_per_lesson():
    times = course_time.course_time()
    core = times.core
    assert 60 <= times.core_minutes <= 90, times.core_minutes
    assert times.core_minutes == sum(p.minutes for p in core)
    # it opens with the whole pre-check and ends with the whole final assessment
    mods = {m.assessment: m for m in modules().values() if m.assessment}
    assert core[0].docname == mods["pre"].chapter
    assert list(core[0].exercises) == mods["pre"].exercises
    assert core[-1].docname == mods["final"].chapter
    assert list(core[-1].exercises) == mods["final"].exercises
    lessons = core[1:-1]
    checks = [e for p in lessons for e in p.exercises]
    assert len(checks) >= 4 and len(set(checks)) == len(checks)
    asked = {f for e in checks for f in key_for(e).asks}
    assert {"widget", "primary_customer", "strategic_customers", "investors", "trap"} <= asked
    # your own system is the full course's (with it the core path would pass 90 minutes)
    assert sum(p.activity_minutes for p in core) == 0
    assert sum(p.activity_minutes for p in times.pages) == paths().own_system.minutes
    # each lesson reads less than its whole page
    whole = {p.docname: p for p in times.pages}
    assert all(p.words < whole[p.docname].words for p in lessons)
    assert times.minutes == times.reading_minutes + times.exercise_minutes + sum(
        p.activity_minutes for p in times.pages
    )
    assert course_time.described(list(core)).startswith(
        f"about {course_time.duration(times.core_minutes)}: "
    )


def test_a_core_path_naming_a_section_the_page_lacks_is_refused(monkeypatch):
    import dataclasses

    data = paths()
    step = dataclasses.replace(data.core[0], sections=["No such section"])
    monkeypatch.setattr(
        course_time, "paths", lambda: dataclasses.replace(data, core=[step, *data.core[1:]])
    )
    with pytest.raises(course_time.PathError, match="has no section 'No such section'"):
        course_time.core_path()


def test_each_chapter_shows_its_own_computed_time(built_book: Path):
    for page in course_time.course_time().pages:
        if page.docname in ("book/practice", "book/case-studies/index"):
            continue  # no objectives box / a figure for the whole part
        text = page_text(built_book / f"{page.docname}.html")
        assert f"Time: {course_time.described([page])}" in text, page.docname


def test_the_trainers_guide_shows_the_same_plan_with_the_contested_point_late(built_book: Path):
    guide = page_text(built_book / "book/trainers-guide.html")
    guide = guide.replace("\u201c", '"').replace("\u201d", '"')
    plan = workshop()
    assert "The blocks add up to 2 hours 30 minutes." in guide
    at = [guide.index(f"{start} {block.title} {block.minutes}") for start, block in plan.timings()]
    assert at == sorted(at)
    taught = next(b for b in plan.blocks if b.teaches_ams_position)
    contested = next(b for b in plan.blocks if b.contested_point)
    assert guide.index(taught.activity[:60]) < guide.index(contested.activity[:60])
    for item in plan.sort_list:
        assert f"{item.item} {item.answer} {item.why}" in guide, item.item
    for block in plan.blocks:
        for answer in block.debrief:
            assert " ".join(answer.split()) in guide, answer[:40]
    assert "3 hours 30 minutes" not in guide
