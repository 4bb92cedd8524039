"""Which answer file or exercise a learner command means, and which ids Tab offers.

A command names a file, an exercise id, or nothing: then it means the exercise the learner
is on (:func:`~.state.next_exercise`). :func:`answer_file` settles that for ``check``,
:func:`exercise_or_current` for ``hint`` and ``solution``. A name that is neither a file nor
an id is an error that says which ids come closest.

:func:`ids_to_complete` is all that Tab completion asks of the learner's copy. It only
reads: completing a word must never make a worksheet nor fill a cache.

Nothing here prints or exits.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AnswerFileError, UnknownExerciseError
from .home import find_home_if_any, unreadable

if TYPE_CHECKING:
    from .state import Learner


def answer_file(target: str | None, learner: Learner | None) -> Path | None:
    """The answer file ``check`` grades: the file ``target`` names, the worksheet of the
    exercise id ``target`` names or, with no target, the worksheet of the exercise the
    learner is on (``None`` when every exercise is done). ``learner`` may be ``None`` only
    with a target (outside any copy of the course)."""
    if target is None:
        assert learner is not None  # required when there is no target
        entry = learner.next()
        return None if entry is None else learner.worksheet(entry)
    path = Path(target)
    try:
        path.stat()
        return path
    except (FileNotFoundError, NotADirectoryError):
        why = "no such file"
    except (OSError, ValueError) as exc:  # a name too long, a folder that cannot be opened
        why = unreadable(exc) if isinstance(exc, OSError) else "is not a file name"
    if learner is not None and learner.catalogue.get(target) is not None:
        return learner.worksheet(learner.entry(target))
    if "/" in target or "\\" in target or target.endswith((".yaml", ".yml")):
        raise AnswerFileError(target, why)
    if learner is None:
        raise UnknownExerciseError(
            repr(target), "is neither a file nor an exercise id (no copy of the course found here)"
        )
    from ..grader.keys import not_an_id

    raise UnknownExerciseError(
        repr(target), f"is not a file, and {not_an_id(target, learner.catalogue.ids)}"
    )


def exercise_or_current(exercise: str | None, learner: Learner | None) -> str | None:
    """``exercise``, or the one the learner is on; ``None`` when every one is done."""
    if exercise is not None:
        return exercise
    assert learner is not None  # required when no exercise is named
    entry = learner.next()
    return entry.id if entry else None


def same_file(one: Path, other: Path) -> bool:
    """True when both paths lead to one file (a path that cannot be followed is not it)."""
    try:
        return one.resolve() == other.resolve()
    except (OSError, RuntimeError):
        return False


def ids_to_complete(prefix: str) -> list[str]:
    """The exercise ids starting with ``prefix``: the catalogue's in a learner's copy, else
    every key's. Read only, from the course's own compiled ids whatever overlay is set: an
    overlay adds words, never an exercise, and compiling one would write to the cache."""
    from ..grader.course import COMPILED_DIR, pinned, use_compiled

    before = pinned()
    use_compiled(COMPILED_DIR)
    try:
        home = find_home_if_any()
        if home is not None:
            from .catalogue import load_catalogue

            ids = load_catalogue(home).ids
        else:
            from ..grader.keys import key_ids

            ids = key_ids()
    finally:
        use_compiled(before)
    return [i for i in ids if i.startswith(prefix)]
