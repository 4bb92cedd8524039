"""US spelling in everything a learner or trainer reads from the package: the keys' prose,
the lexicon's feedback, the worksheets and notebooks, the handout and report templates and
the command-line messages. (The grader still reads British spellings: see test_grader.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ams_exercises.grader.keys import all_keys
from ams_exercises.grader.lexicon import lexicon

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ams_exercises"

BRITISH = re.compile(
    r"\b(licences?|programmes?|centres?|organisations?|organis(e|ed|es|ing)|"
    r"recognis(e|ed|es|ing)|travell(ing|ed|ers?)|cancell(ing|ed)|ageing|practis(e|es|ed|ing)|"
    r"neighbours?|neighbourhoods?|behaviours?|colours?|labour|defence|modernisation|"
    r"prioritis(e|ed|ing)|judgement|levelling|labelled|labelling|enrolment)\b",
    re.IGNORECASE,
)


def british(text: str) -> list[str]:
    """The British spellings in ``text``."""
    return [m.group(0) for m in BRITISH.finditer(text)]


def key_texts(key) -> list[str]:
    texts = [key.title, key.scenario, key.rationale, *key.hints, *key.discussion]
    texts += [a.reason for a in key.placed if a.reason]
    for fk in key.fields.values():
        texts += [*fk.hints, fk.explanation or "", *fk.canonical]
        texts += [e.feedback for e in (*fk.partial, *fk.wrong)]
    return texts


@pytest.mark.parametrize("key", all_keys(), ids=lambda k: k.id)
def test_a_keys_prose_is_in_us_spelling(key):
    found = [(t[:60], british(t)) for t in key_texts(key) if british(t)]
    assert not found


def test_the_lexicon_feedback_is_in_us_spelling():
    assert not [g.id for g in lexicon().values() if british(g.feedback)]


FILES = sorted(
    [
        *(ROOT / "exercises").rglob("*.yaml"),
        *(ROOT / "exercises").rglob("*.md"),
        *(PACKAGE / "handouts" / "templates").glob("*"),
        *(PACKAGE / "classroom" / "templates").glob("*"),
        *(PACKAGE / "cli").glob("*.py"),
        PACKAGE / "learner" / "texts.py",
        PACKAGE / "learner" / "worksheets.py",
        PACKAGE / "classroom" / "summary.py",
    ]
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_worksheets_notebooks_templates_and_messages_are_in_us_spelling(path):
    text = path.read_text(encoding="utf-8")
    assert not british(text), british(text)


def test_the_check_catches_a_british_spelling():
    said = british("the programme centre of the organisation issues a licence")
    assert said == ["programme", "centre", "organisation", "licence"]
    assert british("the program center issues a license to the organization") == []
