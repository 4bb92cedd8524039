"""What a course author writes: the models of the course's YAML files.

One answer key per exercise (``course/keys/<id>.yaml``, ``format_version`` 2) describes its
scenario once, as data:

* ``widget``: the countable thing delivered, the phrasings of it a trainer accepts, and what
  surrounds it (the activities that make it, the outcomes it serves, the requests or
  applications that come in);
* ``actors``: the people in the scenario, each with the names learners use for them, short
  descriptions of what they do (``does``), and their relations to the widget and to one
  another (:mod:`~ams_exercises.grader.doctrine`). A group of the course lexicon
  (``course/lexicon.yaml``: the public, IT, the legislature...) is placed in a scenario with
  ``group:``; every other lexicon group is present too, with its usual relation;
* ``fields``: the questions the exercise asks, their points, hints and explanations;
* ``trap``: the Module 2 trap the scenario shows; when the exercise asks which trap it is,
  the lexicon's ways of writing each trap's name (``traps`` in the lexicon) are its answers.

Roles are never typed onto a phrasing: they follow from the relations, by one function.
:mod:`.compile` turns these models into the bundle the grader reads. Each model is checked
by :func:`~ams_exercises.files.models.load_model`, which names the file and the field that is
wrong; ``course/schemas/*.schema.json`` are generated from them for editors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from ..files.models import Rule, describe
from ..grader.doctrine import RELATIONS, Relation
from ..grader.vocabulary import FIELDS, SINGLE_FIELDS, TRAPS, FieldName, RoleField, Source, Trap

FORMAT_VERSION = 2

Text = Annotated[str, Rule(strip=True, min_length=1)]
Phrase = Annotated[str, Rule(strip=True, min_length=1, max_length=200)]
Slug = Annotated[str, Rule(pattern=r"[a-z0-9]+(-[a-z0-9]+)*", max_length=60)]
Phrases = Annotated[list[Phrase], Rule(min_length=1)]
RelationText = Annotated[
    str,
    Rule(
        strip=True,
        pattern=r"(" + "|".join(RELATIONS) + r")( [a-z0-9]+(-[a-z0-9]+)*)?",
        max_length=80,
    ),
]
#: What a wrong answer to the widget question can be.
WidgetKind = Literal["activity", "outcome", "input", "other"]


@dataclass(frozen=True, eq=False)
class PartialAnswer:
    """An answer on the way but too vague: half credit, and a nudge in the key's words."""

    answers: Phrases
    feedback: Text


@dataclass(frozen=True, eq=False)
class NotTheWidget:
    """Things learners name for the widget that are not it: the activity that makes it, the
    outcome it serves, the request that comes in, or another tempting thing."""

    answers: Phrases
    kind: WidgetKind = field(
        metadata=describe("activity (the work), outcome (why), input (what comes in), other.")
    )
    says: Text | None = field(
        default=None, metadata=describe("The key's own words, after the course's sentence.")
    )
    trap: Trap | None = field(
        default=None, metadata=describe("The Module 2 trap naming this as the widget shows.")
    )


@dataclass(frozen=True, eq=False)
class Widget:
    """The countable thing the scenario's system delivers."""

    name: Phrase = field(metadata=describe("The widget as the solution names it."))
    names: list[Phrase] = field(
        default_factory=list, metadata=describe("Other phrasings a trainer accepts.")
    )
    partial: list[PartialAnswer] = field(default_factory=list)
    not_it: list[NotTheWidget] = field(
        default_factory=list,
        metadata=describe("Activities, outcomes, inputs and other things that are not it."),
    )


@dataclass(frozen=True, eq=False)
class Actor:
    """A person or group in the scenario, and how they stand to the widget.

    Either a group of its own (``id`` and ``name``) or a group of the course lexicon placed
    in this scenario (``group``); a placed group may add names and descriptions, and gives a
    ``reason`` whenever its relations differ from the lexicon's usual ones."""

    id: Slug | None = field(default=None, metadata=describe("This scenario's id for the actor."))
    group: Slug | None = field(
        default=None, metadata=describe("A group of course/lexicon.yaml placed in the scenario.")
    )
    name: Phrase | None = field(
        default=None, metadata=describe("How the solution names the actor (own actors).")
    )
    names: list[Phrase] = field(
        default_factory=list, metadata=describe("Other phrasings learners use for the actor.")
    )
    does: list[Phrase] = field(
        default_factory=list,
        metadata=describe(
            "What the actor does or is, in a few words ('file a claim', 'wait for a refund'):"
            " 'people who ...' is read against these."
        ),
    )
    relations: list[RelationText] = field(
        default_factory=list,
        metadata=describe(
            "How the actor stands to the widget: " + ", ".join(RELATIONS) + "."
            " serves, works_with and part_of name another actor: 'serves applicants'."
        ),
    )
    partial: list[PartialAnswer] = field(
        default_factory=list,
        metadata=describe("Vague names: half credit where the actor is right, with a nudge."),
    )
    members: list[Phrase] = field(
        default_factory=list,
        metadata=describe(
            "Kinds of this actor a learner may list after it, in brackets or after 'such as'"
            " ('requesters such as reporters and lawyers'): not counted as other groups."
        ),
    )
    says: Text | None = field(
        default=None,
        metadata=describe("The key's own words, added after the course's sentence about it."),
    )
    trap: Trap | None = field(
        default=None,
        metadata=describe("The trap naming this actor as the primary customer shows."),
    )
    reason: Text | None = field(
        default=None,
        metadata=describe(
            "Why a lexicon group plays another role here, or why one of its names means"
            " another group in this scenario; the trainer edition prints it."
        ),
    )
    role: RoleField | None = field(
        default=None,
        metadata=describe("Rare: a role that overrides the derived one (needs a reason)."),
    )

    def check(self) -> None:
        """An actor is its own group or a lexicon group, and its relations parse."""
        if (self.id is None) == (self.group is None):
            raise ValueError("an actor has either 'id' (its own) or 'group' (from the lexicon)")
        if self.id is not None and self.name is None:
            raise ValueError(f"actor {self.id!r}: 'name' is required")
        if self.id is not None and not self.relations:
            raise ValueError(f"actor {self.id!r}: 'relations' is required")
        if self.group is not None and self.name is not None:
            raise ValueError(f"group {self.group!r}: takes its name from the lexicon")
        for text in self.relations:
            Relation.parse(text)
        if self.role is not None and self.reason is None:
            raise ValueError(f"actor {self.ref!r}: a 'role' that overrides needs a 'reason'")

    @property
    def ref(self) -> str:
        """The actor's id in this scenario (a placed group is known by the group's id)."""
        return self.id or self.group or ""


@dataclass(frozen=True, eq=False)
class FieldSettings:
    """One question the exercise asks: points, hints and the explanation the solution gives."""

    points: Annotated[int, Rule(ge=1, le=10)] = 1
    min_items: Annotated[int, Rule(ge=1)] | None = field(
        default=None,
        metadata=describe("List fields: right entries needed for full credit (default: all)."),
    )
    hints: list[Text] = field(
        default_factory=list,
        metadata=describe("Progressive hints for this field, gentlest first."),
    )
    explanation: Text | None = field(
        default=None, metadata=describe("Why the answer is right, for the solution.")
    )


@dataclass(frozen=True, eq=False)
class TrapReading:
    """Another trap a reader could fairly see in the scenario: half credit, with the key's
    words on why the course reads it otherwise (never naming the course's reading)."""

    trap: Trap
    feedback: Text


@dataclass(frozen=True, eq=False)
class KeySource:
    """One exercise: its scenario as a model, the questions it asks, and how to teach it."""

    WHAT = "an answer key"

    format_version: Literal[2]
    id: Slug
    title: Text
    module: Slug
    source: Source = field(
        metadata=describe("The source document the scenario comes from, or original.")
    )
    scenario: Text
    asks: Annotated[list[FieldName], Rule(min_length=1)]
    widget: Widget
    actors: Annotated[list[Actor], Rule(min_length=1)]
    fields: dict[FieldName, FieldSettings]
    hints: Annotated[list[Text], Rule(min_length=1)] = field(
        metadata=describe("Progressive hints, gentlest first.")
    )
    rationale: Text
    trap: Trap | None = field(
        default=None,
        metadata=describe(
            "The trap this exercise practices most: the answer when it asks for 'trap'."
        ),
    )
    trap_readings: list[TrapReading] = field(
        default_factory=list,
        metadata=describe("Other traps a reader could fairly see here: half credit, a nudge."),
    )
    discussion: list[Text] = field(default_factory=list)
    adapted: bool = field(
        default=False,
        metadata=describe("The scenario adds details of its own to the source's case."),
    )

    def check(self) -> None:
        """What spans several parts: asked fields have settings, actors are named once and
        their relations point at actors of the scenario."""
        if len(set(self.asks)) != len(self.asks):
            raise ValueError("asks: a field is listed twice")
        for name in self.asks:
            if name not in self.fields:
                raise ValueError(f"fields.{name}: asked for in 'asks' but has no settings")
        for name, settings in self.fields.items():
            if name in SINGLE_FIELDS and settings.min_items is not None:
                raise ValueError(f"fields.{name}.min_items: a single-answer field has no items")
        if "trap" in self.asks and self.trap is None:
            raise ValueError("trap: the exercise asks which trap, so name it ('trap: <id>')")
        for i, reading in enumerate(self.trap_readings):
            if reading.trap == self.trap or "trap" not in self.asks:
                raise ValueError(
                    f"trap_readings.{i}: another trap than 'trap', in an exercise that asks it"
                )
        refs = [a.ref for a in self.actors]
        for i, ref in enumerate(refs):
            if refs.index(ref) != i:
                raise ValueError(f"actors.{i}: {ref!r} is listed twice")
        known = set(refs) | {"primary"}
        for i, actor in enumerate(self.actors):
            for text in actor.relations:
                rel = Relation.parse(text)
                if rel.target is not None and rel.target not in known:
                    raise ValueError(
                        f"actors.{i}.relations: {rel.target!r} is not an actor of this scenario"
                    )
                if rel.target == actor.ref:
                    raise ValueError(f"actors.{i}.relations: an actor cannot {rel.kind} itself")


# --- the course lexicon ---------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Group:
    """A group that comes up in nearly every scenario, declared once: how learners name it,
    what it usually does, and why it plays the role that follows."""

    id: Slug
    name: Phrase = field(metadata=describe("How the course names the group."))
    phrasings: Annotated[list[Phrase], Rule(min_length=1)]
    relations: Annotated[list[RelationText], Rule(min_length=1)] = field(
        metadata=describe("Its usual relations; 'works_with primary' for front-line staff.")
    )
    feedback: Text = field(
        metadata=describe("Why the group has its role, naming no exercise's answer.")
    )
    does: list[Phrase] = field(
        default_factory=list, metadata=describe("What the group does, for reading descriptions.")
    )
    trap: Trap | None = field(
        default=None,
        metadata=describe("The trap naming this group as the primary customer usually shows."),
    )
    population: bool = field(
        default=False,
        metadata=describe(
            "Names everybody in a place ('residents', 'taxpayers'): with a qualifier that"
            " describes an actor ('residents served by the programs') it names that actor."
        ),
    )

    def check(self) -> None:
        for text in self.relations:
            rel = Relation.parse(text)
            if rel.target not in (None, "primary"):
                raise ValueError(f"relations: a lexicon group can only {rel.kind} 'primary'")
            if rel.kind == "uses":
                raise ValueError(
                    "relations: no group is the primary customer by default ('uses'); a key"
                    " says who uses its widget"
                )


@dataclass(frozen=True, eq=False)
class TrapSource:
    """One of Module 2's four traps as learners write its name, for the question "which
    trap?": the ways of writing it a trainer accepts, half names, and what it is."""

    phrasings: Annotated[list[Phrase], Rule(min_length=1)] = field(
        metadata=describe("Ways of writing the trap's name a trainer accepts.")
    )
    about: Text = field(
        metadata=describe(
            "What the trap is, in a sentence: said to a learner who names it where another"
            " trap is at work."
        )
    )
    partial: list[PartialAnswer] = field(
        default_factory=list,
        metadata=describe("Half a name ('pressure'): half credit, with a nudge."),
    )


RelationName = Literal[tuple(RELATIONS)]  # type: ignore[valid-type]


@dataclass(frozen=True, eq=False)
class Sentences:
    """How the course explains a relation, a role and the things that are not the widget,
    in the feedback it writes from a scenario. ``{widget}``, ``{target}`` and ``{primary}``
    stand for the widget, the actor a relation names and the primary customer; ``{role}``
    for the roles that follow."""

    relations: dict[RelationName, Text] = field(
        metadata=describe("One sentence per relation, about 'they' (the actor).")
    )
    end_of_chain: Text = field(
        metadata=describe("Said of a primary customer whom others serve, instead of 'uses'.")
    )
    role: Text = field(metadata=describe("Said after the relation: ', which makes them {role}.'"))
    another: Text = field(
        metadata=describe("Said instead when the role answers another question of the exercise.")
    )
    widget: dict[Literal["activity", "outcome", "input", "person"], Text] = field(
        metadata=describe("What an activity, outcome, input or a group of people is not.")
    )
    a_thing: Text = field(metadata=describe("The widget named where a group is asked for."))
    not_here: Text = field(
        metadata=describe("A lexicon group of the asked role that the scenario does not show.")
    )
    trap_person: Text = field(
        metadata=describe("A group of people named where the exercise asks which trap.")
    )
    trap_other: Text = field(
        metadata=describe("Said after what another trap is, to a learner who named it.")
    )

    def check(self) -> None:
        missing = [r for r in RELATIONS if r not in self.relations]
        if missing:
            raise ValueError(f"relations: no sentence for {', '.join(missing)}")


@dataclass(frozen=True, eq=False)
class LexiconFile:
    """``lexicon.yaml``: the groups every scenario knows, each declared once, and the
    sentences the course explains relations with."""

    WHAT = "the lexicon"

    format_version: Literal[2]
    sentences: Sentences
    roles: dict[FieldName, Text] = field(
        metadata=describe("What each question asks for, as worksheets and handouts say it.")
    )
    groups: Annotated[list[Group], Rule(min_length=1)] = field(default_factory=list)
    traps: dict[Trap, TrapSource] = field(
        default_factory=dict,
        metadata=describe("The four traps as learners name them, by id."),
    )

    def check(self) -> None:
        """Every question and trap is defined; ids are unique."""
        missing = [f for f in FIELDS if f not in self.roles]
        if missing:
            raise ValueError(f"roles: no definition of {', '.join(missing)}")
        missing = [t for t in TRAPS if t not in self.traps]
        if missing:
            raise ValueError(f"traps: no entry for {', '.join(missing)}")
        ids = [g.id for g in self.groups]
        for i, gid in enumerate(ids):
            if ids.index(gid) != i:
                raise ValueError(f"groups.{i}.id: {gid!r} is used twice")


# --- modules --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ModuleSource:
    """A module of the course: the exercises of one chapter of the book, grouped and
    ordered as the book shows them, and named as the book names the chapter."""

    id: Slug
    title: Text = field(metadata=describe("The chapter's title, as the book's contents say it."))
    part: Text = field(metadata=describe("The book's part it is in: 'Part 2: Who is ...?'."))
    chapter: Text = field(metadata=describe("The chapter's page in the book: 'book/practice'."))
    pages: list[Text] = field(
        default_factory=list,
        metadata=describe("The chapter's other pages with exercises (its sections), in order."),
    )
    exercises: list[Slug] = field(
        default_factory=list,
        metadata=describe("Exercise ids in the book's order; keys not listed follow, by id."),
    )
    names_traps: bool = field(
        default=True,
        metadata=describe("False for modules taught before the traps: no trap is named."),
    )
    assessment: Literal["", "pre", "final"] = field(
        default="",
        metadata=describe(
            "'pre' for the pre-check, 'final' for the final assessment: each item is answered"
            " once, with no hints or solution before it is submitted. Empty for practice."
        ),
    )
    pass_mark: Annotated[int, Rule(ge=1, le=100)] = field(
        default=80,
        metadata=describe("The final assessment's pass mark, a percentage of its points."),
    )


@dataclass(frozen=True, eq=False)
class ModulesFile:
    """``modules.yaml``: the course's modules in teaching order."""

    WHAT = "the modules file"

    format_version: Literal[1]
    modules: Annotated[list[ModuleSource], Rule(min_length=1)]
    aliases: dict[Slug, Slug] = field(
        default_factory=dict,
        metadata=describe("Old exercise ids, each with the id it has now."),
    )

    def check(self) -> None:
        """An alias names an exercise of a module, and is not one itself."""
        listed = {ex for m in self.modules for ex in m.exercises}
        kinds = [m.assessment for m in self.modules if m.assessment]
        for kind in ("pre", "final"):
            if kinds.count(kind) > 1:
                raise ValueError(f"modules: more than one module has assessment {kind!r}")
        for old, new in self.aliases.items():
            if new not in listed:
                raise ValueError(f"aliases.{old}: {new!r} is not an exercise of any module")
            if old in listed:
                raise ValueError(f"aliases.{old}: is still the id of an exercise")


__all__ = [
    "FIELDS",
    "FORMAT_VERSION",
    "Actor",
    "FieldSettings",
    "Group",
    "KeySource",
    "LexiconFile",
    "ModuleSource",
    "ModulesFile",
    "NotTheWidget",
    "PartialAnswer",
    "Sentences",
    "TrapReading",
    "TrapSource",
    "Widget",
]
