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
raises for a learner's file.

When a learner answers the same exercise more than once, the last answer counts: the last
call in a notebook, the last file in name order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..answers.notebooks import read_notebook_answers
from ..answers.sheet import AnswerSheet, parse_answers
from ..errors import AnswerFileError, InputError
from ..files.reading import load_yaml_file

ANSWER_SUFFIXES = (".yaml", ".yml")
NOTEBOOK_SUFFIXES = (".ipynb", ".md")
SUFFIXES = ANSWER_SUFFIXES + NOTEBOOK_SUFFIXES


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


def find_learners(folder: Path) -> tuple[dict[str, list[Path]], list[Problem]]:
    """Each learner's files by learner name (name order), and stray top-level files.

    Raises :class:`InputError` when ``folder`` is not a folder.
    """
    if not folder.exists():
        raise InputError(folder, "no such folder")
    if not folder.is_dir():
        raise InputError(folder, "is a file; give the folder that holds the learners' files")
    learners: dict[str, list[Path]] = {}
    stray: list[Problem] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith((".", "__")):
            continue
        if entry.is_dir():
            files = sorted(
                (p for p in entry.iterdir() if not p.name.startswith(".")), key=lambda p: p.name
            )
            learners.setdefault(entry.name, []).extend(files)
        elif entry.suffix.lower() in SUFFIXES:
            learners.setdefault(entry.stem, []).append(entry)
        else:
            reason = (
                f"is not an answer file or notebook ({', '.join(SUFFIXES)}), so it names no learner"
            )
            stray.append(Problem("", str(entry), reason))
    return learners, stray


def read_submission(learner: str, files: list[Path]) -> Submission:
    """Read one learner's files; every unusable file or call becomes a :class:`Problem`."""
    sub = Submission(learner, files)
    for path in files:
        for where, sheet in _sheets_in(path, sub):
            if sheet.blank:  # an untouched worksheet or notebook cell is not an attempt
                continue
            sub.sheets.pop(sheet.exercise, None)  # keep answer order = last answer's order
            sub.sheets[sheet.exercise] = sheet
            sub.sources[sheet.exercise] = where
    return sub


def read_class(folder: Path) -> tuple[int, list[Problem], Iterator[Submission]]:
    """How many learners, the stray files, and each learner's submission in name order."""
    learners, stray = find_learners(folder)
    subs = (read_submission(name, files) for name, files in learners.items())
    return len(learners), stray, subs


def _sheets_in(path: Path, sub: Submission) -> Iterator[tuple[str, AnswerSheet]]:
    def problem(exc: InputError) -> None:
        sub.problems.append(Problem(sub.learner, exc.where, exc.problem))

    suffix = path.suffix.lower()
    if path.is_dir():
        problem(
            AnswerFileError(
                path, "is a folder inside a learner's folder; put answer files directly in it"
            )
        )
        return
    if suffix not in SUFFIXES:
        problem(AnswerFileError(path, f"is not an answer file or notebook ({', '.join(SUFFIXES)})"))
        return
    try:
        if suffix in ANSWER_SUFFIXES:
            entries = _answer_file_entries(path)
            problems: list[AnswerFileError] = []
        else:
            found = read_notebook_answers(path)
            entries, problems = found.answers, found.problems
    except InputError as exc:
        problem(exc)
        return
    for exc in problems:
        problem(exc)
    for where, mapping in entries:
        try:
            yield where, parse_answers(mapping, where)
        except InputError as exc:
            problem(exc)


def _answer_file_entries(path: Path) -> list[tuple[str, object]]:
    """An answer file's mappings: the file itself, or each entry of a top-level list."""
    data = load_yaml_file(path, error=AnswerFileError)
    if isinstance(data, list):
        if not data:
            raise AnswerFileError(path, "is an empty list; it holds no answers")
        return [(f"{path} entry {n}", item) for n, item in enumerate(data, 1)]
    return [(str(path), data)]
