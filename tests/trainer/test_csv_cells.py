"""CSV cells a spreadsheet could run as a formula are defused: the ASCII signs, their
full-width and small look-alikes, and a sign behind spaces or invisible characters."""

from __future__ import annotations

import csv

import pytest
from cli_runner import invoke
from hostile_cases import FORMULAS, answer_yaml

from ams_exercises.classroom.csvfiles import safe_cell

DEFUSED = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\rx",
    '＝HYPERLINK("http://x")',  # full-width equals
    "＋1",
    "－1",
    "＠SUM(A1)",
    "﹦1",  # small equals
    "﹢1",
    "﹣1",
    "﹫x",
    " =1+1",  # a leading space
    "\u00a0+1",  # no-break space
    "\u3000=1",  # ideographic space
    "\u200b=1",  # zero-width space
    "\u2060@x",  # word joiner
    "\ufeff-2",  # zero-width no-break space (byte-order mark)
    " \u200b ＝1",
]
HARMLESS = ["taxpayers", "the EPA", "1-2", "a=b", "email@example.org", "", "  ", "'=1", "\u2212 1"]


@pytest.mark.parametrize("text", DEFUSED)
def test_anything_a_spreadsheet_may_run_gets_a_leading_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_plain_text_is_left_as_it_is(text):
    assert safe_cell(text) == text


def test_look_alike_formulas_in_answers_and_names_are_defused_in_the_report(tmp_path):
    subs = tmp_path / "class"
    subs.mkdir()
    (subs / "ana.yaml").write_text(answer_yaml(**FORMULAS), "utf-8")
    (subs / "＝cmd.yaml").write_text(answer_yaml(), "utf-8")
    (subs / "\u200b@evil.yaml").write_text(answer_yaml(), "utf-8")
    done = invoke("grade", str(subs), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert done.code == 0, done.err
    with (tmp_path / "report" / "answers.csv").open(encoding="utf-8-sig", newline="") as fh:
        answers = {r["answer"] for r in csv.DictReader(fh) if r["learner"] == "ana"}
    expected = {FORMULAS["widget"], FORMULAS["primary_customer"], *FORMULAS["investors"]}
    # a byte-order mark is shown escaped (visible, and no formula either); the rest quoted
    assert answers == {"'" + a for a in expected - {"\ufeff-2"}} | {"\\ufeff-2"}
    with (tmp_path / "report" / "gradebook.csv").open(encoding="utf-8-sig", newline="") as fh:
        learners = {r["learner"] for r in csv.DictReader(fh)}
    # the zero-width space of a file name is shown escaped: visible, and no formula either
    assert learners == {"ana", "'＝cmd", "\\u200b@evil"}
