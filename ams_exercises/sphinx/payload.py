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
  ``ams_exercises_hide_solutions``.

Pure: builds dictionaries, reads nothing but the package's own data.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from functools import lru_cache
from typing import Any

from ..grader import grading, matching
from ..grader.keys import AnswerKey
from ..grader.lexicon import lexicon
from ..grader.normalize import POSSESSIVE, language
from ..grader.vocabulary import (
    FIELD_LABELS,
    FIELD_NAMES,
    LIST_FIELDS,
    MAX_ANSWER_CHARS,
    MAX_LIST_ENTRIES,
    PLACEHOLDER,
    ROLE_LABELS,
    TRAPS,
)

#: Bumped when the payload's shape changes, so page and script can be kept in step.
PAYLOAD_VERSION = 1


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
    words = {
        k: sorted(getattr(lang, k)) for k in ("articles", "keep_s", "not_after", "group_nouns")
    }
    return {
        "version": PAYLOAD_VERSION,
        "language": {
            "articles": words["articles"],
            "spellings": dict(sorted(lang.spellings.items())),
            "homoglyphs": dict(sorted(lang.homoglyphs.items())),
            "keep_s": words["keep_s"],
            "not_after": words["not_after"],
            "group_nouns": words["group_nouns"],
            # In the order Python applies them.
            "acronyms": dict(lang.acronyms),
            "acronym_before": {k: sorted(v) for k, v in lang.acronym_before.items()},
            "word_endings": sorted(lang.word_endings),
            "possessive": POSSESSIVE,
            "combining": [list(r) for r in combining_ranges()],
            "space": python_space(),
        },
        "matching": {
            "threshold": matching.THRESHOLD,
            "min_fuzzy_chars": matching.MIN_FUZZY_CHARS,
            "kind_rank": dict(matching.KIND_RANK),
        },
        "structure": _structure(lang),
        "lexicon": _lexicon_payload(),
        "grading": {
            "wrong_item_penalty": grading.WRONG_ITEM_PENALTY,
            "max_answer_chars": MAX_ANSWER_CHARS,
            "max_list_entries": MAX_LIST_ENTRIES,
            "placeholder": PLACEHOLDER,
            "last_hint": grading.LAST_HINT,
        },
        "vocabulary": {
            "field_labels": dict(FIELD_LABELS),
            "field_names": dict(FIELD_NAMES),
            "list_fields": list(LIST_FIELDS),
            "role_labels": dict(ROLE_LABELS),
            "traps": dict(TRAPS),
        },
    }


def _structure(lang: Any) -> dict[str, Any]:
    """The words ``grader/reading.py`` reads an answer's structure with, as written."""
    s = lang.structure
    out: dict[str, Any] = {
        name: list(getattr(s, name))
        for name in (
            "clause_words", "clause_heads", "clause_glue", "swap_after", "coordinators",
            "negating", "negations", "universal", "members", "corrections", "reasons", "own",
            "results", "activity_nouns", "continuations",
        )
    }  # fmt: skip
    out["agents"] = [[a.agent, list(a.verbs), list(a.objects)] for a in s.agents]
    out["understood"] = [[list(u.words), u.says] for u in s.understood]
    out["next_question"] = dict(s.next_question)
    out["messages"] = dict(s.messages)
    return out


def exercise_payload(key: AnswerKey) -> dict[str, Any]:
    """What the in-page checker grades ``key`` with: the key minus its worked solution."""
    fields: dict[str, Any] = {}
    for name, fk in key.fields.items():
        fields[name] = {
            "points": fk.points,
            "needed": fk.needed,
            "expected": [list(item.accept) for item in fk.expected],
            "partial": [{"answers": list(p.answers), "feedback": p.feedback} for p in fk.partial],
            "wrong": [_wrong_payload(w) for w in fk.wrong],
            "hints": list(fk.hints),
            "explanation": fk.explanation,
        }
    return {
        "version": PAYLOAD_VERSION,
        "id": key.id,
        "title": key.title,
        "asks": list(key.asks),
        "max_score": key.max_score,
        "hints": list(key.hints),
        "fields": fields,
    }


def _wrong_payload(w: Any) -> dict[str, Any]:
    """A wrong answer as the page receives it. One the lexicon added names its group, the
    group's phrasings it leaves out (``x``, by index) and its feedback only when that is
    not the group's: the page's setup carries each group once (``lexicon``), not once per
    field of every exercise."""
    out: dict[str, Any] = {"recognized_as": w.recognized_as, "trap": w.trap}
    if w.group is None:
        return {"answers": list(w.answers), **out, "feedback": w.feedback}
    group = lexicon()[w.group]
    kept = set(w.answers)
    out["g"] = w.group
    left_out = [i for i, phrase in enumerate(group.phrasings) if phrase not in kept]
    if left_out:
        out["x"] = left_out
    if w.feedback != group.feedback:
        out["feedback"] = w.feedback
    if [p for i, p in enumerate(group.phrasings) if i not in left_out] != list(w.answers):
        # The page rebuilds the answers from the group, in its order: they must be a subset.
        raise RuntimeError(f"lexicon entry {w.group!r} is not its group's phrasings in order")
    return out


def _lexicon_payload() -> dict[str, Any]:
    """Each lexicon group's phrasings and feedback, once per page."""
    return {
        g.id: {"phrasings": list(g.phrasings), "feedback": g.feedback} for g in lexicon().values()
    }


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
