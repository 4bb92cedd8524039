"""The catalogue: the course's exercises in the order a learner meets them.

``exercises/catalogue.yaml`` lists the modules in order, each with its exercises in order
(id, title and worksheet path). It is generated from the answer keys
(:mod:`.worksheets`) and read here, checked like every file of the course. Reading it needs
only YAML, so the learner's commands stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..files.models import load_model
from ..files.reading import load_yaml_file
from .home import CATALOGUE_NAME, EXERCISES_DIR, WORKSPACE_DIR

FORMAT_VERSION = 1


class CatalogueError(InputError):
    """``exercises/catalogue.yaml`` is missing or not what the generator writes."""


@dataclass(frozen=True)
class Entry:
    """One exercise of the catalogue: where it sits and where its worksheet is."""

    id: str
    title: str
    module: str
    module_title: str
    module_number: int  # 1-based, among the catalogue's modules
    number: int  # 1-based, within its module
    worksheet: str  # relative to the exercises folder, with forward slashes


@dataclass(frozen=True, eq=False)  # compared by identity: one per file read
class Catalogue:
    """The exercises in the order a learner meets them."""

    folder: Path  # the exercises folder: the course's blank worksheets (tracked by git)
    modules: tuple[tuple[str, str], ...]  # (id, title), in order
    entries: tuple[Entry, ...]
    workspace: Path  # the learner's own worksheets (ignored by git)

    def get(self, exercise: str) -> Entry | None:
        """The entry of ``exercise``; an old id of the exercise finds it too."""
        from ..grader.keys import canonical_id

        exercise = canonical_id(exercise)  # type: ignore[assignment]
        return next((e for e in self.entries if e.id == exercise), None)

    def path(self, entry: Entry) -> Path:
        """The learner's worksheet of ``entry``, in the workspace."""
        return self.workspace / entry.worksheet

    def blank(self, entry: Entry) -> Path:
        """The course's blank worksheet of ``entry``, in ``exercises/``."""
        return self.folder / entry.worksheet

    def of_module(self, module: str) -> list[Entry]:
        return [e for e in self.entries if e.module == module]

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.entries]


def load_catalogue(home: Path) -> Catalogue:
    """Read and check ``<home>/exercises/catalogue.yaml``."""
    modules, entries = _read(home / EXERCISES_DIR / CATALOGUE_NAME)
    return Catalogue(home / EXERCISES_DIR, modules, entries, home / WORKSPACE_DIR)


def _read(path: Path) -> tuple[tuple[tuple[str, str], ...], tuple[Entry, ...]]:
    data = load_yaml_file(path, error=CatalogueError)
    if isinstance(data, dict) and data.get("format_version") != FORMAT_VERSION:
        raise CatalogueError(
            path,
            f"format_version {data.get('format_version')!r} is not supported"
            f" (use {FORMAT_VERSION})",
        )
    from .catalogue_file import CatalogueFile  # the file's model: only when it is read

    parsed = load_model(CatalogueFile, data, path, CatalogueError)
    from ..grader.keys import (
        canonical_id,  # a copy made before an id changed still works
        module_numbers,
    )

    modules = tuple((m.id, m.title) for m in parsed.modules)
    numbers = module_numbers([m.id for m in parsed.modules])
    entries = tuple(
        Entry(
            str(canonical_id(ex.id)), ex.title, mod.id, mod.title, numbers[mod.id], n, ex.worksheet
        )
        for mod in parsed.modules
        for n, ex in enumerate(mod.exercises, 1)
    )
    return modules, entries
