"""One key's scenario resolved, and its questions written out from it.

:func:`resolve` takes a checked key (:class:`~.models.KeySource`) and the lexicon, and
returns the key as the grader reads it (the compiled JSON of
:func:`~ams_exercises.grader.keys.key_from_data`):

1. **Actors.** The key's own actors and the lexicon groups it places, in its order, then
   every other lexicon group with its usual relations. A relation naming ``primary`` is the
   scenario's primary customer.
2. **Roles.** Each actor's roles follow from its relations by
   :func:`~ams_exercises.grader.doctrine.roles_of`; a key may override them only with a
   reason. A placed group whose role differs from the lexicon's, or an actor of the key's
   own that takes a name the lexicon gives to a group, must say why (``reason``): the
   trainer edition prints it.
3. **Questions.** For each question asked: the right answers are the actors holding that
   role (or the widget), the partly right ones their vague names, and every other actor is a
   wrong answer recognized as its own role, with feedback the course writes from its
   relations (``sentences`` in the lexicon) followed by the key's own words. "Which trap?"
   is answered by the key's ``trap``, in any of the ways the lexicon writes it; another
   trap is wrong, with what that trap is (half credit for one the key names as a fair
   reading), and a group of people is no trap at all.

A check's ``minutes`` are computed, never typed: its scenario at the reading rate and each
field it asks (``course/paths.yaml``). Every problem is a
:class:`~ams_exercises.errors.KeyFileError` naming the key's file and the part of it that
is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import KeyFileError
from ..grader.doctrine import PRIMARY, Relation, is_role, role_of, roles_of
from ..grader.normalize import normal
from ..grader.vocabulary import FIELDS, LIST_FIELDS, ROLE_PLURALS, TRAPS
from .models import Actor, Group, KeySource, LexiconFile, Sentences, TrapSource
from .paths import check_minutes

_ARTICLES = ("the ", "a ", "an ")


def _bare(name: str) -> str:
    """``the inspection report`` -> ``inspection report``."""
    low = name.lower()
    for article in _ARTICLES:
        if low.startswith(article):
            return name[len(article) :]
    return name


class _Resolved:
    """An actor with everything merged in: the lexicon group's data and the key's."""

    def __init__(self, ref: str, actor: Actor | None, group: Group | None, placed: bool) -> None:
        self.ref = ref
        self.group = group
        self.placed = placed
        self.name = actor.name if actor and actor.name else (group.name if group else ref)
        own = list(actor.names) if actor else []
        if group:
            usual = {normal(p) for p in group.phrasings}
            own = [p for p in own if normal(p) not in usual]
        self.names = [*(group.phrasings if group else []), *own] if group else own
        if actor and actor.id is not None:
            self.names = own
        self.does = [*(group.does if group else []), *(actor.does if actor else [])]
        texts = list(actor.relations) if actor and actor.relations else list(group.relations)  # type: ignore[union-attr]
        self.relations = [Relation.parse(t) for t in texts]
        #: a lexicon group with its usual relations (read before "primary" is resolved)
        self.default_relations = group is not None and [str(r) for r in self.relations] == list(
            group.relations
        )
        self.partial = list(actor.partial) if actor else []
        self.says = actor.says if actor else None
        self.trap = (actor.trap if actor and actor.trap else None) or (
            group.trap if group else None
        )
        self.reason = actor.reason if actor else None
        self.role_override = actor.role if actor else None
        self.population = bool(group and group.population)
        #: how a drawing or a solution names the actor: the scenario's own words first
        self.label = actor.names[0] if actor and actor.group and actor.names else self.name
        self.members = list(actor.members) if actor else []
        self.roles: tuple[str, ...] = ()

    @property
    def all_names(self) -> list[str]:
        """The phrasings that name the actor: a group's own and the key's, or an actor's
        ``name`` first, then its other names."""
        if self.group is not None:
            return list(self.names)
        return [self.name, *(n for n in self.names if n != self.name)]


def resolve(
    path: Path,
    key: KeySource,
    lexicon: LexiconFile,
    *,
    names_traps: bool = True,
    assessed: bool = False,
) -> dict[str, Any]:
    """``key`` (read from ``path``) as the compiled JSON the grader reads; ``assessed`` for
    an item of the pre-check or the final assessment, answered once (no revising)."""
    groups = {g.id: g for g in lexicon.groups}
    actors: list[_Resolved] = []
    placed = set()
    for actor in key.actors:
        group = groups.get(actor.group) if actor.group else None
        actors.append(_Resolved(actor.ref, actor, group, True))
        if actor.group:
            placed.add(actor.group)
    for group in lexicon.groups:
        if group.id not in placed:
            actors.append(_Resolved(group.id, None, group, False))
    _names_once(path, key, actors, groups)
    _derive_roles(path, key, actors)
    by_ref = {a.ref: a for a in actors}
    fields = {
        name: _trap_field(path, key, actors, lexicon)
        if name == "trap"
        else _field(path, key, name, actors, by_ref, lexicon.sentences, names_traps)
        for name in key.asks
    }
    return {
        "id": key.id,
        "title": key.title,
        "module": key.module,
        "source": key.source,
        "scenario": key.scenario,
        "asks": list(key.asks),
        "fields": fields,
        "hints": list(key.hints),
        "rationale": key.rationale,
        "widget": {
            "name": key.widget.name,
            "names": list(key.widget.names),
            "partial": [{"answers": p.answers, "feedback": p.feedback} for p in key.widget.partial],
            "not_it": [
                {"answers": n.answers, "kind": n.kind, "says": n.says, "trap": n.trap}
                for n in key.widget.not_it
            ],
        },
        "actors": [
            {
                "ref": a.ref,
                "name": a.name,
                "names": a.names,
                "does": a.does,
                "relations": [str(r) for r in a.relations],
                "roles": list(a.roles),
                "group": a.group.id if a.group else None,
                "placed": a.placed,
                "reason": a.reason,
                "says": a.says,
                "trap": a.trap,
                "population": a.population,
                "members": a.members,
                "label": a.label,
            }
            for a in actors
        ],
        "trap": key.trap,
        "discussion": list(key.discussion),
        "minutes": check_minutes(key.scenario, key.asks, revised=not assessed),
        "adapted": key.adapted,
    }


def _fail(path: Path, where: str, problem: str) -> KeyFileError:
    return KeyFileError(path, f"field '{where}': {problem}")


def _names_once(
    path: Path, key: KeySource, actors: list[_Resolved], groups: dict[str, Group]
) -> None:
    """Each phrasing names one actor. A name of the key's own that the lexicon gives to a
    group takes it from the group in this scenario, with a reason."""
    lexicon_phrase = {normal(p): g.id for g in groups.values() for p in g.phrasings}
    own: dict[str, str] = {}  # normalized name -> actor ref, for the key's own names
    for i, actor in enumerate(key.actors):
        mine = [*(actor.names if actor.id is None else [actor.name, *actor.names])]
        mine += [p for part in actor.partial for p in part.answers]
        for phrase in mine:
            norm = normal(phrase or "")
            if not norm:
                raise _fail(path, f"actors.{i}", f"{phrase!r} has no words left once normalized")
            if norm in own and own[norm] != actor.ref:
                raise _fail(path, f"actors.{i}", f"{phrase!r} also names {own[norm]!r}")
            own[norm] = actor.ref
            gid = lexicon_phrase.get(norm)
            if gid is not None and gid != actor.group and actor.reason is None:
                raise _fail(
                    path,
                    f"actors.{i}",
                    f"{phrase!r} is a phrasing of the lexicon group {gid!r}: place that group"
                    f" ('group: {gid}') or give a 'reason' why it means {actor.ref!r} here",
                )
    for phrase in [key.widget.name, *key.widget.names]:
        if normal(phrase) in own:
            raise _fail(path, "widget", f"{phrase!r} also names the actor {own[normal(phrase)]!r}")
    # the key's names leave the lexicon groups that had them, in this scenario
    for actor in actors:
        if actor.group is not None:
            actor.names = [p for p in actor.names if own.get(normal(p), actor.ref) == actor.ref]


def _derive_roles(path: Path, key: KeySource, actors: list[_Resolved]) -> None:
    """Each actor's roles from its relations; ``primary`` targets and the chains checked."""
    by_ref = {a.ref: a for a in actors}
    where = {a.ref: i for i, a in enumerate(key.actors)}
    for actor in actors:
        actor.roles = roles_of(actor.relations)
        if actor.role_override:
            actor.roles = (actor.role_override,)
    primary = [a for a in actors if "primary_customer" in a.roles]
    if not primary:
        raise _fail(path, "actors", "no actor uses the widget for their own needs ('uses')")
    for actor in actors:
        actor.relations = [
            Relation(r.kind, primary[0].ref) if r.target == PRIMARY else r for r in actor.relations
        ]
    for actor in actors:
        if not actor.placed:
            continue
        at = f"actors.{where[actor.ref]}"
        if actor.group is not None and not actor.default_relations:
            usual = roles_of([Relation.parse(t) for t in actor.group.relations])
            if actor.roles != usual and actor.reason is None:
                raise _fail(
                    path,
                    at,
                    f"the group {actor.group.id!r} is {' and '.join(actor.roles)} here but"
                    f" {' and '.join(usual)} in the lexicon: give a 'reason'",
                )
        for rel in actor.relations:
            if rel.kind in ("serves", "works_with"):
                _reaches_primary(path, at, actor, by_ref)


def _reaches_primary(path: Path, at: str, actor: _Resolved, by_ref: dict[str, _Resolved]) -> None:
    """A chain of actors serving others ends at someone who uses the widget for their needs."""
    seen = {actor.ref}
    todo = [r.target for r in actor.relations if r.kind in ("serves", "works_with")]
    while todo:
        ref = todo.pop()
        if ref is None or ref in seen:
            continue
        seen.add(ref)
        target = by_ref[ref]
        if "primary_customer" in target.roles:
            return
        todo += [r.target for r in target.relations if r.kind in ("serves", "works_with")]
    raise _fail(path, f"{at}.relations", "the chain it starts never reaches the primary customer")


# --- the questions, written out from the actors ---------------------------------------------


def _field(
    path: Path,
    key: KeySource,
    name: str,
    actors: list[_Resolved],
    by_ref: dict[str, _Resolved],
    sentences: Sentences,
    names_traps: bool,
) -> dict[str, Any]:
    settings = key.fields[name]
    out: dict[str, Any] = {
        "points": settings.points,
        "hints": list(settings.hints),
        "explanation": settings.explanation,
    }
    partial: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []
    if name == "widget":
        out["accept"] = [key.widget.name, *key.widget.names]
        partial = [{"answers": p.answers, "feedback": p.feedback} for p in key.widget.partial]
        for n in key.widget.not_it:
            text = sentences.widget.get(n.kind, "") if n.kind != "other" else ""
            feedback = " ".join(t for t in (text, n.says) if t)
            if not feedback:
                raise _fail(path, "widget.not_it", f"{n.answers[0]!r}: 'other' needs 'says'")
            wrong.append(_wrong(n.answers, feedback, n.kind if n.kind != "other" else None, n.trap))
        for actor in actors:
            wrong.append(
                _wrong(
                    _names_with_vague(actor),
                    sentences.widget["person"],
                    actor.roles[0] if actor.roles and is_role(actor.roles[0]) else None,
                    None,
                    actor=actor.ref,
                )
            )
    else:
        right = [a for a in actors if name in a.roles and a.placed]
        if not right:
            raise _fail(path, f"fields.{name}", "no actor of the scenario plays this role")
        out["actors"] = [a.ref for a in right]
        if name in LIST_FIELDS:
            out["items"] = [a.all_names for a in right]
            needed = settings.min_items or len(right)
            if needed > len(right):
                raise _fail(
                    path, f"fields.{name}.min_items", f"more than the {len(right)} actors in it"
                )
            out["min_items"] = settings.min_items
        else:
            out["accept"] = [n for a in right for n in a.all_names]
        for actor in right:
            partial += [
                {"answers": p.answers, "feedback": p.feedback, "actor": actor.ref}
                for p in actor.partial
            ]
        for actor in actors:
            if actor in right:
                continue
            if not actor.placed and name in actor.roles:
                partial.append(
                    {"answers": actor.all_names, "feedback": sentences.not_here, "actor": actor.ref}
                )
                continue
            trap = actor.trap if name == "primary_customer" and names_traps else None
            role = next((r for r in actor.roles if is_role(r)), None)
            entry = _wrong(
                _names_with_vague(actor),
                explain(actor, name, key, by_ref, sentences),
                role,
                trap,
                actor=actor.ref,
            )
            if not actor.placed:
                entry["group"] = actor.ref
            wrong.append(entry)
        things = [key.widget.name, *key.widget.names]
        wrong.append(_wrong(things, sentences.a_thing, "widget", None, actor="widget"))
        for n in key.widget.not_it:
            if n.kind in sentences.widget:
                text = sentences.widget[n.kind].split(". ")[0].rstrip(".") + "."
                wrong.append(_wrong(n.answers, text, n.kind, None))
            else:  # "other": a thing, not a group of people
                wrong.append(_wrong(n.answers, sentences.a_thing, None, None))
    out["partial"] = partial
    out["wrong"] = wrong
    _once_per_question(path, name, out)
    return out


def _trap_names(trap: str, source: TrapSource) -> list[str]:
    """Every way of writing ``trap``'s name: the book's first, then the lexicon's."""
    names: dict[str, str] = {}
    for name in [TRAPS[trap], *source.phrasings]:
        names.setdefault(normal(name), name)
    return list(names.values())


def _trap_field(
    path: Path, key: KeySource, actors: list[_Resolved], lexicon: LexiconFile
) -> dict[str, Any]:
    """ "Which trap?": the key's trap in any of the lexicon's ways of writing it; half a name
    half credit; another trap wrong, with what that trap is, unless the key names it as a
    fair reading (half credit, in the key's words); people named are no trap."""
    settings = key.fields["trap"]
    right = key.trap or ""
    sentences = lexicon.sentences
    readings = {r.trap: r.feedback for r in key.trap_readings}
    source = lexicon.traps[right]  # type: ignore[index]
    partial = [{"answers": list(p.answers), "feedback": p.feedback} for p in source.partial]
    wrong: list[dict[str, Any]] = []
    for trap, other in lexicon.traps.items():
        if trap == right:
            continue
        names = _trap_names(trap, other) + [a for p in other.partial for a in p.answers]
        if trap in readings:
            partial.append({"answers": names, "feedback": readings[trap]})
        else:
            wrong.append(_wrong(names, f"{other.about} {sentences.trap_other}", None, None))
    for actor in actors:
        wrong.append(
            _wrong(_names_with_vague(actor), sentences.trap_person, None, None, actor=actor.ref)
        )
    out: dict[str, Any] = {
        "points": settings.points,
        "hints": list(settings.hints),
        "explanation": settings.explanation,
        "accept": _trap_names(right, source),
        "partial": partial,
        "wrong": wrong,
    }
    _once_per_question(path, "trap", out)
    return out


def _once_per_question(path: Path, name: str, field: dict[str, Any]) -> None:
    """A phrasing names one thing in a question: the compiler refuses one that would be two
    (an actor's vague name that is also a thing the widget is not, say)."""
    seen: dict[str, str] = {}
    entries = [("accepted", field.get("accept") or [])]
    entries += [(f"item {i + 1}", item) for i, item in enumerate(field.get("items") or [])]
    entries += [(f"half credit {i + 1}", p["answers"]) for i, p in enumerate(field["partial"])]
    entries += [
        (str(w.get("actor") or w.get("recognized_as") or "wrong"), w["answers"])
        for w in field["wrong"]
    ]
    for label, phrases in entries:
        for phrase in phrases:
            norm = normal(phrase)
            if norm in seen and seen[norm] != label:
                raise _fail(
                    path,
                    f"fields.{name}",
                    f"{phrase!r} names both {seen[norm]} and {label} in this question",
                )
            seen[norm] = label


def _names_with_vague(actor: _Resolved) -> list[str]:
    return [*actor.all_names, *(p for part in actor.partial for p in part.answers)]


def _wrong(
    answers: list[str],
    feedback: str,
    recognized_as: str | None,
    trap: str | None,
    *,
    actor: str | None = None,
) -> dict[str, Any]:
    entry: dict[str, Any] = {"answers": list(answers), "feedback": feedback}
    if recognized_as:
        entry["recognized_as"] = recognized_as
    if trap:
        entry["trap"] = trap
    if actor:
        entry["actor"] = actor
    return entry


def explain(
    actor: _Resolved,
    name: str,
    key: KeySource,
    by_ref: dict[str, _Resolved],
    sentences: Sentences,
) -> str:
    """What the course says to a learner who names ``actor`` in question ``name``: why the
    actor plays its role (the lexicon's words for a group in its usual place, else a
    sentence written from its relations), then the key's own words."""
    if actor.group is not None and actor.default_relations:
        text = actor.group.feedback
    else:
        text = _from_relations(actor, name, key, by_ref, sentences)
    return f"{text} {actor.says}" if actor.says else text


def _from_relations(
    actor: _Resolved,
    name: str,
    key: KeySource,
    by_ref: dict[str, _Resolved],
    sentences: Sentences,
) -> str:
    roles = [r for r in actor.roles if is_role(r)]
    telling = [r for r in actor.relations if role_of(r.kind) in actor.roles] or actor.relations
    parts = []
    served = any(
        r.target == actor.ref for a in by_ref.values() for r in a.relations if r.kind in _SERVING
    )
    for i, rel in enumerate(telling):
        template = sentences.relations[rel.kind]
        if rel.kind == "uses" and served:
            template = sentences.end_of_chain
        sentence = template.format(
            widget=_widget_word(key, name),
            target=_target(rel, key, by_ref),
            primary="the primary customer",
        )
        if i:
            rest = sentence[5:] if sentence.startswith("They ") else sentence
            sentence = "they also " + rest[0].lower() + rest[1:]
        parts.append(sentence)
    text = "; ".join(p.rstrip(".") for p in parts)
    if not roles:
        return text + "."
    if any(r in key.asks and r != name for r in roles):
        return text + sentences.another
    return text + sentences.role.format(role=" and ".join(ROLE_PLURALS[r] for r in roles))


_SERVING = ("serves", "works_with")


def _widget_word(key: KeySource, name: str) -> str:
    """The widget by name, unless the exercise asks for it in another question."""
    if "widget" in key.asks and name != "widget":
        return "widget"
    return _bare(key.widget.name)


def _target(rel: Relation, key: KeySource, by_ref: dict[str, _Resolved]) -> str:
    """Whom a relation names, without giving away another question's answer."""
    target = by_ref.get(rel.target or "")
    if target is None or "primary_customer" in target.roles:
        return "the primary customer"
    if any(r in key.asks for r in target.roles):
        return "another group in this scenario" if rel.kind == "part_of" else "someone else"
    return target.label


__all__ = ["FIELDS", "explain", "resolve"]
