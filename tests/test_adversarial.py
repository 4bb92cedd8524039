"""Answers built to fool the grader: another group as the head, the right group inside its
modifiers ("inspectors checking on the facility", "the newspaper covering the claimants").

For every exercise, every field it asks and each right group, every template below names
a group that is not the answer; none may earn any credit. A template whose head is itself
right in a field (IT staff, where IT is operational support) is not tried there. The
question "which trap?" names no group, so it is not tried either: its answers are names, and
each half of "Wrong Person, Wrong Problem" names that trap on its own.
"""

from __future__ import annotations

import pytest

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import AnswerKey, all_keys
from ams_exercises.grader.normalize import normal
from ams_exercises.grader.vocabulary import LIST_FIELDS, ROLE_FIELDS

#: (template, the head group it names): {r} is a right group of the field.
TEMPLATES = (
    ("inspectors checking on {r}", "inspectors"),
    ("the newspaper covering {r}", "the newspaper"),
    ("auditors reviewing {r}", "auditors"),
    ("vendors selling to {r}", "vendors"),
    ("lawyers representing {r}", "lawyers"),
    ("the mayor who wants {r} to do well", "the mayor"),
    ("board members who ask about {r} every month", "board members"),
    ("reporters writing about {r}", "reporters"),
    ("the legislature, which funds {r}", "the legislature"),
    ("consultants hired to study {r}", "consultants"),
    ("opponents of {r}", "opponents"),
    ("critics of {r}", "critics"),
    ("competitors of {r}", "competitors"),
    ("{r} opponents", "opponents"),
    ("company lawyers for {r}", "company lawyers"),
    ("the IT staff who support {r}", "the IT staff"),
    ("former {r}", "former"),
    ("ex-{r}", "ex"),
    ("non-{r}", "non"),
    ("anti-{r} groups", "groups"),
    ("would-be {r}", "would-be"),
    ("fake {r}", "fake"),
    ("the auditors, not {r}", "the auditors"),
    ("not {r} but the media", "the media"),
    ("{r}. Actually the legislature", "the legislature"),
    ("{r} (just kidding: the taxpayers)", "the taxpayers"),
    # the widget inside the qualifier of another group ({w}: the widget's name)
    ("board members who want {w} every month", "board members"),
    ("the mayor who wants {w} on time", "the mayor"),
    ("the newspaper that reports on {w}", "the newspaper"),
    ("the public that wants the local economy kept steady", "the public"),
)
KEYS = all_keys()


_ARTICLES = ("the ", "a ", "an ")


def _short(names: list[str]) -> str:
    """The shortest plain name of a group (no preposition or clause), without its article:
    the words a learner would put after "former" or before "opponents"."""
    plain = [n for n in names if not set(n.lower().split()) & {"of", "for", "to", "who", "by"}]
    name = min(plain or names, key=lambda n: (len(n.split()), len(n)))
    for article in _ARTICLES:
        if name.lower().startswith(article):
            return name[len(article) :]
    return name


def _answer(name: str, text: str) -> object:
    return [text] if name in LIST_FIELDS else text


def _credit(key: AnswerKey, name: str, text: str) -> float:
    return grade(key, {name: _answer(name, text)}).fields[name].score


@pytest.mark.parametrize("key", KEYS, ids=[k.id for k in KEYS])
def test_no_credit_through_a_modifier(key: AnswerKey):
    fooled = []
    for name in (n for n in key.asks if n in ROLE_FIELDS):
        known = {normal(p) for item in key.fields[name].expected for p in item.accept}
        for template, head in TEMPLATES:
            if _credit(key, name, head) > 0:
                continue  # the head is right here
            # a short name in every form; the key's own full name where it follows the head
            long = " {r}" in template and template.split("{r}")[0].count(" ") > 1
            for item in key.fields[name].expected:
                for right in {_short(item.accept), *([item.accept[0]] if long else [])}:
                    answer = template.format(r=right, w=key.widget.name)
                    if normal(answer) in known:
                        continue  # a name of the right group ("former employer")
                    if _credit(key, name, answer) > 0:
                        fooled.append(f"{name}: {answer!r}")
    assert not fooled, f"{len(fooled)} answers got credit:\n" + "\n".join(fooled[:40])


def test_there_are_twenty_templates_or_more():
    assert len(TEMPLATES) >= 20
