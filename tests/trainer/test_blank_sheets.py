"""A worksheet or notebook cell the learner never filled in is not an attempt."""

from __future__ import annotations

from ams_exercises.classroom.submissions import read_submission


def test_untouched_sheets_are_not_counted_but_answered_ones_are(tmp_path):
    blank = tmp_path / "blank.yaml"
    blank.write_text(
        "exercise: environmental-permit\nwidget: TODO\nprimary_customer: TODO\ninvestors: [TODO]\n",
        encoding="utf-8",
    )
    answered = tmp_path / "answered.yaml"
    answered.write_text(
        "- exercise: traffic-congestion\n  primary_customer: daily commuters\n"
        "- exercise: nursing-license\n  widget: TODO\n",
        encoding="utf-8",
    )
    sub = read_submission("ana", [blank, answered])
    assert list(sub.sheets) == ["traffic-congestion"]
    assert not sub.problems
