"""Speed of the grader (issue: one check < 1 ms median in-process; `ams-exercises check FILE`
< 300 ms as a whole process; 10,000 answer files < 10 s on a 2-core machine).

Run alone (``python benchmarks/bench_grader.py``) or through ``make bench``.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ams_exercises.api import check, check_file
from ams_exercises.grader.keys import all_keys
from ams_exercises.grader.vocabulary import LIST_FIELDS

EXE = str(Path(sys.executable).with_name("ams-exercises"))
PHRASES = [
    "the general public",
    "The industrial plant that can't legally operate until its permit is approved",
    "industrial facilty",
    "reviewing permit applications",
    "the plant's neighbours",
]


def answer_file_text(key, rng: random.Random) -> str:
    """A plausible learner's answer file: right, wrong and made-up phrasings mixed."""
    lines = [f"exercise: {key.id}"]
    for name in key.asks:
        fk = key.fields[name]
        pool = [p for item in fk.expected for p in item.accept] + [
            p for w in fk.wrong for p in w.answers
        ]
        pool += [f"I believe it is {rng.choice(pool)} in this case", rng.choice(PHRASES)]
        if name in LIST_FIELDS:
            lines.append(f"{name}:")
            lines += [f"  - {rng.choice(pool)!r}" for _ in range(rng.randint(1, 3))]
        else:
            lines.append(f"{name}: {rng.choice(pool)!r}")
    return "\n".join(lines) + "\n"


def in_process(n: int = 2000) -> float:
    """Median seconds of one in-process check (keyword answers, validated then graded)."""
    rng = random.Random(1)
    times = []
    for _ in range(n):
        answer = rng.choice(PHRASES)
        start = time.perf_counter()
        check("environmental-permit", widget=answer, primary_customer=answer, investors=[answer])
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def whole_process(path: Path, n: int = 20) -> float:
    """Median seconds of `ams-exercises check FILE` as a fresh process."""
    times = []
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run([EXE, "check", str(path)], capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _check_many(paths: list[Path]) -> int:
    return sum(check_file(p).passed for p in paths)


def many_files(folder: Path, n: int = 10_000, workers: int = 2) -> tuple[float, float]:
    """Seconds to check ``n`` answer files: in one process, and spread over ``workers``."""
    rng = random.Random(2)
    keys = all_keys()
    paths = []
    for i in range(n):
        path = folder / f"learner-{i:05d}.yaml"
        path.write_text(answer_file_text(rng.choice(keys), rng), encoding="utf-8")
        paths.append(path)
    start = time.perf_counter()
    _check_many(paths)
    serial = time.perf_counter() - start
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        sum(pool.map(_check_many, [paths[i::workers] for i in range(workers)]))
    parallel = time.perf_counter() - start
    return serial, parallel


def main() -> None:
    print(
        f"one check in-process, median:           {in_process() * 1000:8.3f} ms   (target < 1 ms)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample = folder / "sample.yaml"
        sample.write_text(
            "exercise: environmental-permit\nwidget: permit review\nprimary_customer: the public\n"
            "investors: [taxpayers]\n",
            encoding="utf-8",
        )
        print(
            f"`ams-exercises check FILE`, median:      {whole_process(sample) * 1000:8.1f} ms"
            "   (target < 300 ms)"
        )
        serial, parallel = many_files(folder)
        print(f"10,000 answer files, one process:        {serial:8.2f} s    (target < 10 s)")
        print(f"10,000 answer files, two processes:      {parallel:8.2f} s")


if __name__ == "__main__":
    main()
