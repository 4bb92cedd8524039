"""What a learner sheet says under a list field agrees with how the grader scores it.

The sheet says "at least N entries; each wrong entry takes off half an entry's points". The
grader (``grading._grade_list``) must then give full points for N right entries and no
fewer, nothing more for right extras, and take that share off for a wrong extra entry.
"""

from __future__ import annotations

import html
import re

import pytest

from ams_exercises.grader.grading import WRONG_ITEM_PENALTY, grade
from ams_exercises.grader.keys import all_keys, modules
from ams_exercises.grader.vocabulary import FIELD_LABELS, LIST_FIELDS
from ams_exercises.handouts.editions import LEARNER_EDITIONS
from ams_exercises.handouts.from_keys import exercise_view
from ams_exercises.handouts.plan import plan_handouts

NUMBERS = {w: n for n, w in enumerate(["no", "one", "two", "three", "four", "five", "six"])}
SHARES = {"half": 0.5, "a quarter of": 0.25, "all of": 1.0}
SAID = re.compile(
    r"^at least (\w+) entr(?:y|ies); each wrong entry takes off (half|a quarter of|all of) "
    r"an entry's points$"
)


def _said(key, name) -> tuple[int, float]:
    """(entries asked for, share a wrong entry costs) as the learner sheet words them."""
    view = exercise_view(key, "1.1", "learner")
    field = next(f for f in view.fields if f.name == name)
    found = SAID.match(field.instruction)
    assert found, (key.id, name, field.instruction)
    return NUMBERS[found.group(1)], SHARES[found.group(2)]


def _list_fields():
    return [(k, n) for k in all_keys() for n in k.asks if n in LIST_FIELDS]


def _wrong_entry(key, name) -> str | None:
    """An entry the grader calls wrong in this field (a tempting wrong answer of the key)."""
    for wrong in key.fields[name].wrong:
        for answer in wrong.answers:
            item = grade(key, {name: [answer]}).fields[name].items[0]
            if item.outcome == "wrong":
                return answer
    return None


@pytest.mark.parametrize(("key", "name"), _list_fields(), ids=lambda x: getattr(x, "id", x))
def test_the_sheet_says_how_many_entries_and_what_a_wrong_one_costs(key, name):
    needed, share = _said(key, name)
    assert share == WRONG_ITEM_PENALTY
    fk = key.fields[name]
    right = [item.accept[0] for item in fk.expected]
    points = fk.points

    def score(entries):
        return grade(key, {name: entries}).fields[name].score

    assert score(right[:needed]) == points, "N right entries earn full credit"
    if needed > 1:
        assert score(right[: needed - 1]) < points, "fewer than N do not"
    assert score(right) == points, "right extras neither add nor cost"
    wrong = _wrong_entry(key, name)
    if wrong is not None:
        expected = round(points * max(0.0, needed - share) / needed, 2)
        assert score([*right[:needed], wrong]) == pytest.approx(expected)


def test_most_list_fields_have_a_wrong_entry_to_check_the_cost_with():
    fields = _list_fields()
    checked = [1 for k, n in fields if _wrong_entry(k, n) is not None]
    assert len(checked) >= len(fields) // 2


@pytest.mark.parametrize("edition", LEARNER_EDITIONS)
def test_the_printed_sheet_carries_each_fields_instruction(edition):
    """Every learner edition's HTML (what WeasyPrint sets) says it beside each label, and no
    sheet says "as many as apply"; the fillable edition also names it in the first entry
    box of each list, which is what a screen reader announces (the PDF's /TU, checked in
    test_handouts_pdfua.py)."""
    pytest.importorskip("weasyprint")
    from ams_exercises.handouts.render import HandoutRenderer

    keys = all_keys()
    (course,) = [
        h for h in plan_handouts(keys, list(modules().values()), editions=(edition,)) if h.is_course
    ]
    text = html.unescape(HandoutRenderer().html(course))
    assert "as many as apply" not in text
    for key in keys:
        sheet = text[text.index(f'id="ex-{key.id}"') :]
        sheet = sheet[: sheet.index("</article>")]
        for name in key.asks:
            view = next(f for f in exercise_view(key, "1.1", "learner").fields if f.name == name)
            assert f'{FIELD_LABELS[name]} <span class="field-kind">{view.instruction}' in sheet
            if edition == "fillable" and view.is_list:
                first = re.search(rf'name="{key.id}:{name}:1" title="([^"]*)"', sheet)
                assert first and first[1].endswith(f"({view.instruction})"), (key.id, name)
            elif edition == "fillable":
                assert f'name="{key.id}:{name}"' in sheet, (key.id, name)
