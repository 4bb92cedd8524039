"""The in-page checker gives the Python grader's verdict on every shared test vector (Node).

``devtools/run_vectors.mjs`` loads the very script the book serves (minified) and replays
every case; any disagreement fails. Also: the vectors cover what they claim to cover, and the
checker really is the one that disagrees when it is wrong (a broken copy fails).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from ams_exercises.grader.keys import all_keys
from ams_exercises.grader.vocabulary import VERDICTS
from ams_exercises.sphinx.compact import compact_js

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "devtools" / "run_vectors.mjs"
CHECKER = ROOT / "ams_exercises" / "sphinx" / "static" / "ams-exercise.js"


def run_node(
    vectors: Path, checker: Path | None = None, *, first: bool = False
) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    # Never a silent skip: `make test` installs Node from Debian's packages when missing.
    assert node, "Node.js is not on PATH: run `make test` (it installs Debian's nodejs)"
    args = [node, str(RUNNER), str(vectors)] + ([str(checker)] if checker else [])
    args += ["--first"] if first else []
    return subprocess.run(args, capture_output=True, text=True, timeout=600)


def test_every_vector_agrees_under_node_in_the_minified_script_the_site_sends(
    grader_vectors: Path, tmp_path: Path
):
    """The script as readers get it: the build serves only this minified form, so one
    replay of every case is run on it (the mutation tests below change the source)."""
    minified = tmp_path / "ams-exercise.min.js"
    minified.write_text(compact_js(CHECKER.read_text("utf-8")), "utf-8")
    proc = run_node(grader_vectors, minified)
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


#: Changes a careless port could make; each must make the vectors disagree.
MUTATIONS = {
    "fuzzy threshold lowered": (
        "return score >= R.threshold ? score : 0.0;",
        "return score >= R.threshold - 8 ? score : 0.0;",
    ),
    "plural rule for -ies changed": (
        'if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";',
        'if (w.endsWith("ies") && w.length > 4) return w.slice(0, -1);',
    ),
    "short words lose their s too": (
        "if (w.length <= 3 || keepS.has(w)",
        "if (w.length <= 2 || keepS.has(w)",
    ),
    "wrong extra entries cost nothing": (
        "- R.G.wrong_item_penalty * wrong;",
        "- 0 * wrong;",
    ),
    "hedges get full credit": (
        "if (right.length && (others.length || unknown.length)) {",
        "if (false) {",
    ),
    "a group the grader cannot place beside a right one is ignored": (
        "var unknown = parts.filter(",
        "var unknown = [].filter(",
    ),
    "an answer the grader cannot place is called wrong": (
        'it.outcome === "unrecognized" ? "unsure" : "incorrect"',
        '"incorrect"',
    ),
    "a group set aside still counts": (
        'out.push(piece(negated ? "negated" : role));',
        "out.push(piece(role));",
    ),
    "the table of verbs and people ignored": (
        "return agent === null ? null : groupActor(agent, ix, R);",
        "return null;",
    ),
    "no typo tolerance on short words": (
        "oneSlip(x, wb[i], R))) return R.threshold;",
        "oneSlip(x, wb[i], R))) return 0.0;",
    ),
    "a qualifier read as the group": (
        "function boundary(g, ix, R) {",
        "function boundary(g, ix, R) { return g.words.length;",
    ),
    "what people do is not read": (
        "function described(q, sc, R) {",
        "function described(q, sc, R) { return null;",
    ),
    "whom a group serves is not read": (
        "function serving(g, b, ix, sc, population, antecedent, R) {",
        "function serving(g, b, ix, sc, population, antecedent, R) { return null;",
    ),
    "typos are not corrected against the key's words": (
        "function corrected(mk, raw, V, R) {",
        "function corrected(mk, raw, V, R) { return mk;",
    ),
    "the placeholder counted as an answer": (
        "strip(value, R).toLowerCase() === R.G.placeholder.toLowerCase()",
        "false",
    ),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_a_mutated_copy_of_the_page_script_fails_the_vectors(
    mutation: str, grader_vectors: Path, tmp_path: Path
):
    """The vectors are strong enough to catch a port that drifts from the Python grader."""
    before, after = MUTATIONS[mutation]
    source = CHECKER.read_text("utf-8")
    assert source.count(before) == 1, f"the page script no longer has: {before}"
    mutant = tmp_path / "ams-exercise.js"
    mutant.write_text(source.replace(before, after), "utf-8")
    proc = run_node(grader_vectors, mutant, first=True)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr
    assert "DISAGREE" in proc.stdout
