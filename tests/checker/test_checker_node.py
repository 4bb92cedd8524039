"""The in-page checker gives the Python grader's verdict on every shared test vector (Node).

``tests/js/run_vectors.mjs`` loads the very script the book serves and replays every case;
any disagreement fails. Also: the vectors cover what they claim to cover, and the
checker really is the one that disagrees when it is wrong (a broken copy fails).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from ams_exercises.keys import all_keys

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "js" / "run_vectors.mjs"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not on PATH")


def run_node(vectors: Path, checker: Path | None = None) -> subprocess.CompletedProcess[str]:
    args = [NODE, str(RUNNER), str(vectors)] + ([str(checker)] if checker else [])
    return subprocess.run(args, capture_output=True, text=True, timeout=600)


def test_every_vector_agrees_under_node(grader_vectors: Path):
    proc = run_node(grader_vectors)
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
    for needle in ("’", "é", "'s ", " of the ", "neighbours"):
        assert any(needle in a for a in answers), needle
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
