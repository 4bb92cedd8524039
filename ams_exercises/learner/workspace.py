"""The learner's workspace: their own copy of every worksheet, outside the tracked files.

``exercises/`` holds the course's blank worksheets, which a course update (``git pull``)
may change. The learner writes in ``workspace/`` (git ignores it), which
:func:`sync_workspace` fills from the blanks: a worksheet the learner does not have yet is
copied in (a new exercise in an update appears there), and one they have is never touched.
When an update renumbers a worksheet or a module's notebook, the learner's file is renamed
to the new name, never over another. A learner who had written in ``exercises/`` before
workspaces existed finds those answers copied into the workspace.
"""

from __future__ import annotations

from pathlib import Path

from ..files.atomic import SaveError
from ..files.paths import shown
from .catalogue import Catalogue, Entry

#: The notebooks' folder, in ``exercises/`` and in the workspace alike.
NOTEBOOKS = "notebooks"


def sync_workspace(catalogue: Catalogue) -> list[str]:
    """Give the learner a worksheet for every exercise; what was done, as lines to show."""
    done: list[str] = []
    made_now = not catalogue.workspace.exists()
    for entry in catalogue.entries:
        target = catalogue.path(entry)
        if target.exists():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            moved = _renumbered(catalogue.workspace, entry, target)
            if moved is not None:
                done.append(f"renamed your worksheet {moved.name} to {target.name}")
                continue
            blank = catalogue.blank(entry)
            if not blank.is_file():
                continue  # the catalogue names it, the course lacks it: `check` will say so
            _copy(blank, target)
            if not made_now:  # a new exercise in the course, or a worksheet deleted
                done.append(f"wrote a blank worksheet for {entry.id}: {shown(target)}")
        except OSError as exc:
            raise SaveError(target, str(exc.strerror or exc), "made") from None
    done += _sync_notebooks(catalogue, quiet=made_now)
    if made_now and catalogue.workspace.exists():
        done.append(
            f"made your workspace, {catalogue.workspace.name}/: your own copy of every "
            "worksheet and notebook, which course updates never touch"
        )
    return done


def _sync_notebooks(catalogue: Catalogue, *, quiet: bool) -> list[str]:
    """The course's exercise notebooks (``exercises/notebooks/*.md``), copied in the same
    way into ``workspace/notebooks/``: made when missing, never overwritten."""
    done: list[str] = []
    source = catalogue.folder / NOTEBOOKS
    for notebook in sorted(source.glob("*.md")) if source.is_dir() else []:
        target = catalogue.workspace / NOTEBOOKS / notebook.name
        if target.exists():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            moved = _renumbered_notebook(target)
            if moved is None:
                _copy(notebook, target)
        except OSError as exc:
            raise SaveError(target, str(exc.strerror or exc), "made") from None
        if moved is not None:
            done.append(f"renamed your notebook {moved.name} to {target.name}")
        elif not quiet:
            done.append(f"wrote a fresh notebook: {shown(target)}")
    return done


def _renumbered_notebook(target: Path) -> Path | None:
    """Move the learner's notebook of a module kept under an older number ("03-four-traps.md"
    when the module is now the fourth) to ``target``, so their answers come along."""
    module = target.name[3:]  # "NN-" then the module's id
    for old in sorted(target.parent.glob(f"*-{module}")):
        if old != target and old.name[:2].isdigit() and old.name[2] == "-":
            old.rename(target)  # target does not exist: checked by the caller
            return old
    return None


def _renumbered(workspace: Path, entry: Entry, target: Path) -> Path | None:
    """Move the learner's worksheet of ``entry`` kept under an older number to ``target``."""
    suffix = f"-{entry.id}.yaml"
    for old in sorted(workspace.glob(f"*/*{suffix}")):
        if old != target and old.name[: -len(suffix)].isdigit():
            old.rename(target)  # target does not exist: checked by the caller
            return old
    return None


def _copy(source: Path, target: Path) -> None:
    import shutil  # only when a worksheet is missing: not on every command's start

    shutil.copyfile(source, target)
