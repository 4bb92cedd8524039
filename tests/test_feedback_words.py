"""Feedback a learner can use: what was understood, about which entry, nothing given away.

Checked on every key: an answer the grader cannot place is told what it seems to name and
the question to ask next (never that it "is not one of the answers the key has"); a list
remark names the learner's entry in the learner's words; the same remark is not repeated;
feedback on one field never names the role of another field the exercise asks for; hints
stop at the last one and say so; the worksheet placeholder is no answer.
"""

from __future__ import annotations

import pytest

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import AnswerKey, all_keys, key_for
from ams_exercises.grader.result import role_phrase
from ams_exercises.grader.vocabulary import LIST_FIELDS

KEYS = all_keys()


def _answer(name: str, text: str) -> str | list[str]:
    return [text] if name in LIST_FIELDS else text


@pytest.mark.parametrize("key", KEYS, ids=[k.id for k in KEYS])
def test_an_answer_nobody_listed_gets_no_verdict_and_what_to_ask(key: AnswerKey):
    """The grader says it cannot tell, quoting the answer; what its words suggest is said
    as a possibility, never asserted; the learner is asked to rephrase or compare."""
    for name in key.asks:
        for answer, says in (
            ("a secretary", "If it means staff or an office"),
            ("a workflow", "If it means a process"),
            ("zorblatt quux", "Ask "),
        ):
            res = grade(key, {name: _answer(name, answer)}).fields[name]
            assert res.verdict == "unsure" and res.score == 0
            assert f"cannot tell which group or thing “{answer}” names" in res.feedback
            assert says in res.feedback, res.feedback
            assert "say it another way" in res.feedback.lower()
            assert "model answer" in res.feedback


def test_a_repeated_group_is_named_in_the_learners_words_not_the_keys():
    key = key_for("environmental-permit")
    res = grade(key, {"investors": ["public", "citizens"]}).fields["investors"]
    assert "“citizens” names a group already counted in “public”" in res.feedback
    assert "general public" not in res.feedback  # the key's canonical phrasing


def test_one_remark_per_mistake_naming_every_entry_it_is_about():
    key = key_for("environmental-permit")
    res = grade(key, {"investors": ["shareholders", "owners of the company", "taxpayers"]})
    feedback = res.fields["investors"].feedback
    remark = next(w for w in key.fields["investors"].wrong if "shareholders" in w.answers).feedback
    assert feedback.count(remark) == 1
    assert f"“shareholders”, “owners of the company”: {remark}" in feedback


@pytest.mark.parametrize("key", KEYS, ids=[k.id for k in KEYS])
def test_feedback_never_gives_away_the_role_of_another_asked_field(key: AnswerKey):
    for name in key.asks:
        known = {
            p.lower()
            for part in (key.fields[name].partial + key.fields[name].wrong)
            for p in part.answers
        }
        # The course's own explanation of a recurring group ("the public are investors") is
        # what the course teaches, in the same words in every exercise: not this key's answer.
        taught = tuple(w.feedback for w in key.fields[name].wrong if w.group)
        for other in key.asks:
            if other == name:
                continue
            for item in key.fields[other].expected:
                phrase = item.accept[0]
                if phrase.lower() in known:
                    continue  # the key's own feedback for it, written for this field
                right = key.fields[name].expected[0].accept[0]
                for answer in (phrase, f"{right} and {phrase}", f"{phrase} or {right}"):
                    res = grade(key, {name: _answer(name, answer)}).fields[name]
                    if res.recognized_as == other and not any(t in res.feedback for t in taught):
                        assert f"is {role_phrase(other)}" not in res.feedback, (name, res.feedback)


def test_hints_stop_at_the_last_and_say_so_and_a_right_field_gets_none():
    key = key_for("environmental-permit")
    hints = key.fields["primary_customer"].hints
    results = [
        grade(key, {"primary_customer": "the public"}, attempt=n).fields["primary_customer"]
        for n in range(len(hints) + 2)
    ]
    assert [r.hint for r in results[: len(hints) - 1]] == hints[:-1]
    last = f"{hints[-1]} (That was the last hint for this field.)"
    assert all(r.hint == last for r in results[len(hints) - 1 :])
    right = grade(key, {"primary_customer": "the facility"}, attempt=3).fields["primary_customer"]
    assert right.hint is None


@pytest.mark.parametrize("placeholder", ["TODO", "todo", "  ToDo  ", "\tTODO\n"])
def test_the_worksheet_placeholder_is_no_answer_in_any_case(placeholder: str):
    key = key_for("environmental-permit")
    res = grade(key, {"primary_customer": placeholder, "investors": [placeholder, " "]})
    assert res.fields["primary_customer"].verdict == "missing"
    assert res.fields["investors"].verdict == "missing"
    listed = grade(key, {"investors": ["taxpayers", placeholder, ""]}).fields["investors"]
    assert listed.verdict == "correct" and listed.answer == ["taxpayers"]
