"""The training office's paperwork: its figures come from the plans and
the course's computed time, and each document prints what an office files."""

from __future__ import annotations

import html

import pytest

from ams_exercises import course_time
from ams_exercises.authoring.workshop import workshop
from ams_exercises.handouts import materials
from ams_exercises.handouts.editions import DOCUMENTS, GROUPS, PAPERS
from ams_exercises.handouts.plan import document_handout
from ams_exercises.handouts.site import site_handouts


def _html(scope: str) -> str:
    pytest.importorskip("weasyprint")
    from ams_exercises.handouts.render import HandoutRenderer, course_time_label

    handout = document_handout(
        scope, "letter", workshop=workshop(), course_time=course_time_label()
    )
    return " ".join(html.unescape(HandoutRenderer().html(handout)).split())


def test_certificate_hours_are_the_plans_minutes_and_the_course_time():
    plan = workshop()
    minutes = course_time.course_time().minutes
    certs = materials.certificates(plan, minutes)
    assert [c.hours for c in certs] == [
        plan.minutes / 60,
        plan.short.minutes / 60,
        round(minutes / 15) / 4,
    ]
    assert (certs[0].hours, certs[1].hours) == (2.5, 1.5)
    assert abs(certs[2].hours * 60 - minutes) <= 7.5
    printed = _html("certificates")
    for cert in certs:
        assert cert.title in printed
        assert materials.hours_label(cert.hours) in printed
    assert printed.count("Name</span>") == len(certs)
    assert "Trainer: name and signature" in printed and "Date" in printed


def test_the_catalog_gives_audience_objectives_duration_format_and_prerequisites():
    plan = workshop()
    printed = _html("catalog-description")
    for heading in ("Audience", "Objectives", "Duration and format", "Prerequisites"):
        assert f">{heading}</h3>" in printed
    minutes = course_time.course_time().minutes
    for total in (plan.minutes, plan.short.minutes, minutes):
        assert f">{materials.contact_hours(total):g}</td>" in printed
    welcome = materials.WELCOME_PAGE.read_text("utf-8").split("## What you will be able to do")[1]
    objectives = [ln for ln in welcome.split("\n## ")[0].splitlines() if ln[:1].isdigit()]
    assert len(materials.catalog(plan, "", minutes).objectives) == len(objectives) == 5


def test_the_sign_in_sheet_and_the_forms():
    sign_in = _html("sign-in-sheet")
    for column in ("Name", "Agency", "Email", "Signature"):
        assert f'<th scope="col">{column}</th>' in sign_in
    for label in ("Date:", "Trainer:"):
        assert label in sign_in
    plan = workshop()
    assert plan.title in sign_in and plan.short.title in sign_in
    evaluation = _html("evaluation-form")
    assert all(q in evaluation for q in materials.REACTION)
    assert len(materials.INTENDED_USE) == 2
    assert all(q in evaluation for q in materials.INTENDED_USE)
    follow_up = _html("follow-up")
    assert "30 days" in follow_up
    assert all(q in follow_up for q, _ in materials.FOLLOW_UP_CHOICES)


def test_the_site_offers_every_document_on_each_paper_in_its_group():
    names = {h.filename: h for h in site_handouts(trainer=True)}
    for scope, document in DOCUMENTS.items():
        assert document.group in GROUPS
        for paper in PAPERS:
            assert f"{scope}-{document.size(paper)[1]}.pdf" in names
    assert {"role-map-poster-tabloid.pdf", "role-map-poster-a3.pdf"} <= set(names)
    assert names["role-map-poster-tabloid.pdf"].page_size == "11in 17in"
    # the edition without solutions: the learners' materials, no trainer's or office's file
    hidden = {h.scope for h in site_handouts(trainer=False) if h.is_document}
    assert hidden == {s for s, d in DOCUMENTS.items() if d.group == "learners"}
