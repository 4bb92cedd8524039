"""Answers downloaded from the course site ("Download my answers" on "Your progress") are
graded like a worksheet: as the learner's own file or inside their folder, with the name,
date and version in the gradebook's note; a broken download is one line naming the file and
the fix, is left as it was, and costs nobody else anything. (The page writing the file and
the round trip through Chromium: tests/site/test_site_progress.py.)"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from trainer_helpers import run_cli

from ams_exercises.classroom.grade_class import grade_class
from ams_exercises.classroom.site_answers import course_version

#: A file as the page writes it (saved from Chromium): quotes, a colon, a "#" and a TODO
#: inside answers, and a check passed whose words the browser no longer kept.
DOWNLOAD = """\
# Answers typed on the course site "Who Is Your Customer?": the last answers checked
# in each knowledge check. For a trainer: put this file in the class folder (or in
# the learner's own folder there) and run:  ams-exercises grade CLASS-FOLDER
format_version: 1
learner: "Zoë O'Brien-Smith"
course: "Who Is Your Customer?"
course_version: "VERSION"
saved: "2026-12-07"
answers:
  - exercise: environmental-permit
    widget: "the written permit"
    primary_customer: "the general public"
    investors:
      - "taxpayers"
      - "the \\"legislature\\": yes # no"
      - "TODO"
  - exercise: restaurant-inspection
    widget: "the inspection report"
    primary_customer: "the restaurant operator"
    investors: []
# Passed on the site, but this browser kept only that they were passed,
# not the words:
#   nursing-license
""".replace("VERSION", course_version())


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_download_is_graded_as_the_learners_file_or_in_their_folder(tmp_path):
    folder = tmp_path / "class"
    (folder / "ben").mkdir(parents=True)
    (folder / "zoe.yaml").write_text(DOWNLOAD, "utf-8")
    (folder / "ben" / "ben-obrien.yaml").write_text(DOWNLOAD.replace("Zoë", "Ben"), "utf-8")
    result = grade_class(folder)
    assert result.summary.problems == []
    for learner, name in (("zoe", "Zoë"), ("ben", "Ben")):
        mine = {g.result.exercise: g.result for g in result.graded if g.learner == learner}
        assert sorted(mine) == ["environmental-permit", "restaurant-inspection"]
        permit = mine["environmental-permit"].fields
        assert permit["widget"].verdict == "correct"
        assert permit["primary_customer"].verdict == "incorrect"
        # every entry as typed, the quotes, colon and "#" too; "TODO" is not an answer
        assert permit["investors"].answer == ["taxpayers", 'the "legislature": yes # no']
        assert mine["restaurant-inspection"].fields["investors"].verdict == "missing"
        assert result.summary.notes[learner] == [
            f"answers downloaded from the course site by {name} O'Brien-Smith on 2026-12-07"
        ]


def test_a_download_from_another_version_of_the_course_says_so(tmp_path):
    assert course_version()  # the package is installed, so it knows its version
    (tmp_path / "ana.yaml").write_text(DOWNLOAD.replace(course_version(), "0.0.9"), "utf-8")
    note = grade_class(tmp_path).summary.notes["ana"][0]
    assert f"course version 0.0.9; this tool grades with {course_version()}" in note


#: The download's settings, without its answers.
HEAD = DOWNLOAD.split("answers:\n")[0]
#: Broken downloads (by hand, or cut off in transit), and what each one's message says: the
#: trouble and the fix.
AGAIN = "download it again"
BROKEN = {
    "later-format": (DOWNLOAD.replace("format_version: 1", "format_version: 2"),
                     ("not of format_version 1", AGAIN)),
    "hand-edited": (DOWNLOAD.replace("saved:", "score: 100\nsaved:"),
                    ("'score', which such a file does not hold", "remove that line")),
    "name-a-number": (DOWNLOAD.replace("\"Zoë O'Brien-Smith\"", "42"),
                      ("'learner' should be the learner's name as text", "put it in quotes")),
    "answers-not-a-list": (HEAD + "answers: all of them\n", ("should be a list", AGAIN)),
    "no-answers": (HEAD + "answers: []\n", ("no answers in it", "download them again")),
    "cut-off": (DOWNLOAD[: DOWNLOAD.index("inspection report") + 4],
                ("line 18 opens a quote that is never closed", "close it")),
    "unknown-exercise": (DOWNLOAD.replace("environmental-permit", "mental-permit"),
                         ("'mental-permit' is not an exercise", "did you mean")),
}  # fmt: skip


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> dict:
    """A class of one good download and every broken one, graded once by the command."""
    folder = tmp_path_factory.mktemp("broken") / "class"
    folder.mkdir()
    (folder / "good.yaml").write_text(DOWNLOAD, "utf-8")
    for name, (text, _said) in BROKEN.items():
        assert text != DOWNLOAD, name
        (folder / f"{name}.yaml").write_text(text, "utf-8")
    out = folder.parent / "report"
    return {"folder": folder, "out": out, "done": run_cli("grade", str(folder), "--out", str(out))}


def test_a_broken_download_is_one_plain_line_naming_the_file_and_the_fix(broken):
    done = broken["done"]
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    errors = rows(broken["out"] / "errors.csv")
    for name, (text, said) in BROKEN.items():
        mine = [e for e in errors if e["learner"] == name]
        assert len(mine) == 1, (name, mine)
        assert Path(mine[0]["file"].split(" entry ")[0]).name == f"{name}.yaml", mine
        assert all(part in mine[0]["problem"] for part in said), mine
        assert "\n" not in mine[0]["problem"], mine
        # the file is left exactly as it was
        assert (broken["folder"] / f"{name}.yaml").read_text("utf-8") == text


def test_a_broken_download_costs_nobody_else_anything(broken):
    book = {r["learner"]: r for r in rows(broken["out"] / "gradebook.csv")}
    assert book["good"]["problems"] == "0"
    assert float(book["good"]["total"]) > float(book["unknown-exercise"]["total"]) > 0
    # one unknown exercise costs that entry only: the other is graded
    answers = rows(broken["out"] / "answers.csv")
    assert {r["exercise"] for r in answers if r["learner"] == "unknown-exercise"} == {
        "restaurant-inspection"
    }
