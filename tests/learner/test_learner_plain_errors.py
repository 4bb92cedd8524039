"""The slips a learner makes in a worksheet, told in their words with the line they made
them on, and files saved by Notepad read as they were meant. Never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from learner_helpers import catalogue_of, run
from test_learner_slips_in_plain_words import SLIPS as MORE_SLIPS

from ams_exercises.learner.state import Learner
from ams_exercises.learner.watching import Watch

HEAD = "exercise: environmental-permit\n"

SLIPS = {
    "a tab": (
        HEAD + "\twidget: the permit\n",
        "line 2 starts with a tab; use spaces, not tabs, to indent",
    ),
    "a missing colon": (
        HEAD + "widget the permit\nprimary_customer: the plant\n",
        "line 2: put a colon after 'widget' (widget: your answer)",
    ),
    "an unclosed quote": (
        HEAD + 'widget: "the permit\nprimary_customer: the plant\n',
        "line 2 opens a quote that is never closed; close it, or leave it out",
    ),
    "an entry indented into the one above": (
        HEAD + "investors:\n  - taxpayers\n    - the public\n",
        "line 4: this list entry is indented further than the one above, so it becomes "
        "part of it; start its dash right under the dash above",
    ),
    "a dash on the field's own line": (
        HEAD + "investors: - taxpayers\n  - the public\n",
        "line 2: a list starts on the line after 'investors:', each entry on its own line "
        "beginning with '- '",
    ),
    "a field given twice": (
        HEAD + "widget: a permit\nprimary_customer: the plant\nwidget: a license\n",
        "field 'widget' is given twice (lines 2 and 4); keep the one you mean",
    ),
}


#: The slips learners make most often, each with the fix it must name.
ALL_SLIPS = {**SLIPS, **MORE_SLIPS}


@pytest.mark.parametrize("slip", list(ALL_SLIPS), ids=list(ALL_SLIPS))
def test_a_slip_is_one_line_naming_its_line(tmp_path: Path, slip: str):
    text, message = ALL_SLIPS[slip]
    path = tmp_path / "answers.yaml"
    path.write_text(text, "utf-8")
    out = run("check", str(path), cwd=tmp_path)
    assert out.code == 2, out.out
    assert out.err == f"ams-exercises: {path}: {message}\n"


def test_a_colon_inside_an_answer_is_part_of_the_answer(tmp_path: Path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        HEAD + "primary_customer: the facility: the one applying  # my note\n"
        "investors:\n  - note: taxpayers\n",
        "utf-8",
    )
    out = run("check", str(path), "--json", cwd=tmp_path)
    fields = json.loads(out.out)["fields"]
    assert fields["primary_customer"]["answer"] == "the facility: the one applying"
    assert fields["investors"]["answer"] == ["note: taxpayers"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252", "utf-8-sig"])
def test_a_file_notepad_saved_is_read_as_written(tmp_path: Path, encoding: str):
    path = tmp_path / "answers.yaml"
    path.write_bytes((HEAD + "primary_customer: the café’s owner\n").encode(encoding))
    out = run("check", str(path), "--json", cwd=tmp_path)
    assert out.err == ""
    assert json.loads(out.out)["fields"]["primary_customer"]["answer"] == "the café’s owner"


def test_watch_reads_a_utf16_worksheet_without_crashing(workcopy: Path):
    entry = catalogue_of(workcopy).entries[0]
    watch = Watch(Learner.find(workcopy), entry)
    watch.path.write_bytes((HEAD + "primary_customer: the plant\n").encode("utf-16"))
    assert watch.changed()
    result = watch.check()
    assert result.fields["primary_customer"].answer == "the plant"
