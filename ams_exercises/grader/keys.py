"""Answer keys and modules: their models, and the one loader that checks them.

One YAML file per exercise in ``course/keys/``. :func:`load_key` checks a file against
:class:`AnswerKey` (``format_version`` 1) and fails with the file, the field and what is
wrong. ``course/schemas/answer-key.schema.json`` is generated from these models
(``ams-exercises dev schemas``), for editors and for reviewers.

:func:`key_for` gives the course's key of an exercise with the lexicon merged in and its
phrasings prepared for matching (:func:`phrasings`), and keeps it between runs
(:mod:`~ams_exercises.files.cache`) until the key, the modules, the lexicon or the
language rules change: a learner's check reads one small file instead of four YAML files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from ..errors import KeyFileError, UnknownExerciseError
from ..files.cache import remembered
from ..files.models import Rule, describe
from ..files.reading import load_yaml_file
from .course import KEYS_DIR, LANGUAGE_FILE, LEXICON_FILE, MODULES_FILE, load_course_file
from .matching import Candidate, Prepared
from .normalize import normal
from .vocabulary import FIELDS, SINGLE_FIELDS, FieldName, OverrideRole, Role, Source, Trap

if TYPE_CHECKING:
    from .lexicon import Group

FORMAT_VERSION = 1

Text = Annotated[str, Rule(strip=True, min_length=1)]
Phrase = Annotated[str, Rule(strip=True, min_length=1, max_length=200)]
Slug = Annotated[str, Rule(pattern=r"[a-z0-9]+(-[a-z0-9]+)*", max_length=60)]
Phrases = Annotated[list[Phrase], Rule(min_length=1)]


@dataclass(frozen=True, eq=False)
class KeyItem:
    """One right answer: its canonical phrasing first, then others a trainer accepts."""

    accept: Phrases = field(metadata=describe("Canonical phrasing first."))


@dataclass(frozen=True, eq=False)
class PartialAnswer:
    """An answer that is on the way but too vague: half credit and a nudge."""

    answers: Phrases
    feedback: Text


@dataclass(frozen=True, eq=False)
class WrongAnswer:
    """A tempting wrong answer: the role it really is and the trap it shows."""

    answers: Phrases
    feedback: Text
    recognized_as: Role | None = field(
        default=None, metadata=describe("The role this answer really plays.")
    )
    trap: Trap | None = field(
        default=None, metadata=describe("The Module 2 trap this answer falls into.")
    )
    #: The lexicon group this entry was added from; ``None`` for the key's own entries.
    group: str | None = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, eq=False)
class Override:
    """A lexicon group that plays another role in this scenario than its default, and why."""

    group: Slug = field(metadata=describe("The id of a group in course/lexicon.yaml."))
    role: OverrideRole = field(metadata=describe("What the group is in this scenario."))
    reason: Text = field(metadata=describe("Why; the trainer edition prints it."))


@dataclass(frozen=True, eq=False)
class FieldKey:
    """What the key accepts for one field. Single fields use ``accept``, list fields ``items``."""

    points: Annotated[int, Rule(ge=1, le=10)] = 1
    accept: list[Phrase] | None = field(
        default=None, metadata=describe("Single fields: phrasings, canonical first.")
    )
    items: list[KeyItem] | None = field(
        default=None, metadata=describe("List fields: the expected items.")
    )
    min_items: Annotated[int, Rule(ge=1)] | None = field(
        default=None,
        metadata=describe("List fields: right items needed for full credit (default: all)."),
    )
    partial: list[PartialAnswer] = field(default_factory=list)
    wrong: list[WrongAnswer] = field(default_factory=list)
    hints: list[Text] = field(
        default_factory=list,
        metadata=describe("Progressive hints for this field, gentlest first."),
    )
    explanation: Text | None = field(
        default=None, metadata=describe("Why the answer is right, for the solution.")
    )

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
class AnswerKey:
    """One exercise: its scenario, the fields it asks for, and how each is judged."""

    WHAT = "an answer key"

    format_version: Literal[1]
    id: Slug
    title: Text
    module: Slug
    source: Source = field(
        metadata=describe("The source document the scenario comes from, or original.")
    )
    scenario: Text
    asks: Annotated[list[FieldName], Rule(min_length=1)]
    fields: dict[FieldName, FieldKey]
    hints: Annotated[list[Text], Rule(min_length=1)] = field(
        metadata=describe("Progressive hints, gentlest first.")
    )
    rationale: Text
    trap: Trap | None = field(
        default=None, metadata=describe("The trap this exercise practices most.")
    )
    discussion: list[Text] = field(default_factory=list)
    minutes: Annotated[int, Rule(ge=1, le=120)] = 10
    adapted: bool = field(
        default=False,
        metadata=describe("The scenario adds details of its own to the source's case."),
    )
    overrides: list[Override] = field(
        default_factory=list,
        metadata=describe(
            "Lexicon groups that play another role here than their default, with the reason."
        ),
    )

    def check(self) -> None:
        """What spans several fields: each asked field has answers of the right shape."""
        if len(set(self.asks)) != len(self.asks):
            raise ValueError("asks: a field is listed twice")
        for name in self.asks:
            if name not in self.fields:
                raise ValueError(f"fields.{name}: asked for in 'asks' but has no answers")
        for name, fk in self.fields.items():
            where = f"fields.{name}"
            if name in SINGLE_FIELDS:
                if fk.accept is None or fk.items is not None or fk.min_items is not None:
                    raise ValueError(f"{where}: a single-answer field takes 'accept', not 'items'")
            elif fk.items is None or fk.accept is not None:
                raise ValueError(f"{where}: a list field takes 'items', not 'accept'")
            if fk.min_items is not None and fk.min_items > len(fk.expected):
                raise ValueError(
                    f"{where}.min_items: more than the {len(fk.expected)} items listed"
                )
            _check_phrases(where, fk)
        groups = [o.group for o in self.overrides]
        if len(set(groups)) != len(groups):
            raise ValueError("overrides: a group is listed twice")

    @property
    def max_score(self) -> int:
        """Points available: the sum over the asked fields."""
        return sum(self.fields[name].points for name in self.asks)


def _check_phrases(where: str, fk: FieldKey) -> None:
    """Every phrasing must mean something after normalization and belong to one answer only."""
    seen: dict[str, str] = {}
    groups = [
        (f"items[{i}].accept" if fk.items else "accept", it.accept)
        for i, it in enumerate(fk.expected)
    ]
    groups += [(f"partial[{i}].answers", p.answers) for i, p in enumerate(fk.partial)]
    groups += [(f"wrong[{i}].answers", w.answers) for i, w in enumerate(fk.wrong)]
    for label, phrases in groups:
        for phrase in phrases:
            norm = normal(phrase)
            if not norm:
                raise ValueError(f"{where}.{label}: {phrase!r} has no words left once normalized")
            if norm in seen and seen[norm] != label:
                raise ValueError(f"{where}.{label}: {phrase!r} is also listed in {seen[norm]}")
            seen[norm] = label


@dataclass(frozen=True, eq=False)
class Module:
    """A module of the course: exercises are grouped and ordered by it."""

    id: Slug
    title: Text
    chapter: Text
    exercises: list[Slug] = field(
        default_factory=list,
        metadata=describe("Exercise ids in teaching order; keys not listed follow, by id."),
    )
    names_traps: bool = field(
        default=True,
        metadata=describe("False for modules taught before the traps: no trap is named."),
    )


@dataclass(frozen=True, eq=False)
class ModulesFile:
    """``modules.yaml``: the course's modules in teaching order."""

    WHAT = "the modules file"

    format_version: Literal[1]
    modules: Annotated[list[Module], Rule(min_length=1)]
    aliases: dict[Slug, Slug] = field(
        default_factory=dict,
        metadata=describe("Old exercise ids, each with the id it has now."),
    )

    def check(self) -> None:
        """An alias names an exercise of a module, and is not one itself."""
        listed = {ex for m in self.modules for ex in m.exercises}
        for old, new in self.aliases.items():
            if new not in listed:
                raise ValueError(f"aliases.{old}: {new!r} is not an exercise of any module")
            if old in listed:
                raise ValueError(f"aliases.{old}: is still the id of an exercise")


def load_key(path: Path) -> AnswerKey:
    """Load and validate one answer key, or raise :class:`KeyFileError` naming file and field.

    The key comes back with the course lexicon merged in (:func:`merged`)."""
    key = load_own_key(path)
    return merged(key, name_traps=modules()[key.module].names_traps)


def load_own_key(path: Path) -> AnswerKey:
    """One answer key, validated, as its file says: without the lexicon merged in."""
    data = load_yaml_file(path, error=KeyFileError)
    if not isinstance(data, dict):
        raise KeyFileError(path, "must be a mapping of fields (id, title, scenario, ...)")
    if data.get("format_version") not in (None, FORMAT_VERSION):
        raise KeyFileError(
            path,
            f"format_version {data.get('format_version')!r} is not supported"
            f" (use {FORMAT_VERSION})",
        )
    key = load_course_file(path, AnswerKey, data)
    if key.id != path.stem:
        raise KeyFileError(path, f"field 'id': {key.id!r} must match the file name {path.stem!r}")
    if key.module not in modules():
        raise KeyFileError(path, f"field 'module': {key.module!r} is not a module of the course")
    groups = lexicon()
    for i, override in enumerate(key.overrides):
        if override.group not in groups:
            raise KeyFileError(
                path,
                f"field 'overrides.{i}.group': {override.group!r} is not a group of"
                " course/lexicon.yaml",
            )
    return key


# --- the phrasings of a field, prepared for matching ---------------------------------------


def phrasings(key: AnswerKey, name: str) -> Prepared:
    """Every phrasing ``key`` knows that an answer to field ``name`` might name: its right,
    partly right and wrong answers, then the right answers of its other fields, prepared
    for matching. Worked out once per key and field and kept with the key, so a key
    remembered between runs (:func:`key_for`) brings them along."""
    memo = key.__dict__.get("_phrasings")
    if memo is None:
        memo = {}
        object.__setattr__(key, "_phrasings", memo)
    if name not in memo:
        memo[name] = Prepared.of(_candidates(key, name))
    return memo[name]


def _candidates(key: AnswerKey, name: str) -> tuple[Candidate, ...]:
    fk = key.fields[name]
    out = [
        Candidate.of(p, "accept", i, name)
        for i, item in enumerate(fk.expected)
        for p in item.accept
    ]
    out += [
        Candidate.of(p, "partial", i, name)
        for i, part in enumerate(fk.partial)
        for p in part.answers
    ]
    out += [Candidate.of(p, "wrong", i, name) for i, w in enumerate(fk.wrong) for p in w.answers]
    for other, ok in key.fields.items():
        if other != name:
            out += [
                Candidate.of(p, "elsewhere", i, other)
                for i, it in enumerate(ok.expected)
                for p in it.accept
            ]
    return tuple(out)


def _prepared(key: AnswerKey) -> AnswerKey:
    """``key`` with the phrasings of the fields it asks worked out (to be remembered)."""
    for name in key.asks:
        phrasings(key, name)
    return key


# --- the course lexicon, merged into each key -----------------------------------------------


def lexicon() -> dict[str, Group]:
    """The lexicon's groups by id (:func:`.lexicon.lexicon`), loaded only when a key is read
    from its file: a key remembered between runs has the lexicon merged in already."""
    from .lexicon import lexicon as groups

    return groups()


def role_in(key: AnswerKey, group_id: str) -> str:
    """The role ``group_id`` plays in ``key``: the key's override, else the default."""
    for override in key.overrides:
        if override.group == group_id:
            return override.role
    return lexicon()[group_id].role


def merged(key: AnswerKey, *, name_traps: bool = True) -> AnswerKey:
    """``key`` with the lexicon's groups added as wrong answers to each field it asks.

    Added entries carry ``group`` (the lexicon id), so a surface can tell them from the
    key's own. ``name_traps`` False leaves traps out (modules taught before the traps).
    The key's own answers win: a phrasing is not added to a field that lists it, nor where
    the key accepts it in a field of another role than the group's. For a group the key
    overrides, the phrasings the key lists itself take the override's role and reason in
    the other fields; the group's other phrasings keep their default."""
    overrides = {o.group: o for o in key.overrides}
    accepted_in: dict[str, set[str]] = {}
    for field_name, fk in key.fields.items():
        for p in (p for it in fk.expected for p in it.accept):
            accepted_in.setdefault(normal(p), set()).add(field_name)
    listed = set(accepted_in) | {
        normal(p) for fk in key.fields.values() for e in (*fk.partial, *fk.wrong) for p in e.answers
    }
    fields = dict(key.fields)
    for name in key.asks:  # a field the key does not ask is only read for its right answers
        fk = key.fields[name]
        own = {normal(p) for entry in (*fk.partial, *fk.wrong) for p in entry.answers}
        own |= {normal(p) for it in fk.expected for p in it.accept}
        added = []
        for group in lexicon().values():
            override = overrides.get(group.id)
            mine = [p for p in group.phrasings if override and normal(p) in listed]
            rest = [
                p
                for p in group.phrasings
                if p not in mine and accepted_in.get(normal(p), {group.role}) <= {group.role}
            ]
            if group.role != name:
                trap = group.trap if name_traps and name == "primary_customer" else None
                added += _entry(group.id, rest, own, group.role, group.feedback, trap)
            if override and override.role != name:
                mine = [p for p in mine if not accepted_in.get(normal(p))]
                added += _entry(group.id, mine, own, override.role, override.reason, None)
        fields[name] = dataclasses.replace(fk, wrong=[*fk.wrong, *added]) if added else fk
    return dataclasses.replace(key, fields=fields)


def _entry(
    group: str, phrases: list[str], own: set[str], role: str, feedback: str, trap: str | None
) -> list[WrongAnswer]:
    """One wrong answer for the ``phrases`` the field does not know yet (none if it knows all)."""
    new = [p for p in phrases if normal(p) not in own]
    if not new:
        return []
    wrong = WrongAnswer(
        answers=new,
        feedback=feedback,
        recognized_as=role if role in FIELDS else None,
        trap=trap,
    )
    object.__setattr__(wrong, "group", group)
    return [wrong]


@lru_cache(maxsize=1)
def _modules_file() -> ModulesFile:
    return remembered(
        "modules", (MODULES_FILE,), lambda: load_course_file(MODULES_FILE, ModulesFile)
    )


def modules() -> dict[str, Module]:
    """The course's modules in teaching order, by id."""
    return {m.id: m for m in _modules_file().modules}


def aliases() -> dict[str, str]:
    """Old exercise ids and the ids they have now (``aliases`` in ``course/modules.yaml``)."""
    return dict(_modules_file().aliases)


def canonical_id(exercise_id: object) -> object:
    """The id ``exercise_id`` has now: the one place an old id is read as its new one."""
    if isinstance(exercise_id, str):
        return _modules_file().aliases.get(exercise_id.strip(), exercise_id)
    return exercise_id


def key_ids() -> list[str]:
    """Every exercise id that has an answer key (file names, no parsing)."""
    return sorted(p.stem for p in KEYS_DIR.glob("*.yaml"))


def not_an_id(name: object, known: list[str] | None = None) -> str:
    """Why ``name`` is not an exercise id, with the closest ids when there are any:
    "is not an exercise id; did you mean 'contractor-license'? (...)"."""
    import difflib  # only for a mistyped id

    ids = key_ids() if known is None else known
    close = difflib.get_close_matches(name, ids, n=2, cutoff=0.75) if isinstance(name, str) else []
    guess = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"is not an exercise id{guess} (`ams-exercises list` shows them all)"


def key_path(exercise_id: str) -> Path:
    """Where the key of ``exercise_id`` is (or would be)."""
    return KEYS_DIR / f"{exercise_id}.yaml"


def key_for(exercise_id: str) -> AnswerKey:
    """The validated key of ``exercise_id`` (an old id works too), or
    :class:`UnknownExerciseError`."""
    if isinstance(exercise_id, str):
        return _key_for(canonical_id(exercise_id))
    raise UnknownExerciseError(repr(exercise_id), not_an_id(exercise_id))


@cache
def _key_for(exercise_id: str) -> AnswerKey:
    if (
        not isinstance(exercise_id, str)
        or exercise_id not in key_ids()
        or not key_path(exercise_id).is_file()
    ):
        raise UnknownExerciseError(repr(exercise_id), not_an_id(exercise_id))
    path = key_path(exercise_id)
    return remembered(f"key-{exercise_id}", key_sources(path), lambda: _prepared(load_key(path)))


def key_sources(path: Path) -> tuple[Path, ...]:
    """The files a key loaded from ``path`` is made of: itself and the course files merged
    into it (the modules, the lexicon, and the language rules its phrasings are read by)."""
    return (path, MODULES_FILE, LEXICON_FILE, LANGUAGE_FILE)


key_for.cache_clear = _key_for.cache_clear  # type: ignore[attr-defined]


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
