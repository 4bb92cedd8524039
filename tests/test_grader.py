"""The grading core judges free text the way a trainer would.

Uses the environmental-permit key from the AMS page and a small key written here, so each
rule (normalisation, fuzzy typos, containment, one-to-one lists, penalties) is pinned down.
"""

from __future__ import annotations

import pytest

from ams_exercises import check
from ams_exercises.authoring.bundle import compile_key
from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for
from ams_exercises.grader.normalize import normal

PERMIT = key_for("environmental-permit")


def primary(answer: str):
    return grade(PERMIT, {"primary_customer": answer}).fields["primary_customer"]


@pytest.mark.parametrize(
    "answer",
    [
        "Industrial facility",
        "the INDUSTRIAL FACILITY.",
        "“The industrial facilities”",
        "an industrial-facility",
        "industrial facilty",  # typo
        "indsutrial facility",  # transposition
        "The industrial plant that can't legally operate until its permit is approved",
        "I think it is the company applying for the permit",
        "not the public but the facility",
    ],
)
def test_right_answers_in_any_surface_form_are_correct(answer):
    res = primary(answer)
    assert res.verdict == "correct", res.feedback
    assert res.matched == ["the industrial facility applying for the permit"]
    assert res.score == res.max_score == 2


@pytest.mark.parametrize(
    ("answer", "role"),
    [
        ("the general public", "investors"),
        ("The Public!", "investors"),
        ("the public who live near the plant", "investors"),
        ("taxpayers", "investors"),
        # people who benefit without using the permit are the public: investors
        ("the plant's neighbours", "investors"),
        ("neighbors of the plant", "investors"),
    ],
)
def test_an_answer_that_names_another_role_is_recognised(answer, role):
    res = primary(answer)
    assert res.verdict == "incorrect"
    assert res.recognized_as == role
    assert res.score == 0
    assert res.hint  # a nudge towards the right answer


def test_the_public_as_primary_customer_explains_investors_without_naming_a_trap_yet():
    """Chapter 1 comes before the traps are taught: its checks name no trap."""
    res = primary("the general public")
    assert "investor" in res.feedback
    assert res.recognized_as == "investors"
    assert res.trap is None and "Trap:" not in res.feedback


@pytest.mark.parametrize(
    "answer", ["the company's customers", "the president", "the statement", "republic"]
)
def test_an_answer_that_shares_words_but_names_something_else_is_not_accepted(answer):
    res = primary(answer)
    assert res.verdict == "unsure" and res.score == 0  # no credit, and no verdict
    assert res.recognized_as is None and res.outcome == "unrecognized"


def test_a_word_with_another_ending_is_not_a_typo_but_a_dropped_letter_is():
    nurse = check("nursing-license", primary_customer="licensed nurses").fields["primary_customer"]
    assert nurse.recognized_as != "widget"
    assert primary("facilit").verdict == "correct"  # a dropped last letter is still a typo
    assert primary("the facilityed").recognized_as is None


@pytest.mark.parametrize(
    ("exercise", "answer", "verdict", "role"),
    [
        # the first noun only describes the people named after it
        ("restaurant-inspection", "restaurant patrons", "incorrect", "investors"),
        ("restaurant-inspection", "restaurant employees", "incorrect", None),
        ("public-records-request", "public records requestors", "correct", None),
        ("environmental-permit", "the permit applicant", "correct", None),
        # ...but a compound the key knows, or one inside "served by ...", still counts
        ("restaurant-inspection", "restaurant owners", "correct", None),
        ("federal-it-modernization", "people served by the grantee offices", "correct", None),
        # "claims" is not a typo of "claimants": another word ending, word by word
        ("it-case-management", "disability claims staff", "incorrect", "strategic_customers"),
    ],
)
def test_a_compound_names_its_last_noun(exercise, answer, verdict, role):
    res = check(exercise, primary_customer=answer).fields["primary_customer"]
    assert (res.verdict, res.recognized_as) == (verdict, role), res.feedback


def test_a_vague_head_gives_way_to_the_specific_right_answer_after_it():
    res = check(
        "intergenerational-poverty", primary_customer="kids who are close to graduating high school"
    ).fields["primary_customer"]
    assert res.verdict == "correct"
    # ...but not to a right word inside the vague phrase itself
    widget = grade(PERMIT, {"widget": "the permit application"}).fields["widget"]
    assert widget.verdict == "partial"


def test_missing_and_partial_single_answers():
    assert primary("").verdict == "missing"
    widget = grade(PERMIT, {"widget": "the permit application"}).fields["widget"]
    assert widget.verdict == "partial" and widget.score == 0.5


def test_normalisation_ignores_case_articles_plurals_quotes_accents_and_spelling():
    assert normal("The Neighbours’ licences") == normal("neighbor license")
    assert normal("Businesses & facilities") == "business and facility"
    assert normal("Café") == "cafe"


TINY = compile_key(
    {
        "format_version": 2,
        "id": "tiny",
        "title": "Tiny",
        "module": "practice",
        "source": "original",
        "scenario": "A made-up scenario for testing list fields.",
        "asks": ["stakeholders"],
        "widget": {"name": "family services"},
        "actors": [
            {"id": "families", "name": "families", "relations": ["uses"], "does": ["get help"]},
            {"group": "legislature", "names": ["lawmakers"]},
            {"group": "auditors"},
            {
                "id": "advocacy-groups",
                "name": "advocacy coalition",
                "names": ["the coalition"],
                "relations": ["influences"],
                "partial": [{"answers": ["oversight"], "feedback": "Which oversight body?"}],
                "does": ["speak for families"],
            },
            {"group": "front-line-staff", "trap": "pressure-and-proximate"},
        ],
        "fields": {"stakeholders": {"points": 2, "min_items": 2}},
        "hints": ["Who watches over the system?"],
        "rationale": "Because.",
    }
)


def stakeholders(*answers: str):
    return grade(TINY, {"stakeholders": list(answers)}).fields["stakeholders"]


def test_a_list_needs_min_items_right_entries():
    assert stakeholders("the legislature", "state auditors").verdict == "correct"
    assert [e.expected[0].accept[0] for e in [TINY.fields["stakeholders"]]] == ["the legislature"]
    res = stakeholders("the legislature")
    assert (res.verdict, res.score) == ("partial", 1.0)


def test_list_entries_are_matched_one_to_one():
    res = stakeholders("legislature", "lawmakers")
    assert res.verdict == "partial"
    assert [i.outcome for i in res.items] == ["matched", "duplicate"]


def test_a_wrong_extra_entry_costs_credit_and_says_what_it_is():
    res = stakeholders("legislature", "auditor general", "caseworkers")
    assert res.verdict == "partial" and res.score == pytest.approx(1.5)
    assert res.recognized_as == "strategic_customers"
    # a trap is what naming a group as the primary customer shows: none in this field
    assert res.items[2].outcome == "wrong" and res.items[2].trap is None


def test_an_entry_that_is_another_fields_answer_is_recognised_as_that_role():
    res = stakeholders("families")
    assert res.verdict == "incorrect"
    assert res.items[0].recognized_as == "primary_customer"


def test_unrecognised_and_partial_entries():
    """An entry the grader cannot place neither counts nor costs: the field gets no verdict
    until the trainer decides, and scores what the placed entries earn."""
    res = stakeholders("legislature", "the weather")
    assert res.items[1].outcome == "unrecognized" and res.verdict == "unsure"
    assert res.score == stakeholders("legislature").score
    res = stakeholders("legislature", "oversight")
    assert res.items[1].outcome == "partial" and res.score == pytest.approx(1.5)


def test_a_partly_right_list_says_it_is_close_and_a_wrong_one_that_none_is_right():
    res = stakeholders("oversight")
    assert (res.verdict, res.score) == ("partial", 0.5)
    assert res.feedback.startswith("Close, but none of these is fully right yet. ")
    res = stakeholders("families")
    assert res.verdict == "incorrect"
    assert res.feedback.startswith("None of these is right yet. ")


def test_an_empty_list_is_missing_and_a_single_string_is_one_entry():
    assert stakeholders().verdict == "missing"
    assert grade(TINY, {"stakeholders": "legislature"}).fields["stakeholders"].score == 1.0


def test_the_result_carries_score_and_reasons_together():
    result = check(
        "environmental-permit",
        widget="permit review",
        primary_customer="industrial facility",
        investors=["taxpayers"],
    )
    data = result.to_dict()
    assert data["score"] == 3 and data["max_score"] == 4 and data["passed"] is False
    widget = data["fields"]["widget"]
    assert widget["verdict"] == "incorrect" and widget["recognized_as"] == "activity"
    assert widget["hint"] and widget["feedback"]
    assert data["fields"]["primary_customer"]["matched"] == [
        "the industrial facility applying for the permit"
    ]


def test_the_result_reads_as_text_and_as_escaped_html():
    result = check("environmental-permit", primary_customer="<script>alert(1)</script>")
    assert "Primary customer" in str(result) and "Score: 0 / 4" in str(result)
    html = result._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_hints_progress_with_the_attempt_number():
    first = grade(PERMIT, {"primary_customer": "x"}, attempt=0).fields["primary_customer"].hint
    second = grade(PERMIT, {"primary_customer": "x"}, attempt=1).fields["primary_customer"].hint
    later = grade(PERMIT, {"primary_customer": "x"}, attempt=9).fields["primary_customer"].hint
    assert first != second and later == second


def test_letters_that_look_latin_are_read_as_latin_every_one_of_them():
    """One decision for every look-alike: Python reads it as the Latin letter (the page
    does the same, proven by the shared vectors); other non-Latin letters are dropped."""
    from ams_exercises.grader.language import language

    for lookalike, latin in language().homoglyphs.items():
        assert normal(f"x{lookalike}y") == normal(f"x{latin}y"), lookalike
    assert normal("the gеnеrаl рublіc") == normal("the general public")  # Cyrillic е а р і
    assert normal("ΡΟLICΥ team") == normal("POLICY team")  # Greek capitals
    assert normal("дым public") == "public"  # not look-alikes: dropped, never matched
    result = check("environmental-permit", primary_customer="the gеnеral рublic")
    assert result.fields["primary_customer"].recognized_as == "investors"
