"""How the class did, computed from graded results: a pure function, no I/O, no printing.

:func:`summarize` takes every learner's :class:`~ams_exercises.grader.result.CheckResult` and the
problems met while reading, and returns a :class:`ClassSummary`: the gradebook, each
exercise's score distribution, the role-confusion matrix (which role learners gave against
the role the field asks for), the most common wrong answers with their traps, and what to
revisit in the next session, and the item analysis of every field (:mod:`.items`).
The CSV files, the charts and the HTML report only show it.

It also notes what the gradebook must say of a learner besides their scores: two learners
whose names differ only in letters that look alike (a Cyrillic "а" for a Latin "a", from
the grader's table of look-alikes) look like one person twice, so each is marked.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..grader.keys import AnswerKey
from ..grader.language import language
from ..grader.normalize import normal
from ..grader.result import CheckResult, trap_sentence
from ..grader.vocabulary import FIELD_LABELS, FIELD_NAMES, FIELDS, ROLE_LABELS, ROLES, TRAPS
from .items import GROUP_SHARE, ItemStats, item_analysis
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
#: An exercise is worth revisiting below this average fraction of its points.
REVISIT_BELOW = 0.7
#: How many common wrong answers the report lists.
TOP_WRONG = 12


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


def summarize(
    graded: Iterable[Graded],
    learners: Sequence[str],
    problems: Sequence[Problem],
    keys: Sequence[AnswerKey],
    *,
    course_max: int | None = None,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> ClassSummary:
    """Aggregate graded results (``keys`` in course order fixes the exercises' order;
    ``course_max`` is the points of the whole course, by default those of ``keys``;
    ``notes`` are the gradebook's notes on learners, to which look-alike names are added)."""
    results: dict[str, list[Graded]] = defaultdict(list)
    scores: dict[str, dict[str, float]] = {name: {} for name in learners}
    sources: dict[tuple[str, str], str] = {}
    for g in graded:
        results[g.result.exercise].append(g)
        scores.setdefault(g.learner, {})[g.result.exercise] = g.result.score
        sources[(g.learner, g.result.exercise)] = g.source
    order = [k for k in keys if k.id in results]
    exercises = [_exercise_stats(k, [g.result for g in results[k.id]]) for k in order]
    confusion = _confusion(g.result for k in order for g in results[k.id])
    all_wrong = _common_wrong(order, results)
    traps = _traps(g for k in order for g in results[k.id])
    summary = ClassSummary(
        learners=sorted(scores, key=str.casefold),
        exercises=exercises,
        scores=scores,
        max_total=sum(k.max_score for k in order),
        problems=list(problems),
        confusion=confusion,
        common_wrong=all_wrong[:TOP_WRONG],
        traps=traps,
        revisit=[],
        sources=sources,
        items=_items(order, results),
        wrong_total=len(all_wrong),
        course_max=course_max if course_max is not None else sum(k.max_score for k in order),
        unplaced=_unplaced(order, results),
        notes=_notes(list(scores), notes or {}),
    )
    summary.revisit.extend(_revisit(summary, all_wrong))
    return summary


def _notes(learners: list[str], given: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The notes given, and one on each learner whose name looks like another's."""
    out = {name: list(given.get(name, ())) for name in learners}
    for name, note in look_alike_names(learners).items():
        out[name].append(note)
    return {name: found for name, found in out.items() if found}


@lru_cache(maxsize=1)
def _look_alikes() -> dict[int, str]:
    """The grader's look-alike letters (:attr:`.Language.homoglyphs`) as a table."""
    return str.maketrans(language().homoglyphs)


def _skeleton(name: str) -> str:
    """``name`` as it looks: compatibility forms folded (full-width letters), and each
    look-alike letter made the letter it looks like."""
    return unicodedata.normalize("NFKC", name).translate(_look_alikes())


def _first_difference(name: str, other: str) -> str:
    """Where two names of the same length differ first, in words ("" when they do not)."""
    if len(name) != len(other):
        return ""
    for n, (a, b) in enumerate(zip(name, other, strict=True), 1):
        if a != b:
            said = [unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in (a, b)]
            return f" (letter {n} is {said[0]} here, {said[1]} in theirs)"
    return ""


def look_alike_names(learners: Sequence[str]) -> dict[str, str]:
    """A note for each learner whose name is another's but for letters that look alike."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in learners:
        groups[_skeleton(name)].append(name)
    out: dict[str, str] = {}
    for group in (g for g in groups.values() if len(g) > 1):
        for name in group:
            other = next(o for o in group if o != name)
            out[name] = (
                f"name looks like {other}'s; the names differ in letters that look alike"
                f"{_first_difference(name, other)}: check each row is the right person"
            )
    return out


def _items(order: list[AnswerKey], results: dict[str, list[Graded]]) -> list[ItemStats]:
    """Item analysis of every asked field of every exercise answered (:mod:`.items`)."""
    points: dict[str, dict[tuple[str, str], tuple[float, float]]] = defaultdict(dict)
    for key in order:
        for g in results[key.id]:
            for name, res in g.result.fields.items():
                points[g.learner][(key.id, name)] = (res.score, res.max_score)
    items = item_analysis(points, [(k.id, name) for k in order for name in k.asks])
    return [_with_strongest(i, points, results) if i.flagged else i for i in items]


#: How many of the strongest learners' answers a flagged item's note quotes.
STRONGEST_SHOWN = 4


def strongest_answers(
    item: tuple[str, str],
    points: Mapping[str, Mapping[tuple[str, str], tuple[float, float]]],
    results: Mapping[str, list[Graded]],
) -> list[tuple[str, int]]:
    """What the strongest learners (the top 27% by the rest of their work, as the item
    analysis ranks them) wrote for ``item``, most common first: on a possible key error,
    the answer the key may wrongly refuse."""
    rest = {}
    for learner, mine in points.items():
        if item not in mine:
            continue
        s, m = mine[item]
        total_s = sum(x for x, _ in mine.values()) - s
        total_m = sum(y for _, y in mine.values()) - m
        rest[learner] = total_s / total_m if total_m else 0.0
    k = max(1, round(GROUP_SHARE * len(rest)))
    top = set(sorted(rest, key=lambda learner: (-rest[learner], learner))[:k])
    said: Counter[str] = Counter()
    for g in results.get(item[0], []):
        if g.learner not in top:
            continue
        res = g.result.fields.get(item[1])
        if res is None or res.answer in (None, "", []):
            continue
        answers = res.answer if isinstance(res.answer, list) else [res.answer]
        said.update(a.strip() for a in answers if a.strip())
    return said.most_common()


def _with_strongest(item: ItemStats, points, results) -> ItemStats:
    said = strongest_answers((item.exercise, item.field), points, results)
    if not said:
        return item
    shown = ", ".join(f"“{text}” ({n})" for text, n in said[:STRONGEST_SHOWN])
    return replace(item, note=f"possible key error; the strongest learners wrote: {shown}")


def band_of(score: float, max_score: int) -> str:
    """Which :data:`BANDS` label a score falls in."""
    fraction = score / max_score if max_score else 0.0
    return next(label for label, low in BANDS if fraction >= low)


def _exercise_stats(key: AnswerKey, results: list[CheckResult]) -> ExerciseStats:
    bands = Counter(band_of(r.score, r.max_score) for r in results)
    verdicts = {name: dict(Counter(r.fields[name].verdict for r in results)) for name in key.asks}
    return ExerciseStats(
        id=key.id,
        title=key.title,
        max_score=key.max_score,
        scores=tuple(r.score for r in results),
        bands={label: bands.get(label, 0) for label, _ in BANDS},
        verdicts=verdicts,
    )


def _given_roles(name: str, res) -> Iterable[str]:
    """The role each answer of a field was taken to be (one per list entry)."""
    if res.verdict == "missing":
        return
    if res.items is None:
        if res.verdict == "correct":
            yield name
        elif res.verdict == "partial":
            yield PARTLY
        else:
            yield res.recognized_as or UNRECOGNISED
        return
    for item in res.items:
        if item.outcome == "matched":
            yield name
        elif item.outcome == "partial":
            yield PARTLY
        elif item.outcome in ("wrong", "unrecognized"):
            yield item.recognized_as or UNRECOGNISED


def _confusion(results: Iterable[CheckResult]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        for name, res in result.fields.items():
            counts[name].update(_given_roles(name, res))
    return {name: dict(counts[name]) for name in FIELDS if name in counts}


WrongOne = tuple[str, str, str | None, str | None, str, bool]


def _wrong_answers(result: CheckResult) -> Iterable[WrongOne]:
    """(field, answer, recognized_as, trap, feedback, known to the key) per wrong answer."""
    for name, res in result.fields.items():
        if res.items is None:
            if res.verdict == "incorrect" and isinstance(res.answer, str):
                known = res.outcome == "wrong"
                yield name, res.answer, res.recognized_as, res.trap, res.feedback, known
            continue
        for item in res.items:
            if item.outcome == "wrong":
                yield name, item.answer, item.recognized_as, item.trap, item.feedback, True


def _unplaced(order: list[AnswerKey], results: dict[str, list[Graded]]) -> list[Unplaced]:
    """Every answer the grader could not place, by exercise in course order, then learner:
    not wrong, not right, for the trainer to decide."""
    out = []
    for key in order:
        for g in sorted(results[key.id], key=lambda g: g.learner.casefold()):
            for name, res in g.result.fields.items():
                if res.items is None:
                    if res.verdict == "unsure" and isinstance(res.answer, str):
                        out.append(Unplaced(g.learner, key.id, key.title, name, res.answer))
                    continue
                out += [
                    Unplaced(g.learner, key.id, key.title, name, item.answer)
                    for item in res.items
                    if item.outcome == "unrecognized"
                ]
    return out


def _common_wrong(order: list[AnswerKey], results: dict[str, list[Graded]]) -> list[CommonWrong]:
    """Every different wrong answer, the one most learners gave first: by learners, then by
    how many times it was given, then in course order (so answers one learner gave come
    last)."""
    learners: dict[tuple, set[str]] = defaultdict(set)
    phrasings: dict[tuple, Counter[str]] = defaultdict(Counter)
    details: dict[tuple, tuple[str | None, str | None, str, bool]] = {}
    titles = {k.id: k.title for k in order}
    for key in order:
        for g in results[key.id]:
            for name, answer, role, trap, feedback, known in _wrong_answers(g.result):
                # A known wrong answer is identified by its feedback; an unknown one by its words.
                group = (key.id, name, feedback if known else "\x00" + normal(answer))
                learners[group].add(g.learner)
                phrasings[group][answer.strip()] += 1
                details.setdefault(group, (role, trap, feedback if known else "", known))
    place = {k.id: n for n, k in enumerate(order)}
    fields_order = {name: n for n, name in enumerate(FIELDS)}
    ranked = sorted(
        learners,
        key=lambda grp: (
            -len(learners[grp]),
            -sum(phrasings[grp].values()),
            place[grp[0]],
            fields_order.get(grp[1], 99),
            grp[2],
        ),
    )
    out = []
    for group in ranked:
        role, trap, feedback, known = details[group]
        examples = tuple(text for text, _ in phrasings[group].most_common(3))
        if not known:
            feedback = (
                "Not an answer the key knows: is it a slip, or a phrasing the key should accept?"
            )
        elif trap:
            feedback = feedback.removesuffix(trap_sentence(trap))  # the trap has its own column
        out.append(
            CommonWrong(
                group[0],
                titles[group[0]],
                group[1],
                len(learners[group]),
                examples,
                role,
                trap,
                feedback,
                known,
            )
        )
    return out


def _traps(graded: Iterable[Graded]) -> dict[str, tuple[int, int]]:
    caught: dict[str, set[str]] = defaultdict(set)
    answers: Counter[str] = Counter()
    for g in graded:
        for _name, _answer, _role, trap, _feedback, _known in _wrong_answers(g.result):
            if trap:
                caught[trap].add(g.learner)
                answers[trap] += 1
    return {t: (len(caught[t]), answers[t]) for t in TRAPS if t in caught}


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _slip(
    ex: ExerciseStats, all_wrong: Sequence[CommonWrong], flagged: frozenset = frozenset()
) -> str:
    """The exercise's most common slip: the field most learners missed, and the wrong answer
    most of them gave there when several learners gave the same one (answers the trainer
    accepted are right by then, never a slip). On an item flagged as a possible key error,
    the line says to check the key before reteaching it."""
    missed = {
        name: ex.answered - verdicts.get("correct", 0) for name, verdicts in ex.verdicts.items()
    }
    if not missed or max(missed.values()) == 0:
        return ""
    name = max(missed, key=lambda f: missed[f])  # first in the key's order on a tie
    line = (
        f" Most missed: {FIELD_NAMES[name].lower()}, by {missed[name]} of {ex.answered} "
        f"learner{'s' if ex.answered != 1 else ''}"
    )
    if (ex.id, name) in flagged:
        return line + ": check the key before reteaching it (a possible key error, below)."
    top = next((w for w in all_wrong if w.exercise == ex.id and w.field == name), None)
    if top is None or top.learners < 2:
        return line + "."
    line += f"; {top.learners} of them wrote “{top.examples[0]}”"
    if top.recognized_as:
        return line + f", which is really {ROLE_LABELS[top.recognized_as]}."
    return line + "."


def _revisit(s: ClassSummary, all_wrong: Sequence[CommonWrong] = ()) -> list[str]:
    """Plain sentences for the trainer's next session, most pressing first."""
    out: list[str] = []
    graded = len(s.graded_learners)
    n = graded or 1
    # Where the class lost the most: the share of points missed, times the learners
    # who answered (a weak exercise three people tried ranks below one ten people missed).
    weak = sorted(
        (e for e in s.exercises if e.answered and e.mean_fraction < REVISIT_BELOW),
        key=lambda e: (-(1 - e.mean_fraction) * e.answered, e.mean_fraction),
    )
    for ex in weak[:3]:
        line = (
            f"“{ex.title}” ({ex.id}): the class averaged {_pct(ex.mean_fraction)} of the points; "
            f"{ex.bands['full marks']} of {ex.answered} got full marks."
        )
        line += _slip(ex, all_wrong, frozenset((i.exercise, i.field) for i in s.flagged_items))
        out.append(line)
    for trap, (caught, answers) in sorted(s.traps.items(), key=lambda kv: -kv[1][0])[:2]:
        out.append(
            f"{TRAPS[trap]}: {caught} of {graded} learners ({_pct(caught / n)}) "
            "fell into it, "
            f"in {answers} answer{'s' if answers != 1 else ''}. Walk through why once more."
        )
    mix = [
        (count, asked, given)
        for asked, row in s.confusion.items()
        for given, count in row.items()
        if given in ROLES and given != asked
    ]
    for count, asked, given in sorted(mix, reverse=True)[:2]:
        out.append(
            f"{count} answer{'s' if count != 1 else ''} named {ROLE_LABELS[given]} where "
            f"{ROLE_LABELS[asked]} was asked: contrast the two roles with an example."
        )
    for ex in s.exercises:
        for name, verdicts in ex.verdicts.items():
            missing = verdicts.get("missing", 0)
            if ex.answered >= 5 and missing / ex.answered >= 0.25:
                out.append(
                    f"{missing} of {ex.answered} learners left “{FIELD_LABELS[name]}” blank in "
                    f"“{ex.title}”: check the question was clear and there was time."
                )
    titles = {e.id: e.title for e in s.exercises}
    key_checks = [
        f"Check the key of “{title}” ({item.exercise}), {FIELD_NAMES[item.field].lower()}: the "
        "learners who did best on the rest of their work got it wrong more often than the "
        "weakest (see Item analysis). The key may accept a wrong answer or refuse a right one."
        for item in s.flagged_items
        for title in [titles[item.exercise]]
    ]
    out[:0] = key_checks
    if not out:
        out.append(
            "No pattern of mistakes stands out: the class did well on every exercise it answered."
        )
    return out


def headline(s: ClassSummary) -> str:
    """The one line ``ams-exercises grade`` ends with: who was graded, what was skipped."""
    skipped = len(s.problems)
    graded = set(s.graded_learners)
    unread = [learner for learner in s.learners if learner not in graded]
    line = (
        f"Graded {len(s.learners)} learner{'s' if len(s.learners) != 1 else ''} "
        f"on {len(s.exercises)} exercise{'s' if len(s.exercises) != 1 else ''}"
    )
    if unread:
        more = ", ..." if len(unread) > 5 else ""
        line += (
            f" ({len(unread)} with no readable answer, left out of the class figures: "
            f"{', '.join(unread[:5])}{more})"
        )
    if skipped:
        many = "s" if skipped != 1 else ""
        line += (
            f"; skipped {skipped} file{many} or call{many} that could not be used or went over "
            "a learner's limits (listed in the report)"
        )
    return line + "."
