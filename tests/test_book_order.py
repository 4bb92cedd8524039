"""Exercises come after what they ask for is taught: no exercise asks for a
strategic customer, a support function or a stakeholder before the roles chapter, and
the doctrine's places (the two-level rule) are linked from the pages that apply it."""

from __future__ import annotations

from ams_exercises import course_time
from ams_exercises.grader.keys import key_for, modules

ROLE_FIELDS = {"strategic_customers", "operational_support", "stakeholders"}
ROLES_PAGE = "book/primary-customer/roles"


def test_role_labelling_exercises_sit_after_the_roles_chapter():
    """Practice that asks for roles comes after they are taught; only the pre-check, which
    measures what a learner knows before any lesson, asks for them earlier."""
    pages = course_time.course_time().pages
    roles_at = [p.docname for p in pages].index(ROLES_PAGE)
    pre_check = next(m for m in modules().values() if m.assessment == "pre")
    assert pages[0].docname == pre_check.chapter  # the first page of the course
    early = [
        (page.docname, exercise)
        for page in pages[1:roles_at]
        for exercise in page.exercises
        if ROLE_FIELDS & set(key_for(exercise).asks)
    ]
    assert not early, f"exercises asking for roles before the roles chapter: {early}"


def test_the_procedure_pages_apply_the_two_level_rule():
    root = course_time.REPO_ROOT / "book"
    for page in ("primary-customer/apply.md", "primary-customer/tools.md", "glossary.md"):
        assert "two-level rule" in (root / page).read_text("utf-8"), page
