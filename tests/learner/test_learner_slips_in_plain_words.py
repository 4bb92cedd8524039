"""The YAML slips learners make most, replayed: each is one line naming the line it is on
and the fix, in plain words, never the parser's "could not find expected ':'"
about a later line. Text after `` #`` is a notice, and the file is still graded."""

from __future__ import annotations

from pathlib import Path

import pytest
from learner_helpers import run

HEAD = "exercise: environmental-permit\n"
QUOTE_IT = "put the whole answer in quotes"

SLIPS = {
    "no space after the colon": (
        HEAD + "widget:the written permit\nprimary_customer: the facility\n",
        "line 2: put a space after the colon (widget: the written permit)",
    ),
    "no space after the colon, on a later line": (
        HEAD + "widget: the permit\nprimary_customer:the facility\ninvestors:\n  - taxpayers\n",
        "line 3: put a space after the colon (primary_customer: the facility)",
    ),
    "a field name without its colon above a list": (
        HEAD + "widget: the written permit\ninvestors\n  - taxpayers\nprimary_customer: x\n",
        "line 3: put a colon after 'investors' (investors:), with its list below it",
    ),
    "an answer continued on an unindented line": (
        HEAD + "widget: the written permit\nprimary_customer: the facility that\n"
        "needs it to operate\ninvestors:\n  - taxpayers\n",
        "line 4 goes on from the answer on line 3; join it onto line 3 (an answer is one "
        "line), or indent it further",
    ),
    "a list entry continued under its dash": (
        HEAD + "investors:\n  - taxpayers who\n  fund the agency\nwidget: the permit\n",
        "line 4 goes on from the answer on line 3; join it onto line 3 (an answer is one "
        "line), or indent it further",
    ),
    "a tab after the dash": (
        HEAD + "widget: the permit\ninvestors:\n  -\ttaxpayers\n",
        "line 4: a tab follows the '-'; put a space after the dash instead",
    ),
    "an answer starting with @": (
        HEAD + "widget: the permit\nprimary_customer: @the facility\n",
        f"line 3: an answer cannot start with '@' as it is; {QUOTE_IT} "
        '(primary_customer: "@the facility")',
    ),
    "an answer starting with %": (
        HEAD + "primary_customer: %100 of applicants\nwidget: the permit\n",
        f"line 2: an answer cannot start with '%' as it is; {QUOTE_IT} "
        '(primary_customer: "%100 of applicants")',
    ),
    "an answer starting with &": (
        HEAD + "widget: the permit\nprimary_customer: &co the facility\n",
        f"line 3: an answer cannot start with '&' as it is; {QUOTE_IT} "
        '(primary_customer: "&co the facility")',
    ),
    "a list entry starting with *": (
        HEAD + "widget: the permit\ninvestors:\n  - * taxpayers\n",
        f"line 4: an answer cannot start with '*' as it is; {QUOTE_IT} (- \"* taxpayers\")",
    ),
    "an answer starting with a backtick": (
        HEAD + "widget: `the permit`\n",
        f"line 2: an answer cannot start with '`' as it is; {QUOTE_IT} (widget: \"`the permit`\")",
    ),
    "a quoted word followed by more text": (
        HEAD + "widget: the permit\nprimary_customer: 'nurse' applicants\n",
        "line 3: the answer starts with a quoted part and goes on after it; "
        f"{QUOTE_IT} (primary_customer: \"'nurse' applicants\")",
    ),
    "yes as an answer": (
        HEAD + "widget: the permit\nprimary_customer: yes\n",
        "line 3: field 'primary_customer': YAML reads yes as yes-or-no, not as text; "
        'put it in quotes (primary_customer: "yes")',
    ),
    "no as a list entry": (
        HEAD + "widget: the permit\ninvestors:\n  - taxpayers\n  - no\n",
        "line 5: entry 2 of field 'investors': YAML reads no as yes-or-no, not as text; "
        'put it in quotes (- "no")',
    ),
    "a misspelled field": (
        HEAD + "widget: the permit\nprimary_costumer: the facility\n",
        "line 3: unknown field 'primary_costumer'; did you mean primary_customer? "
        "(exercise 'environmental-permit' asks for: widget, primary_customer, investors)",
    ),
    "half a character escaped in double quotes": (
        HEAD + 'widget: "the permit \\ud800"\n',
        "line 2 has an escape such as \\ud800 inside double quotes that is half of a "
        "character, not text; type the character itself, or remove it",
    ),
    "a field this exercise does not ask": (
        HEAD + "widget: the permit\nstakeholders:\n  - the EPA\n",
        "line 3: field 'stakeholders' is not asked by exercise 'environmental-permit' "
        "(it asks for: widget, primary_customer, investors)",
    ),
}


# Each slip above is replayed by test_learner_plain_errors.py with the slips it had already.


@pytest.mark.parametrize(
    "text",
    [
        HEAD + "widget: 'the written permit'\n",  # quoted as a whole: fine
        HEAD + "widget: \"the 'written' permit\"\n",
        HEAD + "widget: the written permit  # a comment on purpose\n".replace("  #", " '#"),
        HEAD + "primary_customer: the facility, & its owner\n",  # & inside, not first
        HEAD + 'primary_customer: "yes"\n',
    ],
)
def test_what_is_written_right_is_not_flagged(tmp_path: Path, text: str):
    path = tmp_path / "answers.yaml"
    path.write_text(text, "utf-8")
    out = run("check", str(path), cwd=tmp_path)
    assert out.code in (0, 1), out.err
    assert "line" not in out.err


def test_text_after_a_hash_is_a_notice_and_the_file_is_still_graded(tmp_path: Path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        HEAD + "widget: the permit #1 product\nprimary_customer: the facility\n", "utf-8"
    )
    out = run("check", str(path), cwd=tmp_path)
    assert out.code == 1, out.err  # graded: investors is missing
    assert out.err == (
        "ams-exercises: answers.yaml: line 2: the text after '#' (1 product) was read as a "
        "comment, not as part of your answer; to keep it, put the whole answer in quotes\n"
    )
    assert "your answer: the permit\n" in out.out


def test_the_hash_notice_is_one_line_in_a_learners_copy_too(workcopy: Path):
    sheet = next((workcopy / "workspace").glob("*/01-*.yaml"))
    text = sheet.read_text("utf-8")
    exercise = next(
        line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("exercise:")
    )
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    field = next(line.split(":")[0] for line in lines if line.endswith(": TODO"))
    sheet.write_text(
        text.replace(f"{field}: TODO", f"{field}: my answer # a note\n# more", 1), "utf-8"
    )
    out = run("check", exercise, cwd=workcopy)
    assert out.code == 1
    notices = [line for line in out.err.splitlines() if "read as a comment" in line]
    assert len(notices) == 1 and "(a note)" in notices[0], out.err
