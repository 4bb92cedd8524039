"""What the learner commands show: where you are, what comes next, hints in order, the
worked solution and progress bars. Pure functions that return text; the command line prints it.

``paint(text, role)`` colors a piece of text for a role (``passed``, ``attempted``,
``not started``, ``title``, ``command``); without it the text is plain.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from ..assessments import module_of, named
from ..command_line import command as typed
from ..files.paths import shown
from ..grader.vocabulary import FIELD_LABELS, FIELD_NAMES, LIST_FIELDS
from .catalogue import Catalogue, Entry
from .progress import Progress
from .state import next_exercise

if TYPE_CHECKING:
    from ..grader.keys import AnswerKey

Paint = Callable[[str, str], str]

#: The mark beside an exercise in each state.
MARKS = {"passed": "✓", "submitted": "✓", "attempted": "~", "not started": "·"}
BAR_WIDTH = 20


def _plain(text: str, _role: str) -> str:
    return text


def bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """``[#####-----] 3/6``: a progress bar like rustlings'."""
    filled = round(width * done / total) if total else 0
    if done and not filled:
        filled = 1
    if done < total and filled == width:
        filled = width - 1
    return f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total}"


def where_you_are(
    catalogue: Catalogue, progress: Progress, worksheet: str, paint: Paint | None = None
) -> str:
    """The answer to "what do I do next?", for ``ams-exercises`` with no arguments."""
    paint = paint or _plain
    total = len(catalogue.entries)
    done = sum(progress.done(e.id) for e in catalogue.entries)
    entry = next_exercise(catalogue, progress)
    if entry is None:
        return "\n".join(
            [
                paint(f"Congratulations: you have done all {total} exercises!", "passed"),
                f"Look back over the worked solutions with `{typed('solution ID')}`.",
                f"Overall {bar(done, total)}",
            ]
        )
    rec = progress.exercises.get(entry.id)
    lines = [
        f"You are on exercise {paint(entry.id, 'title')} ({entry.title})",
        f"in {entry.module_title}.",
        "",
        f"  1. Edit {worksheet}",
        f"  2. Run  {paint(typed(f'check {entry.id}'), 'command')}",
    ]
    module = module_of(entry.id)
    if module is not None:
        lines.append(
            f"     to submit it: {named(module)} is answered once, on your own, with every "
            "field filled in"
        )
        lines += ["", f"Overall {bar(done, total)}"]
        return "\n".join(lines)
    lines.append(f"     (or {paint(typed('watch'), 'command')} to check it each time you save)")
    if rec and rec.attempts and rec.last_score is not None:
        lines.append(
            f"Your last try scored {rec.last_score:g} of {rec.max_score}. For a nudge: "
            + paint(typed(f"hint {entry.id}"), "command")
        )
    lines += ["", f"Overall {bar(done, total)}"]
    return "\n".join(lines)


def next_up(catalogue: Catalogue, entry: Entry | None, paint: Paint | None = None) -> str:
    """What to do once an exercise is done: go on to ``entry``, the next one, or (``None``)
    congratulations, for every exercise is done."""
    paint = paint or _plain
    if entry is None:
        total = len(catalogue.entries)
        return f"That was the last one: all {total} exercises done. Congratulations!"
    return (
        f"Next up: {paint(entry.id, 'title')} ({entry.title})\n"
        f"  edit {shown(catalogue.path(entry))}\n"
        f"  then run {paint(typed(f'check {entry.id}'), 'command')}"
    )


def hint_sequence(key: AnswerKey, right: Collection[str] = ()) -> list[str]:
    """Every hint of an exercise in the order they are given: the exercise's own hints,
    gentlest first, then each asked field's hints, labeled with the field; none for the
    fields in ``right`` (already answered right)."""
    out = list(key.hints)
    for name in key.asks:
        if name in right:
            continue
        label = FIELD_NAMES[name]
        out += [f"{label}: {h}" for h in key.fields[name].hints if h not in key.hints]
    return out


def solution_text(key: AnswerKey, paint: Paint | None = None) -> str:
    """The worked solution: each asked field's answer and why, then the rationale."""
    paint = paint or _plain
    lines = [paint(f"Solution: {key.title} ({key.id})", "title"), ""]
    for name in key.asks:
        fk = key.fields[name]
        answers = fk.canonical
        if name in LIST_FIELDS:
            need = fk.needed
            shown = "; ".join(answers)
            extra = f" (any {need} of these)" if need < len(answers) else ""
            lines.append(f"{FIELD_LABELS[name]}: {paint(shown, 'passed')}{extra}")
        else:
            lines.append(f"{FIELD_LABELS[name]}: {paint(answers[0], 'passed')}")
        if fk.explanation:
            lines.append(f"    {fk.explanation}")
    lines += ["", "Why:", key.rationale.strip()]
    if key.discussion:
        lines += ["", "To think about:"]
        for question in key.discussion:
            lines += textwrap.wrap(question, 88, initial_indent="  - ", subsequent_indent="    ")
    return "\n".join(lines)


def progress_report(
    catalogue: Catalogue,
    progress: Progress,
    paint: Paint | None = None,
    after: Sequence[str] = (),
) -> str:
    """Every exercise with its state, a bar per module and one overall, then ``after``
    (the assessments' standing and the learner's path: :func:`.assessment.standings`)."""
    paint = paint or _plain
    width = max((len(e.id) for e in catalogue.entries), default=10)
    lines: list[str] = []
    from ..grader.keys import module_numbers

    numbers = module_numbers([mid for mid, _title in catalogue.modules])
    for mid, title in catalogue.modules:
        number = numbers[mid]
        entries = catalogue.of_module(mid)
        done = sum(progress.done(e.id) for e in entries)
        lines.append(f"{paint(f'{number}. {title}', 'title')}")
        lines.append(f"   {bar(done, len(entries))}")
        for e in entries:
            state = progress.state(e.id)
            rec = progress.exercises.get(e.id)
            if rec and rec.submission is not None:
                sub = rec.submission
                score = f"  scored {sub.points:g}/{sub.max_points}"
            elif rec and rec.attempts and rec.last_score is not None:
                score = f"  last score {rec.last_score:g}/{rec.max_score}"
            else:
                score = ""
            mark = paint(f"{MARKS[state]} {state:<11}", state)
            lines.append(f"   {mark} {e.id:<{width}}  {e.title}{score}")
        lines.append("")
    total = len(catalogue.entries)
    done = sum(progress.done(e.id) for e in catalogue.entries)
    lines.append(f"Overall {bar(done, total)}")
    lines += after
    return "\n".join(lines)
