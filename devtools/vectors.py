"""Shared test vectors: the Python grader's verdicts, for the in-page checker to replay.

The web page grades answers with a JavaScript port of the grader. To prove the two agree,
this module grades many answers with :func:`~ams_exercises.grader.grading.grade` and writes them
with the full result for the field, together with the payloads the page would embed::

    python -m devtools.vectors > grader-vectors.json        # --seed N for other samples
    node devtools/run_vectors.mjs grader-vectors.json

The answers come from every key: each phrasing it knows, the forms learners use in their own
words (relative clauses, participles, qualifiers, hedges and negation built from the key's
groups, joined both ways round), (right, partly right, wrong, and
the other fields' answers), asked in every field, and realistic variants of them (typos,
upper case, long sentences that contain the phrase, possessives, "neighbours of the X",
curly quotes, accents, British spellings, plurals), list answers with extras and
duplicates, empty answers, and seeded word salad from the key's own vocabulary. The same
seed gives the same vectors.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import AnswerKey, all_keys
from ams_exercises.grader.normalize import language
from ams_exercises.grader.vocabulary import LIST_FIELDS, MAX_ANSWER_CHARS, MAX_LIST_ENTRIES
from ams_exercises.sphinx.payload import exercise_payload, page_setup

FORMAT_VERSION = 1
#: Cases kept per exercise (a seeded sample when there are more).
MAX_CASES_PER_KEY = 1500

_ACCENTS = str.maketrans({"e": "é", "a": "à", "o": "ö", "u": "ü", "c": "ç", "i": "ï"})
_SENTENCES = (
    "I think it is {p}, because they rely on it every day",
    "Probably {p} (in my view)",
    "{p} - the ones who actually use it",
    "My answer: “{p}”.",
    "not sure... maybe {p}?",
    "The {p}’s staff",
    "neighbours of the {p}",
    "people who work with {p}",
    "not the public but {p}",
    "{p} and their families",
    "  {p}!!  ",
    "\t{p}\n",
)


def _typo(phrase: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(phrase) if ch.isalpha()]
    if len(letters) < 4:
        return phrase + phrase[-1:]
    i = rng.choice(letters[1:])
    kind = rng.randrange(4)
    if kind == 0:  # a letter dropped
        return phrase[:i] + phrase[i + 1 :]
    if kind == 1:  # a letter doubled
        return phrase[:i] + phrase[i] + phrase[i:]
    if kind == 2 and i + 1 < len(phrase):  # two letters swapped
        return phrase[:i] + phrase[i + 1] + phrase[i] + phrase[i + 2 :]
    return phrase[:i] + rng.choice("aeiourstn") + phrase[i + 1 :]  # a letter wrong


def _british(phrase: str) -> str:
    out = phrase
    for uk, us in language().spellings.items():
        if isinstance(uk, str) and isinstance(us, str):
            out = out.replace(us, uk)
    return out


#: Latin letters and a look-alike of each from another alphabet (Cyrillic, Greek).
_LOOKALIKES = str.maketrans({"a": "а", "e": "е", "o": "ο", "p": "р", "c": "с", "i": "і"})
#: Look-alikes from Unicode's lists: dotless i, small capitals, stroked l, and
#: a digit inside a word.
_MORE_LOOKALIKES = str.maketrans({"i": "ı", "u": "ᴜ", "l": "ł", "n": "ɴ", "o": "0", "r": "ʀ"})


def variants(phrase: str, rng: random.Random) -> list[str]:
    """Realistic ways a learner might write ``phrase``."""
    out = [
        phrase.upper(),
        phrase.capitalize(),
        f"the {phrase}",
        f"{phrase}s",
        _typo(phrase, rng),
        _typo(_typo(phrase, rng), rng),
        phrase.translate(_ACCENTS),
        phrase.translate(_LOOKALIKES),
        phrase[: len(phrase) // 2] + phrase[len(phrase) // 2 :].translate(_LOOKALIKES),
        phrase.translate(_MORE_LOOKALIKES),
        phrase.replace("'", "’"),
        _british(phrase),
        f"{phrase}'s",
        f"{phrase}’s manager",
        rng.choice(_SENTENCES).format(p=phrase),
        rng.choice(_SENTENCES).format(p=phrase),
    ]
    return list(dict.fromkeys(v for v in out if v != phrase))


def phrases(key: AnswerKey) -> list[str]:
    """Every phrasing ``key`` knows, in any field, in key order."""
    out: list[str] = []
    for fk in key.fields.values():
        for item in fk.expected:
            out += item.accept
        for part in fk.partial:
            out += part.answers
        for wrong in fk.wrong:
            out += wrong.answers
    return list(dict.fromkeys(out))


def _salad(key: AnswerKey, rng: random.Random, n: int) -> list[str]:
    words = sorted({w for p in phrases(key) for w in p.split()})
    glue = ["of", "the", "near", "for", "and", "not", "'s", "’s", "with", "no", "yes", "who"]
    out = []
    for _ in range(n):
        parts = [rng.choice(words + glue) for _ in range(rng.randint(1, 7))]
        text = " ".join(parts).replace(" 's", "'s").replace(" ’s", "’s")
        out.append(text)
    return out


def _list_answers(key: AnswerKey, name: str, rng: random.Random) -> list[list[str] | str]:
    fk = key.fields[name]
    canon = fk.canonical
    others = phrases(key)
    wrong = [p for w in fk.wrong for p in w.answers]
    partial = [p for part in fk.partial for p in part.answers]
    lists: list[list[str] | str] = [
        list(canon),
        canon[: fk.needed],
        canon + [rng.choice(others)],
        canon + canon[:1],
        [canon[0], canon[0].upper()],
        [rng.choice(others) for _ in range(3)],
        ["", "   ", canon[0]],
        ["", "  "],
        [rng.choice(others), "something nobody would list"],
        [rng.choice(others) for _ in range(MAX_LIST_ENTRIES + 5)],
        ["y" * (MAX_ANSWER_CHARS + 50), canon[0]],
        # several entries in one line
        ["; ".join(canon)],
        [f"1) {canon[0]} 2) {rng.choice(others)}"],
        [f"- {canon[0]}", f"\u2022 {rng.choice(others)}", f"3. {canon[-1]}"],
        [f"{canon[0]}\t{rng.choice(others)}"],
        [f"a) {canon[-1]} b) {canon[0]}; {rng.choice(others)}"],
        f"{canon[0]}; {rng.choice(others)}",
    ]
    if wrong:
        lists.append([rng.choice(wrong), *canon])
        lists.append([rng.choice(wrong), rng.choice(wrong)])
    if partial:
        lists.append([rng.choice(partial), rng.choice(partial)])
        lists.append([partial[0], partial[0], canon[0]])
    for item in fk.expected:
        lists.append([rng.choice(item.accept), _typo(rng.choice(item.accept), rng)])
    return lists


#: The forms learners write in their own words: relative clauses, participles,
#: qualifiers, reasons, asides, negation and corrections around one phrasing {p}.
_OWN_WORDS = (
    "people who {v} {p}",
    "anyone who {v}s {p}",
    "residents {v}ing {p}",
    "whoever {v}ed {p}",
    "taxpayers who are owed {p}",
    "{p}, because they can't work without it",
    "{p} (residents, reporters, businesses)",
    "{p} (just kidding: the general public)",
    "{p} - actually the public",
    "anyone but {p}",
    "everyone including {p}",
    "my {p}",
    "{p}, paid right and on time",
    "the {p} and is owed a refund",
    "people whose {p} are late",
    # a group the key does not know beside one it does
    "{p} and the mayor",
    "the zoning board or {p}",
    "{p}, our lawyers",
    "{p} and staff",
    "{p}, on time",
    # another group as the head, the right one in its modifiers
    "inspectors checking on {p}",
    "lawyers representing {p}",
    "the newspaper covering {p}",
    "critics of {p}",
    "former {p}",
    "ex-{p}",
    "{p} opponents",
    "board members who want {p} every month",
    "{p}. Actually the legislature",
    "people within six months of {p}",
    "ﬁrst {p} with ı and ᴘ",
)
#: How two groups are joined, each form also tried the other way round.
_JOINS = (
    "{a} and {b}",
    "{a} or {b}",
    "{a}, but really {b}",
    "not {a} but {b}",
    "{a} rather than {b}",
    "{a}/{b}",
)
_VERBS = ("request", "apply for", "want", "file", "need", "pay", "own", "use", "work at", "order")


def own_words(key: AnswerKey, name: str, rng: random.Random) -> list[str | list[str]]:
    """Answers in the own-words forms above, built from the key's groups: every form once, and
    pairs of groups joined both ways round."""
    fk = key.fields[name]
    right = [item.accept[0] for item in fk.expected]
    other = [w.answers[0] for w in fk.wrong] + [p.answers[0] for p in fk.partial]
    other += [it.accept[0] for n, f in key.fields.items() if n != name for it in f.expected]
    out: list[str | list[str]] = []
    for form in _OWN_WORDS:
        out.append(form.format(p=rng.choice(right + other), v=rng.choice(_VERBS)))
    for join in _JOINS:
        a, b = rng.choice(right), rng.choice(other or right)
        out += [join.format(a=a, b=b), join.format(a=b, b=a)]
    if name in LIST_FIELDS:
        out.append([f"{right[0]} and {rng.choice(other or right)}", "TODO", " ", right[-1]])
        out.append(["todo", f"people who {rng.choice(_VERBS)} {right[0]}"])
    return out


#: Forms that name somebody through the scenario: by what they do, whom they
#: serve, or the widget they use. {n} is an actor's name, {d} what it does, {w} the widget.
_SCENE_WORDS = (
    "people who {d}",
    "the {n} that {d}",
    "whoever {d}",
    "the people {n} serve",
    "whoever the {n} helps",
    "the {n}'s clients",
    "customers of the {n}",
    "those served by the {n}",
    "the ones who get the {w}",
    "whoever uses the {w}",
    "people who need a {w} from the {n}",
    "the {n}, who {d}",
)
#: Scenario forms kept per field (a seeded sample).
SCENE_CASES_PER_FIELD = 40


def scene_words(key: AnswerKey, name: str, rng: random.Random) -> list[str]:
    """Answers that name the scenario's people by what they do and whom they serve."""
    widget = key.widget.name
    out = []
    for actor in key.placed:
        names = [actor.name, *actor.names][:2] if actor.group is None else list(actor.names[:2])
        for n in names:
            for form in _SCENE_WORDS:
                d = rng.choice(actor.does) if actor.does else "use it"
                out.append(form.format(n=n, d=d, w=widget))
    out = list(dict.fromkeys(out))
    return rng.sample(out, min(len(out), SCENE_CASES_PER_FIELD))


def answers_for(key: AnswerKey, name: str, rng: random.Random) -> Iterator[str | list[str]]:
    """Answers to try in field ``name`` of ``key``."""
    pool: list[str | list[str]] = []
    for phrase in phrases(key):
        pool.append(phrase)
        pool.extend(rng.sample(variants(phrase, rng), 3))
    pool += ["", "   ", "TODO", " todo ", "ToDo", "?", "the", "s", "'s", "NO\x01", "x" * 1200]
    pool += _salad(key, rng, 60)
    if name in LIST_FIELDS:
        pool += _list_answers(key, name, rng)
        pool += [[p] for p in pool if isinstance(p, str)][:200]
    return iter(pool)


def cases_for(
    key: AnswerKey, extra: Iterable[tuple[str, Any]] = (), *, seed: int = 0
) -> list[dict]:
    """Graded cases for ``key``: ``extra`` holds more ``(field, answer)`` pairs to include."""
    rng = random.Random(zlib.crc32(f"{seed}:{key.id}".encode()))
    pairs: list[tuple[str, Any]] = [(n, a) for n in key.asks for a in answers_for(key, n, rng)]
    if len(pairs) > MAX_CASES_PER_KEY:
        pairs = rng.sample(pairs, MAX_CASES_PER_KEY)
    pairs += [(n, a) for n in key.asks for a in own_words(key, n, rng)]
    pairs += [(n, a) for n in key.asks for a in scene_words(key, n, rng)]
    pairs += [(n, a) for n, a in extra if n in key.asks]
    out = []
    for n, (name, answer) in enumerate(pairs):
        attempt = n % 3
        result = grade(key, {name: answer}, attempt=attempt)
        out.append(
            {
                "exercise": key.id,
                "field": name,
                "answer": answer,
                "attempt": attempt,
                "score": result.score,
                "passed": result.passed,
                "expected": result.fields[name].to_dict(),
            }
        )
    return out


def build(
    keys: Iterable[AnswerKey] | None = None,
    extra: dict[str, list[tuple[str, Any]]] | None = None,
    *,
    seed: int = 0,
) -> dict[str, Any]:
    """The vectors file: page setup, each exercise's payload, and the graded cases."""
    keys = list(all_keys() if keys is None else keys)
    extra = extra or {}
    return {
        "format_version": FORMAT_VERSION,
        "setup": page_setup(),
        "exercises": {k.id: exercise_payload(k) for k in keys},
        "cases": [c for k in keys for c in cases_for(k, extra.get(k.id, ()), seed=seed)],
    }


def main(argv: list[str] | None = None) -> int:
    """Print the vectors as JSON (``python -m devtools.vectors [--seed N]``)."""
    parser = argparse.ArgumentParser(
        prog="python -m devtools.vectors",
        description="Print the grader's verdicts as JSON, for the in-page checker to replay.",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for the samples (default 0)")
    text = json.dumps(build(seed=parser.parse_args(argv).seed), ensure_ascii=False)
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # a reader that stopped early (``| head``): nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
