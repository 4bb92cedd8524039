"""Errors the package raises for bad input: each names the file and what is wrong, in one line.

Surfaces (the command line, the Sphinx directive, the class report) turn an
:class:`InputError` into a one-line message; nothing below them prints or exits.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Something a person gave us (a file, an id, an answer) cannot be used.

    ``where`` names the file or thing, ``problem`` says what is wrong with it.
    """

    def __init__(self, where: str | Path, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{self.where}: {self.problem}")

    def _render_traceback_(self) -> list[str]:
        """In Jupyter and IPython: one readable line instead of a traceback."""
        return [f"{type(self).__name__}: {self}"]


class KeyFileError(InputError):
    """An answer key (a file of the course, not of the learner) is invalid."""


class OverlayError(KeyFileError):
    """A state's overlay (``overlay.yaml``) cannot be used: the file, the line and the fix."""


class AnswerFileError(InputError):
    """A learner's answer file cannot be read or does not fit its exercise."""


class UnknownExerciseError(InputError):
    """An exercise id that no answer key has."""
