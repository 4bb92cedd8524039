"""Find and read a class's submissions: one learner per file or per folder.

Layout of the SUBMISSIONS folder::

    SUBMISSIONS/ana.yaml               learner "ana": one answer file
    SUBMISSIONS/ben.ipynb              learner "ben": a notebook
    SUBMISSIONS/chloe/ex1.yaml         learner "chloe": every file in her folder
    SUBMISSIONS/chloe/workbook.md      (MyST notebook)

Answer files are ``.yaml``/``.yml`` (the learner's answer-file format: one exercise per
file, or a list of such mappings for several exercises in one file, or the file "Download
my answers" gives on the course site, :mod:`.site_answers`); notebooks are
``.ipynb`` or MyST ``.md`` (see :mod:`ams_exercises.answers.notebooks`). Hidden files and
folders (``.DS_Store``, ``.ipynb_checkpoints``) are ignored. The folders zip tools and
Python add (:data:`MACHINE_FOLDERS`: ``__MACOSX``, ``__pycache__``) are skipped with a
line saying so; any other name, ``__x`` too, is a learner's. Anything that cannot be used
becomes a :class:`Problem` with the file and the reason, and is skipped; nothing here
raises for a learner's file, not even a fault of the tool's own (that file is listed as
skipped, and every other file is still read). A learner whose folder cannot be read stays
in the class, with the reason, and no readable work.

The folder is trusted no further than it has to be:

* only regular files are read: a named pipe, a device or a socket is listed as skipped
  before anything is opened;
* a symbolic link is followed only to a file inside the same learner's own folder: a link
  out of the class folder (``notes.yaml -> /etc/passwd``) or to another learner's files
  (``mallory -> ana/``) is listed as skipped and never read, so it gives nobody marks;
* a file is read only if it is still the file the listing saw: it is opened without
  following a link (a learner's own link is resolved once, when the folder is listed),
  and its device and inode must be those listed. A file swapped for a link, or for
  another file, between listing and reading is skipped, never credited with what it now
  points at;
* one file in two learners' folders (a hard link: the same device and inode) is graded
  for neither, and both are told whose it also is: it cannot say whose work it is;
* one learner costs seconds, not minutes: at most :data:`MAX_FILES_PER_LEARNER` entries of
  a learner's folder are looked at, :data:`MAX_BYTES_PER_LEARNER` bytes read,
  :data:`MAX_ANSWER_CHARS_PER_LEARNER` characters of answers graded, and nothing more is
  started after :data:`MAX_SECONDS_PER_LEARNER` seconds; what goes over is listed;
* names and answers are made safe to show (:mod:`.safe_text`) when they are shown, never
  before they are graded: answers are graded exactly as read, as ``ams-exercises check``
  grades them.

When a learner answers the same exercise more than once, the last answer counts: the last
call in a notebook; between two files (a draft and a final), the newest file (its
modification time; the later name on a tie), and the gradebook's note says which files
answered it and which counted. A ``workspace/`` folder in a learner's folder (the one
``ams-exercises`` fills with worksheets, and its module and ``notebooks/`` folders) is read
like the learner's folder; any other folder inside it is listed as skipped. The trainer's
``decisions.yaml`` (:mod:`.decisions`) in the class folder is never a learner's. One
field that cannot be used (a field the exercise does not ask, a number, an answer not
written out as text) is listed as a problem with its reason, and the exercise's other
fields are still graded.
"""

from __future__ import annotations

import contextlib
import errno
import heapq
import os
import stat
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..answers.friendly import decode_answers, read_answers
from ..answers.notebooks import MAX_NOTEBOOK_BYTES, read_notebook_answers
from ..answers.sheet import AnswerSheet, parse_answers_by_field
from ..errors import AnswerFileError, InputError
from ..files.reading import MAX_BYTES, kind_of_file
from .decisions import DECISIONS_FILE
from .safe_text import name_shown
from .site_answers import is_site_file, site_entries

ANSWER_SUFFIXES = (".yaml", ".yml")
NOTEBOOK_SUFFIXES = (".ipynb", ".md")
SUFFIXES = ANSWER_SUFFIXES + NOTEBOOK_SUFFIXES
#: How much of a link's target a reason shows.
MAX_TARGET_CHARS = 120
#: Problems listed for one file; the rest are counted in one more line (a notebook of a
#: hundred thousand broken calls is one learner's problem, not a report of its own).
MAX_PROBLEMS_PER_FILE = 20
#: Entries of one learner's folder looked at, the first in name order; the rest are
#: counted in one line. The course has 30 exercises: a file each, and a few notebooks,
#: fit with room to spare, while a folder of a million files costs a listing, no more.
MAX_FILES_PER_LEARNER = 100
#: Bytes read for one learner, all files together: one notebook at its limit
#: (:data:`~ams_exercises.answers.notebooks.MAX_NOTEBOOK_BYTES`, 20 MB, outputs and all)
#: and some answer files. Reading a full notebook takes a few seconds.
MAX_BYTES_PER_LEARNER = 25_000_000
#: Characters of answers graded for one learner, every exercise together. The whole
#: course answered at length is about 30,000; grading costs some microseconds a character,
#: so this is about a second, where one notebook of the longest answers took 15 s.
MAX_ANSWER_CHARS_PER_LEARNER = 60_000
#: After this many seconds on one learner, no further file is read nor exercise graded
#: for them (a backstop: the limits above keep a learner to a few seconds).
MAX_SECONDS_PER_LEARNER = 20.0
#: Folders that tools make, never a learner: skipped, with the reason, wherever they are.
MACHINE_FOLDERS = {
    "__MACOSX": "is the folder macOS's zip tool adds (copies of file details, not work)",
    "__pycache__": "is the folder Python adds for its compiled files (not work)",
}
#: Why a file that changed between listing and reading is not read.
CHANGED = (
    "changed while the class was being graded (it is now a link, or another file), so it "
    "was not read and gives nobody marks; grade the class again"
)

#: The folder ``ams-exercises`` gives a learner for their worksheets
#: (``learner/home.py``'s ``WORKSPACE_DIR``): read inside a learner's folder, two levels deep.
WORKSPACE_DIR = "workspace"

#: Which file an entry is, whatever its name: (device, inode).
FileId = tuple[int, int]


@dataclass(frozen=True)
class Problem:
    """A file (or part of one) that could not be used, and why, in one line."""

    learner: str
    where: str
    reason: str


@dataclass(frozen=True)
class Listed:
    """A file to read as the listing saw it: where it is, which file it was (device and
    inode), and, for one of the learner's own links, the file it led to (opened instead,
    so that nothing is opened through a link)."""

    path: Path
    identity: FileId
    target: Path | None = None


@dataclass
class Budget:
    """What one learner's work may still cost: bytes to read, characters of answers to
    grade, and time (a deadline on the monotonic clock)."""

    # the limits as they are when a learner starts (read then, so that tests can lower them)
    bytes: int = field(default_factory=lambda: MAX_BYTES_PER_LEARNER)
    chars: int = field(default_factory=lambda: MAX_ANSWER_CHARS_PER_LEARNER)
    deadline: float = field(default_factory=lambda: time.monotonic() + MAX_SECONDS_PER_LEARNER)

    def out_of_time(self) -> bool:
        return time.monotonic() > self.deadline


@dataclass
class Submission:
    """One learner's readable answers (by exercise id, last one wins) and what was skipped."""

    learner: str
    files: list[Path]
    sheets: dict[str, AnswerSheet] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)
    #: The gradebook's notes on the learner (an exercise answered in two files).
    notes: list[str] = field(default_factory=list)
    #: When each answer's file was last modified, and which file it is: the newest counts.
    dated: dict[str, tuple[float, Path]] = field(default_factory=dict)


@dataclass
class LearnerFiles:
    """What the class folder holds for one learner: files to read, entries skipped while
    listing (with the reason, still in raw form: ``(path, reason)``), and notes for the
    gradebook (their folder could not be read, a file shared with another learner)."""

    files: list[Listed] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def private_folder() -> tempfile.TemporaryDirectory[str]:
    """A temporary folder of the tool's own, for copies of notebooks while they are read
    (removed when done, whatever happens)."""
    return tempfile.TemporaryDirectory(prefix="ams-exercises-", ignore_cleanup_errors=True)


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


def _entries(folder: Path, limit: int | None = None) -> tuple[list[os.DirEntry[str]], int]:
    """The entries of ``folder`` in name order, hidden ones (``.name``) left out: all of
    them, or the first ``limit`` (kept in memory no more than that); and how many there are."""
    with os.scandir(folder) as found:
        shown = (e for e in found if not e.name.startswith("."))
        if limit is None:
            entries = sorted(shown, key=lambda e: e.name)
            return entries, len(entries)
        total = 0

        def counted() -> Iterator[os.DirEntry[str]]:
            nonlocal total
            for entry in shown:
                total += 1
                yield entry

        return heapq.nsmallest(limit, counted(), key=lambda e: e.name), total


def _file_entry(
    path: Path, mode: int, st: os.stat_result, root: str, own: str | None
) -> Listed | str:
    """A learner's entry as a file to read (:class:`Listed`) or a reason to skip it."""
    if stat.S_ISLNK(mode):
        reason = _link_reason(path, root, own)
        if reason is not None:
            return reason
        target = Path(os.path.realpath(path))  # a file in the learner's own folder
        try:
            st = os.lstat(target)
        except OSError as exc:
            return f"is a link that cannot be followed ({exc.strerror or exc}); skipped"
        return Listed(path, (st.st_dev, st.st_ino), target)
    if not stat.S_ISREG(mode):
        return _special_reason(mode)
    return Listed(path, (st.st_dev, st.st_ino))


def _learner_folder(
    folder: Path, own: str, root: str, depth: int = 0, out: LearnerFiles | None = None
) -> LearnerFiles:
    """The files of one learner's folder (and of its ``workspace/``, two levels deep);
    anything that is not a file to read is skipped. Raises :class:`OSError` when the
    learner's folder itself cannot be listed."""
    out = out if out is not None else LearnerFiles()
    entries, total = _entries(folder, MAX_FILES_PER_LEARNER)
    for entry in entries:
        path = Path(entry.path)
        if entry.name in MACHINE_FOLDERS:
            out.skipped.append((path, MACHINE_FOLDERS[entry.name] + "; skipped"))
            continue
        try:
            st = os.lstat(path)
        except OSError as exc:
            out.skipped.append((path, f"cannot be read ({exc.strerror or exc})"))
            continue
        if stat.S_ISDIR(st.st_mode):
            if (depth == 0 and entry.name == WORKSPACE_DIR) or 0 < depth < 2:
                try:
                    _learner_folder(path, own, root, depth + 1, out)
                except OSError as exc:
                    out.skipped.append((path, f"cannot be read ({exc.strerror or exc})"))
                continue
            out.skipped.append(
                (
                    path,
                    "is a folder inside a learner's folder (only workspace/ is read); put "
                    "answer files directly in it",
                )
            )
            continue
        found = _file_entry(path, st.st_mode, st, root, own)
        if isinstance(found, Listed):
            out.files.append(found)  # its suffix is checked when it is read
        else:
            out.skipped.append((path, found))
    if total > len(entries):
        out.skipped.append(
            (
                folder,
                f"holds {total:,} files; only the first {len(entries):,} in name order were "
                f"looked at (the limit per learner), the other {total - len(entries):,} were "
                "skipped: ask the learner for their answer files only",
            )
        )
    return out


def _top_entry(
    entry: os.DirEntry[str], root: str, learners: dict[str, LearnerFiles], stray: list[Problem]
) -> None:
    """Sort one entry of the class folder: a learner's folder or file, or a stray."""
    path = Path(entry.path)
    if entry.name in MACHINE_FOLDERS:
        stray.append(problem("", path, MACHINE_FOLDERS[entry.name] + "; skipped"))
        return
    try:
        st = os.lstat(path)
    except OSError as exc:
        stray.append(problem("", path, f"cannot be read ({exc.strerror or exc})"))
        return
    if stat.S_ISDIR(st.st_mode):
        mine = learners.setdefault(entry.name, LearnerFiles())
        try:
            found = _learner_folder(path, os.path.join(root, entry.name), root)
        except OSError as exc:  # the folder cannot be listed: the learner stays, with why
            why = exc.strerror or str(exc)
            mine.skipped.append(
                (
                    path,
                    f"is this learner's folder, and it cannot be read ({why}), so none of "
                    "their work was graded; let the tool read it and grade again",
                )
            )
            mine.notes.append(f"their folder could not be read ({why})")
            return
        mine.files.extend(found.files)
        mine.skipped.extend(found.skipped)
        return
    named = path.suffix.lower() in SUFFIXES
    own = _own_folder(root, path.stem) if named else None
    found = _file_entry(path, st.st_mode, st, root, own)
    if not named:  # neither a link without an owner nor a stray is read
        reason = (
            f"is not an answer file or notebook ({', '.join(SUFFIXES)}), so it names no learner"
            if isinstance(found, Listed)
            else found
        )
        stray.append(problem("", path, reason))
        return
    mine = learners.setdefault(path.stem, LearnerFiles())
    if isinstance(found, Listed):
        mine.files.append(found)
    else:
        mine.skipped.append((path, found))


def _learner_of(entry: os.DirEntry[str]) -> str | None:
    """The learner an entry of the class folder belongs to, if it names one."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return entry.name
    except OSError:
        return None
    name = Path(entry.name)
    return name.stem if name.suffix.lower() in SUFFIXES else None


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


def _shared_files(learners: Mapping[str, LearnerFiles]) -> None:
    """One file in two learners' folders (the same device and inode: a hard link, or a
    link of one's own to a file hard-linked to another's) is graded for neither: each is
    moved to their skipped entries, saying whose file it also is."""
    owners: dict[FileId, dict[str, Listed]] = defaultdict(dict)
    for name, mine in learners.items():
        for listed in mine.files:
            owners[listed.identity].setdefault(name, listed)
    shared = {i: by for i, by in owners.items() if len(by) > 1}
    if not shared:
        return
    for name, mine in learners.items():
        keep, others = [], set()
        for listed in mine.files:
            by = shared.get(listed.identity)
            if by is None:
                keep.append(listed)
                continue
            other, theirs = next((n, f) for n, f in by.items() if n != name)
            others.add(other)
            mine.skipped.append(
                (
                    listed.path,
                    f"is the same file as {other}'s {name_shown(theirs.path.name)} (a hard "
                    "link: one file in two learners' folders), so it was graded for neither; "
                    "find out whose work it is, give each learner their own file, and grade "
                    "again",
                )
            )
        mine.files = keep
        mine.notes.extend(f"shares a file with {other}" for other in sorted(others))


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
        entries, _total = _entries(folder)
    except OSError as exc:
        raise InputError(folder, f"cannot be read ({exc.strerror or exc})") from None
    for entry in entries:
        if entry.name == DECISIONS_FILE:  # the trainer's, never a learner's
            continue
        try:
            _top_entry(entry, root, by_name, stray)
        except Exception as exc:  # a fault of the tool's: this entry only
            learner = _learner_of(entry)
            if learner is None:
                stray.append(problem("", entry.path, fault(exc)))
            else:  # the learner stays in the class, with the reason
                by_name.setdefault(learner, LearnerFiles()).skipped.append(
                    (Path(entry.path), fault(exc))
                )
    shown = _shown_names(list(by_name))
    learners = {shown[name]: files for name, files in by_name.items()}
    _shared_files(learners)
    return learners, stray


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


def out_of_time(more: int, what: str) -> str:
    """Why a file or exercise (``what``: "read", "graded"), and ``more`` after it, were left
    once a learner's time ran out."""
    after = f", nor {more:,} more after it" if more else ""
    return (
        f"was not {what}{after}: this learner's work took over {MAX_SECONDS_PER_LEARNER:g} "
        "seconds (the limit per learner); ask for fewer, shorter files, or grade again on a "
        "less busy machine"
    )


def listed(path: Path) -> Listed:
    """``path`` as a listing would see it now (for callers that did not list a folder)."""
    st = os.lstat(path)
    return Listed(path, (st.st_dev, st.st_ino))


def read_submission(
    learner: str,
    files: Sequence[Listed | Path],
    skipped: list[tuple[Path, str]] | None = None,
    *,
    budget: Budget | None = None,
    private: Path | None = None,
) -> Submission:
    """Read one learner's files within their :class:`Budget`; every unusable file or call
    becomes a :class:`Problem`, and so does a file the tool fails on (the learner's other
    files are still read). A plain path is taken as it is now (:func:`listed`).
    ``private`` is a folder of the tool's own for copies of notebooks
    (:func:`_notebook_entries`); without it, each notebook gets one of its own."""
    todo = [f if isinstance(f, Listed) else listed(f) for f in files]
    sub = Submission(learner, [f.path for f in todo], budget=budget or Budget())
    sub.problems.extend(problem(learner, path, reason) for path, reason in skipped or [])
    for n, file in enumerate(todo):
        if sub.budget.out_of_time():
            sub.problems.append(problem(learner, file.path, out_of_time(len(todo) - n - 1, "read")))
            break
        try:
            sheets, problems, notes = _sheets_in(file, sub.budget, private)
        except Exception as exc:  # a fault of the tool's: this file only
            sub.problems.append(problem(learner, file.path, fault(exc)))
            continue
        sub.notes.extend(name_shown(note, limit=None) for note in notes)
        _add_sheets(sub, file.path, sheets, problems, _modified(file))
    return sub


def _modified(file: Listed) -> float:
    """When the file was last modified (0 when that cannot be told)."""
    try:
        return os.lstat(file.target or file.path).st_mtime
    except OSError:
        return 0.0


def _when(mtime: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(mtime)) if mtime else "unknown"


def _newest(sub: Submission, exercise: str, path: Path, mtime: float) -> bool:
    """Whether the answer to ``exercise`` in ``path`` counts over one from another file of
    the learner's (the newest file counts), noting the choice in the gradebook."""
    before = sub.dated.get(exercise)
    if before is None or before[1] == path:
        return True
    newer = mtime >= before[0]
    kept, left = ((mtime, path), before) if newer else (before, (mtime, path))
    sub.notes.append(
        name_shown(
            f"{exercise} is answered in two files: {left[1].name} ({_when(left[0])}) and "
            f"{kept[1].name} ({_when(kept[0])}); the newest, {kept[1].name}, counts",
            limit=None,
        )
    )
    return newer


def _add_sheets(
    sub: Submission,
    path: Path,
    sheets: list[tuple[str, AnswerSheet]],
    problems: list[InputError],
    mtime: float = 0.0,
) -> None:
    """Add one file's sheets and problems to ``sub``: the last answer to an exercise in a
    file wins, and between files the newest file's."""
    learner = sub.learner
    sub.problems.extend(
        problem(learner, exc.where, exc.problem) for exc in problems[:MAX_PROBLEMS_PER_FILE]
    )
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        more = len(problems) - MAX_PROBLEMS_PER_FILE
        sub.problems.append(
            problem(learner, path, f"holds {more:,} more problems like those above (not listed)")
        )
    for where, sheet in sheets:
        if sheet.blank:  # an untouched worksheet or notebook cell is not an attempt
            continue
        if not _newest(sub, sheet.exercise, path, mtime):
            continue
        sub.dated[sheet.exercise] = (mtime, path)
        sub.sheets.pop(sheet.exercise, None)  # keep answer order = last answer's order
        sub.sheets[sheet.exercise] = sheet
        sub.sources[sheet.exercise] = name_shown(where, limit=None)


def _sheets_in(
    file: Listed, budget: Budget, private: Path | None = None
) -> tuple[list[tuple[str, AnswerSheet]], list[InputError], list[str]]:
    """The answer sheets one file holds (with where each is), the problems met, and the
    gradebook's notes on the file. The answers are exactly as read: they are made safe to
    show only when shown."""
    path = file.path
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        error = AnswerFileError(path, f"is not an answer file or notebook ({', '.join(SUFFIXES)})")
        return [], [error], []
    problems: list[InputError] = []
    notes: list[str] = []
    try:
        if suffix in ANSWER_SUFFIXES:
            entries, notes = _answer_file_entries(path, _read_listed(file, MAX_BYTES, budget))
        else:
            raw = _read_listed(file, MAX_NOTEBOOK_BYTES, budget)
            entries, found = _notebook_entries(path, raw, private)
            problems.extend(found)
    except InputError as exc:
        return [], [exc], []
    sheets = []
    for where, mapping in entries:
        try:
            sheet, bad = parse_answers_by_field(mapping, where)
            sheet, bad, note = _as_submitted(mapping, where, sheet, bad)
        except InputError as exc:
            problems.append(exc)
            continue
        problems.extend(bad)  # one bad field costs only itself: the others are graded
        notes += [note] if note else []
        sheets.append((where, sheet))
    return sheets, problems, notes


def _as_submitted(
    mapping: object, where: str, sheet: AnswerSheet, bad: list[AnswerFileError]
) -> tuple[AnswerSheet, list[AnswerFileError], str]:
    """An assessment item's worksheet holds what ``check`` submitted
    (:mod:`ams_exercises.answers.submitted`): that is what is graded, with a note when the
    answers above it were changed after submitting. Any other sheet is graded as read."""
    from ..answers.submitted import KEY, changed, read_block

    if not isinstance(mapping, dict) or mapping.get(KEY) is None:
        return sheet, bad, ""
    try:
        record = read_block(mapping[KEY])
    except ValueError as exc:
        raise AnswerFileError(
            where, f"{exc}; it is not graded (ask the learner for the worksheet as submitted)"
        ) from None
    submitted, wrong = parse_answers_by_field({"exercise": sheet.exercise, **record.answers}, where)
    if not changed(sheet.answers, submitted.answers):
        return replace(submitted, learner=sheet.learner), wrong, ""
    note = (
        f"{sheet.exercise}: changed after submitting; graded as submitted on "
        f"{record.at[:10]}, not as the worksheet reads now"
    )
    return replace(submitted, learner=sheet.learner), wrong, note


def _read_listed(file: Listed, max_bytes: int, budget: Budget) -> bytes:
    """The bytes of ``file``, if it is still the file the listing saw (see the module's
    notes), at most ``max_bytes``, and within what is left of the learner's bytes."""
    path, opened = file.path, file.target or file.path
    # never through a link (a learner's own link was resolved when listed); non-blocking,
    # should it be a pipe now
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(opened, flags | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or os.path.islink(opened):
            raise AnswerFileError(path, CHANGED) from None
        raise AnswerFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != file.identity:
            raise AnswerFileError(path, CHANGED)
        if info.st_size > max_bytes:
            raise AnswerFileError(
                path, f"is {info.st_size:,} bytes, over the limit of {max_bytes:,} bytes"
            )
        if info.st_size > budget.bytes:
            raise AnswerFileError(path, _over_bytes(info.st_size))
        raw = handle.read(min(max_bytes, budget.bytes) + 1)
    if len(raw) > max_bytes:
        raise AnswerFileError(path, f"is over the limit of {max_bytes:,} bytes")
    if len(raw) > budget.bytes:
        raise AnswerFileError(path, _over_bytes(len(raw)))
    budget.bytes -= len(raw)
    return raw


def over_chars(chars: int) -> str:
    """Why an exercise of ``chars`` characters of answers was not graded."""
    return (
        f"was not graded: its {chars:,} characters of answers would take this learner past "
        f"{MAX_ANSWER_CHARS_PER_LEARNER:,} in all (the limit per learner, so that one learner "
        "takes seconds); ask the learner for shorter answers"
    )


def _over_bytes(size: int) -> str:
    return (
        f"was not read: its {size:,} bytes would take this learner's files past "
        f"{MAX_BYTES_PER_LEARNER:,} bytes in all (the limit per learner); ask the learner "
        "for their answers without large outputs or extra files"
    )


def _answer_file_entries(path: Path, raw: bytes) -> tuple[list[tuple[str, object]], list[str]]:
    """An answer file's mappings: the file itself, each entry of a top-level list, or each
    answer of a download from the course site (with the gradebook's note on it). Read as
    ``check`` reads it (:mod:`ams_exercises.answers.friendly`): any editor's encoding, a
    colon inside an answer, slips named with their line."""
    data = read_answers(decode_answers(raw, path), path)
    if isinstance(data, list):
        if not data:
            raise AnswerFileError(path, "is an empty list; it holds no answers")
        return [(f"{path} entry {n}", item) for n, item in enumerate(data, 1)], []
    if is_site_file(data):
        entries, note = site_entries(path, data)
        return entries, [note]
    return [(str(path), data)], []


def _notebook_entries(
    path: Path, raw: bytes, private: Path | None
) -> tuple[list[tuple[str, object]], list[InputError]]:
    """A notebook's answer mappings and problems, read from the bytes already checked
    (:func:`_read_listed`): the notebook reader takes a path, so it is given a copy in the
    tool's ``private`` folder (or one made for it), removed at once, and the copy's name is
    put back to the learner's file wherever it is named."""
    with contextlib.ExitStack() as stack:
        try:
            if private is None:
                private = Path(stack.enter_context(private_folder()))
            copy = private / f"notebook{path.suffix.lower()}"
            stack.callback(copy.unlink, missing_ok=True)
            copy.write_bytes(raw)
        except OSError as exc:
            raise AnswerFileError(
                path,
                "could not be read: the tool cannot write its temporary copy "
                f"({exc.strerror or exc}); set TMPDIR to a folder it may write in, and grade "
                "again",
            ) from None
        try:
            found = read_notebook_answers(copy)
        except InputError as exc:
            raise AnswerFileError(_renamed(exc.where, copy, path), exc.problem) from None
    problems: list[InputError] = [
        AnswerFileError(_renamed(e.where, copy, path), e.problem) for e in found.problems
    ]
    return [(_renamed(where, copy, path), m) for where, m in found.answers], problems


def _renamed(where: str | Path, copy: Path, path: Path) -> str:
    """``where`` with the private copy's name put back to the learner's file."""
    text, name = str(where), str(copy)
    return str(path) + text[len(name) :] if text.startswith(name) else text
