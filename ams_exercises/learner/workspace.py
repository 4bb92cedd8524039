"""The learner's workspace: their own copy of every worksheet, outside the tracked files.

``exercises/`` holds the course's blank worksheets, which a course update (``git pull``)
may change. The learner writes in ``workspace/`` (git ignores it), which
:func:`sync_workspace` fills from the blanks: a worksheet the learner does not have yet is
copied in (a new exercise in an update appears there), and one they have is never touched.
When an update renumbers a worksheet or a module's notebook, the learner's file is renamed
to the new name, never over another. A learner who had written in ``exercises/`` before
workspaces existed finds those answers copied into the workspace.

A course update that changes a blank reaches the learner too (:func:`_refresh`): a worksheet
they have not touched (still the blank it was copied from, or every answer still TODO) is
replaced by the new blank, and one notice says so; for a worksheet with answers, one notice
says that its scenario changed and where the new wording is. What each worksheet was copied
from is kept in ``workspace/.blanks.json`` (the blank's SHA-256 by exercise), so each change
is acted on once.

A copy is written whole or not at all (:func:`~ams_exercises.files.atomic.create_atomic`):
a disk that fills mid-copy leaves no empty worksheet, and one left empty by an older version
(0 bytes: nothing a learner wrote) is written again. A worksheet or folder that cannot be
opened is one notice, and the command goes on; the blanks are read by the safe reader.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path

from ..errors import InputError
from ..files.atomic import SaveError, copy_aside, create_atomic, write_atomic
from ..files.paths import shown
from ..files.reading import read_bytes
from .catalogue import Catalogue, Entry
from .home import unreadable

#: The notebooks' folder, in ``exercises/`` and in the workspace alike.
NOTEBOOKS = "notebooks"
#: What each worksheet in the workspace was copied from: ``{"blanks": {id: sha256}}``.
BLANKS_RECORD = ".blanks.json"


def sync_workspace(catalogue: Catalogue) -> list[str]:
    """Give the learner a worksheet for every exercise; what was done, as lines to show."""
    done: list[str] = []
    made_now = not catalogue.workspace.exists()
    record = {} if made_now else _read_record(catalogue.workspace)
    seen = dict(record)
    refreshed: list[str] = []
    changed: list[Entry] = []
    for entry in catalogue.entries:
        target = catalogue.path(entry)
        try:
            state = _state(target)
        except OSError as exc:  # one notice: the rest of that folder is most likely the same
            return [*done, f"{shown(target)}: {unreadable(exc)}"]
        if state == "present":
            try:
                outcome = _refresh(catalogue, entry, target, seen)
            except (OSError, InputError, SaveError):
                outcome = None  # unreadable either side: checking it says why
            if outcome == "refreshed":
                refreshed.append(entry.id)
            elif outcome == "changed":
                changed.append(entry)
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            moved = _renumbered(catalogue.workspace, entry, target) if state == "missing" else None
            if moved is not None:
                done.append(f"renamed your worksheet {moved.name} to {target.name}")
                continue
            blank = catalogue.blank(entry)
            if not blank.is_file():
                continue  # the catalogue names it, the course lacks it: `check` will say so
            if not _copy(blank, target):
                continue
            seen[entry.id] = _digest(read_bytes(blank, error=InputError))
            if state == "empty":
                done.append(
                    f"wrote a blank worksheet for {entry.id} in place of an empty file: "
                    f"{shown(target)}"
                )
            elif not made_now:  # a new exercise in the course, or a worksheet deleted
                done.append(f"wrote a blank worksheet for {entry.id}: {shown(target)}")
        except OSError as exc:
            raise SaveError(target, str(exc.strerror or exc), "made") from None
    done += _sync_notebooks(catalogue, quiet=made_now)
    if refreshed:
        more = f" and {len(refreshed) - 1} more" if len(refreshed) > 1 else ""
        done.append(
            f"a course update changed the worksheet of {refreshed[0]}{more}; yours had no "
            "answers yet, so it now holds the new version"
        )
    if changed:
        more = f" (and {len(changed) - 1} more)" if len(changed) > 1 else ""
        done.append(
            f"a course update changed the scenario of {changed[0].id}{more}, which you have "
            f"answered: the new wording is in {shown(catalogue.blank(changed[0]))}"
        )
    if seen != record and catalogue.workspace.is_dir():
        _write_record(catalogue.workspace, seen)
    if made_now and catalogue.workspace.exists():
        done.append(
            f"made your workspace, {catalogue.workspace.name}/: your own copy of every "
            "worksheet and notebook, which course updates never touch"
        )
    return done


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_record(workspace: Path) -> dict[str, str]:
    """The blanks the worksheets were copied from; empty when missing or damaged."""
    try:
        data = json.loads(
            read_bytes(workspace / BLANKS_RECORD, max_bytes=1 << 20, error=InputError)
        )
    except (InputError, ValueError):
        return {}
    blanks = data.get("blanks") if isinstance(data, dict) else None
    if not isinstance(blanks, dict):
        return {}
    return {k: v for k, v in blanks.items() if isinstance(k, str) and isinstance(v, str)}


def _write_record(workspace: Path, blanks: dict[str, str]) -> None:
    """Keep the record; a failed save is only a notice lost (it is made again next time)."""
    text = json.dumps({"format_version": 1, "blanks": blanks}, indent=1, sort_keys=True)
    with contextlib.suppress(OSError, SaveError):
        write_atomic(workspace / BLANKS_RECORD, text + "\n")


def _header(text: str) -> str:
    """A worksheet's scenario: the comment lines before its ``exercise:`` line."""
    head = text.split("\nexercise:", 1)[0]
    return "\n".join(line for line in head.split("\n") if line.startswith("#"))


def _refresh(catalogue: Catalogue, entry: Entry, target: Path, seen: dict[str, str]) -> str | None:
    """Bring the learner's worksheet of ``entry`` up to a changed blank: ``refreshed`` when
    it was untouched and now holds the new blank, ``changed`` when it holds answers and its
    scenario differs from the new one, ``None`` when nothing changed (or it is a link, or
    unreadable: never written through). ``seen`` is updated with the blank acted on."""
    blank = read_bytes(catalogue.blank(entry), error=InputError)
    new, old = _digest(blank), seen.get(entry.id)
    if old == new:
        return None  # this blank was acted on already
    info = os.lstat(target)
    if not stat.S_ISREG(info.st_mode):
        return None
    mine = read_bytes(target, error=InputError)
    seen[entry.id] = new
    if mine == blank:
        return None
    from .worksheets import is_blank

    if not is_blank(catalogue.blank(entry)):
        return None  # answers written in the course's copy: not an update (`check` warns)
    untouched = _digest(mine) == old or is_blank(target)
    if untouched:
        text, new_text = (d.decode("utf-8", "replace") for d in (mine, blank))
        if _own_notes(text, new_text):
            copy_aside(target, "bak")  # an all-TODO worksheet with the learner's own notes
        write_atomic(target, new_text)
        return "refreshed"
    text = mine.decode("utf-8", "replace")
    header = _header(text)  # none: the learner cleared it, nothing to compare
    return "changed" if header and header != _header(blank.decode("utf-8", "replace")) else None


def _own_notes(text: str, blank: str) -> bool:
    """True when ``text`` has comment lines among its fields that ``blank`` lacks: notes
    the learner wrote, kept aside before a refresh."""
    fields = text.split("\nexercise:", 1)[-1]
    lines = set(blank.split("\n"))
    return any(line.lstrip().startswith("#") and line not in lines for line in fields.split("\n"))


def _state(path: Path) -> str:
    """``present``, ``missing`` or ``empty`` (a regular file of 0 bytes); ``OSError`` when
    ``path`` cannot be looked at (a folder that cannot be opened, a name too long). A link
    is present, even a broken one: nothing is ever written through it."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "missing"  # (a file where a folder should be: making the folder says so)
    return "empty" if stat.S_ISREG(info.st_mode) and info.st_size == 0 else "present"


def _sync_notebooks(catalogue: Catalogue, *, quiet: bool) -> list[str]:
    """The course's exercise notebooks (``exercises/notebooks/*.md``), copied in the same
    way into ``workspace/notebooks/``: made when missing, never overwritten."""
    done: list[str] = []
    source = catalogue.folder / NOTEBOOKS
    for notebook in sorted(source.glob("*.md")) if source.is_dir() else []:
        target = catalogue.workspace / NOTEBOOKS / notebook.name
        try:
            state = _state(target)
        except OSError as exc:
            return [*done, f"{shown(target)}: {unreadable(exc)}"]
        if state == "present":
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            moved = _renumbered_notebook(target) if state == "missing" else None
            if moved is None and not _copy(notebook, target):
                continue
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


def _copy(source: Path, target: Path) -> bool:
    """Copy the course's file ``source`` to ``target`` whole, unless a learner's file is
    there (an empty one is replaced); True when it was written. SaveError if it fails."""
    data = read_bytes(source, error=InputError)
    return create_atomic(target, data, over_empty=True)
