"""Answer keys: the declared schema, and the one loader that validates them.

One YAML file per exercise in ``ams_exercises/keys/``. :func:`load_key` checks a file
against :class:`AnswerKey` (``format_version`` 1) and fails with the file, the field and
what is wrong. The JSON Schema in ``schemas/answer-key.schema.json`` is generated from
these models (``python -m ams_exercises.schemas``), for editors and for reviewers.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from . import PACKAGE_DIR
from .errors import KeyFileError, UnknownExerciseError
from .normalize import normal
from .vocabulary import FIELDS, ROLES, SINGLE_FIELDS, TRAPS
from .yamlio import load_yaml_file

KEYS_DIR = PACKAGE_DIR / "keys"
MODULES_FILE = PACKAGE_DIR / "data" / "modules.yaml"
FORMAT_VERSION = 1

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
FieldName = Literal[
    "widget",
    "primary_customer",
    "strategic_customers",
    "operational_support",
    "stakeholders",
    "investors",
]
Role = Literal[
    "widget",
    "primary_customer",
    "strategic_customers",
    "operational_support",
    "stakeholders",
    "investors",
    "activity",
    "outcome",
]
Trap = Literal[
    "pressure-and-proximate", "wrong-person-wrong-problem", "internal-over-external", "presumption"
]
Source = Literal["knowing-your-customer", "module-2", "we-dont-make-widgets", "original"]

assert set(FieldName.__args__) == set(FIELDS)  # type: ignore[attr-defined]
assert set(Role.__args__) == set(ROLES)  # type: ignore[attr-defined]
assert set(Trap.__args__) == set(TRAPS)  # type: ignore[attr-defined]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyItem(_Strict):
    """One right answer: its canonical phrasing first, then others a trainer accepts."""

    accept: list[Phrase] = Field(min_length=1, description="Canonical phrasing first.")


class PartialAnswer(_Strict):
    """An answer that is on the way but too vague: half credit and a nudge."""

    answers: list[Phrase] = Field(min_length=1)
    feedback: Text


class WrongAnswer(_Strict):
    """A tempting wrong answer: the role it really is and the trap it shows."""

    answers: list[Phrase] = Field(min_length=1)
    recognized_as: Role | None = Field(None, description="The role this answer really plays.")
    trap: Trap | None = Field(None, description="The Module 2 trap this answer falls into.")
    feedback: Text


class FieldKey(_Strict):
    """What the key accepts for one field. Single fields use ``accept``, list fields ``items``."""

    points: int = Field(1, ge=1, le=10)
    accept: list[Phrase] | None = Field(
        None, description="Single fields: phrasings, canonical first."
    )
    items: list[KeyItem] | None = Field(None, description="List fields: the expected items.")
    min_items: int | None = Field(
        None, ge=1, description="List fields: right items needed for full credit (default: all)."
    )
    partial: list[PartialAnswer] = []
    wrong: list[WrongAnswer] = []
    hints: list[Text] = Field([], description="Progressive hints for this field, gentlest first.")
    explanation: Text | None = Field(None, description="Why the answer is right, for the solution.")

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


class AnswerKey(_Strict):
    """One exercise: its scenario, the fields it asks for, and how each is judged."""

    format_version: Literal[1]
    id: Slug
    title: Text
    module: Slug
    source: Source = Field(description="The source document the scenario comes from, or original.")
    trap: Trap | None = Field(None, description="The trap this exercise practises most.")
    scenario: Text
    asks: list[FieldName] = Field(min_length=1)
    fields: dict[FieldName, FieldKey]
    hints: list[Text] = Field(min_length=1, description="Progressive hints, gentlest first.")
    rationale: Text
    discussion: list[Text] = []
    minutes: int = Field(10, ge=1, le=120)

    @model_validator(mode="after")
    def _consistent(self) -> AnswerKey:
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
        return self

    @property
    def max_score(self) -> int:
        """Points available: the sum over the asked fields."""
        return sum(self.fields[name].points for name in self.asks)


def _check_phrases(where: str, fk: FieldKey) -> None:
    """Every phrasing must mean something after normalisation and belong to one answer only."""
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
                raise ValueError(f"{where}.{label}: {phrase!r} has no words left once normalised")
            if norm in seen and seen[norm] != label:
                raise ValueError(f"{where}.{label}: {phrase!r} is also listed in {seen[norm]}")
            seen[norm] = label


class Module(_Strict):
    """A module of the course: exercises are grouped and ordered by it."""

    id: Slug
    title: Text
    chapter: Text
    exercises: list[Slug] = Field(
        [], description="Exercise ids in teaching order; keys not listed follow, by id."
    )


class _ModulesFile(_Strict):
    format_version: Literal[1]
    modules: list[Module] = Field(min_length=1)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "is not a field of an answer key"
    elif err["type"] == "literal_error" and err.get("ctx"):
        msg = f"must be one of {err['ctx'].get('expected')}"
    if msg.startswith(("fields.", "asks")):  # our validator already names the field
        return msg
    return f"field '{loc}': {msg}" if loc else msg


def load_key(path: Path) -> AnswerKey:
    """Load and validate one answer key, or raise :class:`KeyFileError` naming file and field."""
    data = load_yaml_file(path, error=KeyFileError)
    if not isinstance(data, dict):
        raise KeyFileError(path, "must be a mapping of fields (id, title, scenario, ...)")
    if data.get("format_version") not in (None, FORMAT_VERSION):
        raise KeyFileError(
            path,
            f"format_version {data.get('format_version')!r} is not supported"
            f" (use {FORMAT_VERSION})",
        )
    try:
        key = AnswerKey.model_validate(data)
    except ValidationError as exc:
        raise KeyFileError(path, _first_error(exc)) from None
    if key.id != path.stem:
        raise KeyFileError(path, f"field 'id': {key.id!r} must match the file name {path.stem!r}")
    if key.module not in modules():
        raise KeyFileError(path, f"field 'module': {key.module!r} is not a module of the course")
    return key


@lru_cache(maxsize=1)
def modules() -> dict[str, Module]:
    """The course's modules in teaching order, by id."""
    data = load_yaml_file(MODULES_FILE, error=KeyFileError)
    try:
        parsed = _ModulesFile.model_validate(data)
    except ValidationError as exc:
        raise KeyFileError(MODULES_FILE, _first_error(exc)) from None
    return {m.id: m for m in parsed.modules}


def key_ids() -> list[str]:
    """Every exercise id that has an answer key (file names, no parsing)."""
    return sorted(p.stem for p in KEYS_DIR.glob("*.yaml"))


def not_an_id(name: object, known: list[str] | None = None) -> str:
    """Why ``name`` is not an exercise id, with the closest ids when there are any:
    "is not an exercise id; did you mean 'contractor-licence'? (...)"."""
    import difflib

    ids = key_ids() if known is None else known
    close = difflib.get_close_matches(name, ids, n=2, cutoff=0.75) if isinstance(name, str) else []
    guess = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"is not an exercise id{guess} (`ams-exercises list` shows them all)"


@cache
def key_for(exercise_id: str) -> AnswerKey:
    """The validated key of ``exercise_id``, or :class:`UnknownExerciseError`."""
    if not isinstance(exercise_id, str) or not (KEYS_DIR / f"{exercise_id}.yaml").is_file():
        raise UnknownExerciseError(repr(exercise_id), not_an_id(exercise_id))
    return load_key(KEYS_DIR / f"{exercise_id}.yaml")


def all_keys() -> list[AnswerKey]:
    """Every key, in course order: by module, then as the module's ``exercises`` list in
    ``data/modules.yaml`` orders them, then (for ids it does not list) by id."""
    mods = modules()
    order = list(mods)

    def place(key: AnswerKey) -> tuple[int, int, str]:
        listed = mods[key.module].exercises
        at = listed.index(key.id) if key.id in listed else len(listed)
        return (order.index(key.module), at, key.id)

    return sorted((key_for(i) for i in key_ids()), key=place)
