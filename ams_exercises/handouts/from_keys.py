"""What each edition prints of an exercise, built from its answer key. Pure: no I/O.

* **learner** (and its large-print and fillable forms): the scenario and, for each field
  asked, its label and ruled lines to write on. The learner view is built from the
  scenario only; it has no slot for an answer, so no template slip can leak one;
* **trainer**: the same, plus the accepted answers and the other phrasings accepted, the
  partly right answers, the tempting wrong answers with the role they really are and the
  trap they show, the worked solution, hints and discussion prompts, the scenario's role
  map and its "who is who".

Exercises are numbered "chapter.exercise" in the book's order, so both editions and every
scope use the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..grader.keys import AnswerKey, Module
from ..grader.lexicon import lexicon
from ..grader.vocabulary import (
    FIELD_LABELS,
    FIELDS,
    KIND_NAMES,
    LIST_FIELDS,
    ROLE_LABELS,
    ROLE_NAMES,
    TRAPS,
)
from ..role_map import describe, role_map
from .editions import EDITIONS, LEARNER_EDITIONS
from .lines import LINES_SINGLE, needed_lines
from .views import (
    CastView,
    ExerciseView,
    FieldView,
    ItemView,
    ModuleView,
    OverrideView,
    PartialView,
    WrongView,
)
from .wording import WRONG_EXAMPLES, WRONG_IDEAS, Phrasings, shorten, source_label

#: The role map on paper: wide and short, 560 units across the page's 160 mm (its
#: 13-unit text at 10.5 pt, print.css).
PRINT_MAP_WIDTH = 560


def _paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs of a YAML block: blank lines split them, single newlines are spaces."""
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def _learner_field(key: AnswerKey, name: str, lines: int = LINES_SINGLE) -> FieldView:
    return FieldView(
        name=name,
        label=FIELD_LABELS[name],
        is_list=name in LIST_FIELDS,
        lines=lines,
        points=key.fields[name].points,
        need=lines,
        needed=key.fields[name].needed,  # how many entries earn full credit, not which
    )


def _trainer_field(key: AnswerKey, name: str) -> FieldView:
    fk = key.fields[name]
    base = _learner_field(key, name)
    return FieldView(
        name=base.name,
        label=base.label,
        is_list=base.is_list,
        lines=base.lines,
        points=base.points,
        items=tuple(
            ItemView(
                it.accept[0], tuple(it.accept[1:]), shorten(it.accept[1:], besides=it.accept[:1])
            )
            for it in fk.expected
        ),
        needed=fk.needed,
        partial=tuple(
            PartialView(
                tuple(p.answers),
                p.feedback,
                shorten(p.answers, ideas=WRONG_IDEAS, examples=WRONG_EXAMPLES),
            )
            for p in fk.partial
            if _shown_partial(key, p)
        ),
        wrong=tuple(
            WrongView(
                tuple(w.answers),
                ROLE_LABELS[w.recognized_as] if w.recognized_as else "",
                TRAPS[w.trap] if w.trap else "",
                w.feedback,
                shorten(w.answers, ideas=WRONG_IDEAS, examples=WRONG_EXAMPLES),
                brief=name != "widget",
            )
            for w in fk.wrong
            if _tempting(name, w)
        ),
        hints=tuple(fk.hints),
        explanation=fk.explanation or "",
    )


def _tempting(name: str, wrong) -> bool:
    """A wrong answer the trainer key prints in its field: in the widget's, what is not the
    widget (an activity, an outcome, the request that comes in); in a question about people,
    a group that shows a trap there. Every group of the scenario is placed once, in the
    exercise's "who is who" list and its role map; the lexicon's common answers are
    explained in the book, and so are the other traps, the wrong answers to "which trap?"."""
    if wrong.group is not None or name == "trap":
        return False
    if name == "widget":
        return wrong.actor is None
    return wrong.trap is not None and wrong.actor not in (None, "widget")


def _shown_partial(key: AnswerKey, part) -> bool:
    """A partly right answer the key prints: the key's own, not a lexicon group this
    scenario does not show (those all get the same remark, from the book)."""
    if part.actor is None:
        return True
    actor = next((a for a in key.actors if a.ref == part.actor), None)
    return actor is None or actor.placed


def _cast(key: AnswerKey) -> tuple[CastView, ...]:
    """Every group the scenario places, by role, with a few of its names (unless a field
    above already lists them as its answer) and the key's own words about it."""
    order = {role: n for n, role in enumerate(FIELDS)}
    people = [a for a in key.placed if a.ref != "widget"]
    people.sort(key=lambda a: min((order.get(r, len(order)) for r in a.roles), default=len(order)))
    out = []
    for actor in people:
        if actor.group is None:
            names = [actor.name, *actor.names]
        else:  # the scenario's own names first: "reservation agents" before "licensing staff"
            usual = set(lexicon()[actor.group].phrasings)
            names = [actor.label, *(n for n in actor.names if n not in usual), *actor.names]
        names = list(dict.fromkeys(names))
        answered = any(actor.ref in key.fields[n].actors for n in key.asks if n != "widget")
        roles = [ROLE_NAMES.get(r) or KIND_NAMES.get(r) or r for r in actor.roles]
        out.append(
            CastView(
                label=actor.label,
                roles=" and ".join(roles),
                printed=Phrasings()
                if answered
                else shorten(
                    names[1:], besides=names[:1], ideas=WRONG_IDEAS, examples=WRONG_EXAMPLES
                ),
                note=actor.reason or actor.says or "",
            )
        )
    return tuple(out)


def exercise_view(key: AnswerKey, number: str, edition: str) -> ExerciseView:
    """What ``edition`` prints for one exercise; the learner view carries no answer."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}")
    if edition in LEARNER_EDITIONS:
        edition = "learner"  # every learner edition prints the same view
    common = {
        "id": key.id,
        "number": number,
        "title": key.title,
        "scenario": _paragraphs(key.scenario),
        "minutes": key.minutes,
        "max_score": key.max_score,
    }
    if edition == "learner":
        fields = tuple(_learner_field(key, n, needed_lines(key, n)) for n in key.asks)
        return ExerciseView(**common, fields=fields)
    return ExerciseView(
        **common,
        fields=tuple(_trainer_field(key, n) for n in key.asks),
        source=source_label(key),
        trap=TRAPS[key.trap] if key.trap else "",
        hints=tuple(key.hints),
        rationale=_paragraphs(key.rationale),
        discussion=tuple(key.discussion),
        overrides=tuple(
            OverrideView(
                tuple(a.names[:3] or [a.name]),
                ROLE_NAMES.get(a.role or "") or KIND_NAMES[a.roles[0]],
                a.reason,
            )
            for a in key.placed
            if a.reason
        ),
        role_map=_data_address(role_map(key, id_prefix="handout-map", width=PRINT_MAP_WIDTH)),
        role_map_text=describe(key),
        cast=_cast(key),
    )


def _data_address(svg: str) -> str:
    """An SVG drawing as a ``data:`` address, for an ``<img>`` with its own alt text."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def module_views(
    keys: Sequence[AnswerKey], modules: Sequence[Module], edition: str
) -> list[ModuleView]:
    """Every module that has exercises, numbered in course order (``modules`` in teaching order)."""
    from ..grader.keys import module_numbers

    out = []
    numbers = module_numbers([m.id for m in modules])
    for module in modules:
        number = numbers[module.id]
        mine = [k for k in keys if k.module == module.id]
        if mine:
            exercises = tuple(
                exercise_view(k, f"{number}.{i}", edition) for i, k in enumerate(mine, 1)
            )
            out.append(
                ModuleView(
                    module.id,
                    number,
                    module.title,
                    exercises,
                    module.chapter,
                    module.part,
                    module.assessment,
                )
            )
    return out
