"""The report's CSV files, safe to open in a spreadsheet.

* ``gradebook.csv``: one row per learner, one column per exercise (its score, empty when
  the learner did not answer it), then ``total``, ``max`` (the points of the exercises that
  learner handed in), ``course_max`` (the whole course's), ``problems`` (files or calls of
  theirs that could not be read) and ``note`` (``no readable work``: then total and max are
  empty, never a zero; and the summary's notes on the learner, such as a name that looks
  like another's or a folder that could not be read, joined by ``; ``); then, when a
  learner took the pre-check or the final assessment, each learner's percentage of each,
  the final passed or not, their normalized gain and the class's (:mod:`.gain`);
* ``items.csv``: the item analysis (:mod:`.items`), a row per exercise and field;
* ``answers.csv``: one row per answer given (one per entry of a list field; a field left
  blank is one row with verdict ``missing``): learner, exercise, field, entry, verdict,
  recognized_as, trap, answer, score, max, feedback, source, decided_by_trainer. ``score``
  and ``max`` are the field's points and most points, on the field's first row only, so the
  column sums to each learner's total; ``feedback`` is what the learner was told about that
  answer; ``decided_by_trainer`` is empty, or the trainer's decision and the grader's verdict
  before it (``accept (was unsure)``), and then ``verdict`` and ``score`` are the decided ones;
* ``errors.csv``: learner, file, problem, for everything that was skipped.

Spreadsheet formula injection is defused the OWASP way: a text cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so
``=HYPERLINK(...)`` is shown as text and never evaluated. The look-alikes spreadsheets also
take for those signs are defused too: the full-width ``＝ ＋ － ＠`` and the small forms
(anything Unicode's compatibility mapping folds to an ASCII sign), and a sign behind
leading spaces or invisible characters (`` =1+1``, a zero-width space then ``=``). Files
are UTF-8 with a byte-order mark, so Excel reads accents correctly.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from .gain import ClassGain, LearnerGain
from .model import ClassSummary, Graded

#: What the gradebook says of a learner none of whose work could be read.
NO_WORK = "no readable work"

ENCODING = "utf-8-sig"
#: Signs that make a spreadsheet read a cell as a formula.
FORMULA_SIGNS = frozenset("=+-@")
#: A cell starting with one of these is defused whatever follows.
_ALWAYS_DEFUSED = ("\t", "\r")

#: Item outcomes as the verdict of one entry of a list field.
ENTRY_VERDICTS = {
    "matched": "correct",
    "partial": "partial",
    "wrong": "incorrect",
    "unrecognized": "unsure",
    "duplicate": "duplicate",
}


def _ignorable(char: str) -> bool:
    """A character a spreadsheet may skip before a formula: a space or an invisible one."""
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Zs")


def could_be_formula(text: str) -> bool:
    """``text`` could start a formula: a formula sign (or a look-alike that folds to one),
    possibly behind spaces and invisible characters, or a leading tab or carriage return."""
    if text.startswith(_ALWAYS_DEFUSED):
        return True
    first = next((c for c in text if not _ignorable(c)), "")
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in FORMULA_SIGNS


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet will show it: text that could be a formula is quoted."""
    if isinstance(value, str) and could_be_formula(value):
        return "'" + value
    return value


def _num(x: float) -> str:
    return f"{x:g}"


def _write(path: Path, header: list[str], rows: Iterable[list[object]]) -> None:
    # errors="replace": a stray surrogate that slipped past safe_text costs one "?", not the file
    with path.open("w", encoding=ENCODING, errors="replace", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])


def note(summary: ClassSummary, learner: str) -> str:
    """The gradebook's note on ``learner``: :data:`NO_WORK` if nothing could be graded,
    then the summary's notes, in one line."""
    work = [] if summary.has_work(learner) else [NO_WORK]
    return "; ".join([*work, *summary.notes.get(learner, [])])


def assigned_max(summary: ClassSummary, assigned: Sequence[str]) -> int:
    """The points of the assigned exercises (0 when none were named)."""
    from ..grader.keys import key_for

    return sum(key_for(i).max_score for i in assigned)


def assigned_pct(summary: ClassSummary, learner: str, assigned: Sequence[str]) -> int | None:
    """A learner's points on the assigned exercises as a whole percentage of theirs (an
    exercise not handed in counts 0); ``None`` without assigned exercises or work."""
    most = assigned_max(summary, assigned)
    if not most or not summary.has_work(learner):
        return None
    mine = summary.scores.get(learner, {})
    return round(100 * sum(mine.get(i, 0) for i in assigned) / most)


def write_gradebook(
    path: Path,
    summary: ClassSummary,
    assigned: Sequence[str] = (),
    gains: ClassGain | None = None,
) -> None:
    """``gradebook.csv``: learner, a score per exercise, total, max (of the exercises the
    learner handed in), course_max, problems, note (``no readable work``: no score at all,
    which is not a score of zero; then the summary's notes on the learner); with assigned
    exercises, then assigned_max and percent_of_assigned; when a learner took the pre-check
    or the final assessment (``gains``, :mod:`.gain`), then :data:`GAIN_COLUMNS`."""
    ids = [e.id for e in summary.exercises]
    gains = gains if gains is not None and gains.any_taken else None  # a practice-only class
    by_learner = {r.learner: r for r in gains.rows} if gains else {}

    def row(learner: str) -> list[object]:
        mine = summary.scores.get(learner, {})
        work = summary.has_work(learner)
        return [
            learner,
            *(_num(mine[i]) if i in mine else "" for i in ids),
            _num(summary.total(learner)) if work else "",
            summary.attempted_max(learner) if work else "",
            summary.course_max,
            summary.problem_count(learner),
            note(summary, learner),
            *(
                [assigned_max(summary, assigned), _pct_cell(summary, learner, assigned)]
                if assigned
                else []
            ),
            *(gain_cells(gains, by_learner[learner]) if gains else []),
        ]

    header = ["learner", *ids, "total", "max", "course_max", "problems", "note"]
    if assigned:
        header += ["assigned_max", "percent_of_assigned"]
    if gains:
        header += list(GAIN_COLUMNS)
    _write(path, header, (row(learner) for learner in summary.learners))


#: The gradebook's columns on the pre-check and the final assessment: each learner's
#: percentage of each (empty: not taken), the final passed or not against the pass mark,
#: their own normalized gain, why a figure is missing, and the class's gain (the same on
#: every row, as course_max is).
GAIN_COLUMNS = (
    "pre_check_percent",
    "final_percent",
    "pass_mark",
    "final_passed",
    "gain",
    "gain_note",
    "class_gain",
)
#: Why a learner has no gain, by the test they did not take.
MISSING = {
    "pre-check": "no pre-check: left out of the gain",
    "final": "no final assessment: left out of the gain",
    "both": "took neither test",
}


def _round(value: float | None, places: int) -> object:
    return "" if value is None else round(value, places) + 0.0


def gain_cells(gains: ClassGain, row: LearnerGain) -> list[object]:
    """A learner's cells of :data:`GAIN_COLUMNS` (numbers as numbers: never a formula)."""
    if row.missing:
        note = MISSING[row.missing]
    elif row.gain is None:
        note = "pre-check at 100%: no room to gain"
    else:
        note = ""
    return [
        _round(row.pre, 1),
        _round(row.post, 1),
        _num(gains.pass_mark),
        "" if row.passed is None else ("yes" if row.passed else "no"),
        _round(row.gain, 2),
        note,
        _round(gains.class_gain, 2),
    ]


def _pct_cell(summary: ClassSummary, learner: str, assigned: Sequence[str]) -> object:
    pct = assigned_pct(summary, learner, assigned)
    return "" if pct is None else pct


def write_items(path: Path, summary: ClassSummary) -> None:
    """``items.csv``: the item analysis, a row per exercise and field: exercise, field,
    learners, difficulty, discrimination (blank when it cannot be computed), flagged, note."""
    _write(
        path,
        ["exercise", "field", "learners", "difficulty", "discrimination", "flagged", "note"],
        (
            [
                i.exercise,
                i.field,
                i.learners,
                # numbers, not text: a spreadsheet reads -0.25 as a number, never a formula
                "" if i.difficulty is None else round(i.difficulty, 2),
                "" if i.discrimination is None else round(i.discrimination, 2) + 0.0,
                "yes" if i.flagged else "no",
                i.note,
            ]
            for i in summary.items
        ),
    )


def answer_rows(graded: Graded) -> Iterable[list[object]]:
    """The ``answers.csv`` rows of one learner's result on one exercise."""
    r = graded.result
    for name, res in r.fields.items():
        head = [graded.learner, r.exercise, name]
        score = _num(res.score)
        if res.items is None or res.verdict == "missing":
            answer = "; ".join(res.answer) if isinstance(res.answer, list) else (res.answer or "")
            yield [
                *head,
                1,
                res.verdict,
                res.recognized_as or "",
                res.trap or "",
                answer,
                score,
                res.max_score,
                res.feedback,
                graded.source,
                graded.decided.get((name, 0), ""),
            ]
            continue
        for n, item in enumerate(res.items, 1):
            yield [
                *head,
                n,
                ENTRY_VERDICTS[item.outcome],
                item.recognized_as or "",
                item.trap or "",
                item.answer,
                score if n == 1 else "",
                res.max_score if n == 1 else "",
                item.feedback or res.feedback,
                graded.source,
                graded.decided.get((name, n), ""),
            ]


ANSWER_COLUMNS = [
    "learner",
    "exercise",
    "field",
    "entry",
    "verdict",
    "recognized_as",
    "trap",
    "answer",
    "score",
    "max",
    "feedback",
    "source",
    "decided_by_trainer",
]


def write_answers(path: Path, graded: Iterable[Graded]) -> None:
    """``answers.csv``: the long table, one row per answer given."""
    _write(path, ANSWER_COLUMNS, (row for g in graded for row in answer_rows(g)))


def write_errors(path: Path, summary: ClassSummary) -> None:
    """``errors.csv``: every file or call that was skipped, and why."""
    _write(
        path,
        ["learner", "file", "problem"],
        ([p.learner, p.where, p.reason] for p in summary.problems),
    )
