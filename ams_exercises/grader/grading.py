"""The grading core: judge a learner's answers against an answer key. Pure: no I/O.

:func:`grade` takes a validated :class:`~ams_exercises.grader.keys.AnswerKey` and a mapping of
field name to answer (a string for single fields, a list of strings for list fields) and
returns a :class:`~ams_exercises.grader.result.CheckResult`.

Scoring. A single field earns its points when right, half when partly right, none
otherwise. A list field needs ``min_items`` right items (default: all the key lists);
each is matched to at most one key item; a partly right item counts half; every wrong or
unrecognised extra item takes off half an item. The field is ``correct`` only with enough
right items and no wrong ones.

Judgement. An answer is first cut into the groups it names (:mod:`.reading`), each group
matched on its own, and the answer judged as a whole: the right group together with a
group of another role is a hedge, partly right at most whatever the order; a group set
aside ("not the public") does not count; members listed after a group do not count
against it. The placeholder ``TODO`` is no answer; entries are cut at
:data:`MAX_ANSWER_CHARS` characters and lists at :data:`MAX_LIST_ENTRIES` entries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal, NamedTuple
from weakref import WeakKeyDictionary

from .heads import (
    Index,
    Scene,
    Vocabulary,
    boundary,
    corrected,
    descriptions,
    lexis,
    read_group,
    split,
)
from .keys import AnswerKey, FieldKey, phrasings
from .language import language
from .language import say as _say
from .matching import Candidate, Match, Prepared
from .normalize import ARTICLE, POSSESSIVE, tokens
from .reading import Piece, pieces, rules
from .result import CheckResult, FieldResult, ItemResult, role_phrase, trap_sentence
from .vocabulary import (
    FIELD_NAMES,
    LIST_FIELDS,
    MAX_ANSWER_CHARS,
    MAX_LIST_ENTRIES,
    is_placeholder,
)

#: Credit taken off a list field for each wrong extra item, in items.
WRONG_ITEM_PENALTY = 0.5


def grade(key: AnswerKey, answers: Mapping[str, object], *, attempt: int = 0) -> CheckResult:
    """Grade ``answers`` against ``key``. ``attempt`` (0-based) picks how far along the hints go."""
    fields: dict[str, FieldResult] = {}
    for name in key.asks:
        value = answers.get(name)
        if name in LIST_FIELDS:
            fields[name] = _grade_list(key, name, _as_list(value), attempt)
        else:
            fields[name] = _grade_single(key, name, _as_text(value), attempt)
    score = round(sum(f.score for f in fields.values()), 2)
    return CheckResult(key.id, key.title, score, key.max_score, fields)


def candidates(key: AnswerKey, name: str) -> tuple[Candidate, ...]:
    """Every phrasing the key knows that an answer to field ``name`` might name."""
    return phrasings(key, name).candidates


def _as_text(value: object) -> str | None:
    if isinstance(value, str) and not is_placeholder(value):
        return value.strip()[:MAX_ANSWER_CHARS].strip() or None
    return None


#: Where one line of a list holds several entries: semicolons, tabs, line breaks; each
#: entry's bullet ("- ", "• "); a number ("1. ", "2) ", "(b) ") before an entry, and the next
#: one in a line that started with one ("1) the legislature 2) advocates"). The page reads
#: the same patterns (``sphinx/payload.py``).
ENTRY_BREAK = re.compile(r"[;\t\r\n]+")
BULLET = re.compile(r"^[ \u00a0]*[-*\u2022\u00b7\u2023\u25e6\u25aa\u2013\u2014][ \u00a0]+")
_NUMBER = r"\(?(?:[0-9]{1,2}|[a-zA-Z])[.)]"
FIRST_NUMBER = re.compile(rf"^[ \u00a0]*{_NUMBER}[ \u00a0]+")
NEXT_NUMBER = re.compile(rf"[ \u00a0]+{_NUMBER}[ \u00a0]+")


def _entries(text: str) -> list[str]:
    """The entries one line of a list holds, without their bullets or numbers."""
    out = []
    for part in ENTRY_BREAK.split(text):
        bullet, number = BULLET.match(part), FIRST_NUMBER.match(part)
        if bullet:
            out.append(part[bullet.end() :])
        elif number:
            out += NEXT_NUMBER.split(part[number.end() :])
        else:
            out.append(part)
    return out


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    entries = [e for v in value if isinstance(v, str) for e in _entries(v)]
    out = [t for t in (_as_text(e) for e in entries) if t]
    return out[:MAX_LIST_ENTRIES]


def _hint(key: AnswerKey, fk: FieldKey, attempt: int) -> str | None:
    hints = fk.hints or key.hints
    if not hints:
        return None
    if attempt >= len(hints) - 1:
        return f"{hints[-1]} {_say('last_hint')}"
    return hints[attempt]


def _quote(text: str) -> str:
    return _say("quoted", text=text)


#: What a group an answer names was matched to: a right answer (``accept``), one of the
#: key's partly right answers, a wrong one, an answer of another field (``elsewhere``), the
#: learner's own team, an activity instead of the widget, a group too broad, or nothing.
PartKind = Literal["accept", "partial", "wrong", "elsewhere", "own", "activity", "broad", "none"]


class Part(NamedTuple):
    """One group an answer names, and what it was matched to."""

    piece: Piece
    kind: PartKind
    match: Match | None


class PartlyRight(NamedTuple):
    """Which partly right answer a judged answer is, so that a list counts each once: one of
    the key's partly right answers (``partial``, its index), or a right group named beside a
    wrong or unplaced one (``hedge``, the right answer's index)."""

    source: Literal["partial", "hedge"]
    index: int


class Judged(NamedTuple):
    """What one answer (or list entry) is, as a whole."""

    item: ItemResult
    indices: tuple[int, ...] = ()  # right items it names
    partly: PartlyRight | None = None  # when partly right: which answer it is


def _joined(cands: tuple[Candidate, ...]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for c in cands:
        if len(c.words) > 1:
            out.setdefault(c.words[0], []).append(c.words)
    return out


def activities(cands: tuple[Candidate, ...]) -> frozenset[tuple[str, ...]]:
    """Activities whose result is the widget: "inspection" when it is "inspection report"."""
    r = rules()
    right = {c.words for c in cands if c.kind in ("accept", "partial")}
    return frozenset(
        c.words[:-1]
        for c in cands
        if c.kind == "accept"
        and len(c.words) > 1
        and c.words[-1] in r.results
        and (c.words[:-1] not in right or c.words[-2] in r.activity_nouns)
    )


class _Field(NamedTuple):
    joined: dict[str, list[tuple[str, ...]]]
    activities: frozenset[tuple[str, ...]]
    prepared: Prepared
    index: Index
    scene: Scene
    vocabulary: Vocabulary
    widget: bool
    judged: dict[str, Judged]
    parts: dict[tuple[tuple[str, ...], str | None], tuple[str, Match | None]]
    infos: dict[tuple[str, ...], tuple[bool, bool, bool]]

    def info(self, marked: tuple[str, ...]) -> tuple[bool, bool, bool]:
        """Whether a group's words name something the question knows (or somebody, by a
        head such as "people"), whether a qualifier follows its head, and whether what it
        names starts at its first word ("renew their registration" does not)."""
        known = self.infos.get(marked)
        if known is None:
            if len(self.infos) >= MEMO:
                self.infos.clear()
            lx = lexis()
            g = split(marked)
            b = boundary(g, self.index, lx) if g.words else 0
            named = read_group(marked, self.index, self.scene, widget=self.widget)
            generic = bool(g.words) and g.words[max(b, 1) - 1] in lx.generic
            # something the question knows, not any thing: "by car, bus or train" goes on
            # describing; "applying for the permit and the written permit" names two
            person = named.match is not None
            starts = named.match is not None and named.match.position <= 0
            known = self.infos[marked] = (person or generic, b < len(g.words), starts)
        return known


_FIELDS: WeakKeyDictionary[AnswerKey, dict[str, _Field]] = WeakKeyDictionary()
#: Answers remembered per field (a class repeats the same answers).
MEMO = 4096


def prepare(key: AnswerKey) -> None:
    """Work out now what grading ``key``'s fields needs (its phrasings read, filed and
    scened), as its first check would: the compiler records what that reads."""
    for name in key.fields:
        _field(key, name)


def _field(key: AnswerKey, name: str) -> _Field:
    per_key = _FIELDS.get(key)
    if per_key is None:
        per_key = _FIELDS[key] = {}
    if name not in per_key:
        prepared = phrasings(key, name)
        cands = prepared.candidates
        acts = activities(cands) if name == "widget" else frozenset()
        scene = per_key.get("_scene") or Scene.of(key)
        per_key["_scene"] = scene  # type: ignore[assignment]
        fk = key.fields[name]
        phrases = [p for item in fk.expected for p in item.accept]
        phrases += [p for entry in (*fk.partial, *fk.wrong) for p in entry.answers]
        phrases += [d for actor in key.actors for d in descriptions(actor)]
        per_key[name] = _Field(
            _joined(cands),
            acts,
            prepared,
            Index.of(prepared),
            scene,
            Vocabulary.of(phrases),
            name == "widget",
            {},
            {},
            {},
        )
    return per_key[name]


def _part(piece: Piece, f: _Field, antecedent: str | None = None) -> Part:
    memo = (piece.marked, antecedent)
    known = f.parts.get(memo)
    if known is None:
        if len(f.parts) >= MEMO:
            f.parts.clear()
        known = f.parts[memo] = _read_part(piece, f, antecedent)
    return Part(piece, *known)


def _read_part(piece: Piece, f: _Field, antecedent: str | None) -> tuple[PartKind, Match | None]:
    """What one group is, read from its head (remembered per field)."""
    r = rules()
    words = tuple(w for w in piece.words if w != POSSESSIVE)
    if not words:  # only a possessive mark and signs ("'s", "NO\x01"): names nobody
        return ("none", None)
    if words in f.activities:
        return ("activity", None)
    marked = corrected(piece.marked, piece.raw, f.vocabulary)
    named = read_group(marked, f.index, f.scene, widget=f.widget, antecedent=antecedent)
    if named.how == "activity":
        return ("activity", None)
    found = named.match
    if found is None:
        return ("broad" if words[0] in r.universal else "none", None)
    kind = found.candidate.kind
    if kind == "accept" and words[0] in r.own and found.candidate.words[0] not in r.own:
        kind = "own"
    return (kind, found)


def _judge(key: AnswerKey, name: str, answer: str) -> Judged:
    """What ``answer`` names in field ``name``, judged as a whole (remembered)."""
    f = _field(key, name)
    known = f.judged.get(answer)
    if known is None:
        if len(f.judged) >= MEMO:
            f.judged.clear()
        known = f.judged[answer] = _judge_parts(key, name, answer, f)
    return known


def _judge_parts(key: AnswerKey, name: str, answer: str, f: _Field) -> Judged:
    found = pieces(answer, f.joined, f.info)
    parts = []
    antecedent: str | None = None
    for p in found:
        if p.role not in ("head", "aside", "negated"):
            continue
        part = _part(p, f, antecedent)
        if part.match is not None and part.match.candidate.actor:
            antecedent = part.match.candidate.actor
        if p.role != "negated":
            parts.append(part)
    # a group named beside the others that the grader cannot place: "the facility and the
    # mayor" names two groups even when one of them is not the exercise's
    unknown = [
        p
        for p in parts
        if name != "widget" and p.piece.role == "head" and p.kind == "none" and _names(p)
    ]
    heads = [p for p in parts if p.piece.role == "head" and p.kind != "none"]
    asides = [p for p in parts if p.piece.role == "aside" and p.kind != "none"]
    if not heads:
        heads, asides = asides, []
    right = [p for p in heads if p.kind == "accept"]
    vague = [p for p in heads if p.kind == "partial"]
    others = [p for p in heads if p.kind not in ("accept", "partial")]
    wider = [p for p in asides if p.kind == "accept"]
    if right or vague:
        # an aside that names another group counts, unless it is a member of the group
        # named: "the facility (the public, the legislature)" hedges; "requesters such as
        # reporters" does not
        named = {p.match.candidate.actor for p in right + vague if p.match}
        kinds = {m for a in named if a for m in f.scene.members.get(a, ())}
        others += [
            p
            for p in asides
            if p.kind not in ("accept", "partial")
            and p.match is not None  # a group of people: an example or a reason is not
            and p.match.candidate.actor not in (None, "widget", *named)
            and " ".join(w for w in p.piece.words if w != POSSESSIVE) not in kinds
            and _plays_a_role(key, name, p)  # "their team": theirs, not another role
        ]
    fk = key.fields[name]
    label = FIELD_NAMES[name].lower()
    if right and (others or unknown):
        first = _wrong(key, name, others[0], answer, others[0].piece.text) if others else None
        named = ", ".join(
            _say(
                "named",
                text=_quote(o.piece.text),
                what=_is(key, name, o) if o.kind != "none" else _say("unplaced"),
            )
            for o in sorted(others + unknown, key=lambda o: parts.index(o))
        )
        one = _say("one_line") if name in LIST_FIELDS else _say("one_group", field=label)
        return Judged(
            ItemResult(
                answer,
                "wrong" if name in LIST_FIELDS else "partial",
                recognized_as=first.recognized_as if first else None,
                feedback=_say(
                    "several",
                    answer=_quote(answer),
                    right=_quote(right[0].piece.text),
                    named=named,
                    one=one,
                ),
            ),
            indices=_indices(right) if name in LIST_FIELDS else (),
            partly=PartlyRight("hedge", right[0].match.candidate.index),  # type: ignore[union-attr]
        )
    if right:
        indices = _indices(right)
        return Judged(
            ItemResult(answer, "matched", matched=fk.expected[indices[0]].accept[0]), indices
        )
    if wider and heads:
        return Judged(
            ItemResult(
                answer,
                "partial",
                feedback=_say(
                    "wider", head=_quote(heads[0].piece.text), aside=_quote(wider[0].piece.text)
                ),
            ),
            partly=PartlyRight("hedge", wider[0].match.candidate.index),  # type: ignore[union-attr]
        )
    if vague and not others:
        index = vague[0].match.candidate.index  # type: ignore[union-attr]
        return Judged(
            ItemResult(answer, "partial", feedback=fk.partial[index].feedback),
            partly=PartlyRight("partial", index),
        )
    if others:
        shown = answer if len(heads) == 1 else others[0].piece.text
        return Judged(_wrong(key, name, others[0], answer, shown))
    return Judged(ItemResult(answer, "unrecognized", feedback=_understood(name, answer)))


def _names(part: Part) -> bool:
    """Whether words the grader cannot place name a group: a noun phrase with an article or
    a determiner ("the mayor", "our lawyers"), not a description ("on time", "fast") and
    not a person word alone ("staff": nobody in particular)."""
    lx = lexis()
    marked = part.piece.marked
    if not marked or (marked[0] != ARTICLE and marked[0] not in lx.determiners):
        return False
    return any(
        w not in lx.stopwords and w not in lx.generic and not w.isdigit() for w in part.piece.words
    )


def _plays_a_role(key: AnswerKey, name: str, part: Part) -> bool:
    """The group ``part`` names plays a role (not the learner's own team or bosses)."""
    cand = part.match.candidate  # type: ignore[union-attr]
    if cand.kind != "wrong":
        return True
    return key.fields[name].wrong[cand.index].recognized_as is not None


def _indices(parts: list[Part]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(p.match.candidate.index for p in parts))  # type: ignore[union-attr]


def _is(key: AnswerKey, name: str, part: Part) -> str:
    role = _wrong(key, name, part, "", "").recognized_as
    if role in key.asks and role != name:
        return _say("another")
    if role:
        return _say("is_role", role=role_phrase(role))
    if name in LIST_FIELDS:
        return _say("not_listed")
    return _say("not_the", field=FIELD_NAMES[name].lower())


def _wrong(key: AnswerKey, name: str, part: Part, answer: str, text: str) -> ItemResult:
    """``answer`` names the wrong group ``part`` (shown as ``text``), with the feedback a
    trainer would give."""
    label = FIELD_NAMES[name].lower()
    r = language().structure
    if part.kind == "activity":
        return ItemResult(
            answer,
            "wrong",
            recognized_as="activity",
            feedback=_say("activity", text=_quote(text)),
        )
    if part.kind == "own":
        return ItemResult(
            answer,
            "wrong",
            feedback=_say("own", text=_quote(text), next=r.next_question[name]),
        )
    if part.kind == "broad":
        return ItemResult(answer, "wrong", feedback=_say("broad", text=_quote(text)))
    cand = part.match.candidate  # type: ignore[union-attr]
    if cand.kind == "wrong":
        wrong = key.fields[name].wrong[cand.index]
        return ItemResult(
            answer,
            "wrong",
            recognized_as=wrong.recognized_as,
            trap=wrong.trap,
            feedback=wrong.feedback + trap_sentence(wrong.trap),
        )
    # In the learner's own words: the key's phrasing would give another field's answer away.
    return ItemResult(
        answer,
        "wrong",
        recognized_as=cand.field,
        feedback=_say(
            "elsewhere_asked" if cand.field in key.asks else "elsewhere",
            text=_quote(text),
            role=role_phrase(cand.field),
            field=role_phrase(name) if name in LIST_FIELDS else _say("the_field", field=label),
            next=r.next_question[name],
        ),
    )


def _understood(name: str, answer: str) -> str:
    """Why the grader gives no verdict on an answer it cannot place: it says so, quoting
    the answer, and what to ask if the answer means a kind of thing its words suggest
    (said as a possibility: feedback never asserts what the answer did not say)."""
    r = language().structure
    words = set(tokens(answer))
    for kind in r.understood:
        if words.intersection(kind.words):
            return _say("unknown_kind", answer=_quote(answer), says=kind.says)
    return _say("unknown", answer=_quote(answer), next=r.next_question[name])


def _grade_single(key: AnswerKey, name: str, answer: str | None, attempt: int) -> FieldResult:
    fk = key.fields[name]
    if answer is None:
        return FieldResult(
            name,
            "missing",
            0,
            fk.points,
            None,
            feedback=_say("no_answer"),
            hint=_hint(key, fk, attempt),
        )
    item = _judge(key, name, answer).item
    if item.outcome == "matched":
        return FieldResult(
            name,
            "correct",
            fk.points,
            fk.points,
            answer,
            matched=[item.matched or ""],
            feedback=fk.explanation or _say("right"),
            outcome=item.outcome,
        )
    if item.outcome == "partial":
        verdict, score = "partial", fk.points / 2
    elif item.outcome == "unrecognized":
        verdict, score = "unsure", 0  # neither right nor called wrong: the trainer decides
    else:
        verdict, score = "incorrect", 0
    return FieldResult(
        name,
        verdict,
        score,
        fk.points,
        answer,
        recognized_as=item.recognized_as,
        trap=item.trap,
        feedback=item.feedback,
        hint=_hint(key, fk, attempt),
        outcome=item.outcome,
    )


def _grade_list(key: AnswerKey, name: str, answers: list[str], attempt: int) -> FieldResult:
    fk = key.fields[name]
    if not answers:
        return FieldResult(
            name,
            "missing",
            0,
            fk.points,
            [],
            feedback=_say("no_answer"),
            hint=_hint(key, fk, attempt),
            items=[],
        )
    taken: dict[int, str] = {}  # right item -> the entry that named it first
    partial_taken: dict[PartlyRight | None, str] = {}
    items: list[ItemResult] = []
    right = partial = wrong = unplaced = 0
    for answer in answers:
        judged = _judge(key, name, answer)
        item = judged.item
        if item.outcome == "matched":
            new = [i for i in judged.indices if i not in taken]
            if not new:
                earlier = taken[judged.indices[0]]
                item = ItemResult(
                    answer,
                    "duplicate",
                    matched=item.matched,
                    feedback=_counted(answer, earlier),
                )
            else:
                for i in new:
                    taken[i] = answer
                right += len(new)
        elif item.outcome == "partial":
            if judged.partly in partial_taken:
                earlier = partial_taken[judged.partly]
                item = ItemResult(
                    answer,
                    "duplicate",
                    feedback=_counted(answer, earlier),
                )
            else:
                partial_taken[judged.partly] = answer
                partial += 1
        elif item.outcome == "unrecognized":
            unplaced += 1  # neither counts nor costs: the trainer decides
        else:
            # a hedge in a list: the right group it names counts, the other costs as usual
            fresh = [i for i in judged.indices if i not in taken]
            for i in fresh:
                taken[i] = answer
            right += len(fresh)
            wrong += 1
        items.append(item)
    needed = fk.needed
    credit = min(right + 0.5 * partial, needed) - WRONG_ITEM_PENALTY * wrong
    fraction = max(0.0, credit) / needed
    score = round(fk.points * fraction, 2)
    if unplaced:
        verdict = "unsure"  # an entry the grader cannot place may be right or wrong
    elif right >= needed and wrong == 0:
        verdict = "correct"
    elif score == 0:
        verdict = "incorrect"
    else:
        verdict = "partial"
    first_wrong = next((i for i in items if i.outcome == "wrong"), None)
    if verdict == "correct":
        summary = fk.explanation or _say("right")
    elif unplaced:
        summary = _say("unsure_list", so_far=_so_far(right, needed))
    elif right >= needed:
        summary = _say("enough_not_all")
    elif right == 0:
        # a partly right entry, none fully right: "close", never "none is right"
        summary = _say("close" if verdict == "partial" else "none_right")
    else:
        summary = _say("some_right", right=str(right), needed=str(needed))
    return FieldResult(
        name,
        verdict,
        score,
        fk.points,
        answers,
        matched=[i.matched for i in items if i.outcome == "matched" and i.matched],
        recognized_as=first_wrong.recognized_as if first_wrong else None,
        trap=first_wrong.trap if first_wrong else None,
        feedback=" ".join([summary, *_notes(items)]),
        hint=None if verdict == "correct" else _hint(key, fk, attempt),
        items=items,
    )


def _so_far(right: int, needed: int) -> str:
    if right >= needed:
        return _say("so_far_enough")
    if right == 0:
        return _say("so_far_none")
    return _say("so_far_some", right=str(right), needed=str(needed))


def _counted(answer: str, earlier: str) -> str:
    return _say("counted", answer=_quote(answer), earlier=_quote(earlier))


def _notes(items: list[ItemResult]) -> list[str]:
    """One remark per distinct feedback, naming the entries it is about."""
    about: dict[str, list[str]] = {}
    for item in items:
        if item.outcome != "matched" and item.feedback:
            entries = about.setdefault(item.feedback, [])
            if item.answer not in entries:
                entries.append(item.answer)
    out = []
    for feedback, answers in about.items():
        if len(answers) == 1 and feedback.startswith(_quote(answers[0])):
            out.append(feedback)
        else:
            out.append(
                _say("about", answers=", ".join(_quote(a) for a in answers), feedback=feedback)
            )
    return out
