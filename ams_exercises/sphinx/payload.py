"""What the in-page checker needs, as plain JSON: one payload per exercise, one page setup.

The web page checks answers in the reader's browser with ``static/ams-exercise.js`` (in
:mod:`ams_exercises.sphinx`), a faithful port of :mod:`~ams_exercises.grader.normalize`,
:mod:`~ams_exercises.grader.matching` and :mod:`~ams_exercises.grader.grading`. It is fed from
here, so the two graders read the same keys, rules and wording:

* :func:`page_setup` (once per page): the language rules of ``course/language.yaml``, the
  matcher's constants, the course vocabulary, and the characters Python's
  ``unicodedata`` counts as combining (dropped after NFKD, exactly as the grader does);
* :func:`exercise_payload` (once per exercise): everything
  :func:`~ams_exercises.grader.grading.grade` reads from the key: phrasings, partial and
  wrong answers with their feedback, hints, points and explanations. The worked solution
  and rationale are not in it: the page shows those as text, and leaves them out with
  ``ams_exercises_hide_solutions``. An assessment item's (:func:`assessment_payload`) has
  no hints either, and its page no solution text.

Pure: builds dictionaries, reads nothing but the package's own data.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from functools import lru_cache
from typing import Any

from ..grader import grading, heads, matching, reading
from ..grader.keys import AnswerKey, phrasings
from ..grader.lexicon import lexicon
from ..grader.normalize import ARTICLE, HYPHEN, POSSESSIVE, language
from ..grader.result import UNSURE_NOTE
from ..grader.vocabulary import (
    FIELD_LABELS,
    FIELD_NAMES,
    LIST_FIELDS,
    MAX_ANSWER_CHARS,
    MAX_LIST_ENTRIES,
    PLACEHOLDER,
    ROLE_LABELS,
    TRAPS,
    VERDICT_LABELS,
)

#: What the page says around a check ({blanks} filled in by the script).
PAGE_WORDS: dict[str, str] = {
    "score": "Score {score} of {max}. ",
    "passed": "All fields correct. Well done! The solution is now open below.",
    "revise": " Read the feedback under each answer, revise and check again.",
    "to_work_on": "Answers to work on:",
    "closed_again": " The solution is closed again until every field is right.",
    "stays_open": " The solution stays open because you opened it.",
    "hint": "Hint: ",
    "all_hints": "All {n} hints shown",
    "another_hint": "Show another hint ({next} of {n})",
}

#: How a submitted assessment item's verdicts are said: a result, with no try again
#: ("not right yet") in it, as the item is answered once.
SUBMITTED_LABELS: dict[str, str] = {
    **VERDICT_LABELS,
    "incorrect": "Not correct",
    "missing": "No answer",
}

#: What a submitted assessment item says about an answer the grader cannot place, instead
#: of asking for it in other words: there is no second try.
SUBMITTED_UNSURE = (
    "The grader cannot tell which group this answer names, so it gives no verdict on it. "
    "Your trainer can look at it with you."
)

#: Bumped when the payload's shape changes, so page and script can be kept in step.
PAYLOAD_VERSION = 2


@lru_cache(maxsize=1)
def combining_ranges() -> tuple[tuple[int, int], ...]:
    """Code-point ranges (inclusive) whose ``unicodedata.combining`` is not 0."""
    out: list[list[int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(cp)):
            if out and out[-1][1] == cp - 1:
                out[-1][1] = cp
            else:
                out.append([cp, cp])
    return tuple((a, b) for a, b in out)


def python_space() -> str:
    """The characters ``str.strip()`` removes, as the inside of a regular expression class
    (``\\u2000-\\u200a``...): the page trims answers exactly as Python does."""
    spaces = [c for c in range(0x10000) if chr(c).isspace()]
    runs: list[list[int]] = []
    for c in spaces:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(f"\\u{a:04x}" + (f"-\\u{b:04x}" if b > a else "") for a, b in runs)


def page_setup() -> dict[str, Any]:
    """The rules and words every exercise on a page shares."""
    lang = language()  # every word is text: the loader refuses anything else
    return {
        "version": PAYLOAD_VERSION,
        "language": {
            "articles": sorted(lang.articles),
            "spellings": dict(sorted(lang.spellings.items())),
            # each Latin letter and the characters read as it, grouped: a third the size
            "look_alikes": _grouped(lang.homoglyphs),
            "digits_in_words": dict(lang.digits_in_words),
            "keep_s": sorted(lang.keep_s),
            # In the order Python applies them.
            "acronyms": dict(lang.acronyms),
            "acronym_before": {k: sorted(v) for k, v in lang.acronym_before.items()},
            "abbreviations": dict(sorted(lang.abbreviations.items())),
            "word_endings": sorted(lang.word_endings),
            "markers": [POSSESSIVE, ARTICLE, HYPHEN],
            # as the inside of a regular expression class: "\u0300-\u036f..."
            "combining": "".join(
                f"\\u{{{a:x}}}" + (f"-\\u{{{b:x}}}" if b > a else "") for a, b in combining_ranges()
            ),
            "space": python_space(),
            "singular": {
                "longer_than": lang.singular.longer_than,
                "endings": [list(e) for e in lang.singular.endings],
            },
            "typos": lang.typos._asdict(),
            "participles": lang.participles._asdict(),
            "stem_endings": [list(e) for e in lang.stem_endings],
            "marks": dict(lang.marks),
            "trim": lang.trim,
        },
        "matching": {
            "threshold": matching.THRESHOLD,
            "min_fuzzy_chars": matching.MIN_FUZZY_CHARS,
            "kind_rank": dict(matching.KIND_RANK),
            "class_endings": sorted(matching.CLASS_ENDINGS),
        },
        "structure": _structure(lang),
        "lexis": _lexis_payload(),
        "patterns": _patterns(),
        "lexicon": _lexicon_payload(),
        "grading": {
            "wrong_item_penalty": grading.WRONG_ITEM_PENALTY,
            "max_answer_chars": MAX_ANSWER_CHARS,
            "max_list_entries": MAX_LIST_ENTRIES,
            "placeholder": PLACEHOLDER,
            # where one line of a list holds several entries
            "entry_break": grading.ENTRY_BREAK.pattern,
            "bullet": grading.BULLET.pattern,
            "first_number": grading.FIRST_NUMBER.pattern,
            "next_number": grading.NEXT_NUMBER.pattern,
        },
        "vocabulary": {
            "field_labels": dict(FIELD_LABELS),
            "field_names": dict(FIELD_NAMES),
            "list_fields": list(LIST_FIELDS),
            "role_labels": dict(ROLE_LABELS),
            "traps": dict(TRAPS),
            "verdict_labels": dict(VERDICT_LABELS),
            "submitted_labels": SUBMITTED_LABELS,
            "submitted_unsure": SUBMITTED_UNSURE,
            "unsure_note": UNSURE_NOTE,
            "page": dict(PAGE_WORDS),
        },
    }


#: The reader's tables (:func:`~ams_exercises.grader.heads.lexis`) by the names the page's
#: script reads them under: worked out once, here, so the two never derive them apart.
_LEXIS_NAMES = {
    "clause": "clause_words",
    "prep": "prepositions",
    "det": "determiners",
    "verbs": "verbs",
    "always": "always_verbs",
    "irregular": "irregular",
    "generic": "generic",
    "person": "person",
    "transparent": "transparent",
    "staff": "staff",
    "relational": "relational",
    "serve": "serve",
    "want": "want",
    "falsifiers": "falsifiers",
    "stop": "stopwords",
    "glue": "glue",
    "agents": "agents",
    "endings": "endings",
    "post": "post_adjectives",
    "sub": "subordinators",
    "notAdverbs": "not_adverbs",
    "synonyms": "synonyms",
    "stopStems": "stop_stems",
    "swap": "swap_after",
}


def _lexis_payload() -> dict[str, Any]:
    """The reading words as the page receives them: sets as sorted lists, tables as
    objects, the word lists (relational heads, falsifiers) as lists of words."""
    lx = heads.lexis()
    out: dict[str, Any] = {}
    for name, field in _LEXIS_NAMES.items():
        value = getattr(lx, field)
        if field == "agents":
            value = {
                v: [[agent, sorted(objects)] for agent, objects in rows]
                for v, rows in value.items()
            }
        elif field in ("relational", "falsifiers"):
            value = [list(words) for words in sorted(value, key=lambda w: (-len(w), w))]
        elif isinstance(value, dict):
            value = dict(sorted(value.items()))
        else:
            value = sorted(value)
        out[name] = value
    return out


def _patterns() -> dict[str, Any]:
    """The reading rules' regular expressions (:func:`~ams_exercises.grader.reading.rules`),
    as their sources (written in the syntax both Python and the browser read), and the
    phrases they compare, as the grader normalized them."""
    r = reading.rules()
    names = ("bracket", "dash", "members", "corrections", "reasons", "separators")
    out: dict[str, Any] = {name: getattr(r, name).pattern for name in names}
    out |= {"lead_ins": r.lead_ins.pattern, "etcetera": r.etcetera.pattern}
    out["negating"] = sorted(r.negating)
    return out


def _scene_payload(key: AnswerKey) -> dict[str, Any]:
    """How the reader sees the scenario's people (:class:`~ams_exercises.grader.heads.Scene`)."""
    sc = heads.Scene.of(key)
    return {
        "primary": list(sc.primary),
        "serves": {a: list(t) for a, t in sc.serves.items() if t},
        "producers": sorted(sc.producers),
        "population": sorted(sc.population),
        "described": [[a, sorted(stems)] for a, stems in sc.described],
        "roles": {a: ",".join(r) for a, r in sc.roles.items()},
        "members": {a: sorted(m) for a, m in sc.members.items() if m},
    }


def _grouped(table: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for ch, letter in sorted(table.items()):
        out[letter] = out.get(letter, "") + ch
    return out


#: The structure words the page's script reads an answer's pieces with (the reading
#: tables it also needs come worked out, in ``lexis``).
_STRUCTURE = (
    "activity_nouns",
    "clause_words",
    "continuations",
    "coordinators",
    "corrections",
    "etcetera",
    "lead_ins",
    "members",
    "negating",
    "negations",
    "own",
    "reasons",
    "results",
    "universal",
)


def _structure(lang: Any) -> dict[str, Any]:
    """The words ``grader/reading.py`` reads an answer's structure with, as written."""
    s = lang.structure
    out: dict[str, Any] = {name: list(getattr(s, name)) for name in _STRUCTURE}
    out["understood"] = [[list(u.words), u.says] for u in s.understood]
    out["next_question"] = dict(s.next_question)
    out["messages"] = dict(s.messages)
    return out


def exercise_payload(key: AnswerKey) -> dict[str, Any]:
    """What the in-page checker grades ``key`` with: the key minus its worked solution."""
    scene = {
        a.ref: {
            "ref": a.ref,
            "roles": list(a.roles),
            "relations": list(a.relations),
            "does": heads.descriptions(a),
            "population": a.population,
            "members": list(a.members),
            **({"names": _wrong_names(key, a)} if a.group is None else {}),
        }
        for a in key.actors
        if a.placed
    }
    fields: dict[str, Any] = {}
    for name, fk in key.fields.items():
        fields[name] = {
            "points": fk.points,
            "needed": fk.needed,
            "expected": [list(item.accept) for item in fk.expected],
            "actors": list(fk.actors),
            "partial": [
                {"answers": list(p.answers), "feedback": p.feedback, "actor": p.actor}
                for p in fk.partial
            ],
            "wrong": [_wrong_payload(w, scene) for w in fk.wrong],
            "hints": list(fk.hints),
            "explanation": fk.explanation,
        }
        ix = heads.Index.of(phrasings(key, name))
        fields[name]["index"] = {  # what the reader's index derives from the phrasings
            "acted": sorted(ix.acted),
            "ing": sorted(ix.ing_names),
            "conjuncts": {w: order for w, (order, _cand) in sorted(ix.conjuncts.items())},
        }
        if name == "widget":
            # "inspection" when the widget is the inspection report: the activity it names
            acts = grading.activities(grading.candidates(key, name))
            fields[name]["activities"] = sorted(" ".join(words) for words in acts)
        if name == "primary_customer" and len(fk.actors) > 1:
            owner = {p: a.ref for a in key.actors if a.ref in fk.actors for p in _names(a)}
            fields[name]["owners"] = [owner.get(p, fk.actors[0]) for p in fk.expected[0].accept]
    return {
        "version": PAYLOAD_VERSION,
        "id": key.id,
        "title": key.title,
        "asks": list(key.asks),
        "max_score": key.max_score,
        "hints": list(key.hints),
        "fields": fields,
        # the scenario's people, as the reader needs them, and the names a wrong answer
        # gives each; a lexicon group the key does not place is the page setup's
        "scene": list(scene.values()),
        "read": _scene_payload(key),
    }


def assessment_payload(key: AnswerKey) -> dict[str, Any]:
    """What the page embeds for an assessment item, answered once: :func:`exercise_payload`
    without the hints, which only help a second try. The accepted answers and each field's
    explanation stay: the page grades with the one and, once the item is submitted, shows
    them both as its solution."""
    out = exercise_payload(key)
    del out["hints"]
    for field in out["fields"].values():
        del field["hints"]
    return out


def _wrong_names(key: AnswerKey, actor: Any) -> list[str]:
    """The names of ``actor`` a question that it does not answer lists: any wrong entry of it."""
    for fk in key.fields.values():
        for w in fk.wrong:
            if w.actor == actor.ref:
                return list(w.answers)
    return []


def _names(actor: Any) -> list[str]:
    return [actor.name, *actor.names] if actor.group is None else list(actor.names)


def _wrong_payload(w: Any, scene: dict[str, Any]) -> dict[str, Any]:
    """A wrong answer as the page receives it. One that names an actor of the scenario names
    it (``a``: its names are the scene's); one that names a lexicon group the scenario does
    not place names the group (``g``), the group's phrasings it leaves out (``x``, by index)
    and any others after them (``add``), and its feedback only when that is not the
    group's: the page's setup carries each group once (``lexicon``), not once per field of
    every exercise."""
    out: dict[str, Any] = {"recognized_as": w.recognized_as, "trap": w.trap}
    placed = scene.get(w.actor or "")
    if placed is not None and placed.get("names") == list(w.answers):
        return {"a": w.actor, **out, "feedback": w.feedback}  # the scene lists its names
    group = lexicon().get(w.actor or "")
    if group is None:
        return {"answers": list(w.answers), **out, "feedback": w.feedback, "actor": w.actor}
    answers = list(w.answers)
    own = [p for p in answers if p in group.phrasings]
    if answers[: len(own)] != own or own != [p for p in group.phrasings if p in set(own)]:
        # The page rebuilds the answers from the group, in its order, then the key's own.
        raise RuntimeError(f"{w.actor!r}: the group's phrasings are not first, in order")
    out["g"] = group.id
    left_out = [i for i, phrase in enumerate(group.phrasings) if phrase not in set(own)]
    if left_out:
        out["x"] = left_out
    if answers[len(own) :]:
        out["add"] = answers[len(own) :]
    if w.feedback != group.feedback:
        out["feedback"] = w.feedback
    return out


def _lexicon_payload() -> dict[str, Any]:
    """Each lexicon group's phrasings and feedback, once per page."""
    return {
        g.id: {
            "phrasings": list(g.phrasings),
            "feedback": g.feedback,
            "roles": list(g.roles),
            "relations": list(g.relations),
            "does": list(g.does),
            "population": g.population,
        }
        for g in lexicon().values()
    }


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
