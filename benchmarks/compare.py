"""Before and after, side by side in one run: the speed figures of a reference commit
(``main`` unless given) and of this working copy, measured in turns so that the machine's
drift falls on both alike.

    .venv/bin/python benchmarks/compare.py [REF] [--rounds N]

REF is exported with ``git archive`` to a temporary folder. Each round runs, for each of the
two copies, ``bench_judgement.py`` (one check in process, a class of 1,000 learners, one
check in the page) and the learner's command on one answer file as a whole process, next
to a bare interpreter. The table gives the median of each figure over the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (
    "exercise: environmental-permit\nwidget: permit review\nprimary_customer: the public\n"
    "investors: [taxpayers]\n"
)
FIGURES = (
    ("one_check_ms", "one check in process, median (ms, target < 1)"),
    ("page_check_median_ms", "one check in the page, median (ms, target < 5)"),
    ("class_1000x10_s", "1,000 learners x 10 exercises (s, target < 10)"),
    ("start_ratio", "`check FILE` start-up / bare Python (target <= 4x)"),
)


def export(ref: str, folder: Path) -> Path:
    """``ref`` of this repository, as files in ``folder``."""
    tar = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(tar)) as archive:
        archive.extractall(folder, filter="data")
    return folder


def judgement(copy: Path) -> dict[str, float]:
    """The figures ``bench_judgement.py`` prints as JSON, for the copy in ``copy``."""
    env = {**os.environ, "PYTHONPATH": str(copy)}
    script = copy / "benchmarks" / "bench_judgement.py"
    out = subprocess.run(
        [sys.executable, str(script)], cwd=copy, env=env, capture_output=True, text=True
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(f"{script} failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(lines[-1])


def start_ratio(copy: Path, sample: Path, runs: int = 15) -> float:
    """The median time of ``python -m ams_exercises check FILE`` over a bare interpreter's."""
    # as on a learner's machine: Python keeps the compiled bytecode it writes at first run
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("AMS_EXERCISES_HOME", "PYTHONDONTWRITEBYTECODE")
    }
    env |= {"PYTHONPATH": str(copy), "NO_COLOR": "1"}

    def once(args: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(args, cwd=sample.parent, env=env, capture_output=True)
        return time.perf_counter() - start

    command = [sys.executable, "-m", "ams_exercises", "check", str(sample)]
    once(command)  # warm the disk cache, and any cache of the copy's own
    bare, timed = [], []
    for _ in range(runs):
        bare.append(once([sys.executable, "-c", "pass"]))
        timed.append(once(command))
    return statistics.median(timed) / statistics.median(bare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", nargs="?", default="main")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = export(args.ref, Path(tmp) / "before")
        sample = Path(tmp) / "outside" / "answers.yaml"
        sample.parent.mkdir()
        sample.write_text(SAMPLE, encoding="utf-8")
        copies = {args.ref: before, "this copy": ROOT}
        seen: dict[str, dict[str, list[float]]] = {name: {} for name in copies}
        for _ in range(args.rounds):
            for name, copy in copies.items():
                figures = judgement(copy) | {"start_ratio": start_ratio(copy, sample)}
                for k, v in figures.items():
                    seen[name].setdefault(k, []).append(v)
        print(f"{'median of ' + str(args.rounds) + ' rounds':<52} {args.ref:>10} {'this copy':>10}")
        for key, label in FIGURES:
            row = [statistics.median(seen[n][key]) if seen[n].get(key) else None for n in copies]
            shown = [f"{v:10.3f}" if v is not None else f"{'-':>10}" for v in row]
            print(f"{label:<52} {shown[0]} {shown[1]}")


if __name__ == "__main__":
    main()
