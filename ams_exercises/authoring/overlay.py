"""A state's overlay: one file of data that adapts the course to a state without forking it.

A training office that adopts the course writes ``overlay.yaml`` in a folder of its own
(the course's example is ``ams_exercises/overlays/arizona/``)::

    format_version: 1
    state: Arizona
    abbreviations: {des: department of economic security}   # shorthand, one word each
    spellings: {tecnology: technology}                       # another spelling: the course's
    synonyms: {snag: book}                                   # in a description of people
    phrasings:                                               # more names of the course's groups
      legislature: [joint legislative budget committee]
    groups:                                                  # the state's own groups
      - id: department-of-administration
        name: the Department of Administration
        phrasings: [department of administration]
        relations: [supports]                                # the role follows, by doctrine.py
        feedback: ...
    exercises:                                               # more names in one exercise
      it-service-desk:
        the-agency: [department of economic security]       # an actor of the key, or widget

Nothing in it types a role: a local group is a lexicon group like the course's
(:class:`~.models.Group`), and its role follows from its relations by
:func:`~ams_exercises.grader.doctrine.roles_of`. An overlay adds words and names; it never
changes one: a word the course already reads one way, or a phrasing that already names
another group or person, is refused. :func:`load_overlay` checks the file on its own
(each problem names the file, the line and the fix); :func:`overlay_rules` and
:func:`apply_overlay` merge it into the course's sources, which
:func:`~ams_exercises.authoring.bundle.build` then compiles as it compiles the course.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from ..errors import OverlayError
from ..files.models import Invalid, Rule, describe, validate
from ..files.reading import parse_yaml, read_text
from ..grader.doctrine import RELATIONS, WITH_TARGET
from ..grader.normalize import normal, normal_words, singular
from .models import Group, KeySource, Phrase, Slug, Text
from .sources import Sources

#: The overlay's file, in its folder.
OVERLAY_FILE = "overlay.yaml"

#: A short form, or a word of a spelling or synonym: the grader reads one word at a time.
OneWord = Annotated[str, Rule(strip=True, pattern=r"[A-Za-z][A-Za-z0-9]*", max_length=30)]
#: What a short form stands for: words, no quote marks (a quote is a slip of YAML).
Meaning = Annotated[str, Rule(strip=True, min_length=1, max_length=120, pattern=r"[^\"]*")]
Names = Annotated[list[Phrase], Rule(min_length=1)]


@dataclass(frozen=True, eq=False)
class OverlayFile:
    """``overlay.yaml``: what a state adds to the course (every part but ``state`` optional)."""

    WHAT = "a state's overlay"

    format_version: Literal[1]
    state: Text = field(metadata=describe("The state's name, as reports and pages say it."))
    abbreviations: dict[OneWord, Meaning] = field(
        default_factory=dict,
        metadata=describe("Shorthand, one word, and the words it stands for: {des: ...}."),
    )
    spellings: dict[OneWord, OneWord] = field(
        default_factory=dict,
        metadata=describe("Another spelling and the course's: {tecnology: technology}."),
    )
    synonyms: dict[OneWord, OneWord] = field(
        default_factory=dict,
        metadata=describe(
            "A word and the one the grader compares it as where an answer describes people"
            " ('people who snag a campsite'): {snag: book}."
        ),
    )
    phrasings: dict[Slug, Names] = field(
        default_factory=dict,
        metadata=describe("More phrasings of the course's groups, by group id (lexicon.yaml)."),
    )
    groups: list[Group] = field(
        default_factory=list,
        metadata=describe("The state's own groups; each one's role follows from its relations."),
    )
    exercises: dict[Slug, dict[Slug, Names]] = field(
        default_factory=dict,
        metadata=describe(
            "More names in one exercise: its id, then 'widget' or an actor of its key (an"
            " actor's id or a placed group's id) and the names to accept for it."
        ),
    )


@dataclass(frozen=True)
class Overlay:
    """An overlay file read and checked on its own: its path, its text (for line numbers)
    and its content."""

    path: Path
    text: str
    data: OverlayFile

    def fail(self, loc: tuple[str | int, ...], problem: str) -> OverlayError:
        """The error for ``problem`` at ``loc`` (a path of keys into the file)."""
        return _error(self.path, self.text, loc, problem)

    @property
    def summary(self) -> dict[str, Any]:
        """What the compiled course records of the overlay it was compiled with."""
        return {"state": self.data.state, "file": str(self.path)}


def load_overlay(path: Path) -> Overlay:
    """``overlay.yaml`` (or the folder holding it) read and checked against its model."""
    if path.is_dir():
        path = path / OVERLAY_FILE
    text = read_text(path, error=OverlayError)
    data = parse_yaml(text, path, error=OverlayError)
    if not isinstance(data, dict):
        raise OverlayError(
            path,
            "must be a mapping of fields: 'format_version: 1', 'state: <name>', then what"
            " the state adds (see ams_exercises/overlays/arizona/overlay.yaml)",
        )
    try:
        model = validate(OverlayFile, data)
    except Invalid as exc:
        raise _error(path, text, exc.loc, _plain(exc.loc, exc.problem)) from None
    return Overlay(path, text, model)


# --- where a problem is, and its fix in plain words ------------------------------------------

_FORMS = {
    "[A-Za-z][A-Za-z0-9]*": "must be one word of letters and digits (like DES or ahcccs)",
    "[a-z0-9]+(-[a-z0-9]+)*": "must be an id in lower case, words joined by hyphens (like"
    " front-line-staff)",
    '[^\\"]*': "must not hold a quote mark",
}


def _plain(loc: tuple[str | int, ...], problem: str) -> str:
    """The model's complaint with its fix said in words."""
    relations = "(" + "|".join(RELATIONS) + ")"
    if relations in problem:
        value = problem.partition(" does not have the form")[0]
        kinds = ", ".join(f"{r} <actor>" if r in WITH_TARGET else r for r in RELATIONS)
        return f"{value} is not a relation; write one of: {kinds}"
    if loc[:1] == ("groups",) and loc[-1:] == ("role",):
        return (
            "a group's role follows from its relations (grader/doctrine.py), never typed:"
            " remove 'role' and give the relations that make it"
        )
    for pattern, words in _FORMS.items():
        if problem.endswith(f"does not have the form {pattern}"):
            return problem[: -len(f"does not have the form {pattern}")] + words
    if problem.endswith("is not a field of a state's overlay"):
        known = ", ".join(f.name for f in dataclasses.fields(OverlayFile))
        return f"is not a part of an overlay; its parts are: {known}"
    if problem.endswith("is not a field of this file") and loc[:1] == ("groups",):
        known = ", ".join(f.name for f in dataclasses.fields(Group))
        return f"is not a field of a group; a group has: {known}"
    if loc == ("format_version",):
        return f"{problem}: this tool reads overlays of format_version 1; write 1"
    return problem


def _error(path: Path, text: str, loc: tuple[str | int, ...], problem: str) -> OverlayError:
    where = ".".join(str(p) for p in loc)
    line = line_of(text, loc)
    at = f"line {line}: " if line else ""
    return OverlayError(path, f"{at}field '{where}': {problem}" if where else f"{at}{problem}")


def line_of(text: str, loc: tuple[str | int, ...]) -> int | None:
    """The line (from 1) of the value at ``loc`` in YAML ``text``, or of the nearest part
    of it that exists (a missing field: the mapping that lacks it)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


# --- merged into the course ------------------------------------------------------------------

#: The rules' tables an overlay adds to.
TABLES = ("abbreviations", "spellings", "synonyms")
#: Lists of ordinary words the grader reads an answer's structure by: never shorthand.
_ORDINARY = ("articles", "prepositions", "determiners", "stopwords", "coordinators")


def overlay_rules(rules: dict[str, Any], overlay: Overlay) -> dict[str, Any]:
    """The language rules (as compiled) with the overlay's words added. A word the course
    already reads one way keeps that meaning: the overlay may repeat it, not change it."""
    ordinary = {w for name in _ORDINARY for w in rules[name]}
    ordinary |= {a.lower() for a in rules["acronyms"]}
    out = dict(rules)
    for table in TABLES:
        added: dict[str, str] = {}
        for word, meaning in getattr(overlay.data, table).items():
            low = word.lower()
            have = rules[table].get(low)
            if have is not None and normal_words(have) != normal_words(meaning):
                raise overlay.fail(
                    (table, word),
                    f"the course already reads {word!r} as {have!r}; an overlay adds words but"
                    " does not change the course's: remove this line",
                )
            if table == "abbreviations" and low in ordinary:
                raise overlay.fail(
                    (table, word),
                    f"{word!r} is an ordinary word of the answers the grader reads (or one of"
                    " its acronyms), not shorthand: remove this line",
                )
            if table == "abbreviations" and low in (w.lower() for w in normal_words(meaning)):
                raise overlay.fail((table, word), "a short form cannot stand for itself")
            if table == "spellings":  # compared as the reader compares, in the singular
                keep = frozenset(rules["keep_s"])
                low, meaning = singular(low, keep), singular(meaning.lower(), keep)
            added[low] = meaning.lower() if table != "abbreviations" else meaning
        out[table] = {**rules[table], **added}
    return out


def apply_overlay(sources: Sources, overlay: Overlay) -> Sources:
    """``sources`` with the overlay's phrasings, groups and names merged in, each checked
    against the course: read with the rules in place (:func:`overlay_rules`'s)."""
    data = overlay.data
    course = {g.id: g for g in sources.lexicon.groups}
    local_ids = [g.id for g in data.groups]
    for i, group in enumerate(data.groups):
        if group.id in course:
            raise overlay.fail(
                ("groups", i, "id"),
                f"{group.id!r} is a group of the course already: to give it more phrasings,"
                f" list them under 'phrasings:' as '{group.id}: [...]'; otherwise choose"
                " another id",
            )
        if local_ids.index(group.id) != i:
            raise overlay.fail(("groups", i, "id"), f"{group.id!r} is used twice: rename one")
    for gid in data.phrasings:
        if gid in local_ids:
            raise overlay.fail(
                ("phrasings", gid),
                f"{gid!r} is a group of this overlay: put these in its own 'phrasings'",
            )
        if gid not in course:
            problem = _not_one_of(gid, "a group of the course", course)
            raise overlay.fail(("phrasings", gid), problem)
    owners = _group_phrasings(sources, overlay)
    names_of = {key.id: _key_names(key) for _path, key in sources.keys}
    for key_id, names in names_of.items():
        for norm, (gid, loc) in owners.items():
            taken = names.get(norm)
            if loc is not None and taken is not None and taken[1] != gid:
                raise overlay.fail(
                    loc,
                    f"{_phrase_at(overlay, loc)!r} already names {taken[0]} in the exercise"
                    f" {key_id!r}: a name belongs to one group; remove it, or give it to that"
                    " exercise alone under 'exercises:'",
                )
    keys = {key.id: key for _path, key in sources.keys}
    _check_exercise_names(overlay, sources, keys, names_of, owners)
    groups = [
        dataclasses.replace(g, phrasings=[*g.phrasings, *data.phrasings.get(g.id, [])])
        for g in sources.lexicon.groups
    ]
    lexicon = dataclasses.replace(sources.lexicon, groups=[*groups, *data.groups])
    merged = tuple(
        (path, _with_names(key, data.exercises.get(key.id, {}))) for path, key in sources.keys
    )
    return sources._replace(lexicon=lexicon, keys=merged)


def _not_one_of(value: str, what: str, known: Any) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f"; use one of: {', '.join(known)}"
    return f"{value!r} is not {what}{hint}"


def _phrase_at(overlay: Overlay, loc: tuple[str | int, ...]) -> str:
    node: Any = overlay.data
    for part in loc:
        node = node[part] if isinstance(node, dict | list) else getattr(node, str(part))
    return str(node)


#: Where a phrasing comes from: ``None`` for the course's own, else its place in the overlay.
Loc = tuple[str | int, ...] | None


def _group_phrasings(sources: Sources, overlay: Overlay) -> dict[str, tuple[str, Loc]]:
    """Every group phrasing, normalized, with the group it names: one phrasing, one group."""
    owners: dict[str, tuple[str, Loc]] = {
        normal(p): (g.id, None) for g in sources.lexicon.groups for p in g.phrasings
    }
    added = [
        (p, gid, ("phrasings", gid, j))
        for gid, phrases in overlay.data.phrasings.items()
        for j, p in enumerate(phrases)
    ]
    added += [
        (p, g.id, ("groups", i, "phrasings", j))
        for i, g in enumerate(overlay.data.groups)
        for j, p in enumerate(g.phrasings)
    ]
    for phrase, gid, loc in added:
        norm = normal(phrase)
        if not norm:
            raise overlay.fail(loc, f"{phrase!r} has no words the grader reads")
        have = owners.get(norm)
        if have is not None and have[0] != gid:
            source = "the course" if have[1] is None else "this overlay"
            raise overlay.fail(
                loc,
                f"{phrase!r} already names the group {have[0]!r} (in {source}): a phrasing"
                " names one group; remove it",
            )
        owners.setdefault(norm, (gid, loc))
    return owners


def _key_names(key: KeySource) -> dict[str, tuple[str, str]]:
    """What names what in one key, normalized: ``(how to say it, actor ref or 'widget')``."""
    out: dict[str, tuple[str, str]] = {}
    w = key.widget
    for phrase in [w.name, *w.names, *(p for part in w.partial for p in part.answers)]:
        out.setdefault(normal(phrase), ("its widget", "widget"))
    for n in w.not_it:
        for phrase in n.answers:
            out.setdefault(normal(phrase), ("a wrong answer for its widget", "widget"))
    for actor in key.actors:
        mine = [*([actor.name] if actor.name else []), *actor.names]
        mine += [p for part in actor.partial for p in part.answers]
        for phrase in mine:
            out.setdefault(normal(phrase), (f"the actor {actor.ref!r}", actor.ref))
    return out


def _check_exercise_names(
    overlay: Overlay,
    sources: Sources,
    keys: dict[str, KeySource],
    names_of: dict[str, dict[str, tuple[str, str]]],
    owners: dict[str, tuple[str, Loc]],
) -> None:
    """Each exercise named is the course's, each ref one of its people (or its widget), and
    each name new in it."""
    exercises = {ex for m in sources.modules.modules for ex in m.exercises} | set(keys)
    for ex, refs in overlay.data.exercises.items():
        if ex not in exercises:
            raise overlay.fail(
                ("exercises", ex),
                _not_one_of(ex, "an exercise of the course (`ams-exercises list`)", exercises)
                if difflib.get_close_matches(ex, list(exercises), n=1)
                else f"{ex!r} is not an exercise of the course; `ams-exercises list` gives"
                " their ids",
            )
        key = keys.get(ex)
        if key is None:
            continue  # compiled without it (a test's partial build)
        actors = {a.ref: a for a in key.actors}
        for ref, phrases in refs.items():
            if ref != "widget" and ref not in actors:
                people = ", ".join(["widget", *actors])
                raise overlay.fail(
                    ("exercises", ex, ref),
                    f"{ref!r} is not one of this exercise's people; use one of: {people}",
                )
            group = actors[ref].group if ref in actors else None
            for j, phrase in enumerate(phrases):
                loc = ("exercises", ex, ref, j)
                norm = normal(phrase)
                if not norm:
                    raise overlay.fail(loc, f"{phrase!r} has no words the grader reads")
                taken = names_of[ex].get(norm)
                if taken is not None and taken[1] != ref:
                    raise overlay.fail(loc, f"{phrase!r} already names {taken[0]} here: remove it")
                owner = owners.get(norm)
                if owner is not None and owner[0] != group:
                    raise overlay.fail(
                        loc,
                        f"{phrase!r} names the group {owner[0]!r}: a name belongs to one"
                        " group; remove it",
                    )


def _with_names(key: KeySource, extra: dict[str, list[str]]) -> KeySource:
    """``key`` with more names for its widget and actors."""
    if not extra:
        return key
    actors = [dataclasses.replace(a, names=[*a.names, *extra.get(a.ref, [])]) for a in key.actors]
    widget = dataclasses.replace(key.widget, names=[*key.widget.names, *extra.get("widget", [])])
    return dataclasses.replace(key, actors=actors, widget=widget)


__all__ = [
    "OVERLAY_FILE",
    "Overlay",
    "OverlayFile",
    "apply_overlay",
    "line_of",
    "load_overlay",
    "overlay_rules",
]
