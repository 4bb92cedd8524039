"""Exercises and a grader for the course "Who is your customer?".

The grader checks a learner's customer identifications (widget, primary customer,
strategic customers, operational support, stakeholders, investors) against answer keys
the way a trainer would. Start with :func:`check` and :func:`check_file`; in a learner's
notebook, :func:`check` also records progress, and :func:`hint` and :func:`solution` work
as on the command line (:mod:`ams_exercises.learner.notebook`).

This module is the facade only; the layers below it, lowest first: ``errors`` and
``files`` (safe reading and writing), ``grader`` (the pure core) with the data in
``course/``, ``answers`` (a learner's files), ``api``, then the surfaces: ``learner``,
``sphinx``, ``handouts``, ``classroom`` and ``cli``. One thing more is done here, because
every module's import passes through here first: the grader, which only reads, is told
how to compile a state's overlay (:mod:`ams_exercises.overlays`) when
``AMS_EXERCISES_OVERLAY`` names one.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "check",
    "check_file",
    "exercises",
    "hint",
    "load_key",
    "solution",
    "use_overlay",
    "__version__",
]


def _compiled_overlay(spec: str):
    """The compiled folder of the overlay ``AMS_EXERCISES_OVERLAY`` names: the grader reads
    it, and asks here, the top of the package, for the compiler's side (imported on use)."""
    from .overlays import compiled_overlay

    return compiled_overlay(spec)


from .grader.course import compile_overlays_with  # noqa: E402 - after the function it takes

compile_overlays_with(_compiled_overlay)


def __getattr__(name: str):  # lazy: importing the package stays cheap
    if name in {"check", "hint", "solution"}:  # in a learner's notebook, they keep progress
        from .learner import notebook

        return getattr(notebook, name)
    if name in {"check_file", "exercises", "load_key"}:
        from . import api

        return getattr(api, name)
    if name == "use_overlay":  # a state's overlay, for the rest of this session
        from .overlays import use_overlay

        return use_overlay
    raise AttributeError(name)
