"""A learner's answers: read from a YAML answer file or from keyword arguments, and checked
against the exercise's key before grading, so every problem is one clear line.

An answer file looks like::

    exercise: environmental-permit
    widget: the written permit
    primary_customer: the facility applying for it
    investors:
      - taxpayers

A field left empty (``primary_customer:``) or still reading ``TODO`` counts as not yet
answered; an answer of only spaces, a list where one answer is asked, a number, or a field
the exercise does not ask for is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import AnswerFileError, UnknownExerciseError
from ..files.models import kind_of
from ..files.reading import read_bytes
from ..grader.keys import AnswerKey, key_for, not_an_id
from ..grader.vocabulary import (
    FIELDS,
    LIST_FIELDS,
    MAX_ANSWER_CHARS,
    MAX_LIST_ENTRIES,
    META_KEYS,
    is_placeholder,
)


@dataclass(frozen=True)
class AnswerSheet:
    """Validated answers for one exercise: single fields as text, list fields as lists."""

    key: AnswerKey
    answers: dict[str, str | list[str] | None]
    learner: str | None = None
    #: What the learner should know although the file is graded (text read as a comment).
    notices: tuple[str, ...] = ()

    @property
    def exercise(self) -> str:
        return self.key.id

    @property
    def blank(self) -> bool:
        """Nothing answered yet: every field empty or still TODO."""
        return not any(self.answers.values())


def _text(value: Any, where: str | Path, label: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise AnswerFileError(where, f"{label} must be text, not {kind_of(value)}")
    if not value.strip():
        return None  # no answer yet, as on the page
    if len(value) > MAX_ANSWER_CHARS:
        raise AnswerFileError(
            where, f"{label} is {len(value):,} characters long; keep it under {MAX_ANSWER_CHARS:,}"
        )
    return None if is_placeholder(value) else value.strip()


def parse_answers(data: Any, where: str | Path, *, exercise: str | None = None) -> AnswerSheet:
    """Check a mapping of answers (from a file or keywords) against its exercise's key;
    the first problem found is raised."""
    sheet, problems = parse_answers_by_field(data, where, exercise=exercise)
    if problems:
        raise problems[0]
    return sheet


def parse_answers_by_field(
    data: Any, where: str | Path, *, exercise: str | None = None
) -> tuple[AnswerSheet, list[AnswerFileError]]:
    """The sheet of every valid field, and one problem per field that is not (unknown, not
    asked, or not an answer), so that one bad field costs only itself: a class's grading
    grades the rest and lists the bad one with its reason.

    Raises :class:`AnswerFileError` when the mapping as a whole is unusable: not a mapping,
    no exercise or an unknown one, a learner name that is not text.
    """
    if not isinstance(data, Mapping):
        raise AnswerFileError(
            where, f"must be a mapping of fields (exercise: ..., widget: ...), not {kind_of(data)}"
        )
    exercise = data.get("exercise", exercise)
    if exercise is None:
        raise AnswerFileError(where, "has no 'exercise:' line naming the exercise it answers")
    if not isinstance(exercise, str):
        raise AnswerFileError(where, f"'exercise' must be an exercise id, not {kind_of(exercise)}")
    try:
        key = key_for(exercise.strip())
    except UnknownExerciseError:
        raise AnswerFileError(
            where, f"exercise {exercise!r} {not_an_id(exercise.strip())}"
        ) from None
    learner = data.get("learner")
    if learner is not None and not isinstance(learner, str):
        raise AnswerFileError(where, f"'learner' must be a name, not {kind_of(learner)}")
    answers: dict[str, str | list[str] | None] = {}
    problems: list[AnswerFileError] = []
    for name, value in data.items():
        if name in META_KEYS:
            continue
        try:
            answers[name] = _field(key, name, value, where)
        except AnswerFileError as exc:
            problems.append(exc)
    return AnswerSheet(key, answers, learner), problems


def _field(key: AnswerKey, name: Any, value: Any, where: str | Path) -> str | list[str] | None:
    """One field's answer, checked against the exercise's key."""
    if not isinstance(name, str) or name not in FIELDS:
        known = ", ".join(FIELDS)
        raise AnswerFileError(where, f"unknown field {name!r} (the fields are: {known})")
    if name not in key.asks:
        raise AnswerFileError(
            where,
            f"field {name!r} is not asked by exercise {key.id!r} (it asks: {', '.join(key.asks)})",
        )
    return _list(value, where, name) if name in LIST_FIELDS else _single(value, where, name)


def _single(value: Any, where: str | Path, name: str) -> str | None:
    if isinstance(value, list):
        raise AnswerFileError(where, f"field {name!r} takes one answer, not a list")
    return _text(value, where, f"field {name!r}")


def _list(value: Any, where: str | Path, name: str) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if len(items) > MAX_LIST_ENTRIES:
        raise AnswerFileError(
            where, f"field {name!r} has {len(items)} entries; at most {MAX_LIST_ENTRIES}"
        )
    out = []
    for n, item in enumerate(items, 1):
        text = _text(item, where, f"entry {n} of field {name!r}")
        if text is not None:
            out.append(text)
    return out


#: What notebooks are named: ``check`` does not grade them, Jupyter does (cell by cell).
NOTEBOOK_SUFFIXES = (".ipynb", ".md")


def read_answer_file(path: Path) -> AnswerSheet:
    """Read and check a learner's YAML answer file, however their editor saved it, with
    their slips explained in their words (:mod:`.friendly`).

    A notebook is read as a class's grading reads it (so that what cannot be read in it,
    a YAML bomb or a broken call, is named) and then refused with how to check it."""
    from .friendly import comment_notices, decode_answers, field_slip, read_answers

    if path.suffix.lower() in NOTEBOOK_SUFFIXES:
        from .notebooks import read_notebook_answers

        found = read_notebook_answers(path)
        if found.problems:
            raise found.problems[0]
        from ..command_line import command as typed

        raise AnswerFileError(
            path,
            f"is a notebook: run its check(...) cells in Jupyter ({typed('notebooks')}), "
            f"or check an exercise's worksheet ({typed('check <exercise-id>')})",
        )
    text = decode_answers(read_bytes(path, error=AnswerFileError), path)
    sheet, problems = parse_answers_by_field(read_answers(text, path), path)
    if problems:  # the first, with its line and the fix where it can be told
        slip = field_slip(text, sheet.key.id, sheet.key.asks)
        raise AnswerFileError(path, slip) if slip else problems[0]
    return replace(sheet, notices=tuple(comment_notices(text)))
