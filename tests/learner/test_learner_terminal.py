"""Output a person reads in a terminal: wrapped at its width without breaking a word,
long lists through the pager, and ``ams-exercises help`` as people type it."""

from __future__ import annotations

import re
from pathlib import Path

from learner_helpers import ANSI, catalogue_of, practice_entries, run


def test_text_wraps_at_the_terminal_width_without_breaking_words(
    workcopy: Path, tmp_path: Path, terminal
):
    entry = practice_entries(workcopy)[0]
    sheet = tmp_path / "answers.yaml"  # outside the copy: every check gives the same hints
    sheet.write_text(
        catalogue_of(workcopy)
        .path(entry)
        .read_text("utf-8")
        .replace("primary_customer: TODO", "primary_customer: the public")
    )
    term = terminal("check", str(sheet), cwd=workcopy, COLUMNS="50", LINES="200")
    term.expect(r"Not there yet")
    assert term.wait() == 1
    lines = [ANSI.sub("", line) for line in term.text.splitlines()]
    too_long = [line for line in lines if len(line) > 50 and " " in line.strip()]
    assert too_long == []
    piped = run("check", str(sheet), cwd=workcopy)
    assert max(len(line) for line in piped.out.splitlines()) > 50  # there was wrapping to do
    words = set(re.findall(r"[A-Za-z’']+", piped.out))
    assert set(re.findall(r"[A-Za-z’']+", term.text)) >= words  # no word cut in two


def test_a_long_progress_goes_through_the_pager_on_a_small_terminal(workcopy: Path, terminal):
    term = terminal("progress", cwd=workcopy, LINES="24", COLUMNS="100", PAGER="sed s/^/PAGED:/")
    term.expect(r"PAGED:Overall")
    assert term.wait() == 0
    tall = terminal("progress", cwd=workcopy, LINES="200", COLUMNS="100", PAGER="sed s/^/PAGED:/")
    tall.expect(r"Overall")
    assert tall.wait() == 0 and "PAGED:" not in tall.text


def test_help_works_as_people_type_it(workcopy: Path):
    top = run("help", cwd=workcopy)
    assert top.code == 0 and "check" in top.out and "Commands:" in top.out
    one = run("help", "check", cwd=workcopy)
    assert one.code == 0 and one.out.startswith("Usage: ams-exercises check")
    wrong = run("help", "chek", cwd=workcopy)
    assert wrong.code == 2 and "no command named 'chek'" in wrong.err
    assert "dev" not in wrong.err.split("the commands:")[1]
