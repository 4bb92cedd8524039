"""Speed of judging learners' own words, in Python and in the page.

Three figures, each comparable before and after a change to the grader:

* one check in process (all asked fields of one exercise), median, target < 1 ms;
* 1,000 learners x 10 exercises graded in one process, target < 10 s;
* one check in the page: the page's own script in Debian's Chromium (headless), median.

The answers mix the keys' own phrasings with the forms learners write in their own words
(relative clauses, participles, hedges, qualifiers, typos). Run alone
(``.venv/bin/python benchmarks/bench_judgement.py``) or from ``benchmarks/run.py``.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's dev tools

from ams_exercises.grader.grading import grade  # noqa: E402
from ams_exercises.grader.keys import AnswerKey, all_keys  # noqa: E402
from ams_exercises.grader.vocabulary import LIST_FIELDS  # noqa: E402
from ams_exercises.sphinx import SCRIPT, STATIC  # noqa: E402
from ams_exercises.sphinx.payload import exercise_payload, page_setup  # noqa: E402
from devtools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

FORMS = (
    "{p}",
    "people who {v} {p}",
    "{p}, because they depend on it",
    "{p} or the general public",
    "the general public and {p}",
    "not the public but {p}",
    "anyone applying for {p}",
    "{p} (just kidding: the general public)",
    "taxpayers who are owed {p}",
)


def _pool(key: AnswerKey, name: str) -> list[str]:
    fk = key.fields[name]
    out = [p for item in fk.expected for p in item.accept]
    out += [p for w in fk.wrong for p in w.answers] + [p for p in fk.partial for p in p.answers]
    return out


def answers(key: AnswerKey, rng: random.Random) -> dict[str, object]:
    """One learner's answers to ``key``: a phrasing of the key in one of the forms above."""
    out: dict[str, object] = {}
    for name in key.asks:
        pool = _pool(key, name)

        made = [
            rng.choice(FORMS).format(p=rng.choice(pool), v=rng.choice(["request", "want", "need"]))
            for _ in range(rng.randint(1, 3) if name in LIST_FIELDS else 1)
        ]
        out[name] = made if name in LIST_FIELDS else made[0]
    return out


def in_process(keys: list[AnswerKey], n: int = 3000) -> float:
    rng = random.Random(1)
    work = [(k, answers(k, rng)) for k in (rng.choice(keys) for _ in range(n))]
    times = []
    for key, ans in work:
        start = time.perf_counter()
        grade(key, ans)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def a_class(keys: list[AnswerKey], learners: int = 1000, exercises: int = 10) -> float:
    rng = random.Random(2)
    chosen = keys[:exercises]
    work = [(k, answers(k, rng)) for _ in range(learners) for k in chosen]
    start = time.perf_counter()
    for key, ans in work:
        grade(key, ans)
    return time.perf_counter() - start


PAGE_TIMING = """([setup, keys, cases]) => {
  const times = [];
  for (const [id, ans] of cases) {
    const t = performance.now();
    window.AmsExercise.grade(setup, keys[id], ans, 0);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return [times[Math.floor(times.length / 2)], times[times.length - 1]];
}"""


def in_page(keys: list[AnswerKey], n: int = 3000) -> tuple[float, float] | None:
    """Median and slowest milliseconds of one check by the page's script in Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    rng = random.Random(3)
    cases = [(k.id, answers(k, rng)) for k in (rng.choice(keys) for _ in range(n))]
    payloads = {k.id: exercise_payload(k) for k in keys}
    script = (STATIC / SCRIPT).read_text("utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content("<!doctype html><title>bench</title><body></body>")
            page.add_script_tag(content=script)
            # warm up once (the first check prepares the rules), then time every case
            page.evaluate(PAGE_TIMING, [page_setup(), payloads, cases[:50]])
            median, slowest = page.evaluate(PAGE_TIMING, [page_setup(), payloads, cases])
        finally:
            browser.close()
    return median, slowest


def main() -> None:
    keys = all_keys()
    figures = {
        "one_check_ms": in_process(keys) * 1000,
        "class_1000x10_s": a_class(keys),
    }
    page = in_page(keys)
    if page:
        figures["page_check_median_ms"], figures["page_check_slowest_ms"] = page
    print(f"one check in process, median:      {figures['one_check_ms']:8.3f} ms (target < 1 ms)")
    print(f"1,000 learners x 10 exercises: {figures['class_1000x10_s']:8.2f} s (target < 10 s)")
    if page:
        print(
            f"one check in the page (Chromium):  {page[0]:8.3f} ms median, "
            f"{page[1]:.2f} ms slowest (target < 5 ms)"
        )
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
