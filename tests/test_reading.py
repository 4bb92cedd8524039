"""The grader reads an answer as a trainer does: the issue's own examples, one by one.

Each is judged by the grader as a learner would meet it (verdict and role), on the
exercise it came from; the families they stand for are measured in ``test_own_words.py``.
"""

from __future__ import annotations

import pytest

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for

CASES = [
    # relative clauses and participles name the person by what they do
    ("contractor-license", "primary_customer", "people who want a contractor license", "correct"),
    (
        "vital-records-certificate",
        "primary_customer",
        "the person ordering the certificate",
        "correct",
    ),
    ("public-records-request", "primary_customer", "people who file requests", "correct"),
    ("public-records-request", "primary_customer", "people who request records", "correct"),
    ("medicaid-renewal", "primary_customer", "anyone covered by Medicaid", "correct"),
    ("tax-refund", "primary_customer", "taxpayers who are owed a refund", "correct"),
    ("traffic-congestion", "primary_customer", "residents commuting to their jobs", "correct"),
    # a reason is not a group; members listed name the group
    (
        "environmental-permit",
        "primary_customer",
        "the facility, because it can't operate without the permit",
        "correct",
    ),
    (
        "public-records-request",
        "primary_customer",
        "requesters (residents, reporters, businesses)",
        "correct",
    ),
    # hedges, whatever the order; negation
    ("environmental-permit", "primary_customer", "the facility, but really the public", "partial"),
    ("environmental-permit", "primary_customer", "industry and taxpayers", "partial"),
    ("environmental-permit", "primary_customer", "taxpayers and industry", "partial"),
    ("environmental-permit", "primary_customer", "the facility or the public", "partial"),
    # a correction takes back what it corrects: the answer is the public
    (
        "environmental-permit",
        "primary_customer",
        "the facility (just kidding: the general public)",
        "incorrect",
    ),
    (
        "court-scheduling",
        "primary_customer",
        "everyone in the courthouse including litigants",
        "partial",
    ),
    (
        "environmental-permit",
        "primary_customer",
        "not the public but the permit applicant",
        "correct",
    ),
    ("environmental-permit", "primary_customer", "anyone but the facility", "incorrect"),
    # what a trainer would not accept
    ("restaurant-inspection", "primary_customer", "my manager", "incorrect"),
    # a group the scenario does not know: no credit, and no verdict (the trainer decides)
    ("environmental-permit", "primary_customer", "the people who work at the plant", "unsure"),
    ("restaurant-inspection", "widget", "an inspection", "incorrect"),
    # typos on short words; endings that make another word
    ("contractor-license", "widget", "licnese", "correct"),
    ("contractor-license", "widget", "lisence", "correct"),
    ("contractor-license", "primary_customer", "contract", "unsure"),
    ("contractor-license", "widget", "licensed", "incorrect"),
    # a quality added to the widget is still the widget
    ("tax-refund", "widget", "the refund, paid right and on time", "correct"),
    ("unemployment-first-payment", "widget", "the first payment, correct and on time", "correct"),
]


@pytest.mark.parametrize(("exercise", "field", "answer", "verdict"), CASES)
def test_the_issues_examples_get_a_trainers_verdict(exercise, field, answer, verdict):
    res = grade(key_for(exercise), {field: answer}).fields[field]
    assert res.verdict == verdict, res.feedback


def test_an_inspection_is_recognized_as_the_activity():
    res = grade(key_for("restaurant-inspection"), {"widget": "inspections"}).fields["widget"]
    assert res.recognized_as == "activity"


def test_the_person_who_wants_the_license_is_not_told_they_named_the_widget():
    res = grade(key_for("contractor-license"), {"primary_customer": "people who want a license"})
    assert "widget" not in (res.fields["primary_customer"].recognized_as or "")
