"""How the class did, computed from graded results: a pure function, no I/O, no printing.

:func:`summarize` takes every learner's :class:`~ams_exercises.grader.result.CheckResult` and
the problems met while reading, and returns a :class:`~.model.ClassSummary`: the gradebook,
each exercise's score distribution, the role-confusion matrix (which role learners gave
against the role the field asks for), the most common wrong answers with their traps, the
item analysis of every field (:mod:`.items`), what to revisit (:mod:`.advice` words it) and
a note on each learner whose name looks like another's (:mod:`.names`). The CSV files, the
charts and the HTML report only show it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ..grader.keys import AnswerKey
from ..grader.normalize import normal
from ..grader.result import CheckResult, trap_sentence
from ..grader.vocabulary import FIELDS, TRAPS
from .advice import revisit
from .items import GROUP_SHARE, ItemStats, item_analysis
from .model import (
    BANDS,
    PARTLY,
    UNRECOGNISED,
    ClassSummary,
    CommonWrong,
    ExerciseStats,
    Graded,
    Unplaced,
)
from .names import look_alike_names
from .submissions import Problem

#: How many common wrong answers the report lists.
TOP_WRONG = 12


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
    summary.revisit.extend(revisit(summary, all_wrong))
    return summary


def _notes(learners: list[str], given: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The notes given, and one on each learner whose name looks like another's."""
    out = {name: list(given.get(name, ())) for name in learners}
    for name, note in look_alike_names(learners).items():
        out[name].append(note)
    return {name: found for name, found in out.items() if found}


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
