"""The course's time data (``course/paths.yaml``): the reading rate, what a check takes, the
own-system exercise, and the core path's sections and checks.

Read by the compiler, which writes each key's ``minutes`` from its scenario and the fields
it asks (:func:`check_minutes`), and by :mod:`ams_exercises.course_time`, which adds up the
book's pages and the two paths. Validated like every other course file, naming the file and
the field that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Literal

from ..files.models import Rule, describe
from ..grader.course import COURSE_DIR
from ..grader.vocabulary import LIST_FIELDS

PATHS_FILE = COURSE_DIR / "paths.yaml"

Text = Annotated[str, Rule(min_length=1, strip=True)]
Minutes = Annotated[float, Rule(ge=0, le=60)]

#: A word as a reader counts it: "customer's", "e-mail" and "U.S." are one word each.
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019.-][A-Za-z0-9]+)*")


@dataclass(frozen=True, eq=False)
class CheckMinutes:
    """What a knowledge check takes besides reading its scenario."""

    single_field: Minutes = field(metadata=describe("Minutes for a field of one answer."))
    list_field: Minutes = field(metadata=describe("Minutes for a field that takes a list."))
    revise: Minutes = field(metadata=describe("Minutes for one round of revising."))


@dataclass(frozen=True, eq=False)
class OwnSystem:
    """Working through one's own system: on which page, and how long."""

    page: Text
    minutes: Annotated[int, Rule(ge=1, le=120)]


@dataclass(frozen=True, eq=False)
class CoreStep:
    """One page of the core path: the sections read there, its checks, and whether the
    learner works through their own system on it."""

    page: Text
    sections: list[Text] = field(
        default_factory=list,
        metadata=describe("Headings of the page's sections read (its opening always is)."),
    )
    checks: list[Text] = field(default_factory=list)
    all_checks: bool = field(
        default=False,
        metadata=describe("Every check the page shows (the pre-check, the final assessment)."),
    )
    own_system: bool = False


@dataclass(frozen=True, eq=False)
class PathsFile:
    """``paths.yaml``: the figures every time of the course is computed from."""

    WHAT = "the course's time data"

    format_version: Literal[1]
    words_per_minute: Annotated[int, Rule(ge=50, le=600)]
    check_minutes: CheckMinutes
    own_system: OwnSystem
    core: Annotated[list[CoreStep], Rule(min_length=1)]

    def check(self) -> None:
        pages = [step.page for step in self.core]
        for i, page in enumerate(pages):
            if pages.index(page) != i:
                raise ValueError(f"core.{i}.page: {page!r} is listed twice")
        for i, step in enumerate(self.core):
            if step.own_system and step.page != self.own_system.page:
                raise ValueError(f"core.{i}.own_system: the own-system exercise is on another page")


@lru_cache(maxsize=1)
def paths() -> PathsFile:
    """The course's time data, read and checked once."""
    from .sources import load_course_file

    return load_course_file(PATHS_FILE, PathsFile)


def words(text: str) -> int:
    """The words a reader reads in ``text``."""
    return len(WORD.findall(text))


def check_minutes(
    scenario: str, asks: Iterable[str], data: PathsFile | None = None, *, revised: bool = True
) -> int:
    """A check's minutes: its scenario at the reading rate, each field asked, and one
    revision unless it is an assessment item, answered once (``revised=False``)."""
    data = data or paths()
    per = data.check_minutes
    fields = sum(per.list_field if name in LIST_FIELDS else per.single_field for name in asks)
    exact = words(scenario) / data.words_per_minute + fields + (per.revise if revised else 0)
    return max(1, int(exact + 0.5))
