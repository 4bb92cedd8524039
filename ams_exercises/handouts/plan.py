"""Which handouts to print, and the plans they carry. Pure: no I/O.

A handout covers one module (a chapter of the book, named as the book names it: "Part 2,
What to stop: the four traps") or the whole course, in each edition asked for; a print
document (the workshop kit, a learner material, a poster, a piece of paperwork) covers
itself. The course's trainer edition also prints the 2½-hour workshop plan
(``course/workshop.yaml``) and the course's computed time, the same figures as the book's
trainer's guide; a module's trainer edition, the session that teaches the module; the kit,
a card per group task and a job aid, both read from the workshop plan so they cannot drift
from it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..authoring.workshop import Workshop
from ..grader.keys import AnswerKey, Module
from ..grader.vocabulary import TRAPS
from .editions import COURSE_SCOPE, DOCUMENTS, EDITIONS, KIT_SCOPE, PAPERS
from .from_keys import module_views
from .views import Handout, JobAidTrap, ModuleView, ScenarioCard, SessionStep


def plan_handouts(
    keys: Sequence[AnswerKey],
    modules: Sequence[Module],
    *,
    module_ids: Sequence[str] = (),
    editions: Sequence[str] = EDITIONS,
    paper: str = "letter",
    course_time: str = "",
    workshop: Workshop | None = None,
    with_assessments: bool = False,
) -> list[Handout]:
    """The handouts to print: per module (all, or ``module_ids``) and, when no module is
    picked, for the whole course; each in every edition asked for. The course's handouts
    carry ``course_time`` and (trainer edition) ``workshop``.

    The trainer editions leave out the pre-check and the final assessment unless
    ``with_assessments``: their key holds every answer of items a learner answers once, so
    it is printed only when a trainer asks for it, never for the site. The learner editions
    print their items, without answers."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {tuple(PAPERS)}")
    out = []
    for edition in editions:
        views = module_views(keys, modules, edition)
        if edition == "trainer" and not with_assessments:
            views = [m for m in views if not m.assessment]
        picked = [m for m in views if not module_ids or m.id in module_ids]
        if not module_ids and views:
            plan = workshop if edition == "trainer" else None
            out.append(Handout(COURSE_SCOPE, edition, paper, tuple(views), course_time, plan))
        out.extend(
            Handout(
                m.id,
                edition,
                paper,
                (m,),
                session=module_session(m, workshop) if edition == "trainer" else (),
            )
            for m in picked
        )
    return out


def kit_handout(workshop: Workshop, paper: str = "letter") -> Handout:
    """The workshop kit for ``paper``: it prints from ``workshop`` alone."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {tuple(PAPERS)}")
    return Handout(KIT_SCOPE, "trainer", paper, workshop=workshop)


def document_handout(
    scope: str, paper: str = "letter", *, workshop: Workshop | None = None, course_time: str = ""
) -> Handout:
    """A print document (see :data:`DOCUMENTS`) for ``paper``."""
    if scope not in DOCUMENTS:
        raise ValueError(f"not a document: {scope}")
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {tuple(PAPERS)}")
    return Handout(scope, "trainer", paper, course_time=course_time, workshop=workshop)


#: A module's session: minutes to open it, to debrief each exercise, and to close.
OPEN_MINUTES = 10
DEBRIEF_MINUTES = 5
CLOSE_MINUTES = 5


def module_session(module: ModuleView, workshop: Workshop | None = None) -> tuple[SessionStep, ...]:
    """A session that teaches one module from its trainer edition: an opening that points to
    the workshop block on the module's chapter (when there is one), each exercise with the
    minutes its key gives and a debrief, then a close."""
    block = (
        next((b for b in workshop.blocks if b.chapter == module.chapter), None)
        if workshop
        else None
    )
    opening = "Recap the chapter's main points, then read the first scenario aloud."
    if block is not None:
        opening = (
            f"Recap the chapter's main points: the workshop plan's block "
            f"\u201c{block.title}\u201d has the script and the examples to use."
        )
    steps = [("Opening", OPEN_MINUTES, opening)]
    for e in module.exercises:
        what = (
            f"Sheet {e.number}, alone or in pairs ({e.minutes} min); debrief with the worked "
            f"solution ({DEBRIEF_MINUTES} min)."
        )
        if module.assessment:  # answered once, by each person: the debrief comes after
            what = (
                f"Sheet {e.number}, each person alone, with no help and no hints "
                f"({e.minutes} min); after every sheet is handed in, go through the worked "
                f"solution ({DEBRIEF_MINUTES} min)."
            )
        steps.append((f"{e.number} {e.title}", e.minutes + DEBRIEF_MINUTES, what))
    steps.append(
        (
            "Close",
            CLOSE_MINUTES,
            "Each person names one system of their own to map this way; collect the sheets "
            "to grade with ams-exercises grade if the class wants feedback.",
        )
    )
    out, at = [], 0
    for title, minutes, what in steps:
        out.append(SessionStep(f"{at // 60}:{at % 60:02d}", title, minutes, what))
        at += minutes
    return tuple(out)


def scenario_cards(workshop: Workshop) -> tuple[ScenarioCard, ...]:
    """A card per scenario of each group task (one card when the task has no scenario),
    in the plan's order, so the kit cannot drift from the blocks."""
    out = []
    for start, block in workshop.timings():
        if not block.group_task:
            continue
        task = " ".join(block.group_task.split())
        if not block.cards:
            out.append(ScenarioCard(block.title, start, block.minutes, task))
        for card in block.cards:
            text = " ".join(card.text.split())
            out.append(ScenarioCard(block.title, start, block.minutes, task, card.title, text))
    return tuple(out)


def job_aid_traps(workshop: Workshop) -> tuple[JobAidTrap, ...]:
    """The four traps with a warning sign and a way out each, from the traps block's
    debrief ("Name: sign. Way out: ...")."""
    names = {" ".join(n.lower().split()): n for n in TRAPS.values()}
    out = []
    for block in workshop.blocks:
        for answer in block.debrief:
            head, _, rest = " ".join(answer.split()).partition(": ")
            if head.lower() in names and "Way out:" in rest:
                sign, _, way = rest.partition(" Way out: ")
                out.append(JobAidTrap(names[head.lower()], sign.strip(), way.strip()))
    return tuple(out)
