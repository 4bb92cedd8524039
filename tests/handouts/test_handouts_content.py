"""What each edition prints, from the real answer keys, without rendering:
long phrasing lists cut to their ideas with an honest count, ruled lines shared by need,
and the fingerprint that decides when the site's handouts are built again."""

from __future__ import annotations

import shutil

from ams_exercises.grader.keys import all_keys, key_for, modules
from ams_exercises.grader.normalize import words
from ams_exercises.handouts import site
from ams_exercises.handouts.from_keys import module_views
from ams_exercises.handouts.lines import fill_lines, needed_lines, share_lines
from ams_exercises.handouts.plan import plan_handouts
from ams_exercises.handouts.views import form_descriptions
from ams_exercises.handouts.wording import PRINT_WHOLE, SHOWN_EXAMPLES, shorten


def test_a_long_list_is_cut_to_distinct_ideas_and_counts_the_rest():
    key = next(k for k in all_keys() if len(k.fields["primary_customer"].expected[0].accept) > 20)
    accept = key.fields["primary_customer"].expected[0].accept
    printed = shorten(accept[1:], besides=accept[:1])
    shown = printed.shown
    assert 0 < len(shown) <= SHOWN_EXAMPLES
    assert len(shown) + printed.more == len(accept) - 1
    assert printed.more > 0
    assert set(shown) <= set(accept[1:])
    # no two examples read the same once case, articles, plurals and spelling are set aside,
    # and none repeats the answer itself
    normal = [words(p) for p in shown]
    assert len(set(normal)) == len(normal)
    assert words(accept[0]) not in normal
    # each idea is a different head word: "contractor", "applicant", ...
    assert len(printed.ideas) >= 2


def test_a_short_list_is_printed_whole():
    printed = shorten(["permit", "approval", "license"])
    assert printed.shown == ("permit", "approval", "license") and printed.more == 0
    assert len(shorten([f"thing {i}" for i in range(PRINT_WHOLE)]).shown) == PRINT_WHOLE
    assert not shorten([])


def test_every_trainer_list_adds_up():
    for key in all_keys():
        for name in key.asks:
            for item in key.fields[name].expected:
                printed = shorten(item.accept[1:], besides=item.accept[:1])
                assert len(printed.shown) + printed.more == len(item.accept) - 1, key.id


def test_lines_go_first_to_what_a_field_needs_then_in_proportion():
    key = next(k for k in all_keys() if "investors" in k.asks and "widget" in k.asks)
    assert needed_lines(key, "widget") == 2
    assert needed_lines(key, "investors") >= 3
    # two single answers and a list of four: the list gets the most, a single stops at 5
    assert share_lines([2, 2, 5], [False, False, True], 0) == [2, 2, 5]
    grown = share_lines([2, 2, 5], [False, False, True], 9)
    assert sum(grown) == 18 and grown[2] > grown[0] and max(grown[:2]) <= 5
    assert share_lines([2, 2], [False, False], 20) != [2, 2]  # room is used even so
    # large print: no field past twice its need, the rest of the page left blank
    assert share_lines([2, 3], [False, True], 20, most=2) == [4, 6]


def _course(edition: str):
    (course,) = [
        h
        for h in plan_handouts(all_keys(), list(modules().values()), editions=(edition,))
        if h.is_course
    ]
    return course


def test_spare_lines_go_to_the_fields_on_the_exercises_last_page():
    course = _course("large-print")
    exercise = next(e for m in course.modules for e in m.exercises if len(e.fields) >= 3)
    first, *rest = exercise.fields
    grown = fill_lines(course, {exercise.id: 6}, {exercise.id: {f.name for f in rest}})
    after = next(e for m in grown.modules for e in m.exercises if e.id == exercise.id)
    assert after.fields[0].lines == first.lines  # on the page before: left alone
    assert sum(f.lines for f in after.fields[1:]) == sum(f.lines for f in rest) + 6


def test_each_fillable_box_is_named_for_its_exercise_field_and_entry():
    course = _course("fillable")
    names = form_descriptions(course)
    assert names.pop("name") == "Your name" and names.pop("date") == "Date"
    for module in course.modules:
        for e in module.exercises:
            for f in e.fields:
                mine = {n: d for n, d in names.items() if n.split(":")[:2] == [e.id, f.name]}
                assert len(mine) == (f.lines if f.is_list else 1), (e.id, f.name)
                for name, said in mine.items():
                    assert "." not in name  # a period would split a PDF field's name
                    assert said.startswith(f"{e.number} {e.title}: "), said
    assert len({*names.values()}) == len(names)  # no two boxes announced alike


def test_the_learner_view_holds_no_answer_slot():
    views = module_views(all_keys(), list(modules().values()), "learner")
    for module in views:
        for exercise in module.exercises:
            for f in exercise.fields:
                assert f.items == () and f.wrong == () and f.partial == ()
                assert f.lines == needed_lines(key_for(exercise.id), f.name)


def test_the_fingerprint_follows_keys_and_templates(tmp_path, monkeypatch):
    copy = tmp_path / "ams_exercises"
    shutil.copytree(site.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    moved = tuple((copy / f.relative_to(site.PACKAGE), p) for f, p in site.SOURCES)
    monkeypatch.setattr(site, "PACKAGE", copy)
    monkeypatch.setattr(site, "SOURCES", moved)
    before = site.fingerprint()
    assert site.fingerprint() == before  # same sources, same PDFs: nothing to build
    template = copy / "handouts" / "templates" / "exercise.html.j2"
    template.write_text(template.read_text() + "\n")
    after_template = site.fingerprint()
    key = next((copy / "compiled" / "keys").glob("*.json"))  # a key compiled anew
    key.write_text(key.read_text() + "\n")
    after_key = site.fingerprint()
    drawing = copy / "role_map.py"
    drawing.write_text(drawing.read_text() + "\n")
    assert len({before, after_template, after_key, site.fingerprint()}) == 4
