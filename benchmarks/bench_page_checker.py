"""Speed and weight of the in-page checker (exercises inside the book).

* the page's own scripts and style sheet, raw and gzipped (the page test's budget: under
  16 KB together, minified and gzipped);
* what each page embeds: the shared setup once, and one payload per exercise;
* time per check of the JavaScript checker under Node, over every shared test vector,
  next to the Python grader on the same cases.

Run alone (``python benchmarks/bench_page_checker.py``) or through ``make bench``.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's dev tools

from ams_exercises.grader.grading import grade  # noqa: E402
from ams_exercises.grader.keys import key_for  # noqa: E402
from ams_exercises.sphinx import FORM_SCRIPT, SCRIPT, STATIC, STYLE  # noqa: E402
from ams_exercises.sphinx.payload import page_setup, script_json  # noqa: E402
from devtools.replay import NodeMissing, replay  # noqa: E402
from devtools.vectors import build  # noqa: E402


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def sizes() -> None:
    """The scripts and style sheet as the site sends them: minified, then gzipped."""
    from ams_exercises.sphinx.compact import compact_css, compact_js

    total = 0
    for name in (SCRIPT, FORM_SCRIPT, STYLE):
        text = (STATIC / name).read_text("utf-8")
        sent = (compact_js if name.endswith(".js") else compact_css)(text).encode()
        total += len(gzip.compress(sent, 9))
        print(f"{name} {kb(len(sent))} minified ({kb(len(gzip.compress(sent, 9)))} gzipped)")
    print(f"together {kb(total)} minified and gzipped (budget 16 KB)")
    setup = script_json(page_setup()).encode()
    print(f"page setup, once per page: {kb(len(setup))} ({kb(len(gzip.compress(setup)))} gzipped)")


def speed() -> None:
    data = build()
    cases = data["cases"]
    payloads = [len(script_json(p).encode()) for p in data["exercises"].values()]
    print(
        f"exercise payload: median {kb(int(statistics.median(payloads)))}, "
        f"largest {kb(max(payloads))} ({len(payloads)} exercises)"
    )
    started = time.perf_counter()
    for case in cases:
        grade(key_for(case["exercise"]), {case["field"]: case["answer"]}, attempt=case["attempt"])
    py_ms = (time.perf_counter() - started) * 1000
    print(f"Python grader: {py_ms / len(cases):.3f} ms per check ({len(cases):,} cases)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vectors.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        try:
            proc = replay(path)
        except NodeMissing as missing:
            print(f"{missing}: the JavaScript checker was not timed")
            return
    found = re.search(r"(\d+) of (\d+) cases agree \(\d+ exercises, (\d+) ms\)", proc.stdout)
    if not found:
        print(proc.stdout[-2000:], proc.stderr, file=sys.stderr)
        sys.exit(1)
    agree, total, ms = (int(g) for g in found.groups())
    print(
        f"JavaScript checker (Node): {ms / total:.3f} ms per check, "
        f"{agree:,} of {total:,} agree with Python"
    )
    if agree != total:
        sys.exit(1)


if __name__ == "__main__":
    sizes()
    speed()
