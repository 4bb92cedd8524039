"""What the class report is made of: plain records of how the class did.

:mod:`.summary` fills them from graded results; the report, the CSV files, the charts and
the feedback sheets show them; :mod:`.advice` puts them into sentences for the trainer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..grader.result import CheckResult
from ..grader.vocabulary import FIELDS, ROLES
from .items import ItemStats
from .submissions import Problem

#: Score bands of the distribution chart: (label, lowest fraction of the maximum).
BANDS: tuple[tuple[str, float], ...] = (
    ("full marks", 1.0),
    ("half or more", 0.5),
    ("under half", 1e-9),
    ("nothing", 0.0),
)
#: Confusion-matrix columns besides the roles.
PARTLY = "partly right"
UNRECOGNISED = "not recognized"
GIVEN_COLUMNS: tuple[str, ...] = ROLES + (PARTLY, UNRECOGNISED)


@dataclass(frozen=True)
class Graded:
    """One learner's result on one exercise, and the file (and cell) it came from."""

    learner: str
    result: CheckResult
    source: str = ""
    #: The trainer's decisions on these answers: (field, entry) -> what was decided and the
    #: grader's verdict before it ("accept (was unsure)"); entry 0 is a single field.
    decided: dict[tuple[str, int], str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExerciseStats:
    """How the class did on one exercise."""

    id: str
    title: str
    max_score: int
    scores: tuple[float, ...]
    bands: dict[str, int]
    verdicts: dict[str, dict[str, int]]  # field -> verdict -> count

    @property
    def answered(self) -> int:
        return len(self.scores)

    @property
    def mean_fraction(self) -> float:
        """The class's average, as a fraction of the exercise's points (0 when nobody answered)."""
        return sum(self.scores) / (self.max_score * len(self.scores)) if self.scores else 0.0


@dataclass(frozen=True)
class Unplaced:
    """An answer the grader could not place, left for the trainer to decide."""

    learner: str
    exercise: str
    exercise_title: str
    field: str
    answer: str


@dataclass(frozen=True)
class CommonWrong:
    """A wrong answer several learners gave, with what it really is."""

    exercise: str
    exercise_title: str
    field: str
    learners: int
    examples: tuple[str, ...]  # the phrasings learners used, most common first
    recognized_as: str | None
    trap: str | None
    feedback: str
    in_key: bool  # False: the key does not know this answer at all


@dataclass(frozen=True)
class ClassSummary:
    """Everything the class report shows."""

    learners: list[str]
    exercises: list[ExerciseStats]
    scores: dict[str, dict[str, float]]  # learner -> exercise id -> score
    max_total: int
    problems: list[Problem]
    confusion: dict[str, dict[str, int]]  # asked field -> role given -> answers
    common_wrong: list[CommonWrong]
    traps: dict[str, tuple[int, int]]  # trap id -> (learners caught, answers)
    revisit: list[str]
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Difficulty and discrimination of each field of each exercise, in course order.
    items: list[ItemStats] = field(default_factory=list)
    #: How many different wrong answers there were (``common_wrong`` lists the top ones).
    wrong_total: int = 0
    #: The points of the whole course (every exercise, answered or not).
    course_max: int = 0
    #: Answers the grader could not place: no verdict, so the trainer decides each.
    unplaced: list[Unplaced] = field(default_factory=list)
    #: What the gradebook says of a learner besides scores (a name that looks like
    #: another's, a folder that could not be read, a file shared with another learner).
    notes: dict[str, list[str]] = field(default_factory=dict)

    def total(self, learner: str) -> float:
        """A learner's points over every exercise of the report (unanswered ones count 0)."""
        return round(sum(self.scores.get(learner, {}).values()), 2)

    def attempted_max(self, learner: str) -> int:
        """The most a learner could have scored on the exercises they handed in."""
        maxima = {e.id: e.max_score for e in self.exercises}
        return sum(maxima[e] for e in self.scores.get(learner, {}))

    def has_work(self, learner: str) -> bool:
        """The learner handed in at least one answer sheet that could be read and graded."""
        return bool(self.scores.get(learner))

    @property
    def no_readable_work(self) -> list[str]:
        """Learners none of whose work could be read: no score, not a score of zero."""
        return [learner for learner in self.learners if not self.has_work(learner)]

    @property
    def learners_with_problems(self) -> list[str]:
        """Learners with at least one file or call that could not be read."""
        named = {p.learner for p in self.problems}
        return [learner for learner in self.learners if learner in named]

    @property
    def flagged_items(self) -> list[ItemStats]:
        """Items whose discrimination is negative: a possible key error."""
        return [i for i in self.items if i.flagged]

    @property
    def graded_learners(self) -> list[str]:
        """The learners with at least one answer sheet that could be read and graded; the
        class's shares count only these (an unreadable file is no evidence either way)."""
        return sorted({learner for learner, _exercise in self.sources}, key=str.casefold)

    def problem_count(self, learner: str) -> int:
        return sum(1 for p in self.problems if p.learner == learner)

    @property
    def confusion_rows(self) -> list[str]:
        """The asked fields that received answers, in course order."""
        return [f for f in FIELDS if sum(self.confusion.get(f, {}).values())]

    @property
    def confusion_columns(self) -> list[str]:
        """The roles that learners gave at least once, in course order."""
        used = {c for row in self.confusion.values() for c, n in row.items() if n}
        return [c for c in GIVEN_COLUMNS if c in used]
