"""Find and read a class's submissions: one learner per file or per folder.

Layout of the SUBMISSIONS folder::

    SUBMISSIONS/ana.yaml               learner "ana": one answer file
    SUBMISSIONS/ben.ipynb              learner "ben": a notebook
    SUBMISSIONS/chloe/ex1.yaml         learner "chloe": every file in her folder
    SUBMISSIONS/chloe/workbook.md      (MyST notebook)

Answer files are ``.yaml``/``.yml`` (the learner's answer-file format: one exercise per
file, or a list of such mappings for several exercises in one file); notebooks are
``.ipynb`` or MyST ``.md`` (see :mod:`ams_exercises.answers.notebooks`). Hidden files and
folders (``.DS_Store``, ``.ipynb_checkpoints``) are ignored. Anything that cannot be used
becomes a :class:`Problem` with the file and the reason, and is skipped; nothing here
raises for a learner's file, not even a fault of the tool's own (that file is listed as
skipped, and every other file is still read).

The folder is trusted no further than it has to be:

* only regular files are read: a named pipe, a device or a socket is listed as skipped
  before anything is opened;
* a symbolic link is followed only to a file inside the same learner's own folder: a link
  out of the class folder (``notes.yaml -> /etc/passwd``) or to another learner's files
  (``mallory -> ana/``) is listed as skipped and never read, so it gives nobody marks;
* names and answers are made safe to show (:mod:`.safe_text`): a file name that is not
  UTF-8 or holds an escape sequence is shown escaped, never obeyed.

When a learner answers the same exercise more than once, the last answer counts: the last
call in a notebook, the last file in name order. One field that cannot be used (a field
the exercise does not ask, a number, an answer not written out as text) is listed as a
problem with its reason, and the exercise's other fields are still graded.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..answers.friendly import decode_answers, read_answers
from ..answers.notebooks import read_notebook_answers
from ..answers.sheet import AnswerSheet, parse_answers_by_field
from ..errors import AnswerFileError, InputError
from ..files.reading import kind_of_file, read_bytes
from .safe_text import answer_shown, name_shown

ANSWER_SUFFIXES = (".yaml", ".yml")
NOTEBOOK_SUFFIXES = (".ipynb", ".md")
SUFFIXES = ANSWER_SUFFIXES + NOTEBOOK_SUFFIXES
#: How much of a link's target a reason shows.
MAX_TARGET_CHARS = 120
#: Problems listed for one file; the rest are counted in one more line (a notebook of a
#: hundred thousand broken calls is one learner's problem, not a report of its own).
MAX_PROBLEMS_PER_FILE = 20


@dataclass(frozen=True)
class Problem:
    """A file (or part of one) that could not be used, and why, in one line."""

    learner: str
    where: str
    reason: str


@dataclass
class Submission:
    """One learner's readable answers (by exercise id, last one wins) and what was skipped."""

    learner: str
    files: list[Path]
    sheets: dict[str, AnswerSheet] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class LearnerFiles:
    """What the class folder holds for one learner: files to read, and entries skipped
    while listing (with the reason, still in raw form: ``(path, reason)``)."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def problem(learner: str, where: str | Path, reason: str) -> Problem:
    """A :class:`Problem` whose every part is safe to show in a terminal, a CSV or a page."""
    return Problem(
        name_shown(learner), name_shown(str(where), limit=None), name_shown(reason.strip())
    )


# --- listing the class folder ------------------------------------------------------------


def _special_reason(mode: int) -> str:
    return (
        f"is {kind_of_file(mode)}, not a file, so it was not read; put the learner's "
        "file in its place"
    )


def _inside(path: str, folder: str) -> bool:
    """``path`` is ``folder`` itself or lies below it (both already resolved)."""
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # another drive (Windows)
        return False


def _link_reason(link: Path, root: str, own: str | None) -> str | None:
    """Why the link ``link`` is not followed, or ``None`` when it leads to a regular file in
    the learner's own folder ``own`` (resolved; ``None`` when the learner has none)."""
    try:
        said = name_shown(os.readlink(link), limit=MAX_TARGET_CHARS)
        target = os.path.realpath(link)
    except (OSError, ValueError) as exc:
        return f"is a link that cannot be read ({getattr(exc, 'strerror', None) or exc}); skipped"
    if not _inside(target, root):
        return (
            f"is a link to {said}, outside the class folder; links are not followed out of "
            "it, so it was not read: copy the file in instead"
        )
    if own is None or target == own or not _inside(target, own):
        return (
            f"is a link to {said}, which is not in this learner's own folder; a link never "
            "gives one learner another's answers, so it was skipped"
        )
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return f"is a link to {said}, which does not exist (or is a loop of links); skipped"
    if not stat.S_ISREG(mode):
        return f"is a link to {said}, which is not a regular file; skipped without reading it"
    return None


def _own_folder(root: str, name: str) -> str | None:
    """The learner's own folder ``root/name`` when it is a real folder (not a link)."""
    path = os.path.join(root, name)
    try:
        return path if stat.S_ISDIR(os.lstat(path).st_mode) else None
    except (OSError, ValueError):
        return None


def _entries(folder: Path, hidden: tuple[str, ...] = (".",)) -> list[os.DirEntry[str]]:
    """The entries of ``folder`` in name order, those whose names start with ``hidden`` left
    out."""
    with os.scandir(folder) as found:
        return sorted((e for e in found if not e.name.startswith(hidden)), key=lambda e: e.name)


def _learner_folder(folder: Path, own: str, root: str) -> LearnerFiles:
    """The files of one learner's folder; anything that is not a file to read is skipped."""
    out = LearnerFiles()
    for entry in _entries(folder):
        path = Path(entry.path)
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            out.skipped.append((path, f"cannot be read ({exc.strerror or exc})"))
            continue
        if stat.S_ISLNK(mode):
            reason = _link_reason(path, root, own)
            if reason is None:
                out.files.append(path)
            else:
                out.skipped.append((path, reason))
        elif stat.S_ISDIR(mode):
            out.skipped.append(
                (path, "is a folder inside a learner's folder; put answer files directly in it")
            )
        elif not stat.S_ISREG(mode):
            out.skipped.append((path, _special_reason(mode)))
        else:
            out.files.append(path)  # its suffix is checked when it is read
    return out


def _top_entry(
    entry: os.DirEntry[str], root: str, learners: dict[str, LearnerFiles], stray: list[Problem]
) -> None:
    """Sort one entry of the class folder: a learner's folder or file, or a stray."""
    path = Path(entry.path)
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as exc:
        stray.append(problem("", path, f"cannot be read ({exc.strerror or exc})"))
        return
    if stat.S_ISDIR(mode):
        own = os.path.join(root, entry.name)
        found = _learner_folder(path, own, root)
        mine = learners.setdefault(entry.name, LearnerFiles())
        mine.files.extend(found.files)
        mine.skipped.extend(found.skipped)
        return
    named = path.suffix.lower() in SUFFIXES
    if stat.S_ISLNK(mode):
        reason = _link_reason(path, root, _own_folder(root, path.stem) if named else None)
    elif not stat.S_ISREG(mode):
        reason = _special_reason(mode)
    elif named:
        reason = None
    else:
        reason = (
            f"is not an answer file or notebook ({', '.join(SUFFIXES)}), so it names no learner"
        )
    if not named:  # reason is set: neither a link without an owner nor a stray is read
        stray.append(problem("", path, reason or "names no learner; skipped"))
        return
    mine = learners.setdefault(path.stem, LearnerFiles())
    if reason is None:
        mine.files.append(path)
    else:
        mine.skipped.append((path, reason))


def _shown_names(raw: list[str]) -> dict[str, str]:
    """Each learner's name as shown, escaped, and never the same for two learners."""
    shown: dict[str, str] = {}
    used: set[str] = set()
    for name in raw:
        base = candidate = name_shown(name)
        n = 2
        while candidate in used:
            candidate, n = f"{base} ({n})", n + 1
        used.add(candidate)
        shown[name] = candidate
    return shown


def find_learners(folder: Path) -> tuple[dict[str, LearnerFiles], list[Problem]]:
    """Each learner's files by learner name as shown (name order), and stray entries.

    Raises :class:`InputError` when ``folder`` is not a folder.
    """
    if not folder.exists():
        raise InputError(folder, "no such folder")
    if not folder.is_dir():
        raise InputError(folder, "is a file; give the folder that holds the learners' files")
    root = os.path.realpath(folder)
    by_name: dict[str, LearnerFiles] = {}
    stray: list[Problem] = []
    try:
        entries = _entries(folder, hidden=(".", "__"))
    except OSError as exc:
        raise InputError(folder, f"cannot be read ({exc.strerror or exc})") from None
    for entry in entries:
        try:
            _top_entry(entry, root, by_name, stray)
        except Exception as exc:  # a fault of the tool's: this entry only
            stray.append(problem("", entry.path, fault(exc)))
    shown = _shown_names(list(by_name))
    return {shown[name]: files for name, files in by_name.items()}, stray


# --- reading a learner's files -------------------------------------------------------------


def fault(exc: BaseException, doing: str = "read") -> str:
    """The reason shown for something the tool itself failed on (``doing`` it): one line,
    never a traceback."""
    if isinstance(exc, MemoryError | RecursionError):
        return f"is too large or nested too deeply to be {doing}; skipped (ask for a simpler file)"
    what = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return (
        f"could not be {doing}: the tool failed on it ({type(exc).__name__}"
        f"{': ' + what if what else ''}); it was skipped and the rest of the class was "
        "graded; please report this"
    )


def read_submission(
    learner: str, files: list[Path], skipped: list[tuple[Path, str]] | None = None
) -> Submission:
    """Read one learner's files; every unusable file or call becomes a :class:`Problem`,
    and so does a file the tool fails on (the learner's other files are still read)."""
    sub = Submission(learner, files)
    sub.problems.extend(problem(learner, path, reason) for path, reason in skipped or [])
    for path in files:
        try:
            sheets, problems = _sheets_in(path)
        except Exception as exc:  # a fault of the tool's: this file only
            sub.problems.append(problem(learner, path, fault(exc)))
            continue
        sub.problems.extend(
            problem(learner, exc.where, exc.problem) for exc in problems[:MAX_PROBLEMS_PER_FILE]
        )
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            more = len(problems) - MAX_PROBLEMS_PER_FILE
            sub.problems.append(
                problem(
                    learner, path, f"holds {more:,} more problems like those above (not listed)"
                )
            )
        for where, sheet in sheets:
            if sheet.blank:  # an untouched worksheet or notebook cell is not an attempt
                continue
            sub.sheets.pop(sheet.exercise, None)  # keep answer order = last answer's order
            sub.sheets[sheet.exercise] = sheet
            sub.sources[sheet.exercise] = name_shown(where, limit=None)
    return sub


def _shown_answers(sheet: AnswerSheet) -> AnswerSheet:
    """The sheet with every answer safe to show (no lone surrogate, no control character)."""
    answers = {
        name: (
            answer_shown(value)
            if isinstance(value, str)
            else [answer_shown(v) for v in value]
            if isinstance(value, list)
            else value
        )
        for name, value in sheet.answers.items()
    }
    return dataclasses.replace(sheet, answers=answers)


def _sheets_in(path: Path) -> tuple[list[tuple[str, AnswerSheet]], list[InputError]]:
    """The answer sheets one file holds (with where each is) and the problems met."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        error = AnswerFileError(path, f"is not an answer file or notebook ({', '.join(SUFFIXES)})")
        return [], [error]
    problems: list[InputError] = []
    try:
        if suffix in ANSWER_SUFFIXES:
            entries = _answer_file_entries(path)
        else:
            found = read_notebook_answers(path)
            entries = found.answers
            problems.extend(found.problems)
    except InputError as exc:
        return [], [exc]
    sheets = []
    for where, mapping in entries:
        try:
            sheet, bad = parse_answers_by_field(mapping, where)
        except InputError as exc:
            problems.append(exc)
            continue
        problems.extend(bad)  # one bad field costs only itself: the others are graded
        sheets.append((where, _shown_answers(sheet)))
    return sheets, problems


def _answer_file_entries(path: Path) -> list[tuple[str, object]]:
    """An answer file's mappings: the file itself, or each entry of a top-level list. Read
    as ``check`` reads it (:mod:`ams_exercises.answers.friendly`): any editor's encoding, a
    colon inside an answer, slips named with their line."""
    text = decode_answers(read_bytes(path, error=AnswerFileError), path)
    data = read_answers(text, path)
    if isinstance(data, list):
        if not data:
            raise AnswerFileError(path, "is an empty list; it holds no answers")
        return [(f"{path} entry {n}", item) for n, item in enumerate(data, 1)]
    return [(str(path), data)]
