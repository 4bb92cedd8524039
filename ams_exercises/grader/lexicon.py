"""The course-wide lexicon: groups that recur across scenarios, each declared once.

``course/lexicon.yaml`` lists groups such as "the public", "the legislature", "IT" or
"front-line staff": their phrasings, their usual relations to the widget (and so their
role, :mod:`.doctrine`), the trap naming them as the primary customer usually shows, and
feedback that explains the role in general terms. Every scenario holds every group: a key
places a group in its scenario when it plays a part there, and says why when its role is
not the usual one. Here the groups are read from the compiled bundle.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .course import compiled, on_change
from .normalize import normal


class Group(NamedTuple):
    """One group of people learners name: how they say it and what role it plays."""

    id: str
    name: str
    phrasings: tuple[str, ...]
    relations: tuple[str, ...]
    roles: tuple[str, ...]
    feedback: str
    does: tuple[str, ...] = ()
    trap: str | None = None
    population: bool = False

    @property
    def role(self) -> str:
        """The group's usual role, or its kind when it plays none (own organization...)."""
        return self.roles[0]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Group]:
    """The lexicon's groups by id, in the file's order."""
    return {
        g["id"]: Group(
            g["id"],
            g["name"],
            tuple(g["phrasings"]),
            tuple(g["relations"]),
            tuple(g["roles"]),
            g["feedback"],
            tuple(g.get("does", ())),
            g.get("trap"),
            g.get("population", False),
        )
        for g in compiled()["lexicon"]
    }


@lru_cache(maxsize=1)
def group_of_phrase() -> dict[str, str]:
    """Normalized phrasing -> the id of the group it names."""
    return {normal(p): g.id for g in lexicon().values() for p in g.phrasings}


def role_definitions() -> dict[str, str]:
    """What each question asks for, as worksheets and handouts define it (one rule, one
    contact test, in ``course/lexicon.yaml``)."""
    return dict(compiled()["roles"])


on_change(lexicon.cache_clear)
on_change(group_of_phrase.cache_clear)
