"""What a handout prints, built from the answer keys. Pure: no I/O, no rendering.

Two editions of the same exercises:

* **learner**: the scenario and, for each field asked, its label and ruled lines to write on.
  The learner objects are built from the scenario only; they have no slot for an answer;
* **trainer**: the same, plus the accepted answers and the other phrasings accepted, the
  partly right answers, the tempting wrong answers with the role they really are and the
  trap they show, the worked solution, hints and discussion prompts; the course's trainer
  edition also prints the 2½-hour workshop plan (``course/workshop.yaml``) and the course's
  computed time, the same figures as the book's trainer's guide.

A handout covers one module (a chapter of the book, named as the book names it: "Part 2,
What to stop: the four traps") or the whole course; exercises are numbered
"chapter.exercise" in the book's order so both editions and every scope use the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..authoring.workshop import Workshop
from ..grader.grading import WRONG_ITEM_PENALTY
from ..grader.keys import AnswerKey, Module
from ..grader.language import language
from ..grader.lexicon import lexicon
from ..grader.normalize import words
from ..grader.vocabulary import (
    FIELD_LABELS,
    FIELD_NAMES,
    FIELDS,
    KIND_NAMES,
    LIST_FIELDS,
    ROLE_FIELDS,
    ROLE_LABELS,
    ROLE_NAMES,
    SOURCES,
    TRAPS,
)
from ..role_map import describe, role_map

#: The learner sheets come three ways, all without answers: to write on ("learner"), in
#: large print (body text 18 pt, taller lines), and with labeled form fields to fill in on
#: screen, with a screen reader too ("fillable").
LEARNER_EDITIONS: tuple[str, ...] = ("learner", "large-print", "fillable")
EDITIONS: tuple[str, ...] = (*LEARNER_EDITIONS, "trainer")
PAPERS: dict[str, str] = {"letter": "letter", "a4": "A4"}
COURSE_TITLE = "Who Is Your Customer?"
COURSE_SCOPE = "course"
#: The workshop kit: what a trainer prints and cuts for the 2½-hour workshop.
KIT_SCOPE = "workshop-kit"
#: Each learner exercise gets a page of its own. Its fields first get the ruled lines they
#: need (one answer: two; a list: one per entry expected, plus one, within LINES_LIST);
#: the renderer then measures the room left on the page and :func:`fill_lines` shares it
#: out in proportion to those needs, a single answer getting at most SINGLE_MOST lines.
LINE_MM = 8.0  # print.css: .line
#: The height of a line to write on (print.css: .line, .large-print .line), or of an entry's
#: box, by edition.
LINE_MMS: dict[str, float] = {"learner": LINE_MM, "large-print": 12.0, "fillable": LINE_MM}
#: In large print an exercise runs over two pages, and the fields on its last page share
#: the room left there; on screen every entry box is one more stop for the Tab key. In
#: these editions no field gets more than this many times the lines (or boxes) it needs.
MOST_TIMES_NEED = {"large-print": 2, "fillable": 2}
LINES_SINGLE = 2
LINES_LIST = (3, 7)
SINGLE_MOST = 5
#: A long list of phrasings is printed as its ideas: at most this many groups of
#: phrasings with the same head word, this many examples each and this many in all, then
#: "and N similar phrasings". Lists this short or shorter are printed whole.
SHOWN_IDEAS = 5
EXAMPLES_PER_IDEA = 2
SHOWN_EXAMPLES = 6
PRINT_WHOLE = 6
#: A tempting wrong answer or a half-credit one: its feedback says what they share, so a
#: few examples do.
WRONG_IDEAS = 2
#: The role map on paper: wide and short, 560 units across the page's 160 mm (its
#: 13-unit text at 10.5 pt, print.css).
PRINT_MAP_WIDTH = 560
WRONG_EXAMPLES = 3


def _phrase_breaks() -> frozenset[str]:
    """Words that end the head of a noun phrase, as the grader reads them (``language.yaml``):
    "contractor applying for a license" is about a contractor, "people who want to work as
    contractors" about people."""
    s = language().structure
    return frozenset(
        w
        for w in (*s.prepositions, *s.clause_words, *s.subordinators, *s.coordinators)
        if " " not in w
    )


@dataclass(frozen=True)
class Phrasings:
    """A list of phrasings as printed: ``ideas`` (groups of examples, each group one idea)
    and ``more``, how many other phrasings of those ideas are left out."""

    ideas: tuple[tuple[str, ...], ...] = ()
    more: int = 0

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(p for group in self.ideas for p in group)

    def __bool__(self) -> bool:
        return bool(self.ideas) or self.more > 0


def _head(phrase: str) -> str:
    """The word a phrasing is about: the last word before a preposition, a clause or a verb
    in -ing ("licensed contractor", "contractor applying for ..." → "contractor")."""
    toks = words(phrase.split(",")[0]) or words(phrase)
    breaks = _phrase_breaks()
    for i, tok in enumerate(toks):
        if i and (tok in breaks or tok.endswith("ing")):
            toks = toks[:i]
            break
    return toks[-1] if toks else phrase.strip().lower()


def shorten(
    phrasings: Sequence[str],
    *,
    besides: Sequence[str] = (),
    ideas: int = SHOWN_IDEAS,
    examples: int = SHOWN_EXAMPLES,
) -> Phrasings:
    """Short lists whole; a long one as its ideas: phrasings grouped by head word, a few
    examples of the first groups (in the key's order), and how many more there are.

    A phrasing that reads the same as one shown or as ``besides`` (the canonical answer) once
    normalized (case, articles, plurals, spelling) is never shown twice.
    """
    if len(phrasings) <= min(PRINT_WHOLE, examples):
        return Phrasings((tuple(phrasings),) if phrasings else (), 0)
    seen = {words(b) for b in besides}
    groups: dict[str, list[str]] = {}
    for phrase in phrasings:
        norm = words(phrase)
        if norm in seen:
            continue
        seen.add(norm)
        groups.setdefault(_head(phrase), []).append(phrase)
    shown: list[tuple[str, ...]] = []
    room = examples
    for group in list(groups.values())[:ideas]:
        take = tuple(group[: min(EXAMPLES_PER_IDEA, room)])
        if not take:
            break
        shown.append(take)
        room -= len(take)
    return Phrasings(tuple(shown), len(phrasings) - sum(len(g) for g in shown))


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


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SHARES = {0.5: "half", 0.25: "a quarter of", 1.0: "all of"}


def list_instruction(needed: int, penalty: float = WRONG_ITEM_PENALTY) -> str:
    """What a learner sheet says under a list field, as the grader scores it
    (``grader/grading.py``, ``_grade_list``): full credit for ``needed`` right entries, more
    right ones add nothing, and each wrong entry takes off ``penalty`` of one entry's credit."""
    count = _NUMBER_WORDS[needed] if needed < len(_NUMBER_WORDS) else str(needed)
    entries = "entry" if needed == 1 else "entries"
    share = _SHARES.get(penalty, f"{penalty:g} of")  # "half an entry's", "0.3 of an entry's"
    return f"at least {count} {entries}; each wrong entry takes off {share} an entry's points"


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
class Document:
    """A print document other than the worksheets and keys: the workshop kit, a learner
    material, a trainer's poster or a piece of the training office's paperwork."""

    scope: str
    name: str  # as the Handouts page lists it: "Trap sheets"
    title: str  # the PDF's title, after the course's
    group: str  # "learners", "trainers" or "office"
    about: str
    #: Paper → (CSS page size, the file name's tag): the poster is tabloid or A3.
    sizes: tuple[tuple[str, str, str], ...] = (("letter", "letter", "letter"), ("a4", "A4", "a4"))

    def size(self, paper: str) -> tuple[str, str]:
        return next((css, tag) for p, css, tag in self.sizes if p == paper)


#: What each edition is called on its cover and in its title.
EDITION_TITLES: dict[str, str] = {
    "learner": "Learner worksheets",
    "large-print": "Learner worksheets in large print",
    "fillable": "Learner worksheets to fill in on screen",
    "trainer": "Trainer's answer key",
}

#: The groups of the Handouts page, in order.
GROUPS: dict[str, str] = {
    "learners": "For learners",
    "trainers": "For trainers",
    "office": "For the training office",
}
_POSTER = (("letter", "11in 17in", "tabloid"), ("a4", "A3", "a3"))
DOCUMENTS: dict[str, Document] = {
    d.scope: d
    for d in (
        Document(
            "trap-sheets",
            "Trap sheets",
            "Trap sheets: the four traps, one to a page",
            "learners",
            "One page per trap for the traps block: what it is, the module's example, how to "
            "spot it and what to do instead, with the group's task from the workshop plan.",
        ),
        Document(
            "case-readings",
            "Case readings",
            "Case readings: the five case studies, two pages each",
            "learners",
            "Each case study as a two-page reading for a group: the situation, the before "
            "and after, the results, and the group's task with room to write. No reading "
            "names the case's trap or its customer: that is for the group to find.",
        ),
        Document(
            "apply-checklist",
            "Apply checklist",
            "Apply it to your own work: the checklist",
            "learners",
            "The ten steps and the eight-point checklist of Apply it to your own work, on one "
            "page, with boxes to tick.",
        ),
        Document(
            "role-map-template",
            "Blank role map",
            "Blank role map: a template to fill in",
            "learners",
            "The course's role map with its rings named and empty, to fill in for one system.",
        ),
        Document(
            KIT_SCOPE,
            "Workshop kit",
            "Workshop kit: sort cards, scenario cards and job aid",
            "trainers",
            "For the 2½-hour workshop: the activity-and-widget sort cards with cut lines "
            "(their answer sheet on a page apart), a scenario card for each group task, and "
            "a one-page job aid for each participant.",
        ),
        Document(
            "role-map-poster",
            "Role map poster",
            "Role map poster",
            "trainers",
            "The course's role map to teach the four roles from, and a blank map for a group "
            "on the second page.",
            _POSTER,
        ),
        Document(
            "sign-in-sheet",
            "Sign-in sheet",
            "Sign-in sheet",
            "office",
            "Session title, date and trainer; a row per participant for name, agency, email "
            "and signature.",
        ),
        Document(
            "certificates",
            "Certificates of attendance",
            "Certificates of attendance",
            "office",
            "One page each for the 2½-hour workshop, the 90-minute session and the "
            "self-paced course, with the hours each takes.",
        ),
        Document(
            "evaluation-form",
            "Evaluation form",
            "Evaluation form",
            "office",
            "Reaction questions on a five-point scale, two questions on how participants "
            "mean to use the course, and room for comments.",
        ),
        Document(
            "follow-up",
            "30-day follow-up questionnaire",
            "30-day follow-up questionnaire",
            "office",
            "To send a month after the session: what participants have used, what got in the "
            "way, and what would help.",
        ),
        Document(
            "catalog-description",
            "Catalog description",
            "Catalog description",
            "office",
            "For the training catalog: audience, objectives, duration, format and "
            "prerequisites of the workshop, the 90-minute session and the self-paced course.",
        ),
    )
}


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
    #: :func:`module_session`).
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


def _paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs of a YAML block: blank lines split them, single newlines are spaces."""
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def needed_lines(key: AnswerKey, name: str) -> int:
    """Ruled lines a field needs: two for one answer; for a list, one per entry expected,
    plus one."""
    if name not in LIST_FIELDS:
        return LINES_SINGLE
    low, high = LINES_LIST
    return max(low, min(high, len(key.fields[name].expected) + 1))


def share_lines(
    needs: Sequence[int],
    lists: Sequence[bool],
    spare: int,
    start: Sequence[int] | None = None,
    most: int = 0,
) -> list[int]:
    """Add ``spare`` lines to fields that need ``needs`` (and have ``start`` lines, by
    default their needs), one at a time to the field furthest below its share in
    proportion to its need. A single answer stops at SINGLE_MOST lines while a list can
    still grow; with ``most``, no field grows past ``most`` times its need, and lines left
    over stay blank space."""
    lines = list(start if start is not None else needs)
    for _ in range(max(0, spare)):
        growable = [i for i, n in enumerate(lines) if lists[i] or n < SINGLE_MOST]
        if not growable and not most:
            growable = list(range(len(lines)))
        if most:
            growable = [i for i in growable if lines[i] < most * needs[i]]
        if not growable:
            break
        pick = min(growable, key=lambda i: (lines[i] / needs[i], i))
        lines[pick] += 1
    return lines


def fewest_lines(handout: Handout, exercise_ids: set[str]) -> Handout:
    """The learner ``handout`` with one ruled line per field in these exercises (in the
    fillable edition, a list keeps its entry boxes): the first exercise of a module that
    did not fit under the module's heading and roles box is laid out again this way, then
    given the room left (:func:`fill_lines`)."""

    def fewest(e: ExerciseView) -> list[int]:
        # a fillable list keeps a box for each entry it expects: a box holds one entry
        return [f.need if handout.fillable and f.is_list else 1 for f in e.fields]

    return _with_lines(handout, dict.fromkeys(exercise_ids, fewest))


def _with_lines(handout: Handout, how: dict) -> Handout:
    modules = []
    for m in handout.modules:
        exercises = []
        for e in m.exercises:
            if e.id in how and e.fields:
                lines = how[e.id](e)
                e = replace(
                    e,
                    fields=tuple(replace(f, lines=n) for f, n in zip(e.fields, lines, strict=True)),
                )
            exercises.append(e)
        modules.append(replace(m, exercises=tuple(exercises)))
    return replace(handout, modules=tuple(modules))


def fill_lines(
    handout: Handout,
    spare_lines: dict[str, int],
    last_page: dict[str, set[str]] | None = None,
) -> Handout:
    """The learner ``handout`` with each exercise's spare lines (by exercise id, as the
    renderer measured them on the page where it ends) shared among its fields on that page:
    ``last_page`` names them by exercise (by default, all of its fields). An exercise in
    large print can run onto a second page; the fields on the first keep their lines."""

    def grow(e: ExerciseView, n: int) -> list[int]:
        here = (last_page or {}).get(e.id) or {f.name for f in e.fields}
        picked = [i for i, f in enumerate(e.fields) if f.name in here]
        lines = [f.lines for f in e.fields]
        shared = share_lines(
            [e.fields[i].need or e.fields[i].lines for i in picked],
            [e.fields[i].is_list for i in picked],
            n,
            start=[lines[i] for i in picked],
            most=MOST_TIMES_NEED.get(handout.edition, 0),
        )
        for i, count in zip(picked, shared, strict=True):
            lines[i] = count
        return lines

    return _with_lines(
        handout, {i: (lambda e, n=n: grow(e, n)) for i, n in spare_lines.items() if n > 0}
    )


def _learner_field(key: AnswerKey, name: str, lines: int = LINES_SINGLE) -> FieldView:
    return FieldView(
        name=name,
        label=FIELD_LABELS[name],
        is_list=name in LIST_FIELDS,
        lines=lines,
        points=key.fields[name].points,
        need=lines,
        needed=key.fields[name].needed,  # how many entries earn full credit, not which
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
        items=tuple(
            ItemView(
                it.accept[0], tuple(it.accept[1:]), shorten(it.accept[1:], besides=it.accept[:1])
            )
            for it in fk.expected
        ),
        needed=fk.needed,
        partial=tuple(
            PartialView(
                tuple(p.answers),
                p.feedback,
                shorten(p.answers, ideas=WRONG_IDEAS, examples=WRONG_EXAMPLES),
            )
            for p in fk.partial
            if _shown_partial(key, p)
        ),
        wrong=tuple(
            WrongView(
                tuple(w.answers),
                ROLE_LABELS[w.recognized_as] if w.recognized_as else "",
                TRAPS[w.trap] if w.trap else "",
                w.feedback,
                shorten(w.answers, ideas=WRONG_IDEAS, examples=WRONG_EXAMPLES),
                brief=name != "widget",
            )
            for w in fk.wrong
            if _tempting(name, w)
        ),
        hints=tuple(fk.hints),
        explanation=fk.explanation or "",
    )


def _tempting(name: str, wrong) -> bool:
    """A wrong answer the trainer key prints in its field: in the widget's, what is not the
    widget (an activity, an outcome, the request that comes in); in a question about people,
    a group that shows a trap there. Every group of the scenario is placed once, in the
    exercise's "who is who" list and its role map; the lexicon's common answers are
    explained in the book, and so are the other traps, the wrong answers to "which trap?"."""
    if wrong.group is not None or name == "trap":
        return False
    if name == "widget":
        return wrong.actor is None
    return wrong.trap is not None and wrong.actor not in (None, "widget")


def _shown_partial(key: AnswerKey, part) -> bool:
    """A partly right answer the key prints: the key's own, not a lexicon group this
    scenario does not show (those all get the same remark, from the book)."""
    if part.actor is None:
        return True
    actor = next((a for a in key.actors if a.ref == part.actor), None)
    return actor is None or actor.placed


def _cast(key: AnswerKey) -> tuple[CastView, ...]:
    """Every group the scenario places, by role, with a few of its names (unless a field
    above already lists them as its answer) and the key's own words about it."""
    order = {role: n for n, role in enumerate(FIELDS)}
    people = [a for a in key.placed if a.ref != "widget"]
    people.sort(key=lambda a: min((order.get(r, len(order)) for r in a.roles), default=len(order)))
    out = []
    for actor in people:
        if actor.group is None:
            names = [actor.name, *actor.names]
        else:  # the scenario's own names first: "reservation agents" before "licensing staff"
            usual = set(lexicon()[actor.group].phrasings)
            names = [actor.label, *(n for n in actor.names if n not in usual), *actor.names]
        names = list(dict.fromkeys(names))
        answered = any(actor.ref in key.fields[n].actors for n in key.asks if n != "widget")
        roles = [ROLE_NAMES.get(r) or KIND_NAMES.get(r) or r for r in actor.roles]
        out.append(
            CastView(
                label=actor.label,
                roles=" and ".join(roles),
                printed=Phrasings()
                if answered
                else shorten(
                    names[1:], besides=names[:1], ideas=WRONG_IDEAS, examples=WRONG_EXAMPLES
                ),
                note=actor.reason or actor.says or "",
            )
        )
    return tuple(out)


def source_label(key: AnswerKey) -> str:
    """Where the scenario comes from, as the handout prints it after "Scenario": a scenario
    that adds details of its own is never presented as the source's words."""
    if key.source == "original":
        return SOURCES["original"]
    if key.adapted:
        return f"adapted from {SOURCES[key.source]}, with details added for practice"
    return f"from {SOURCES[key.source]}"


def exercise_view(key: AnswerKey, number: str, edition: str) -> ExerciseView:
    """What ``edition`` prints for one exercise; the learner view carries no answer."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}")
    if edition in LEARNER_EDITIONS:
        edition = "learner"  # every learner edition prints the same view
    common = {
        "id": key.id,
        "number": number,
        "title": key.title,
        "scenario": _paragraphs(key.scenario),
        "minutes": key.minutes,
        "max_score": key.max_score,
    }
    if edition == "learner":
        fields = tuple(_learner_field(key, n, needed_lines(key, n)) for n in key.asks)
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
                tuple(a.names[:3] or [a.name]),
                ROLE_NAMES.get(a.role or "") or KIND_NAMES[a.roles[0]],
                a.reason,
            )
            for a in key.placed
            if a.reason
        ),
        role_map=_data_address(role_map(key, id_prefix="handout-map", width=PRINT_MAP_WIDTH)),
        role_map_text=describe(key),
        cast=_cast(key),
    )


def _data_address(svg: str) -> str:
    """An SVG drawing as a ``data:`` address, for an ``<img>`` with its own alt text."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def module_views(
    keys: Sequence[AnswerKey], modules: Sequence[Module], edition: str
) -> list[ModuleView]:
    """Every module that has exercises, numbered in course order (``modules`` in teaching order)."""
    from ..grader.keys import module_numbers

    out = []
    numbers = module_numbers([m.id for m in modules])
    for module in modules:
        number = numbers[module.id]
        mine = [k for k in keys if k.module == module.id]
        if mine:
            exercises = tuple(
                exercise_view(k, f"{number}.{i}", edition) for i, k in enumerate(mine, 1)
            )
            out.append(
                ModuleView(
                    module.id,
                    number,
                    module.title,
                    exercises,
                    module.chapter,
                    module.part,
                    module.assessment,
                )
            )
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
