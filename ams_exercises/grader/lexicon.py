"""The course-wide lexicon: groups that recur across exercises, each declared once.

``course/lexicon.yaml`` lists groups such as "the public", "the legislature", "IT" or
"front-line staff": their phrasings, the role the course gives them by default, the trap
they usually show, and feedback that explains the role in general terms. :func:`lexicon`
loads and checks the file; :func:`merged` adds the groups to one answer key, so the
matcher, the page, the handouts and the vectors see a key of the usual shape.

Precedence, field by field: a key's own answers win. A phrasing is not added to a field
when the key accepts it in any field, or lists it as partial or wrong in that field; a
group is not added to a field of its own role. A group the key ``overrides`` keeps its
default for the phrasings the key does not list; the ones the key lists take the
override's role and reason in the other fields (the trainer edition prints the reason).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Literal

from ..files.models import Rule, describe
from .course import LEXICON_FILE, load_course_file
from .normalize import normal
from .vocabulary import FIELDS, GroupRole, Trap

if TYPE_CHECKING:
    from .keys import AnswerKey, WrongAnswer

Text = Annotated[str, Rule(strip=True, min_length=1)]
Phrase = Annotated[str, Rule(strip=True, min_length=1, max_length=200)]
Slug = Annotated[str, Rule(pattern=r"[a-z0-9]+(-[a-z0-9]+)*", max_length=60)]


@dataclass(frozen=True, eq=False)
class Group:
    """One group of people learners name: how they say it and what role it plays."""

    id: Slug
    phrasings: Annotated[list[Phrase], Rule(min_length=1)]
    role: GroupRole = field(
        metadata=describe("Default role; the primary customer is never a default.")
    )
    feedback: Text = field(
        metadata=describe("Why the group has this role, naming no exercise's answer.")
    )
    trap: Trap | None = field(
        default=None,
        metadata=describe("The trap naming this group as the primary customer usually shows."),
    )


@dataclass(frozen=True, eq=False)
class LexiconFile:
    """``lexicon.yaml``: the groups every key knows, each declared once."""

    WHAT = "the lexicon"

    format_version: Literal[1]
    groups: Annotated[list[Group], Rule(min_length=1)]

    def check(self) -> None:
        """Ids are unique and a phrasing belongs to one group only."""
        ids: set[str] = set()
        seen: dict[str, str] = {}
        for i, group in enumerate(self.groups):
            if group.id in ids:
                raise ValueError(f"groups[{i}].id: {group.id!r} is used twice")
            ids.add(group.id)
            for phrase in group.phrasings:
                norm = normal(phrase)
                if not norm:
                    raise ValueError(f"groups[{i}].phrasings: {phrase!r} has no words")
                if seen.get(norm, group.id) != group.id:
                    raise ValueError(
                        f"groups[{i}].phrasings: {phrase!r} is also a phrasing of {seen[norm]!r}"
                    )
                seen[norm] = group.id


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Group]:
    """The lexicon's groups by id, checked and cached."""
    return {g.id: g for g in load_course_file(LEXICON_FILE, LexiconFile).groups}


@lru_cache(maxsize=1)
def group_of_phrase() -> dict[str, str]:
    """Normalized phrasing -> the id of the group it names."""
    return {normal(p): g.id for g in lexicon().values() for p in g.phrasings}


def role_in(key: AnswerKey, group_id: str) -> str:
    """The role ``group_id`` plays in ``key``: the key's override, else the default."""
    for override in key.overrides:
        if override.group == group_id:
            return override.role
    return lexicon()[group_id].role


def merged(key: AnswerKey, *, name_traps: bool = True) -> AnswerKey:
    """``key`` with the lexicon's groups added as wrong answers to each of its fields.

    Added entries carry ``group`` (the lexicon id), so a surface can tell them from the
    key's own. ``name_traps`` False leaves traps out (modules taught before the traps).
    For a group the key overrides, the phrasings the key lists itself take the override's
    role and reason in the other fields; the group's other phrasings keep their default."""
    overrides = {o.group: o for o in key.overrides}
    accepted = {normal(p) for fk in key.fields.values() for it in fk.expected for p in it.accept}
    listed = accepted | {
        normal(p) for fk in key.fields.values() for e in (*fk.partial, *fk.wrong) for p in e.answers
    }
    fields = {}
    for name, fk in key.fields.items():
        own = accepted | {normal(p) for entry in (*fk.partial, *fk.wrong) for p in entry.answers}
        added = []
        for group in lexicon().values():
            override = overrides.get(group.id)
            mine = [p for p in group.phrasings if override and normal(p) in listed]
            rest = [p for p in group.phrasings if p not in mine]
            if group.role != name:
                trap = group.trap if name_traps and name == "primary_customer" else None
                added += _entry(group.id, rest, own, group.role, group.feedback, trap)
            if override and override.role != name:
                added += _entry(group.id, mine, own, override.role, override.reason, None)
        fields[name] = dataclasses.replace(fk, wrong=[*fk.wrong, *added]) if added else fk
    return dataclasses.replace(key, fields=fields)


def _entry(
    group: str, phrases: list[str], own: set[str], role: str, feedback: str, trap: str | None
) -> list[WrongAnswer]:
    """One wrong answer for the ``phrases`` the field does not know yet (none if it knows all)."""
    from .keys import WrongAnswer

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
