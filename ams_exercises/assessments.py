"""The course's two assessments, as data: the pre-check and the final assessment.

``course/modules.yaml`` marks a module ``assessment: pre`` (taken before the lessons, not
graded: it shows where a learner starts) or ``assessment: final`` (the course's score,
against its ``pass_mark``). Both are read from the modules list, never named here, so
items can be added to either without a change of code. The learner's tools
(:mod:`ams_exercises.learner.assessment`) and the class report
(:mod:`ams_exercises.classroom.gain`) share these rules: a score is the share of the
assessment's points earned, the final is passed at or above its pass mark, and the
normalized gain is Hake's.
"""

from __future__ import annotations

from .grader.keys import Module, key_for, modules

PRE, FINAL = "pre", "final"


def assessment(kind: str) -> Module | None:
    """The course's module with ``assessment: kind`` (``pre`` or ``final``), if it has one."""
    return next((m for m in modules().values() if m.assessment == kind), None)


def module_of(exercise: str) -> Module | None:
    """The assessment ``exercise`` is an item of, or ``None`` for a practice exercise."""
    mod = modules().get(key_for(exercise).module)
    return mod if mod is not None and mod.assessment else None


def named(module: Module) -> str:
    """How a sentence names the assessment: "the pre-check", "the final assessment"."""
    return "the " + module.title[:1].lower() + module.title[1:]


def max_points(module: Module) -> int:
    """The points of every item of ``module``."""
    return sum(key_for(i).max_score for i in module.exercises)


def percent(points: float, most: float) -> float:
    """``points`` as a percentage of ``most`` (0 when there is nothing to earn)."""
    return 100 * points / most if most else 0.0


def passes(score: float, module: Module, pass_mark: float | None = None) -> bool:
    """Whether a final assessment score (a percentage) reaches the pass mark (the module's,
    unless another is given)."""
    mark = module.pass_mark if pass_mark is None else pass_mark
    return score >= mark - 1e-9


def gain(pre: float, post: float) -> float | None:
    """Hake's normalized gain from ``pre`` to ``post`` (percentages): the share of what
    there was left to learn that was learned; ``None`` when the pre score is 100 (nothing
    was left)."""
    if pre >= 100:
        return None
    return (post - pre) / (100 - pre)


def whole(value: float) -> str:
    """A percentage as the reports say it: whole, "83%"."""
    return f"{round(value)}%"
