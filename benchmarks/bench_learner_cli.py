"""Start-up time of the learner's commands as whole processes (issue: `ams-exercises check
FILE` < 300 ms), in a copy of the working copy so progress is read and written as a
learner's would be.

Run alone (``python benchmarks/bench_learner_cli.py``) or through ``make bench``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = str(Path(sys.executable).with_name("ams-exercises"))
RUNS = 20


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Median and 90th percentile, in ms, of ``ams-exercises ARGS`` run afresh ``RUNS`` times."""
    env = {k: v for k, v in os.environ.items() if k != "AMS_EXERCISES_HOME"}
    env["NO_COLOR"] = "1"
    subprocess.run([EXE, *args], cwd=cwd, env=env, capture_output=True)  # warm the disk cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([EXE, *args], cwd=cwd, env=env, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "course"
        shutil.copytree(ROOT / "exercises", home / "exercises")
        outside = Path(tmp) / "outside"
        outside.mkdir()
        sample = outside / "answers.yaml"
        sample.write_text(
            "exercise: environmental-permit\nwidget: permit review\nprimary_customer: the public\n"
            "investors: [taxpayers]\n",
            encoding="utf-8",
        )
        sheet = home / "exercises" / "knowing-your-customer" / "01-environmental-permit.yaml"
        sheet.write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
        cases = [
            ("check FILE (no working copy)", ["check", str(sample)], outside),
            ("check FILE (records progress)", ["check", str(sheet)], home),
            ("check ID", ["check", "environmental-permit"], home),
            ("check (current exercise)", ["check"], home),
            ("check FILE --json", ["check", str(sheet), "--json"], home),
            ("next", ["next"], home),
            ("progress", ["progress"], home),
            ("hint ID", ["hint", "environmental-permit"], home),
        ]
        python = timed_python(outside)
        print(f"{'bare python -c pass':<34} median {python[0]:6.1f} ms   p90 {python[1]:6.1f} ms")
        for label, args, cwd in cases:
            median, p90 = timed(args, cwd)
            target = "   (target < 300 ms)" if args[0] == "check" else ""
            print(f"ams-exercises {label:<20} median {median:6.1f} ms   p90 {p90:6.1f} ms{target}")


def timed_python(cwd: Path) -> tuple[float, float]:
    """The floor: how long the interpreter alone takes to start."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], cwd=cwd)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


if __name__ == "__main__":
    main()
