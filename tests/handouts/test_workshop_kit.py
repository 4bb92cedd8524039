"""The workshop kit (issue 28) is cut from the workshop plan: every card names a block of the
plan with its start and minutes, every group task has its card, the sort cards carry no
answer, and the job aid holds the four roles and the four traps. An edit to the plan that
leaves a card stale fails here."""

from __future__ import annotations

import html
import re

import pytest

from ams_exercises.authoring.workshop import workshop
from ams_exercises.grader.vocabulary import TRAPS
from ams_exercises.handouts.content import (
    PAPERS,
    job_aid_traps,
    kit_handout,
    scenario_cards,
)
from ams_exercises.handouts.site import site_handouts


def test_every_group_task_has_a_card_and_every_card_belongs_to_a_block():
    plan = workshop()
    timings = {block.title: (start, block) for start, block in plan.timings()}
    cards = scenario_cards(plan)
    for card in cards:
        start, block = timings[card.block]
        assert (card.start, card.minutes) == (start, block.minutes), card.block
        assert card.task == " ".join(block.group_task.split())
    tasks = [b.title for b in plan.blocks if b.group_task]
    assert sorted({c.block for c in cards}) == sorted(tasks)
    for block in plan.blocks:
        assert len([c for c in cards if c.block == block.title]) == (
            max(1, len(block.cards)) if block.group_task else 0
        )


def test_the_role_map_task_has_a_scenario_card_per_scenario_without_its_answers():
    plan = workshop()
    roles = next(b for b in plan.blocks if b.cards)
    assert len(roles.cards) == 2
    debrief = " ".join(" ".join(roles.debrief).split()).lower()
    for card in roles.cards:
        text = " ".join(card.text.split()).lower()
        for role in ("primary customer", "strategic customer", "operational support", "investor"):
            assert role not in text, (card.title, role)
        assert card.title.split()[0].lower() in debrief


def test_the_job_aid_has_the_four_traps_each_with_a_sign_and_a_way_out():
    traps = job_aid_traps(workshop())
    assert [t.name for t in traps] == list(TRAPS.values())
    assert all(t.sign and t.way_out for t in traps)


@pytest.fixture(scope="module")
def kit_html():
    pytest.importorskip("weasyprint")
    from ams_exercises.handouts.render import HandoutRenderer

    return html.unescape(HandoutRenderer().html(kit_handout(workshop())))


def _section(markup: str, ident: str) -> str:
    start = markup.index(f'id="{ident}"')
    return markup[start : markup.index("</section>", start)]


def test_the_printed_kit_follows_the_plan(kit_html):
    plan = workshop()
    cards = _section(kit_html, "sort-title")
    assert re.findall(r'<li class="card">([^<]*)</li>', cards) == [s.item for s in plan.sort_list]
    for word in ("activity", "widget", "outcome", "request"):
        assert f">{word}<" not in cards  # no answer on the cards
    answers = _section(kit_html, "answers-title")
    for item in plan.sort_list:
        assert f"<td>{item.answer}</td><td>{item.why}</td>" in answers
    scenarios = _section(kit_html, "scenarios-title")
    for card in scenario_cards(plan):
        assert f"{card.block} · starts {card.start} · {card.minutes} minutes" in scenarios
        assert card.text in scenarios
    aid = _section(kit_html, "aid-title")
    assert all(name in aid for name in TRAPS.values())


def test_the_site_offers_the_kit_on_each_paper_only_with_the_trainer_files():
    names = {h.filename for h in site_handouts(trainer=True)}
    assert {f"workshop-kit-{paper}.pdf" for paper in PAPERS} <= names
    assert not [h for h in site_handouts(trainer=False) if h.is_kit]
