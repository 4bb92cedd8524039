"""The workshop kit is cut from the workshop plan: every card names a block of the
plan with its start and minutes, every group task has its card, the sort cards carry no
answer, and the job aid holds the four roles and the four traps. An edit to the plan that
leaves a card stale fails here."""

from __future__ import annotations

import html
import re

import pytest

from ams_exercises.authoring.workshop import workshop
from ams_exercises.grader.vocabulary import ROLE_NAMES, TRAPS
from ams_exercises.handouts.editions import PAPERS
from ams_exercises.handouts.plan import job_aid_traps, kit_handout, scenario_cards
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


# The print materials beside the kit: trap sheets, case readings and
# the apply checklist carry the block of the plan they serve; an edit to the plan's
# blocks (title, start, minutes, task) that leaves a sheet stale fails here.


def _materials_html(scope: str) -> str:
    pytest.importorskip("weasyprint")
    from ams_exercises.handouts.plan import document_handout
    from ams_exercises.handouts.render import HandoutRenderer

    handout = document_handout(scope, "letter", workshop=workshop())
    return html.unescape(HandoutRenderer().html(handout))


def test_trap_sheets_and_readings_follow_the_plans_blocks():
    from ams_exercises.handouts import materials

    plan = workshop()
    timings = {block.chapter: (start, block) for start, block in plan.timings()}
    for chapter, scope in (
        (materials.TRAPS_CHAPTER, "trap-sheets"),
        (materials.CASES_CHAPTER, "case-readings"),
        (materials.APPLY_CHAPTER, "apply-checklist"),
    ):
        start, block = timings[chapter]
        printed = _materials_html(scope)
        assert f"{block.title} · starts {start} · {block.minutes} minutes" in printed, scope
        if scope != "apply-checklist":
            assert " ".join(block.group_task.split()) in printed, scope
    cases = _materials_html("case-readings")
    task = " ".join(timings[materials.CASES_CHAPTER][1].group_task.split())
    for part in materials.task_parts(task):
        assert cases.count(f"<strong>{part}</strong>") == len(materials.case_readings(plan))


def test_the_readings_the_plan_debriefs_exist_and_no_reading_names_a_trap():
    from ams_exercises.handouts import materials

    plan = workshop()
    readings = materials.case_readings(plan)
    assert len(readings) == 5
    block = next(b for b in plan.blocks if b.chapter == materials.CASES_CHAPTER)
    heads = [d.split(":")[0].strip().lower() for d in block.debrief]
    for head in heads:
        assert [r for r in readings if r.in_plan and r.title.lower().startswith(head)], head
    for reading in readings:
        text = reading.text.lower()
        assert reading.situation and len(reading.versions) == 2 and reading.results
        for name in TRAPS.values():
            assert name.lower() not in text, (reading.slug, name)
        assert "trap" not in text, reading.slug
    printed = _materials_html("case-readings").lower()
    for name in TRAPS.values():
        assert name.lower() not in printed, name


def test_a_trap_sheet_per_trap_from_the_book_with_the_keys_that_show_it():
    from ams_exercises.grader.keys import all_keys
    from ams_exercises.handouts import materials
    from ams_exercises.handouts.render import _exercise_numbers

    sheets = materials.trap_sheets(_exercise_numbers())
    assert [s.name for s in sheets] == list(TRAPS.values())
    for sheet in sheets:
        assert sheet.what and sheet.example and len(sheet.signs) >= 3 and len(sheet.ways) >= 3
        assert sheet.question and sheet.sounds_like
        shown = sum(1 for k in all_keys() if k.trap == sheet.key)
        assert len(sheet.exercises) == shown, sheet.name


def test_the_apply_checklist_is_the_books():
    from ams_exercises.handouts import materials

    checklist = materials.apply_checklist()
    book = materials.APPLY_PAGE.read_text("utf-8").split("## Checklist", 1)[1]
    numbered = [ln for ln in book.split("\n## ", 1)[0].splitlines() if re.match(r"^\d+\. ", ln)]
    assert len(checklist.items) == len(numbered) == 8
    assert len(checklist.steps) == 10


#: The role names a group's task asks it to give ("primary customer", "investor", ...).
ROLES = [
    ROLE_NAMES[r].split(" ", 1)[1]
    for r in ("primary_customer", "strategic_customers", "operational_support")
] + [ROLE_NAMES[r].split(" ", 1)[1] for r in ("stakeholders", "investors")]


def _answers(reading, debrief: list[str]) -> str:
    """What the key says for this case: the plan's debrief answer for it when the workshop
    uses it, else the book page's own answer (its "Who ... turned out to be" section and its
    trap reading)."""
    from ams_exercises.handouts import materials

    said = [d for d in debrief if reading.title.lower().startswith(d.split(":")[0].lower())]
    if said:
        return " ".join(said)
    page = (materials.CASES / f"{reading.slug}.md").read_text("utf-8")
    who = page.split("\n## Who the", 1)[1].split("\n## Which trap", 1)[0]
    trap = re.search(r"The course's reading: (.+)", page)[1]
    return materials.plain(f"{who} {trap}")


def test_no_reading_gives_away_the_roles_or_the_trap_its_task_asks_for():
    """Each reading is checked against the answers of the task it serves: no role name the
    key gives a group, no trap the key reads, and no "customer" at all, in the reading or
    in what the printed reading shows of it (the task's own page asks the question)."""
    from ams_exercises.handouts import materials

    plan = workshop()
    block = next(b for b in plan.blocks if b.chapter == materials.CASES_CHAPTER)
    debrief = [" ".join(d.split()) for d in block.debrief]
    printed = _materials_html("case-readings")
    used = 0
    for reading in materials.case_readings(plan):
        answers = _answers(reading, debrief).lower()
        used += reading.in_plan
        roles = [r for r in ROLES if r in answers]
        traps = [t for t in TRAPS.values() if t.lower().removeprefix("the ") in answers]
        assert roles and len(traps) == 1, (reading.slug, answers)  # the check has teeth
        start = printed.index(f'id="case-{reading.slug}"')
        shown = printed[start : printed.index('class="task-page"', start)]
        for text in (reading.text.lower(), shown.lower()):
            for word in [*roles, "customer", "end user", *(t.lower() for t in traps)]:
                assert word not in text, (reading.slug, word)
        # the reading still tells the facts the group reasons from
        assert all(len(points) >= 3 for _, points in reading.versions), reading.slug
    assert used == len(debrief)


def test_every_rewrite_of_a_reading_still_matches_its_case_page():
    from ams_exercises.handouts import materials

    rewrites = materials.reading_rewrites()
    assert rewrites
    for slug, pairs in rewrites.items():
        page = (materials.CASES / f"{slug}.md").read_text("utf-8")
        for book, reading in pairs:
            assert book in page, (slug, book)
            assert reading and reading != book, (slug, book)
