"""The 2½-hour workshop plan (``course/workshop.yaml``): one file, two surfaces.

The trainer's guide shows it (``{workshop-plan}``, ``book/_ext/course_times.py``) and the
trainer handout prints it, so both give the same blocks, minutes, cuts, materials and
debrief answers. It is validated like every other course file
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

    def check(self) -> None:
        total = sum(b.minutes for b in self.blocks)
        if total != self.minutes:
            raise ValueError(f"the blocks add up to {total} minutes, not {self.minutes}")
        taught = [i for i, b in enumerate(self.blocks) if b.teaches_ams_position]
        contested = [i for i, b in enumerate(self.blocks) if b.contested_point]
        if contested and (not taught or min(contested) < min(taught)):
            raise ValueError(
                "the contested point comes before any block that teaches the AMS position"
            )

    def timings(self) -> list[tuple[str, Block]]:
        """Each block with its start on the clock: ("0:00", block), ("0:10", block)..."""
        out, start = [], 0
        for block in self.blocks:
            out.append((f"{start // 60}:{start % 60:02d}", block))
            start += block.minutes
        return out


@lru_cache(maxsize=1)
def workshop() -> Workshop:
    """The workshop plan, validated (or :class:`~ams_exercises.errors.KeyFileError`)."""
    return load_course_file(WORKSHOP_FILE, Workshop)


def workshop_schema() -> dict:
    """The workshop plan's JSON Schema, generated from the models."""
    from ..files.models import json_schema

    return json_schema(Workshop, "AMS course workshop plan (format_version 1)")
