"""The model of ``exercises/catalogue.yaml``, checked like every file of the course.

Imported only when the catalogue is read from its file (:func:`.catalogue.load_catalogue`);
the learner's commands otherwise use the copy kept between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from ..files.models import Rule

Text = Annotated[str, Rule(min_length=1)]


@dataclass(frozen=True, eq=False)  # compared by identity: one per file read
class CatalogueExercise:
    """An exercise as the catalogue lists it."""

    id: Text
    title: Text
    worksheet: Text

    def check(self) -> None:
        if self.worksheet.startswith("/") or ".." in self.worksheet.split("/"):
            raise ValueError(
                f"exercise {self.id!r}: worksheet {self.worksheet!r} must be a path inside "
                "the exercises folder"
            )


@dataclass(frozen=True, eq=False)  # compared by identity: one per file read
class CatalogueModule:
    """A module as the catalogue lists it."""

    id: Text
    title: Text
    exercises: list[CatalogueExercise] = field(default_factory=list)


@dataclass(frozen=True, eq=False)  # compared by identity: one per file read
class CatalogueFile:
    """``exercises/catalogue.yaml``."""

    WHAT = "the catalog"

    format_version: Literal[1]
    modules: list[CatalogueModule]

    def check(self) -> None:
        seen: set[str] = set()
        for module in self.modules:
            for ex in module.exercises:
                if ex.id in seen:
                    raise ValueError(f"exercise {ex.id!r} is listed twice")
                seen.add(ex.id)
