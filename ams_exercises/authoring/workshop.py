"""The workshop plans (``course/workshop.yaml``): one file, several surfaces.

The 2½-hour workshop and the 90-minute session (``short``). The trainer's guide shows them
(``{workshop-plan}``, ``book/_ext/course_times.py``), the trainer handout prints them and
the workshop kit (cards, readings, slides) is cut from the same blocks, so every surface
gives the same blocks, minutes, cuts, materials and debrief answers. In every plan the
roles (with the two-level rule) are taught before the traps, since a trap is a role put in
the wrong place. It is validated like every other course file
(:func:`~ams_exercises.files.models.load_model`); ``course/schemas/workshop.schema.json``
is generated from these models (``ams-exercises dev schemas``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Literal

from ..files.models import Rule, describe
from .sources import SCHEMAS_DIR, WORKSHOP_FILE, load_course_file

WORKSHOP_SCHEMA = SCHEMAS_DIR / "workshop.schema.json"

Text = Annotated[str, Rule(min_length=1, strip=True)]
Minutes = Annotated[int, Rule(ge=1, le=240)]


@dataclass(frozen=True, eq=False)
class Card:
    """A scenario card a group works from: the facts of its task, and no answer."""

    title: Text
    text: Text = field(metadata=describe("The facts the group needs, without naming any role."))


@dataclass(frozen=True, eq=False)
class Block:
    """One block of the workshop, in the order it is run."""

    title: Text
    minutes: Minutes
    activity: Text = field(metadata=describe("What the trainer and the group do."))
    chapter: str = field(
        default="", metadata=describe("The book page it draws on, as a docname; empty for none.")
    )
    group_task: str = field(
        default="", metadata=describe("A task groups do; a block with one needs debrief answers.")
    )
    debrief: list[Text] = field(
        default_factory=list, metadata=describe("The answers the trainer draws out afterwards.")
    )
    cards: list[Card] = field(
        default_factory=list,
        metadata=describe("Scenario cards for the group task, printed in the workshop kit."),
    )
    teaches_ams_position: bool = field(
        default=False,
        metadata=describe("This block teaches the AMS answer: the permit's user is the customer."),
    )
    contested_point: bool = field(
        default=False,
        metadata=describe(
            "The regulated-party-as-customer discussion; it must come after the AMS position."
        ),
    )

    def check(self) -> None:
        if self.group_task.strip() and not self.debrief:
            raise ValueError(f"block {self.title!r} has a group task but no debrief answers")


#: The book pages whose order every plan keeps: the roles before the traps.
ROLES_CHAPTER = "book/primary-customer/roles"
TRAPS_CHAPTER = "book/primary-customer/traps"


def _check_blocks(blocks: list[Block], minutes: int, what: str) -> None:
    """The blocks add up to the plan's minutes, and the roles come before the traps."""
    total = sum(b.minutes for b in blocks)
    if total != minutes:
        raise ValueError(f"the blocks of {what} add up to {total} minutes, not {minutes}")
    chapters = [b.chapter for b in blocks]
    if TRAPS_CHAPTER in chapters and (
        ROLES_CHAPTER not in chapters
        or chapters.index(TRAPS_CHAPTER) < chapters.index(ROLES_CHAPTER)
    ):
        raise ValueError(f"{what} teaches the traps before the roles and the two-level rule")


@dataclass(frozen=True, eq=False)
class ShortPlan:
    """A shorter session from the same material: its own blocks, in the order run."""

    title: Text
    minutes: Minutes
    audience: Text
    blocks: Annotated[list[Block], Rule(min_length=1)]
    cut: Annotated[list[Text], Rule(min_length=1)] = field(
        metadata=describe("What this session leaves out of the workshop, and where it goes.")
    )

    def check(self) -> None:
        _check_blocks(self.blocks, self.minutes, "the short plan")

    def timings(self) -> list[tuple[str, Block]]:
        """Each block with its start on the clock."""
        return _timings(self.blocks)


def _timings(blocks: list[Block]) -> list[tuple[str, Block]]:
    out, start = [], 0
    for block in blocks:
        out.append((f"{start // 60}:{start % 60:02d}", block))
        start += block.minutes
    return out


@dataclass(frozen=True, eq=False)
class SortItem:
    """One card of the activity-and-widget sort, with its answer."""

    item: Text
    answer: Literal["activity", "widget", "outcome", "request"]
    why: Text


@dataclass(frozen=True, eq=False)
class Workshop:
    """``workshop.yaml``: the workshop plan a trainer runs in one sitting."""

    WHAT = "the workshop plan"

    format_version: Literal[1]
    title: Text
    minutes: Minutes = field(
        metadata=describe("The length of the workshop; the blocks add up to it.")
    )
    audience: Text
    blocks: Annotated[list[Block], Rule(min_length=1)]
    cut: Annotated[list[Text], Rule(min_length=1)] = field(
        metadata=describe("What the workshop leaves out of the full course, and where it goes.")
    )
    materials: Annotated[list[Text], Rule(min_length=1)]
    sort_list: Annotated[list[SortItem], Rule(min_length=4)]
    short: ShortPlan = field(metadata=describe("The 90-minute session, from the same material."))
    preparation_minutes: Minutes = field(
        metadata=describe(
            "Time to prepare a first session once the course is read: the plan, the kit, "
            "the room and a local example."
        )
    )

    def check(self) -> None:
        total = sum(b.minutes for b in self.blocks)
        if total != self.minutes:
            raise ValueError(f"the blocks add up to {total} minutes, not {self.minutes}")
        _check_blocks(self.blocks, self.minutes, "the workshop")
        taught = [i for i, b in enumerate(self.blocks) if b.teaches_ams_position]
        contested = [i for i, b in enumerate(self.blocks) if b.contested_point]
        if contested and (not taught or min(contested) < min(taught)):
            raise ValueError(
                "the contested point comes before any block that teaches the AMS position"
            )

    def timings(self) -> list[tuple[str, Block]]:
        """Each block with its start on the clock: ("0:00", block), ("0:10", block)..."""
        return _timings(self.blocks)


@lru_cache(maxsize=1)
def workshop() -> Workshop:
    """The workshop plan, validated (or :class:`~ams_exercises.errors.KeyFileError`)."""
    return load_course_file(WORKSHOP_FILE, Workshop)


def workshop_schema() -> dict:
    """The workshop plan's JSON Schema, generated from the models."""
    from ..files.models import json_schema

    return json_schema(Workshop, "AMS course workshop plan (format_version 1)")
