"""The checker the built book serves gives the Python grader's verdicts inside Chromium.

Every page of the built book embeds the same rules and keys the vectors were graded with
(so the site is not stale), and the page's own script, in Debian's Chromium, replays the
shared test vectors with the page's own setup: a share of them holding every exercise, field
and verdict (Node replays them all). Any disagreement fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.browser, pytest.mark.book]

PAGE = "/book/knowing-your-customer.html"
BATCH = 10_000
#: The share of the vectors replayed in Chromium: one case in SHARE.
SHARE = 4

# The cases go in as JSON text (Playwright's own serialisation is far slower); the page
# sends back only the results that differ in their JSON text, and Python compares those.
REPLAY = """(text) => {
  const [exercises, cases] = JSON.parse(text);
  const setup = JSON.parse(document.getElementById("ams-exercise-setup").textContent);
  const differ = [];
  cases.forEach((c, i) => {
    const key = exercises[c.exercise];
    const r = window.AmsExercise.grade(setup, key, {[c.field]: c.answer}, c.attempt);
    const got = {score: r.score, passed: r.passed, field: r.fields[c.field]};
    const want = {score: c.score, passed: c.passed, field: c.expected};
    if (JSON.stringify(got) !== JSON.stringify(want)) differ.push([i, got]);
  });
  return JSON.stringify(differ);
}"""


def _without_hints(payload: dict) -> dict:
    """``payload`` as an assessment item's page embeds it: the same, without its hints."""
    fields = {
        name: {k: v for k, v in f.items() if k != "hints"} for name, f in payload["fields"].items()
    }
    return {**{k: v for k, v in payload.items() if k != "hints"}, "fields": fields}


def test_built_pages_embed_the_rules_and_keys_the_vectors_use(built_book: Path, grader_vectors):
    vectors = json.loads(grader_vectors.read_text("utf-8"))
    found: set[str] = set()
    for path in sorted(built_book.rglob("*.html")):
        text = path.read_text("utf-8")
        if 'class="ams-exercise"' not in text:
            continue
        soup = BeautifulSoup(text, "html.parser")
        setup = json.loads(soup.select_one("script#ams-exercise-setup").string)
        assert setup == vectors["setup"], f"{path}: stale page setup; rebuild the book"
        for script in soup.select("section.ams-exercise script.ams-exercise-data"):
            payload = json.loads(script.string)
            expected = vectors["exercises"][payload["id"]]
            if script.parent.has_attr("data-assessment"):  # answered once: without hints
                expected = _without_hints(expected)
            assert payload == expected, (
                f"{path}: the embedded key of {payload['id']} is stale; rebuild the book"
            )
            found.add(payload["id"])
    assert len(found) >= 25


def sample(cases: list[dict]) -> list[dict]:
    """Every ``SHARE``-th case, and the first of each exercise, field and verdict."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for n, case in enumerate(cases):
        kind = (case["exercise"], case["field"], case["expected"]["verdict"])
        if n % SHARE == 0 or kind not in seen:
            out.append(case)
        seen.add(kind)
    return out


def test_the_vectors_agree_in_chromium(browser, served_book, grader_vectors):
    """Node replays every case on the script the site sends (test_checker_node.py); here the
    reader's own browser, with the page's own setup, replays a share of them holding every
    exercise, field and verdict."""
    vectors = json.loads(grader_vectors.read_text("utf-8"))
    page = browser.new_page()
    try:
        page.goto(served_book + PAGE)
        page.wait_for_function("() => window.AmsExercise && window.AmsExercise.grade")
        cases = sample(vectors["cases"])
        disagree = []
        checked = 0
        for start in range(0, len(cases), BATCH):
            batch = cases[start : start + BATCH]
            differ = json.loads(page.evaluate(REPLAY, json.dumps([vectors["exercises"], batch])))
            for i, result in differ:
                case = batch[i]
                want = {"score": case["score"], "passed": case["passed"], "field": case["expected"]}
                if result != want:
                    disagree.append((case["exercise"], case["field"], case["answer"], result, want))
            checked += len(batch)
    finally:
        page.close()
    assert checked == len(cases) > 10_000
    assert {(c["exercise"], c["field"]) for c in cases} == {
        (c["exercise"], c["field"]) for c in vectors["cases"]
    }
    assert not disagree, f"{len(disagree)} of {len(cases)} disagree; first: {disagree[:3]}"
