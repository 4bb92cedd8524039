"""Bad input gets one clear line naming the file and the problem, exit code 2, no traceback.

The examples come from the grader issue; the property-based tests feed arbitrary text,
bytes and structures and find no crash.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from cli_runner import Ran, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ams_exercises.answers.sheet import parse_answers
from ams_exercises.errors import AnswerFileError, InputError
from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for
from ams_exercises.grader.vocabulary import VERDICTS

BAD_FILES = {
    "malformed YAML": (
        b"exercise: environmental-permit\nwidget: [unclosed\n",
        "line 2 opens a bracket [ that is never closed",
    ),
    "alias bomb": (
        b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
        "uses a YAML alias",
    ),
    "unknown exercise": (
        b"exercise: the-moon\nwidget: cheese\n",
        "exercise 'the-moon' is not an exercise id",
    ),
    "no exercise line": (b"widget: a permit\n", "has no 'exercise:' line"),
    "unknown field": (b"exercise: environmental-permit\nbudget: lots\n", "unknown field 'budget'"),
    "field not asked": (
        b"exercise: environmental-permit\nstakeholders: [EPA]\n",
        "field 'stakeholders' is not asked by exercise 'environmental-permit'",
    ),
    "list for a single answer": (
        b"exercise: environmental-permit\nprimary_customer: [facility, public]\n",
        "field 'primary_customer' takes one answer, not a list",
    ),
    "a number": (
        b"exercise: environmental-permit\nwidget: 42\n",
        "field 'widget' must be text, not a number",
    ),
    "a number in a list": (
        b"exercise: environmental-permit\ninvestors: [taxpayers, 7]\n",
        "entry 2 of field 'investors' must be text, not a number",
    ),
    "empty file": (b"", "is empty"),
    "a date that does not exist": (
        b"exercise: environmental-permit\nwidget: 2024-02-30\n",
        "holds a value that cannot be read at line 2",
    ),
    "!!int that is not a number": (
        b"exercise: environmental-permit\nwidget: !!int abc\n",
        "holds a value that cannot be read at line 2",
    ),
    "!!float that is not a number": (
        b"exercise: environmental-permit\nwidget: !!float abc\n",
        "holds a value that cannot be read at line 2",
    ),
    "!!timestamp that is not a time": (
        b"exercise: environmental-permit\nwidget: !!timestamp soon\n",
        "holds a value that cannot be read at line 2",
    ),
    "a 5,000-digit number": (
        b"exercise: environmental-permit\nwidget: " + b"9" * 5000 + b"\n",
        "holds a value that cannot be read at line 2",
    ),
    "a time zone out of range": (
        b"exercise: environmental-permit\nwidget: 2001-12-14t21:59:43.10+99:00\n",
        "holds a value that cannot be read at line 2",
    ),
    "whitespace file": (b"  \n\n\t\n", "is empty"),
    "binary": (b"\x00\x01\x02exercise", "NUL byte"),
    "a list, not a mapping": (b"- exercise\n- widget\n", "must be a mapping of fields"),
    "huge file": (
        b"exercise: environmental-permit\nwidget: " + b"x" * 1_100_000 + b"\n",
        "over the limit",
    ),
    "answer too long": (
        b"exercise: environmental-permit\nwidget: " + b"word " * 400 + b"\n",
        "keep it under",
    ),
    "a field given twice through a merge key": (
        b"exercise: environmental-permit\nwidget: a permit\n<<: {widget: the permit}\n",
        "field 'widget' is given twice (lines 2 and 3, once through '<<:'); keep the one you mean",
    ),
    "a field given twice by two merge keys": (
        b"exercise: environmental-permit\n<<: [{widget: a permit}, {widget: the permit}]\n",
        "field 'widget' is given twice (line 2, both through '<<:'); keep the one you mean",
    ),
    "two documents": (
        b"exercise: environmental-permit\nwidget: a\n---\nexercise: traffic-congestion\n",
        "line 3: '---' starts a second set of answers; keep one exercise's answers per file, "
        "or list them, each starting with '- exercise: ...'",
    ),
    "a tab, in a file with old Mac line endings": (
        b"exercise: environmental-permit\rwidget: a permit\r\tinvestors: [taxpayers]\r",
        "line 3 starts with a tab; use spaces, not tabs, to indent",
    ),
    "a field given twice, with old Mac line endings": (
        b"exercise: environmental-permit\rwidget: a\r\rwidget: b\r",
        "field 'widget' is given twice (lines 2 and 4); keep the one you mean",
    ),
}


def run(path: Path) -> Ran:
    return invoke("check", str(path), cwd=path.parent)


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_bad_answer_files_give_one_line_and_exit_2(tmp_path, case):
    content, expected = BAD_FILES[case]
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    out = run(path)
    stderr = out.err
    assert out.code == 2, stderr
    assert stderr.count("\n") == 1, stderr
    assert str(path) in stderr and expected in stderr
    assert "Traceback" not in stderr and out.out == ""


LINES = (
    "exercise: environmental-permit",
    "widget: the written permit: the paper one",
    "investors:",
    "  - taxpayers",
    "",
)


@pytest.mark.parametrize("ending", ["\r", "\r\n"], ids=["old Mac", "Windows"])
def test_a_file_with_other_line_endings_is_graded_as_with_newlines(tmp_path, ending):
    """An old Mac's "\r" alone was read as one line: the colon inside the answer then
    quoted the rest of the file into the exercise's name."""
    path = tmp_path / "answers.yaml"
    path.write_bytes("\n".join(LINES).encode())
    with_newlines = invoke("check", str(path), "--json", cwd=tmp_path)
    path.write_bytes(ending.join(LINES).encode())
    assert invoke("check", str(path), "--json", cwd=tmp_path) == with_newlines
    assert with_newlines.code == 1 and '"answer": "the written permit: the paper one"' in (
        with_newlines.out
    )


def test_a_field_given_twice_in_one_entry_of_a_list_of_answers_is_named(tmp_path):
    """A file answering several exercises is a list of answers; YAML kept the last of two
    fields of one entry without a word, and a merge key hid one the same way."""
    answers = tmp_path / "class" / "ana.yaml"
    answers.parent.mkdir()
    entries = (
        "- exercise: environmental-permit\n  widget: a permit\n"
        "- exercise: traffic-congestion\n  primary_customer: drivers\n  investors: [taxpayers]\n"
    )
    for n, (extra, problem) in enumerate(
        (
            ("  primary_customer: commuters\n", "(lines 4 and 6)"),
            ("  <<: {primary_customer: commuters}\n", "(lines 4 and 6, once through '<<:')"),
        )
    ):
        answers.write_text(entries + extra, "utf-8")
        ran = invoke("grade", "class", "--out", f"out{n}", cwd=tmp_path)
        assert ran.code == 0, ran.err
        with (tmp_path / f"out{n}" / "errors.csv").open(encoding="utf-8-sig") as fh:
            errors = list(csv.reader(fh))
        assert errors[1:] == [
            [
                "ana",
                "class/ana.yaml",
                f"entry 2: field 'primary_customer' is given twice {problem}; keep the one "
                "you mean",
            ]
        ]


def test_a_blank_answer_is_no_answer_yet_as_on_the_page(tmp_path):
    """Spaces alone are what an empty box on the page holds: no answer yet, not an error."""
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"exercise: environmental-permit\nwidget: '   '\n")
    out = run(path)
    assert out.code == 1 and "No answer given" in out.out, out.err


def test_a_missing_file_and_a_folder(tmp_path):
    for target, expected in ((tmp_path / "nope.yaml", "no such file"), (tmp_path, "is a folder")):
        out = run(target)
        assert out.code == 2 and expected in out.err


def test_the_answer_file_is_never_changed_by_checking(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"exercise: environmental-permit\nwidget: [bad\n")
    before = path.read_bytes()
    run(path)
    assert path.read_bytes() == before


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
FIELD_NAMES = st.sampled_from(
    ["exercise", "widget", "primary_customer", "investors", "stakeholders", "learner", "other"]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.dictionaries(FIELD_NAMES, yaml_values | st.just("environmental-permit"), max_size=5)
    | yaml_values
)
def test_arbitrary_structures_are_answers_or_one_clear_error(data):
    try:
        sheet = parse_answers(data, "answers.yaml")
    except AnswerFileError as exc:
        assert str(exc).startswith("answers.yaml: ") and "\n" not in str(exc)
        return
    result = grade(sheet.key, sheet.answers)
    assert 0 <= result.score <= result.max_score


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_is_graded_without_crashing(text):
    key = key_for("environmental-permit")
    for field in key.asks:
        value = [text] if field == "investors" else text
        res = grade(key, {field: value}).fields[field]
        assert res.verdict in VERDICTS


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_in_a_file_are_read_or_refused_in_one_line(tmp_path_factory, raw):
    from ams_exercises.answers.sheet import read_answer_file

    path = tmp_path_factory.mktemp("fuzz") / "a.yaml"
    path.write_bytes(raw)
    try:
        read_answer_file(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/urandom", "link to /dev/zero"])
def test_files_that_are_not_files_are_refused_before_reading(tmp_path, special):
    """A pipe would block for ever and a device would read until memory runs out."""
    if special == "fifo":
        target = tmp_path / "answers.yaml"
        os.mkfifo(target)
    elif special.startswith("link"):
        target = tmp_path / "answers.yaml"
        target.symlink_to("/dev/zero")
    else:
        target = Path(special)
    out = invoke("check", str(target), cwd=tmp_path)
    assert out.code == 2 and out.err.count("\n") == 1, out.err
    assert "not a regular file" in out.err and "give a file" in out.err


def test_escape_sequences_in_an_answer_are_shown_not_obeyed(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        'exercise: environmental-permit\nprimary_customer: "the\\e[2J public\\nScore: 4 / 4"\n',
        "utf-8",
    )
    out = invoke("check", str(path), cwd=tmp_path)
    assert "\x1b" not in out.out and "\\x1b[2J" in out.out
    assert "\nScore: 4 / 4" not in out.out.split("Score: 0 / 4", 1)[1]


def test_a_failure_inside_the_tool_is_one_line_and_exit_3(tmp_path, monkeypatch):
    """Never the exit code of "not right yet", and never a traceback."""
    from ams_exercises import api

    def broken(*_args, **_kwargs):
        raise RuntimeError("the grader fell over")

    monkeypatch.setattr(api, "grade_sheet", broken)
    path = tmp_path / "answers.yaml"
    path.write_text("exercise: environmental-permit\nwidget: a permit\n", "utf-8")
    out = invoke("check", str(path), cwd=tmp_path)
    assert out.code == 3 and out.err.count("\n") == 1
    assert "something went wrong inside the tool" in out.err and "Traceback" not in out.err
    assert "AMS_EXERCISES_DEBUG=1" in out.err
