"""What a handout prints, built from the answer keys. Pure: no I/O, no rendering.

Two editions of the same exercises:

* **learner**: the scenario and, for each field asked, its label and ruled lines to write on.
  The learner objects are built from the scenario only; they have no slot for an answer;
* **trainer**: the same, plus the accepted answers and the other phrasings accepted, the
  partly right answers, the tempting wrong answers with the role they really are and the
  trap they show, the worked solution, hints and discussion prompts; the course's trainer
  edition also prints the 2½-hour workshop plan (``course/workshop.yaml``) and the course's
  computed time, the same figures as the book's trainer's guide.

A handout covers one module or the whole course; exercises are numbered "module.exercise"
in course order so both editions and every scope use the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..grader.keys import AnswerKey, Module
from ..grader.lexicon import lexicon
from ..grader.vocabulary import (
    FIELD_LABELS,
    KIND_NAMES,
    LIST_FIELDS,
    ROLE_LABELS,
    ROLE_NAMES,
    SOURCES,
    TRAPS,
)
from ..grader.workshop import Workshop

EDITIONS: tuple[str, ...] = ("learner", "trainer")
PAPERS: dict[str, str] = {"letter": "letter", "a4": "A4"}
COURSE_TITLE = "Who Is Your Customer?"
COURSE_SCOPE = "course"
#: Each learner exercise gets a page of its own, with as many ruled lines as fit on it.
#: An estimate of the page, in mm, from print.css: the Letter page (the shorter) less its
#: margins and a safety margin, the ruled line pitch, and the scenario's text.
PAGE_MM = 228.0
LINE_MM = 8.5
SCENARIO_CHARS_PER_LINE = 92
SCENARIO_LINE_MM = 5.1
#: Above the first exercise of a module: the module heading (and, in a module's learner
#: handout, the name and date line).
FIRST_EXERCISE_MM = 40.0
#: Ruled lines per field: (fewest, most), for one answer and for a list.
LINES_SINGLE = (2, 4)
LINES_LIST = (3, 8)


@dataclass(frozen=True)
class WrongView:
    """A tempting wrong answer as the trainer edition prints it."""

    answers: tuple[str, ...]
    really: str  # "an investor", "" when the key does not say
    trap: str  # the trap's name, "" when none
    feedback: str


@dataclass(frozen=True)
class PartialView:
    answers: tuple[str, ...]
    feedback: str


@dataclass(frozen=True)
class ItemView:
    """One right answer: canonical phrasing, then the others accepted."""

    canonical: str
    also: tuple[str, ...]


@dataclass(frozen=True)
class FieldView:
    """A field asked. Learner edition: label and lines only; trainer edition: the key too."""

    name: str
    label: str
    is_list: bool
    lines: int
    points: int
    items: tuple[ItemView, ...] = ()
    needed: int = 0
    partial: tuple[PartialView, ...] = ()
    wrong: tuple[WrongView, ...] = ()
    hints: tuple[str, ...] = ()
    explanation: str = ""


@dataclass(frozen=True)
class OverrideView:
    """A lexicon group that plays another role in this scenario, and the key's reason."""

    phrasings: tuple[str, ...]  # the group's first phrasings, to name it
    role: str  # "a strategic customer", "the learner's own organization"
    reason: str


@dataclass(frozen=True)
class ExerciseView:
    """One exercise on paper."""

    id: str
    number: str
    title: str
    scenario: tuple[str, ...]  # paragraphs
    minutes: int
    fields: tuple[FieldView, ...]
    max_score: int
    source: str = ""
    trap: str = ""
    hints: tuple[str, ...] = ()
    rationale: tuple[str, ...] = ()
    discussion: tuple[str, ...] = ()
    overrides: tuple[OverrideView, ...] = ()


@dataclass(frozen=True)
class ModuleView:
    """A module of the course and its exercises."""

    id: str
    number: int
    title: str
    exercises: tuple[ExerciseView, ...]

    @property
    def minutes(self) -> int:
        return sum(e.minutes for e in self.exercises)


@dataclass(frozen=True)
class Handout:
    """One PDF: a scope (a module id or the whole course), an edition and a paper size."""

    scope: str
    edition: str
    paper: str
    modules: tuple[ModuleView, ...] = field(default_factory=tuple)
    #: The whole course's time as the book gives it ("about 7 hours 22 minutes: ..."),
    #: and the workshop plan: both printed by the course's trainer edition.
    course_time: str = ""
    workshop: Workshop | None = None

    @property
    def is_course(self) -> bool:
        return self.scope == COURSE_SCOPE

    @property
    def trainer(self) -> bool:
        return self.edition == "trainer"

    @property
    def title(self) -> str:
        """The document title (PDF metadata and cover)."""
        what = "the whole course" if self.is_course else self.modules[0].title
        kind = "Trainer's answer key" if self.trainer else "Learner worksheets"
        return f"{COURSE_TITLE} {kind}: {what}"

    @property
    def filename(self) -> str:
        return f"{self.scope}-{self.edition}-{self.paper}.pdf"

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def exercise_count(self) -> int:
        return sum(len(m.exercises) for m in self.modules)


def _paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs of a YAML block: blank lines split them, single newlines are spaces."""
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def ruled_lines(key: AnswerKey, *, first_in_module: bool = False) -> dict[str, int]:
    """Ruled lines per asked field, so the exercise fills its page and still fits on it."""
    paragraphs = _paragraphs(key.scenario)
    text_lines = sum(math.ceil(len(p) / SCENARIO_CHARS_PER_LINE) for p in paragraphs)
    used = 16.0 + (6.0 if len(key.title) > 60 else 0.0)  # title and the line under it
    used += 12.0 + text_lines * SCENARIO_LINE_MM + 2.2 * (len(paragraphs) - 1)  # scenario box
    used += 9.5 * len(key.asks)  # each field's label and the gap under its lines
    used += FIRST_EXERCISE_MM if first_in_module else 0.0
    spare = int((PAGE_MM - used) // LINE_MM)
    bounds = {n: LINES_LIST if n in LIST_FIELDS else LINES_SINGLE for n in key.asks}
    lines = {n: low for n, (low, _high) in bounds.items()}
    spare -= sum(lines.values())
    # Lists first: they need the room. Add a line at a time while any field can grow.
    order = sorted(key.asks, key=lambda n: n not in LIST_FIELDS)  # stable: lists, then singles
    while spare > 0 and any(lines[n] < bounds[n][1] for n in order):
        for name in order:
            if spare > 0 and lines[name] < bounds[name][1]:
                lines[name] += 1
                spare -= 1
    return lines


def _learner_field(key: AnswerKey, name: str, lines: int = LINES_SINGLE[0]) -> FieldView:
    return FieldView(
        name=name,
        label=FIELD_LABELS[name],
        is_list=name in LIST_FIELDS,
        lines=lines,
        points=key.fields[name].points,
    )


def _trainer_field(key: AnswerKey, name: str) -> FieldView:
    fk = key.fields[name]
    base = _learner_field(key, name)
    return FieldView(
        name=base.name,
        label=base.label,
        is_list=base.is_list,
        lines=base.lines,
        points=base.points,
        items=tuple(ItemView(it.accept[0], tuple(it.accept[1:])) for it in fk.expected),
        needed=fk.needed,
        partial=tuple(PartialView(tuple(p.answers), p.feedback) for p in fk.partial),
        wrong=tuple(
            WrongView(
                tuple(w.answers),
                ROLE_LABELS[w.recognized_as] if w.recognized_as else "",
                TRAPS[w.trap] if w.trap else "",
                w.feedback,
            )
            for w in fk.wrong
            if w.group is None  # the lexicon's common answers are explained in the book
        ),
        hints=tuple(fk.hints),
        explanation=fk.explanation or "",
    )


def source_label(key: AnswerKey) -> str:
    """Where the scenario comes from, as the handout prints it after "Scenario": a scenario
    that adds details of its own is never presented as the source's words."""
    if key.source == "original":
        return SOURCES["original"]
    if key.adapted:
        return f"adapted from {SOURCES[key.source]}, with details added for practice"
    return f"from {SOURCES[key.source]}"


def exercise_view(
    key: AnswerKey, number: str, edition: str, *, first_in_module: bool = False
) -> ExerciseView:
    """What ``edition`` prints for one exercise; the learner view carries no answer."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}")
    common = {
        "id": key.id,
        "number": number,
        "title": key.title,
        "scenario": _paragraphs(key.scenario),
        "minutes": key.minutes,
        "max_score": key.max_score,
    }
    if edition == "learner":
        lines = ruled_lines(key, first_in_module=first_in_module)
        fields = tuple(_learner_field(key, n, lines[n]) for n in key.asks)
        return ExerciseView(**common, fields=fields)
    return ExerciseView(
        **common,
        fields=tuple(_trainer_field(key, n) for n in key.asks),
        source=source_label(key),
        trap=TRAPS[key.trap] if key.trap else "",
        hints=tuple(key.hints),
        rationale=_paragraphs(key.rationale),
        discussion=tuple(key.discussion),
        overrides=tuple(
            OverrideView(
                tuple(lexicon()[o.group].phrasings[:3]),
                ROLE_NAMES.get(o.role) or KIND_NAMES[o.role],
                o.reason,
            )
            for o in key.overrides
        ),
    )


def module_views(
    keys: Sequence[AnswerKey], modules: Sequence[Module], edition: str
) -> list[ModuleView]:
    """Every module that has exercises, numbered in course order (``modules`` in teaching order)."""
    out = []
    for number, module in enumerate(modules, 1):
        mine = [k for k in keys if k.module == module.id]
        if mine:
            exercises = tuple(
                exercise_view(k, f"{number}.{i}", edition, first_in_module=i == 1)
                for i, k in enumerate(mine, 1)
            )
            out.append(ModuleView(module.id, number, module.title, exercises))
    return out


def plan_handouts(
    keys: Sequence[AnswerKey],
    modules: Sequence[Module],
    *,
    module_ids: Sequence[str] = (),
    editions: Sequence[str] = EDITIONS,
    paper: str = "letter",
    course_time: str = "",
    workshop: Workshop | None = None,
) -> list[Handout]:
    """The handouts to print: per module (all, or ``module_ids``) and, when no module is
    picked, for the whole course; each in every edition asked for. The course's handouts
    carry ``course_time`` and (trainer edition) ``workshop``."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {tuple(PAPERS)}")
    out = []
    for edition in editions:
        views = module_views(keys, modules, edition)
        picked = [m for m in views if not module_ids or m.id in module_ids]
        if not module_ids and views:
            plan = workshop if edition == "trainer" else None
            out.append(Handout(COURSE_SCOPE, edition, paper, tuple(views), course_time, plan))
        out.extend(Handout(m.id, edition, paper, (m,)) for m in picked)
    return out
