"""The course-wide lexicon: groups that recur across exercises, each declared once.

``course/lexicon.yaml`` lists groups such as "the public", "the legislature", "IT" or
"front-line staff": their phrasings, the role the course gives them by default, the trap
they usually show, and feedback that explains the role in general terms. :func:`lexicon`
loads and checks the file; :func:`.keys.merged` adds the groups to one answer key, so the
matcher, the page, the handouts and the vectors see a key of the usual shape.

Precedence, field by field: a key's own answers win. A phrasing is not added to a field
when the key accepts it in any field, or lists it as partial or wrong in that field; a
group is not added to a field of its own role. A group the key ``overrides`` keeps its
default for the phrasings the key does not list; the ones the key lists take the
override's role and reason in the other fields (the trainer edition prints the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Literal

from ..files.cache import remembered
from ..files.models import Rule, describe
from .course import LANGUAGE_FILE, LEXICON_FILE, load_course_file
from .normalize import normal
from .vocabulary import GroupRole, Trap

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
    """The lexicon's groups by id, checked and cached (also between runs)."""
    return remembered("lexicon", (LEXICON_FILE, LANGUAGE_FILE), _load_lexicon)


def _load_lexicon() -> dict[str, Group]:
    return {g.id: g for g in load_course_file(LEXICON_FILE, LexiconFile).groups}


@lru_cache(maxsize=1)
def group_of_phrase() -> dict[str, str]:
    """Normalized phrasing -> the id of the group it names."""
    return {normal(p): g.id for g in lexicon().values() for p in g.phrasings}
