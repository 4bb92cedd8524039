"""Role maps on the page: every practice exercise's solution holds its scenario's role map
(an assessment item's page holds neither solution nor map before it is submitted),
an SVG with a title and a description that say in words what it draws; at 390 px wide its
smallest text is drawn at 12 px or more, and axe finds nothing once the solution is open."""

from __future__ import annotations

import pytest
from site_helpers import PHONE, axe_violations, soup_of

from ams_exercises.grader.keys import all_keys

pytestmark = [pytest.mark.browser, pytest.mark.book]


def _where(built_book, exercise_pages, *, assessment: bool = False) -> dict[str, str]:
    """Each practice exercise's id (or, with ``assessment``, each assessment item's) and
    the page that holds it."""
    out: dict[str, str] = {}
    for page in exercise_pages:
        for section in soup_of(built_book, page).select("section.ams-exercise"):
            if section.has_attr("data-assessment") == assessment:
                out.setdefault(section["data-exercise"], page)
    return out


def test_every_practice_exercise_has_a_role_map_in_its_solution(built_book, exercise_pages):
    where = _where(built_book, exercise_pages)
    items = _where(built_book, exercise_pages, assessment=True)
    assert set(where) | set(items) == {k.id for k in all_keys()}
    # An assessment item is answered once: no solution and no role map in its page.
    for exercise, page in items.items():
        section = soup_of(built_book, page).select_one(f"#ams-exercise-{exercise}")
        assert section.select_one(".ams-exercise-solution, .ams-role-map") is None, exercise
    for exercise, page in where.items():
        soup = soup_of(built_book, page)
        solution = soup.select_one(f"#ams-exercise-{exercise}-solution")
        svg = solution.select_one("svg.ams-role-map")
        assert svg is not None, exercise
        assert svg["role"] == "img"
        title = soup.find(id=svg["aria-labelledby"])
        desc = soup.find(id=svg["aria-describedby"])
        assert title.get_text().startswith("Role map"), exercise
        assert "Primary customer" in desc.get_text(), exercise


def test_role_map_text_is_12px_or_more_on_a_phone_and_axe_finds_nothing(
    open_page, axe, built_book, exercise_pages
):
    where = _where(built_book, exercise_pages)
    checked = 0
    for page_name in sorted(set(where.values())):
        page = open_page(page_name, viewport=PHONE)
        page.evaluate(
            """document.querySelectorAll('details.ams-exercise-solution').forEach(d => {
                 d.open = true;
               })"""
        )
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.ams-role-map')].map(svg => {
                 const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 const px = [...svg.querySelectorAll('text')].map(t =>
                   parseFloat(t.getAttribute('font-size')) * scale);
                 const right = svg.getBoundingClientRect().right;
                 return {id: svg.getAttribute('aria-labelledby'), smallest: Math.min(...px),
                         overflow: right > document.documentElement.clientWidth};
               })"""
        )
        assert sizes, page_name
        for shown in sizes:
            assert shown["smallest"] >= 12, (page_name, shown)
            assert not shown["overflow"], (page_name, shown)
        checked += len(sizes)
        assert axe_violations(axe, page) == [], page_name
    assert checked >= len(where)
