"""Answer keys as the grader uses them, read from the compiled bundle.

Each key holds its scenario's model (the widget and the actors, with the roles the
doctrine gives them, :mod:`.doctrine`) and, written out from it when the course was
compiled (:mod:`~ams_exercises.authoring.scenario`), what each question accepts, gives half
credit for, and recognizes as wrong, with the feedback for each. :func:`key_for` reads one
key's JSON once per process; :func:`phrasings` prepares a field's phrasings for matching.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..errors import UnknownExerciseError
from .course import compiled, compiled_folder, compiled_key, on_change
from .matching import Candidate, Prepared
from .normalize import learn


@dataclass(frozen=True, eq=False)
class KeyItem:
    """One right answer: its canonical phrasing first, then others a trainer accepts."""

    accept: list[str]


@dataclass(frozen=True, eq=False)
class PartialAnswer:
    """An answer that is on the way but too vague: half credit and a nudge."""

    answers: list[str]
    feedback: str
    #: The scenario's actor these vague names stand for (``None``: the widget's).
    actor: str | None = None


@dataclass(frozen=True, eq=False)
class WrongAnswer:
    """A tempting wrong answer: the role it really is and the trap it shows."""

    answers: list[str]
    feedback: str
    recognized_as: str | None = None
    trap: str | None = None
    #: The lexicon group this entry is, when the scenario does not place it (its phrasings
    #: and feedback are the lexicon's own): the page receives such a group once.
    group: str | None = None
    #: The scenario's actor this entry names (``None`` for what is not a person).
    actor: str | None = None


@dataclass(frozen=True, eq=False)
class FieldKey:
    """What the key accepts for one field. Single fields use ``accept``, list fields ``items``."""

    points: int = 1
    accept: list[str] | None = None
    items: list[KeyItem] | None = None
    min_items: int | None = None
    partial: list[PartialAnswer] = field(default_factory=list)
    wrong: list[WrongAnswer] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    explanation: str | None = None
    #: The actor each right item is (list fields), or the primary customer's (single).
    actors: list[str] = field(default_factory=list)

    @property
    def expected(self) -> list[KeyItem]:
        """The right answers as items, for single and list fields alike."""
        return self.items if self.items is not None else [KeyItem(accept=self.accept or [])]

    @property
    def needed(self) -> int:
        """How many right items give full credit."""
        return self.min_items or len(self.expected)

    @property
    def canonical(self) -> list[str]:
        """The canonical phrasing of each right answer."""
        return [item.accept[0] for item in self.expected]


@dataclass(frozen=True, eq=False)
class NotTheWidget:
    """Something learners name for the widget that is not it."""

    answers: list[str]
    kind: str  # activity | outcome | input | other
    says: str | None = None
    trap: str | None = None


@dataclass(frozen=True, eq=False)
class Widget:
    """The countable thing the scenario's system delivers."""

    name: str
    names: list[str]
    partial: list[PartialAnswer]
    not_it: list[NotTheWidget]


@dataclass(frozen=True, eq=False)
class Actor:
    """A person or group in the scenario, how they stand to the widget, and their roles."""

    ref: str
    name: str
    names: list[str]
    does: list[str]
    relations: list[str]  # "uses", "serves applicants"...
    roles: list[str]  # field names, or one kind ("own-organization"...) when no role
    group: str | None = None  # the lexicon group it is
    placed: bool = True  # the key places it; False: a lexicon group with its usual relations
    reason: str | None = None
    says: str | None = None
    trap: str | None = None
    population: bool = False
    #: Kinds of this actor a learner may list after it ("requesters such as reporters").
    members: list[str] = field(default_factory=list)
    #: How a drawing or a solution names the actor: the scenario's own words for it.
    label: str = ""

    @property
    def role(self) -> str | None:
        """The actor's first role, or ``None`` when it plays none."""
        from .doctrine import is_role

        return next((r for r in self.roles if is_role(r)), None)


@dataclass(frozen=True, eq=False)
class AnswerKey:
    """One exercise: its scenario, the fields it asks for, and how each is judged."""

    id: str
    title: str
    module: str
    source: str
    scenario: str
    asks: list[str]
    fields: dict[str, FieldKey]
    hints: list[str]
    rationale: str
    widget: Widget
    actors: list[Actor]
    trap: str | None = None
    discussion: list[str] = field(default_factory=list)
    minutes: int = 10
    adapted: bool = False

    @property
    def max_score(self) -> int:
        """Points available: the sum over the asked fields."""
        return sum(self.fields[name].points for name in self.asks)

    def actor(self, ref: str) -> Actor:
        """The actor ``ref`` of this scenario."""
        return next(a for a in self.actors if a.ref == ref)

    @property
    def placed(self) -> list[Actor]:
        """The scenario's own actors and the lexicon groups it places, in the key's order."""
        return [a for a in self.actors if a.placed]


@dataclass(frozen=True, eq=False)
class Module:
    """A module of the course: the exercises of one chapter of the book, in its order."""

    id: str
    title: str  # the chapter's title: "What to stop: the four traps"
    chapter: str  # its page: "book/primary-customer/traps"
    part: str = ""  # "Part 2: Who is your primary customer?"
    pages: list[str] = field(default_factory=list)  # its sections with exercises
    exercises: list[str] = field(default_factory=list)
    names_traps: bool = True
    assessment: str = ""  # "pre", "final", or "" for practice
    pass_mark: int = 80  # the final assessment's, in percent of its points

    @property
    def name(self) -> str:
        """The chapter as learners and trainers see it named: "Part 2, What to stop: the
        four traps" (the book's part, then its title; the title alone when a part is named
        as its one chapter is)."""
        part = self.part.split(":")[0]
        return f"{part}, {self.title}" if part and part != self.title else self.title


def module_numbers(module_ids: Sequence[str]) -> dict[str, int]:
    """Each module's number in course order: from 1, with the pre-check (taken before the
    first lesson) as 0, so that adding or dropping it never renumbers the lessons."""
    mods = modules()
    out: dict[str, int] = {}
    n = 0
    for mid in module_ids:
        pre = mods[mid].assessment == "pre" if mid in mods else False
        out[mid] = 0 if pre and not out else (n := n + 1)
    return out


# --- built from the compiled data -----------------------------------------------------------


def _partial(data: dict[str, Any]) -> PartialAnswer:
    return PartialAnswer(list(data["answers"]), data["feedback"], data.get("actor"))


def _field(data: dict[str, Any]) -> FieldKey:
    return FieldKey(
        points=data["points"],
        accept=data.get("accept"),
        items=[KeyItem(list(i)) for i in data["items"]] if "items" in data else None,
        min_items=data.get("min_items"),
        partial=[_partial(p) for p in data["partial"]],
        wrong=[
            WrongAnswer(
                list(w["answers"]),
                w["feedback"],
                w.get("recognized_as"),
                w.get("trap"),
                w.get("group"),
                w.get("actor"),
            )
            for w in data["wrong"]
        ],
        hints=list(data["hints"]),
        explanation=data.get("explanation"),
        actors=list(data.get("actors", ())),
    )


def key_from_data(data: dict[str, Any]) -> AnswerKey:
    """A key from its compiled JSON (its texts' readings, if written, are taken up)."""
    learn(data.get("readings", {}))
    widget = data["widget"]
    return AnswerKey(
        id=data["id"],
        title=data["title"],
        module=data["module"],
        source=data["source"],
        scenario=data["scenario"],
        asks=list(data["asks"]),
        fields={name: _field(f) for name, f in data["fields"].items()},
        hints=list(data["hints"]),
        rationale=data["rationale"],
        widget=Widget(
            widget["name"],
            list(widget["names"]),
            [_partial(p) for p in widget["partial"]],
            [NotTheWidget(**n) for n in widget["not_it"]],
        ),
        actors=[Actor(**a) for a in data["actors"]],
        trap=data.get("trap"),
        discussion=list(data.get("discussion", ())),
        minutes=data.get("minutes", 10),
        adapted=data.get("adapted", False),
    )


# --- the phrasings of a field, prepared for matching ---------------------------------------


def phrasings(key: AnswerKey, name: str) -> Prepared:
    """Every phrasing ``key`` knows that an answer to field ``name`` might name: its right,
    partly right and wrong answers, prepared for matching. Worked out once per key and
    field, and kept with the key."""
    memo = key.__dict__.get("_phrasings")
    if memo is None:
        memo = {}
        object.__setattr__(key, "_phrasings", memo)
    if name not in memo:
        memo[name] = Prepared.of(_candidates(key, name))
    return memo[name]


def _candidates(key: AnswerKey, name: str) -> tuple[Candidate, ...]:
    fk = key.fields[name]
    right = fk.actors if name != "widget" else ["widget"]
    out = [
        Candidate.of(p, "accept", i, name, right[i] if i < len(right) else None)
        for i, item in enumerate(fk.expected)
        for p in item.accept
    ]
    if name == "primary_customer" and right:
        # one item holds every primary actor's names: each phrasing knows its own actor
        owner = {p: a.ref for a in key.actors if a.ref in right for p in _names(a)}
        out = [
            c._replace(actor=owner.get(p, right[0]))
            for c, p in zip(out, fk.expected[0].accept, strict=True)
        ]
    out += [
        Candidate.of(p, "partial", i, name, part.actor or (right[0] if name == "widget" else None))
        for i, part in enumerate(fk.partial)
        for p in part.answers
    ]
    out += [
        Candidate.of(p, "wrong", i, name, w.actor)
        for i, w in enumerate(fk.wrong)
        for p in w.answers
    ]
    return tuple(out)


def _names(actor: Actor) -> list[str]:
    return [actor.name, *actor.names] if actor.group is None else list(actor.names)


# --- the course's keys and modules ----------------------------------------------------------


@lru_cache(maxsize=1)
def modules() -> dict[str, Module]:
    """The course's modules in teaching order, by id."""
    return {m["id"]: Module(**m) for m in compiled()["modules"]}


def aliases() -> dict[str, str]:
    """Old exercise ids and the ids they have now (``aliases`` in ``course/modules.yaml``)."""
    return dict(compiled()["aliases"])


def canonical_id(exercise_id: object) -> object:
    """The id ``exercise_id`` has now: the one place an old id is read as its new one."""
    if isinstance(exercise_id, str):
        return compiled()["aliases"].get(exercise_id.strip(), exercise_id)
    return exercise_id


def key_ids() -> list[str]:
    """Every exercise id that has an answer key, by id."""
    return list(compiled()["keys"])


def not_an_id(name: object, known: list[str] | None = None) -> str:
    """Why ``name`` is not an exercise id, with the closest ids when there are any:
    "is not an exercise id; did you mean 'contractor-license'? (...)"."""
    import difflib  # only for a mistyped id

    ids = key_ids() if known is None else known
    close = difflib.get_close_matches(name, ids, n=2, cutoff=0.75) if isinstance(name, str) else []
    guess = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"is not an exercise id{guess} (`ams-exercises list` shows them all)"


def compiled_path(exercise_id: str) -> str:
    """The compiled file of ``exercise_id``'s key (a page that shows it depends on it)."""
    return str(compiled_folder() / "keys" / f"{exercise_id}.json")


def key_for(exercise_id: str) -> AnswerKey:
    """The key of ``exercise_id`` (an old id works too), or :class:`UnknownExerciseError`."""
    if isinstance(exercise_id, str):
        return _key_for(canonical_id(exercise_id))
    raise UnknownExerciseError(repr(exercise_id), not_an_id(exercise_id))


@cache
def _key_for(exercise_id: str) -> AnswerKey:
    if not isinstance(exercise_id, str) or exercise_id not in compiled()["keys"]:
        raise UnknownExerciseError(repr(exercise_id), not_an_id(exercise_id))
    return key_from_data(compiled_key(exercise_id))


def all_keys() -> list[AnswerKey]:
    """Every key, in course order: by module, then as the module's ``exercises`` list in
    ``course/modules.yaml`` orders them, then (for ids it does not list) by id."""
    mods = modules()
    order = list(mods)

    def place(key: AnswerKey) -> tuple[int, int, str]:
        listed = mods[key.module].exercises
        at = listed.index(key.id) if key.id in listed else len(listed)
        return (order.index(key.module), at, key.id)

    return sorted((key_for(i) for i in key_ids()), key=place)


@on_change
def forget() -> None:
    """Forget the keys and modules read so far (after the bundle was compiled again)."""
    _key_for.cache_clear()
    modules.cache_clear()
    compiled.cache_clear()
