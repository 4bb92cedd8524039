"""The in-page checker gives the Python grader's verdict on every shared test vector (Node).

``devtools/run_vectors.mjs`` loads the very script the book serves (minified) and replays
every case; any disagreement fails. Also: the vectors cover what they claim to cover, and the
checker really is the one that disagrees when it is wrong (a broken copy fails).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ams_exercises.grader.keys import all_keys
from ams_exercises.grader.vocabulary import VERDICTS
from ams_exercises.sphinx.compact import compact_js
from devtools.replay import replay

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "ams_exercises" / "sphinx" / "static" / "ams-exercise.js"


def test_every_vector_agrees_under_node_in_the_minified_script_the_site_sends(
    grader_vectors: Path, tmp_path: Path
):
    """The script as readers get it: the build serves only this minified form, so one
    replay of every case is run on it (the mutants below break the source's data or judgements)."""
    minified = tmp_path / "ams-exercise.min.js"
    minified.write_text(compact_js(CHECKER.read_text("utf-8")), "utf-8")
    proc = replay(grader_vectors, minified)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr
    n = len(json.loads(grader_vectors.read_text("utf-8"))["cases"])
    assert f"{n} of {n} cases agree" in proc.stdout


def test_vectors_cover_every_key_field_verdict_and_role(grader_vectors: Path):
    data = json.loads(grader_vectors.read_text("utf-8"))
    cases = data["cases"]
    keys = all_keys()
    assert set(data["exercises"]) == {k.id for k in keys}
    asked = {(k.id, f) for k in keys for f in k.asks}
    assert {(c["exercise"], c["field"]) for c in cases} == asked
    verdicts = Counter(c["expected"]["verdict"] for c in cases)
    assert all(verdicts[v] >= 50 for v in ("correct", "partial", "incorrect", "missing")), verdicts
    roles = {c["expected"]["recognized_as"] for c in cases}
    assert {"investors", "stakeholders", "operational_support", "activity", "outcome"} <= roles
    outcomes = Counter(i["outcome"] for c in cases for i in c["expected"].get("items", []))
    assert all(outcomes[o] for o in ("matched", "partial", "wrong", "unrecognized", "duplicate"))
    answers = [c["answer"] for c in cases if isinstance(c["answer"], str)]
    for needle in ("’", "é", "'s ", " of the ", "neighbours", "р", "ο"):  # Cyrillic, Greek
        assert any(needle in a for a in answers), needle
    # "Which trap?": every verdict, the book's names and the trainers' phrasings among them
    trap = [c for c in cases if c["field"] == "trap"]
    assert {c["exercise"] for c in trap} == {k.id for k in keys if "trap" in k.asks}
    trap_verdicts = Counter(c["expected"]["verdict"] for c in trap)
    assert all(trap_verdicts[v] for v in VERDICTS), trap_verdicts
    assert any(c["answer"] == "Wrong Person, Wrong Problem" for c in trap)
    assert any(c["answer"] == "the squeaky wheel" for c in trap)
    # The issue's own example is among them, with its verdict.
    found = [
        c["expected"]
        for c in cases
        if c["exercise"] == "environmental-permit"
        and c["field"] == "primary_customer"
        and c["answer"] == "the general public"
    ]
    assert found
    assert all(f["verdict"] == "incorrect" and f["recognized_as"] == "investors" for f in found)


#: Changes a careless port could make, each made through the page's data (a path into the
#: setup, or into every exercise's payload) or by swapping one of the script's named
#: judgements (``AmsExercise.judgement``) for a wrong one; each must make the vectors disagree.
MUTANTS: dict[str, dict[str, dict[str, object]]] = {
    "fuzzy threshold lowered": {"data": {"matching.threshold": 80.0}},
    "plural rule for -ies changed": {
        "data": {"language.singular.endings": [["ies", "ie", 4], ["s", "", 0]]}
    },
    "short words lose their s too": {"data": {"language.singular.longer_than": 2}},
    "wrong extra entries cost nothing": {"data": {"grading.wrong_item_penalty": 0}},
    "hedges get full credit": {"judgement": {"hedged": "() => false"}},
    "a group the grader cannot place beside a right one is ignored": {
        "judgement": {"namesAGroup": "() => false"}
    },
    "an answer the grader cannot place is called wrong": {
        "judgement": {"verdict": '(o) => (o === "partial" ? "partial" : "incorrect")'}
    },
    "a group set aside still counts": {
        "data": {"structure.negations": [], "patterns.negating": []}
    },
    "the table of verbs and people ignored": {"data": {"lexis.agents": {}}},
    "no typo tolerance on short words": {
        "data": {
            "language.typos.swapped": 99,
            "language.typos.same_letters": 99,
            "language.typos.one_wrong": 99,
            "language.typos.one_more": 99,
        }
    },
    "a qualifier read as the group": {"judgement": {"boundary": "(group) => group.words.length"}},
    "what people do is not read": {"data": {"exercises.*.read.described": []}},
    "whom a group serves is not read": {"data": {"lexis.serve": []}},
    "typos are not corrected against the key's words": {"data": {"language.typos.similar": 101}},
    "the placeholder counted as an answer": {"data": {"grading.placeholder": "\u0000"}},
}


def test_every_mutated_checker_fails_the_vectors(grader_vectors: Path, tmp_path: Path):
    """The vectors are strong enough to catch a port that drifts from the Python grader:
    every mutant, run in one Node process, disagrees with some case."""
    mutants = tmp_path / "mutants.json"
    mutants.write_text(json.dumps(MUTANTS), "utf-8")
    proc = replay(grader_vectors, CHECKER, mutants=mutants)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    caught = {line.split(":")[0].removeprefix("CAUGHT ") for line in proc.stdout.splitlines()}
    assert set(MUTANTS) <= caught, proc.stdout
