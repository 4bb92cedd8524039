"""How the class did: the pure aggregation over graded results, on a class small enough to
count by hand."""

from __future__ import annotations

from ams_exercises.classroom.model import Graded
from ams_exercises.classroom.submissions import Problem
from ams_exercises.classroom.summary import TOP_WRONG, band_of, summarize
from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import key_for

PERMIT = key_for("environmental-permit")
RIGHT = {
    "widget": "the written permit",
    "primary_customer": "the facility",
    "investors": ["taxpayers"],
}


def graded(learner: str, **answers) -> Graded:
    return Graded(learner, grade(PERMIT, {**RIGHT, **answers}), f"{learner}.yaml")


def test_confusion_counts_each_answer_by_field_asked_and_role_given():
    s = summarize(
        [
            graded("ana"),
            graded("ben", primary_customer="the general public"),  # an investor
            graded(
                "cy", primary_customer="the public", widget="reviewing applications"
            ),  # investor, activity
            graded("di", investors=["taxpayers", "shareholders"]),  # a wrong extra entry, no role
        ],
        ["ana", "ben", "cy", "di"],
        [],
        [PERMIT],
    )
    assert s.confusion["primary_customer"] == {"primary_customer": 2, "investors": 2}
    assert s.confusion["widget"] == {"widget": 3, "activity": 1}
    assert s.confusion["investors"] == {"investors": 4, "not recognized": 1}
    assert "investors" in s.confusion_columns and "outcome" not in s.confusion_columns


def test_common_wrong_answers_group_phrasings_of_the_same_mistake():
    """In an exercise after the traps chapter (chapter 1's name none)."""
    case = key_for("it-case-management")

    def answered(learner: str, primary: str) -> Graded:
        return Graded(learner, grade(case, {"primary_customer": primary}), f"{learner}.yaml")

    s = summarize(
        [
            answered("ana", "the business"),
            answered("ben", "The Business"),
            answered("cy", "my boss"),
            answered("di", "my cat"),
        ],
        ["ana", "ben", "cy", "di", "ed"],  # ed's only file could not be read
        [Problem("ed", "ed.ipynb", "is not a valid notebook")],
        [case],
    )
    top = s.common_wrong[0]
    assert (top.field, top.learners, top.recognized_as, top.trap) == (
        "primary_customer",
        2,
        "strategic_customers",
        "wrong-person-wrong-problem",
    )
    assert set(top.examples) == {"the business", "The Business"}
    assert "Trap:" not in top.feedback  # the trap has its own column
    # an answer the grader cannot place is not a wrong answer: the trainer decides it
    assert not any("my cat" in w.examples for w in s.common_wrong)
    assert [(u.learner, u.answer) for u in s.unplaced] == [("di", "my cat")]
    assert s.traps == {"wrong-person-wrong-problem": (2, 2), "pressure-and-proximate": (1, 1)}
    # ed's unreadable file is no evidence either way: the share is of learners graded
    assert any(
        line.startswith("Wrong Person, Wrong Problem: 2 of 4 learners (50%)") for line in s.revisit
    )


def test_gradebook_totals_bands_and_revisit():
    s = summarize(
        [graded("ana"), graded("ben", primary_customer="the general public", widget="clean air")],
        ["ana", "ben", "cy"],  # cy's only file could not be read
        [Problem("cy", "cy.ipynb", "is not a valid notebook")],
        [PERMIT],
    )
    assert s.learners == ["ana", "ben", "cy"]
    assert s.total("ana") == PERMIT.max_score
    assert s.total("ben") == 1  # investors only
    assert s.total("cy") == 0 and s.scores["cy"] == {} and s.problem_count("cy") == 1
    (ex,) = s.exercises
    assert ex.answered == 2 and ex.bands["full marks"] == 1 and ex.bands["under half"] == 1
    assert ex.mean_fraction == (PERMIT.max_score + 1) / (2 * PERMIT.max_score)
    assert any("Who uses an environmental permit?" in line for line in s.revisit)
    # chapter 1 comes before the traps: its answers name none, so no trap line
    assert not any(line.startswith("Wrong Person, Wrong Problem") for line in s.revisit)


def test_bands():
    assert [band_of(x, 4) for x in (4, 2, 1.5, 0.5, 0)] == [
        "full marks",
        "half or more",
        "under half",
        "under half",
        "nothing",
    ]


def test_a_class_that_did_well_gets_a_plain_message():
    s = summarize([graded("ana"), graded("ben")], ["ana", "ben"], [], [PERMIT])
    assert s.common_wrong == [] and s.traps == {}
    assert s.revisit == [
        "No pattern of mistakes stands out: the class did well on every exercise it answered."
    ]


def test_revisit_ranks_exercises_by_the_points_the_class_lost():
    few = key_for("child-welfare-hiring")
    # one learner, nothing right
    weak_few = [Graded("ana", grade(few, {"primary_customer": "the general public"}), "a.yaml")]
    many = [graded(n, primary_customer="the general public") for n in ("ben", "cy", "di", "ed")]
    s = summarize(weak_few + many, ["ana", "ben", "cy", "di", "ed"], [], [PERMIT, few])
    order = [line.split("(")[1].split(")")[0] for line in s.revisit if line.startswith("“")]
    assert order[:2] == [PERMIT.id, few.id]


def test_the_most_common_slip_is_the_field_most_learners_missed_not_a_one_off_answer():
    # three learners miss the widget, each with a junk answer of their own; one learner
    # gives a wrong primary customer. The slip is the widget, and no single junk answer.
    s = summarize(
        [
            graded("ana", widget="qwerty"),
            graded("ben", widget="zzz"),
            graded("cy", widget="asdf", primary_customer="the general public"),
            graded("di"),
        ],
        ["ana", "ben", "cy", "di"],
        [],
        [PERMIT],
    )
    (line,) = [line for line in s.revisit if line.startswith("“")]
    assert "Most missed: widget, by 3 of 4 learners." in line
    assert "qwerty" not in line and "zzz" not in line and "asdf" not in line
    # with several learners giving the same wrong answer there, it is named
    s = summarize(
        [
            graded(n, widget="reviewing applications", primary_customer=f"junk {n}")
            for n in ("ana", "ben")
        ]
        + [graded("cy")],
        ["ana", "ben", "cy"],
        [],
        [PERMIT],
    )
    (line,) = [line for line in s.revisit if line.startswith("“")]
    assert (
        "Most missed: widget, by 2 of 3 learners; 2 of them wrote “reviewing applications”" in line
    )


def test_common_wrong_answers_rank_by_learners_one_offs_last_and_count_them_all():
    # groups the key knows, each wrong for the primary customer with a remark of its own
    wrong = [w for w in PERMIT.fields["primary_customer"].wrong if "EPA" not in w.answers]
    answers = [w.answers[0] for w in wrong[: TOP_WRONG + 5]]
    assert len(set(answers)) == TOP_WRONG + 5
    results = [graded(f"l{n}", primary_customer=text) for n, text in enumerate(answers)]
    results += [graded(f"m{n}", primary_customer="EPA") for n in range(3)]
    s = summarize(results, [g.learner for g in results], [], [PERMIT])
    assert s.wrong_total == len(answers) + 1
    assert len(s.common_wrong) == TOP_WRONG
    assert s.common_wrong[0].examples == ("EPA",) and s.common_wrong[0].learners == 3
    assert [w.learners for w in s.common_wrong[1:]] == [1] * (TOP_WRONG - 1)


def test_a_learner_with_nothing_readable_has_no_score_and_no_maximum():
    s = summarize(
        [graded("ana")],
        ["ana", "cy"],
        [Problem("cy", "cy.ipynb", "is not a valid notebook")],
        [PERMIT],
        course_max=125,
    )
    assert s.no_readable_work == ["cy"] and s.learners_with_problems == ["cy"]
    assert s.attempted_max("ana") == PERMIT.max_score and s.attempted_max("cy") == 0
    assert s.course_max == 125
    assert [(i.field, i.learners) for i in s.items] == [(f, 1) for f in PERMIT.asks]
