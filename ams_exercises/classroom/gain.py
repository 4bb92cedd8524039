"""The class's pre-check and final assessment side by side: scores, pass or fail, and gain.

Each learner's score on an assessment (:mod:`ams_exercises.assessments`) is the share of
its points they earned, every item of it counted (an item not handed in earns nothing); a
learner who handed in no item of it did not take it. The final is passed at or above the
pass mark (the module's, or the trainer's ``--pass-mark``). The class's normalized gain is
Hake's: ``<g> = (mean post - mean pre) / (100 - mean pre)``, the means taken over the
learners who took both; a learner who took only one, or neither, is shown as such and
left out of it, and counted. Each learner's own gain is given where it is defined (a
pre-check under 100%). Learners are listed in the report's name order, never by score.

A pure function of the class summary: the report, the gradebook and the feedback sheets
only show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..assessments import FINAL, PRE, assessment, gain, max_points, passes, percent
from ..grader.keys import Module
from .model import ClassSummary


@dataclass(frozen=True)
class LearnerGain:
    """One learner's two scores (percentages; ``None``: not taken) and what follows."""

    learner: str
    pre: float | None
    post: float | None
    passed: bool | None  # None: no final
    gain: float | None  # None: not both taken, or a pre-check of 100%

    @property
    def missing(self) -> str:
        """Which test the learner did not take: "", "pre-check", "final", or "both"."""
        if self.pre is None and self.post is None:
            return "both"
        if self.pre is None:
            return "pre-check"
        return "final" if self.post is None else ""


@dataclass(frozen=True)
class ClassGain:
    """The class's pre-check and final assessment (:func:`class_gain`)."""

    pre_module: Module | None
    final_module: Module | None
    pass_mark: float
    rows: list[LearnerGain]

    @property
    def paired(self) -> list[LearnerGain]:
        """The learners who took both tests: the gain's class."""
        return [r for r in self.rows if r.pre is not None and r.post is not None]

    @property
    def only_one(self) -> list[LearnerGain]:
        """The learners who took one test and not the other."""
        return [r for r in self.rows if r.missing in ("pre-check", "final")]

    @property
    def neither(self) -> list[LearnerGain]:
        return [r for r in self.rows if r.missing == "both"]

    @property
    def mean_pre(self) -> float | None:
        pairs = self.paired
        return sum(r.pre for r in pairs) / len(pairs) if pairs else None  # type: ignore[misc]

    @property
    def mean_post(self) -> float | None:
        pairs = self.paired
        return sum(r.post for r in pairs) / len(pairs) if pairs else None  # type: ignore[misc]

    @property
    def class_gain(self) -> float | None:
        """Hake's <g> over the paired learners (``None``: none, or a mean pre of 100)."""
        if self.mean_pre is None or self.mean_post is None:
            return None
        return gain(self.mean_pre, self.mean_post)

    @property
    def took_final(self) -> list[LearnerGain]:
        return [r for r in self.rows if r.post is not None]

    @property
    def passed(self) -> int:
        return sum(1 for r in self.rows if r.passed)

    @property
    def any_taken(self) -> bool:
        return any(r.missing != "both" for r in self.rows)


def _score(module: Module | None, mine: Mapping[str, float]) -> float | None:
    """A learner's percentage on ``module`` from their points by exercise; ``None`` when
    they handed in none of its items."""
    if module is None or not any(i in mine for i in module.exercises):
        return None
    return percent(sum(mine.get(i, 0.0) for i in module.exercises), max_points(module))


def class_gain(summary: ClassSummary, pass_mark: float | None = None) -> ClassGain | None:
    """The class's pre-check and final, in the summary's learner order; ``None`` when the
    course has neither assessment."""
    pre, final = assessment(PRE), assessment(FINAL)
    if pre is None and final is None:
        return None
    mark = float(pass_mark if pass_mark is not None else (final.pass_mark if final else 0))
    rows = []
    for learner in summary.learners:
        mine = summary.scores.get(learner, {})
        before, after = _score(pre, mine), _score(final, mine)
        rows.append(
            LearnerGain(
                learner,
                before,
                after,
                None if after is None or final is None else passes(after, final, mark),
                gain(before, after) if before is not None and after is not None else None,
            )
        )
    return ClassGain(pre, final, mark, rows)
