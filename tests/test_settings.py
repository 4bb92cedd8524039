"""Every environment variable of the course reads yes and no the same way, and only the
settings module reads them, so a spelling that works for one works for all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ams_exercises import settings

PACKAGE = Path(settings.__file__).parent
SWITCHES = [settings.RECORD, settings.HIDE_SOLUTIONS, settings.DEBUG]
#: A read of a course variable, by its name or by a ``*_VARIABLE`` constant; handing one on
#: to a child process (``environ[X] = ...``) is not a read.
READING = re.compile(
    r"environ(?:\.get\(\s*|\[\s*)(?:[\"']AMS_EXERCISES_|\w*VARIABLE\b)(?![^\n]*\]\s*=[^=])"
)


@pytest.mark.parametrize("name", SWITCHES)
@pytest.mark.parametrize("value", ["1", "true", "Yes", " ON "])
def test_every_yes_reads_as_yes(name, value):
    assert settings.switch(name, default=False, environ={name: value}) is True


@pytest.mark.parametrize("name", SWITCHES)
@pytest.mark.parametrize("value", ["0", "false", "No", "off"])
def test_every_no_reads_as_no(name, value):
    assert settings.switch(name, default=True, environ={name: value}) is False


@pytest.mark.parametrize("value", ["", "maybe", "2"])
def test_anything_else_keeps_the_default(value):
    for default in (True, False):
        assert settings.switch(settings.DEBUG, default, environ={settings.DEBUG: value}) is default


def test_a_folder_is_expanded_and_a_blank_one_is_unset():
    assert settings.folder(settings.HOME, environ={settings.HOME: "~/course"}) == (
        Path.home() / "course"
    )
    assert settings.folder(settings.HOME, environ={settings.HOME: "  "}) is None


def test_only_the_settings_module_reads_the_course_variables():
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "settings.py" and READING.search(path.read_text("utf-8"))
    ]
    assert found == []


def test_the_build_switch_takes_the_same_spellings_as_the_commands(monkeypatch):
    """``AMS_EXERCISES_HIDE_SOLUTIONS=on`` hides solutions, as ``=1`` does."""
    from ams_exercises.sphinx import _hide_by_default

    for value, expected in (("on", True), ("off", False), ("1", True), ("", False)):
        monkeypatch.setenv(settings.HIDE_SOLUTIONS, value)
        assert _hide_by_default(None) is expected, value


def test_the_reader_check_sees_each_way_of_reading():
    assert READING.search('os.environ.get(OVERLAY_VARIABLE, "")')
    assert READING.search("Path(os.environ[CACHE_VARIABLE]) / 'x'")
    assert READING.search('os.environ.get("AMS_EXERCISES_HOME")')
    assert not READING.search("os.environ[OVERLAY_VARIABLE] = str(folder)")
