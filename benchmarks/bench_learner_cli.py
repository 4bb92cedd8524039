"""Start-up time of the learner's commands as whole processes, beside a bare ``python -c
pass`` (issue: ``ams-exercises check FILE`` at most 4x the bare start), in a copy of the
working copy so progress is read and written as a learner's would be.

Each command's runs alternate with runs of the bare interpreter, so the machine's drift
falls on both alike; the ratio of the two medians is the figure to read. The commands read
the course from the bundle compiled into the package (``ams_exercises/compiled``), so the
first run after an install costs what every later run does. With a state's overlay
(``--overlay arizona``) the course is compiled with it once, into a cache, and read from
there: the first such run is timed on its own, the later ones beside the others.

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
RUNS = 25


def once(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, capture_output=True)
    return (time.perf_counter() - start) * 1000


def side_by_side(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """Medians, in ms, of ``ams-exercises ARGS`` and of a bare interpreter, run in turn."""
    # as on a learner's machine: Python keeps the compiled bytecode it writes at first run
    drop = ("AMS_EXERCISES_HOME", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["NO_COLOR"] = "1"
    bare = [sys.executable, "-c", "pass"]
    once([EXE, *args], cwd, env)  # warm the disk cache
    command, python = [], []
    for _ in range(RUNS):
        python.append(once(bare, cwd, env))
        command.append(once([EXE, *args], cwd, env))
    p90 = sorted(command)[int(0.9 * (RUNS - 1))]
    return statistics.median(command), p90, statistics.median(python)


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
        sheet = home / "workspace" / "knowing-your-customer" / "01-environmental-permit.yaml"
        sheet.parent.mkdir(parents=True)
        sheet.write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
        os.environ["AMS_EXERCISES_CACHE"] = str(Path(tmp) / "cache")  # a first use, then cached
        start = time.perf_counter()
        subprocess.run([EXE, "check", str(sample), "--overlay", "arizona"], capture_output=True)
        print(
            f"first check with --overlay arizona (compiles it): {time.perf_counter() - start:.2f} s"
        )
        cases = [
            ("check FILE (no working copy)", ["check", str(sample)], outside),
            (
                "check FILE --overlay arizona",
                ["check", str(sample), "--overlay", "arizona"],
                outside,
            ),
            ("check FILE (records progress)", ["check", str(sheet)], home),
            ("check ID", ["check", "environmental-permit"], home),
            ("check (current exercise)", ["check"], home),
            ("check FILE --json", ["check", str(sheet), "--json"], home),
            ("next", ["next"], home),
            ("progress", ["progress"], home),
            ("hint ID", ["hint", "environmental-permit"], home),
        ]
        print(f"{'ams-exercises …':<32} {'median':>9} {'p90':>9} {'bare python':>12} {'ratio':>6}")
        for label, args, cwd in cases:
            median, p90, bare = side_by_side(args, cwd)
            target = "  (target: at most 4x)" if label.startswith("check FILE (") else ""
            print(
                f"{label:<32} {median:7.1f} ms {p90:7.1f} ms {bare:9.1f} ms "
                f"{median / bare:5.1f}x{target}"
            )


if __name__ == "__main__":
    main()
