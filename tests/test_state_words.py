"""A state's own words (``course/state-words.yaml``): a training office adds the shorthand of
its government, and the grader reads it, on the page too (the words are compiled into the
rules the page receives). The course's own words keep their meaning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ams_exercises.authoring.bundle import build
from ams_exercises.errors import KeyFileError
from ams_exercises.grader import language as rules
from ams_exercises.grader.course import COURSE_DIR, compiled
from ams_exercises.grader.normalize import tokens

WORDS = """\
format_version: 1
state: Example State
abbreviations: {des: department of economic security, ew: someone else}
spellings: {programme: program}
synonyms: {ward: child}
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(COURSE_DIR, folder)
    return folder


def test_a_states_words_are_compiled_into_the_rules_the_grader_and_page_read(course: Path):
    (course / "state-words.yaml").write_text(WORDS, "utf-8")
    words = json.loads(build(course, only=("environmental-permit",))["course.json"])["language"]
    assert words["abbreviations"]["des"] == "department of economic security"
    assert words["abbreviations"]["ew"] == "eligibility worker"  # the course's own wins
    assert words["spellings"]["programme"] == "program"
    try:
        rules.install(rules.from_data(words))
        assert tokens("DES staff") == ("department", "of", "economic", "security", "staff")
    finally:
        rules.install(rules.from_data(compiled()["language"]))  # the course's own again


def test_a_mistake_in_the_states_words_names_the_file_and_field(course: Path):
    (course / "state-words.yaml").write_text(
        WORDS.replace("format_version: 1", "format_version: 7")
    )
    with pytest.raises(KeyFileError) as err:
        build(course, only=("environmental-permit",))
    assert "state-words.yaml" in str(err.value) and "format_version" in str(err.value)
    assert "\n" not in str(err.value)
