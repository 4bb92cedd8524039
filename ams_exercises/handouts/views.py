"""What a handout prints, as plain data the print templates read: a handout (one PDF), its
modules, their exercises, each field asked and, in the trainer edition, the answers; a
module's session plan; the workshop kit's cards and job aid; the fillable edition's form
fields. Pure: no I/O, no rendering. :mod:`.from_keys` builds the exercises from the answer
keys, :mod:`.plan` the handouts and their plans.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..authoring.workshop import Workshop
from ..grader.vocabulary import FIELD_NAMES, ROLE_FIELDS
from .editions import (
    COURSE_SCOPE,
    COURSE_TITLE,
    DOCUMENTS,
    EDITION_TITLES,
    KIT_SCOPE,
    LINE_MM,
    LINE_MMS,
    PAPERS,
    Document,
)
from .wording import Phrasings, list_instruction


@dataclass(frozen=True)
class WrongView:
    """A tempting wrong answer as the trainer edition prints it."""

    answers: tuple[str, ...]
    really: str  # "an investor", "" when the key does not say
    trap: str  # the trap's name, "" when none
    feedback: str
    printed: Phrasings = field(default_factory=Phrasings)
    #: printed on one line, its feedback left to the "who is who" list (a group's trap)
    brief: bool = False


@dataclass(frozen=True)
class PartialView:
    answers: tuple[str, ...]
    feedback: str
    printed: Phrasings = field(default_factory=Phrasings)


@dataclass(frozen=True)
class ItemView:
    """One right answer: canonical phrasing, then the others accepted (all of them in
    ``also``; as printed, shortened to their ideas, in ``printed``)."""

    canonical: str
    also: tuple[str, ...]
    printed: Phrasings = field(default_factory=Phrasings)


@dataclass(frozen=True)
class FieldView:
    """A field asked. Learner edition: label and lines only; trainer edition: the key too."""

    name: str
    label: str
    is_list: bool
    lines: int
    points: int
    need: int = 0  # learner edition: the ruled lines the field needs (``lines`` may be more)
    items: tuple[ItemView, ...] = ()
    needed: int = 0
    partial: tuple[PartialView, ...] = ()
    wrong: tuple[WrongView, ...] = ()
    hints: tuple[str, ...] = ()
    explanation: str = ""

    @property
    def instruction(self) -> str:
        """The learner sheet's words beside the label: how many entries, what extras cost."""
        return list_instruction(self.needed) if self.is_list else "one answer"


@dataclass(frozen=True)
class FormInput:
    """A form field of the fillable edition: its name in the PDF (``/T``), what a screen
    reader announces for it (``/TU``), and whether it takes several lines."""

    name: str
    description: str
    multiline: bool = False


#: The fillable edition asks for the learner's name and the date once, on its first page.
WHO_INPUTS = (FormInput("name", "Your name"), FormInput("date", "Date"))


def form_inputs(exercise: ExerciseView, field: FieldView) -> tuple[FormInput, ...]:
    """The fillable edition's boxes for one field: a box of several lines for one answer;
    for a list, a one-line box per entry (``field.lines`` of them), the first one's name
    saying how many entries the field expects and what a wrong one costs (not how many
    boxes there are: a box left empty costs nothing). Names are ``exercise-id:field`` and
    ``exercise-id:field:N`` (a PDF field's name has no period)."""
    where = f"{exercise.number} {exercise.title}: {FIELD_NAMES[field.name]}"
    if not field.is_list:
        return (FormInput(f"{exercise.id}:{field.name}", f"{where}, one answer", True),)
    return tuple(
        FormInput(
            f"{exercise.id}:{field.name}:{n}",
            f"{where}, entry {n}" + (f" ({field.instruction})" if n == 1 else ""),
        )
        for n in range(1, field.lines + 1)
    )


def form_descriptions(handout: Handout) -> dict[str, str]:
    """Every form field of a fillable handout, by name: what a screen reader announces."""
    out = {i.name: i.description for i in WHO_INPUTS}
    for module in handout.modules:
        for exercise in module.exercises:
            for asked in exercise.fields:
                out |= {i.name: i.description for i in form_inputs(exercise, asked)}
    return out


@dataclass(frozen=True)
class OverrideView:
    """A lexicon group that plays another role in this scenario, and the key's reason."""

    phrasings: tuple[str, ...]  # the group's first phrasings, to name it
    role: str  # "a strategic customer", "the learner's own organization"
    reason: str


@dataclass(frozen=True)
class CastView:
    """One group of the scenario in the trainer's "who is who": its label, its role(s), a
    few other names, and what the key says of it."""

    label: str
    roles: str
    printed: Phrasings
    note: str


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
    #: The trainer edition's role map: an SVG image (as a data address) and its text.
    role_map: str = ""
    role_map_text: str = ""
    #: The trainer edition's "who is who": every group the scenario places, once.
    cast: tuple[CastView, ...] = ()


@dataclass(frozen=True)
class ModuleView:
    """A module of the course (a chapter of the book) and its exercises."""

    id: str
    number: int
    title: str
    exercises: tuple[ExerciseView, ...]
    chapter: str = ""
    part: str = ""  # "Part 2: Who is your primary customer?"
    assessment: str = ""  # "pre", "final", or "" for practice (see ams_exercises.assessments)

    @property
    def name(self) -> str:
        """The chapter as the book names it: "Part 2, What to stop: the four traps" (once,
        when the part and the title are the same, as for the final assessment)."""
        part = self.part.split(":")[0]
        return f"{part}, {self.title}" if part and part != self.title else self.title

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles its exercises ask for, in the course's order (for the roles box; the
        trap is a question, not a role, and its field's label says what it asks)."""
        asked = {f.name for e in self.exercises for f in e.fields}
        return tuple(n for n in ROLE_FIELDS if n in asked)

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
    #: A module's trainer edition: the session that teaches the module (see
    #: :func:`.plan.module_session`).
    session: tuple[SessionStep, ...] = ()

    @property
    def is_course(self) -> bool:
        return self.scope == COURSE_SCOPE

    @property
    def is_kit(self) -> bool:
        return self.scope == KIT_SCOPE

    @property
    def is_document(self) -> bool:
        """The kit, a learner material, the poster or a piece of paperwork."""
        return self.scope in DOCUMENTS

    @property
    def document(self) -> Document | None:
        return DOCUMENTS.get(self.scope)

    @property
    def group(self) -> str:
        """The Handouts page's group: learners, trainers or the training office."""
        if self.document is not None:
            return self.document.group
        return "trainers" if self.trainer else "learners"

    @property
    def page_size(self) -> str:
        return self.document.size(self.paper)[0] if self.document else PAPERS[self.paper]

    @property
    def trainer(self) -> bool:
        return self.edition == "trainer"

    @property
    def fillable(self) -> bool:
        return self.edition == "fillable"

    @property
    def line_mm(self) -> float:
        """The height of a line to write on (or of an entry's box) in this edition."""
        return LINE_MMS.get(self.edition, LINE_MM)

    @property
    def title(self) -> str:
        """The document title (PDF metadata and cover)."""
        if self.document is not None:
            return f"{COURSE_TITLE} {self.document.title}"
        what = "the whole course" if self.is_course else self.modules[0].title
        return f"{COURSE_TITLE} {EDITION_TITLES[self.edition]}: {what}"

    @property
    def filename(self) -> str:
        if self.document is not None:
            return f"{self.scope}-{self.document.size(self.paper)[1]}.pdf"
        return f"{self.scope}-{self.edition}-{self.paper}.pdf"

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def exercise_count(self) -> int:
        return sum(len(m.exercises) for m in self.modules)


@dataclass(frozen=True)
class SessionStep:
    """One step of a module's session plan."""

    start: str
    title: str
    minutes: int
    what: str


@dataclass(frozen=True)
class ScenarioCard:
    """A card for one group task: the block it belongs to, the task, and its facts."""

    block: str
    start: str
    minutes: int
    task: str
    title: str = ""
    text: str = ""


@dataclass(frozen=True)
class JobAidTrap:
    name: str
    sign: str
    way_out: str
