"""``check(...)`` as a learner meets it in IPython and Jupyter: a result that reads like the
command line's (not a dump of fields), a table with left-aligned feedback, and a wrong
field name as one readable line instead of a traceback."""

from __future__ import annotations

import contextlib
import io

import pytest

from ams_exercises import check


@pytest.fixture(scope="module")
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    return InteractiveShell.instance()


def run_cell(shell, code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        shell.run_cell(code)
    return out.getvalue()


def test_a_wrong_field_name_is_one_readable_line(shell):
    shown = run_cell(
        shell, "from ams_exercises import check\ncheck('environmental-permit', budget='lots')"
    )
    assert "Traceback" not in shown and "site-packages" not in shown
    assert shown.strip().splitlines() == [
        "AnswerFileError: answers to 'environmental-permit': unknown field 'budget' (the fields"
        " are: widget, primary_customer, strategic_customers, operational_support,"
        " stakeholders, investors, trap)"
    ]


def test_the_result_reads_like_the_command_line_in_a_console(shell):
    shown = run_cell(shell, "check('environmental-permit', primary_customer='the public')")
    assert "INCORRECT  Primary customer" in shown and "your answer: the public" in shown
    assert "FieldResult(" not in shown and "CheckResult(" not in shown


def test_the_notebook_table_is_left_aligned_and_escaped():
    html = check("environmental-permit", primary_customer="<b>the public</b>")._repr_html_()
    assert "text-align: left" in html
    assert "&lt;b&gt;the public&lt;/b&gt;" in html and "<b>the public" not in html
