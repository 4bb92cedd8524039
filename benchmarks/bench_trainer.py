"""Speed of the trainer's commands: handouts for the whole course, and grading a class.

Run alone (``.venv/bin/python benchmarks/bench_trainer.py``) or from ``benchmarks/run.py``.

* Handouts: ``ams-exercises handouts`` for every module and the whole course, both
  editions, Letter (target: under 15 s).
* Grading: ``ams-exercises grade`` on 1,000 generated learners x 10 exercises, half as
  folders of YAML answer files and half as one notebook each (target: under 10 s).
* For comparison, what a notebook autograder does: execute the same notebooks with a
  kernel (nbclient). Only a sample is executed (``--sample``, default 20 notebooks); the
  time for all 1,000 notebooks is extrapolated from it, and reported as such.

Options: ``--learners N``, ``--exercises N``, ``--sample N``, ``--skip-handouts``,
``--skip-kernel``. Prints one line per figure and a JSON summary at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ams_exercises.grader.keys import AnswerKey, all_keys  # noqa: E402
from ams_exercises.grader.vocabulary import LIST_FIELDS  # noqa: E402

CLI = [sys.executable, "-m", "ams_exercises"]
UNKNOWN = ["the team", "my boss", "everybody involved", "people", "the process", "good service"]


def answer_for(key: AnswerKey, name: str, rng: random.Random) -> str | list[str] | None:
    """A plausible learner answer: mostly right, often a known wrong one, sometimes blank."""
    fk = key.fields[name]
    right = [p for item in fk.expected for p in item.accept]
    wrong = [p for w in fk.wrong for p in w.answers]
    partial = [p for part in fk.partial for p in part.answers]

    def one() -> str:
        roll = rng.random()
        if roll < 0.55 or not (wrong or partial):
            return rng.choice(right)
        if roll < 0.85 and wrong:
            return rng.choice(wrong)
        if roll < 0.92 and partial:
            return rng.choice(partial)
        return rng.choice(UNKNOWN)

    if rng.random() < 0.04:
        return None
    if name in LIST_FIELDS:
        return list(dict.fromkeys(one() for _ in range(rng.randint(1, 3))))
    return one()


def make_class(folder: Path, keys: list[AnswerKey], learners: int, seed: int = 7) -> list[Path]:
    """Write ``learners`` submissions; returns the notebooks written (every other learner)."""
    import nbformat

    rng = random.Random(seed)
    notebooks = []
    for n in range(learners):
        name = f"learner-{n:04d}"
        sheets = []
        for key in keys:
            answers = {f: answer_for(key, f, rng) for f in key.asks}
            sheets.append(
                {"exercise": key.id, **{f: a for f, a in answers.items() if a is not None}}
            )
        if n % 2:
            nb = nbformat.v4.new_notebook()
            nb.cells.append(nbformat.v4.new_code_cell("from ams_exercises import check"))
            for sheet in sheets:
                args = ", ".join(f"{f}={v!r}" for f, v in sheet.items() if f != "exercise")
                nb.cells.append(nbformat.v4.new_markdown_cell(f"## {sheet['exercise']}"))
                nb.cells.append(nbformat.v4.new_code_cell(f"check({sheet['exercise']!r}, {args})"))
            path = folder / f"{name}.ipynb"
            nbformat.write(nb, path)
            notebooks.append(path)
        else:
            (folder / name).mkdir()
            for sheet in sheets:
                text = yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False)
                (folder / name / f"{sheet['exercise']}.yaml").write_text(text, "utf-8")
    return notebooks


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds (the command and its worker processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def bench_handouts(tmp: Path) -> dict[str, float]:
    """The command as a trainer runs it, then the two whole-course PDFs alone (in-process)."""
    from ams_exercises.handouts.render import build_handouts, select_handouts

    out = tmp / "handouts"
    seconds, cpu = timed([*CLI, "handouts", "--out", str(out)])
    pdfs = sorted(out.glob("*.pdf"))
    print(
        f"handouts: {len(pdfs)} PDFs (every module and the course, both editions) "
        f"in {seconds:.1f} s ({cpu:.1f} s of CPU)"
    )
    course = [h for h in select_handouts() if h.is_course]
    start = time.perf_counter()
    build_handouts(tmp / "course-only", course)
    course_s = time.perf_counter() - start
    print(f"handouts: the whole-course PDFs alone (learner and trainer) in {course_s:.1f} s")
    return {
        "handouts_all_s": round(seconds, 2),
        "handouts_all_cpu_s": round(cpu, 2),
        "handouts_pdfs": len(pdfs),
        "handouts_course_s": round(course_s, 2),
    }


def bench_grading(
    tmp: Path, learners: int, exercises: int, sample: int, kernel: bool
) -> dict[str, float]:
    keys = all_keys()[:exercises]
    subs = tmp / "submissions"
    subs.mkdir()
    notebooks = make_class(subs, keys, learners)
    print(
        f"grading: {learners} learners x {len(keys)} exercises "
        f"({len(notebooks)} notebooks, {learners - len(notebooks)} folders of YAML files)"
    )
    seconds, cpu = timed([*CLI, "grade", str(subs), "--out", str(tmp / "report")])
    print(
        f"grading: ams-exercises grade took {seconds:.1f} s ({cpu:.1f} s of CPU; "
        "notebooks read, never run)"
    )
    result = {
        "grade_learners": learners,
        "grade_exercises": len(keys),
        "grade_s": round(seconds, 2),
        "grade_cpu_s": round(cpu, 2),
    }
    if kernel and notebooks:
        result.update(bench_kernel(notebooks[:sample], learners, len(keys), tmp))
    return result


@contextlib.contextmanager
def _quiet_stderr():
    """Hide the kernels' start-up warnings (they write to the inherited standard error)."""
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _execute(paths: list[Path]) -> float:
    """Seconds to execute ``paths`` one after the other with a fresh Python kernel each."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    with _quiet_stderr():
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            meta = {"metadata": {"path": str(path.parent)}}
            NotebookClient(nb, timeout=120, kernel_name="python3", resources=meta).execute()
    return time.perf_counter() - start


def _one_exercise_notebooks(notebook: Path, folder: Path) -> list[Path]:
    """Split a learner's notebook into one notebook per exercise (nbgrader's usual layout)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    setup, *cells = [c for c in nb.cells if c.cell_type == "code"]
    out = []
    for n, cell in enumerate(cells):
        one = nbformat.v4.new_notebook()
        one.cells = [setup, cell]
        path = folder / f"{notebook.stem}-{n}.ipynb"
        nbformat.write(one, path)
        out.append(path)
    return out


def bench_kernel(sample: list[Path], learners: int, exercises: int, tmp: Path) -> dict[str, float]:
    """Execute a sample of notebooks with a kernel (nbclient), as notebook autograders do,
    and extrapolate: only the sample is run."""
    whole = _execute(sample) / len(sample)
    split_dir = tmp / "one-exercise"
    split_dir.mkdir()
    singles = [
        p
        for nb in sample[: max(1, len(sample) // exercises)]
        for p in _one_exercise_notebooks(nb, split_dir)
    ]
    single = _execute(singles[: len(sample)]) / min(len(sample), len(singles))
    print(
        f"kernel: {len(sample)} notebooks of {exercises} exercises executed with nbclient: "
        f"{whole:.2f} s each; extrapolated to {learners} learners: {whole * learners:.0f} s"
    )
    print(
        f"kernel: {min(len(sample), len(singles))} one-exercise notebooks executed: "
        f"{single:.2f} s each; "
        f"extrapolated to {learners} x {exercises} = {learners * exercises} notebooks: "
        f"{single * learners * exercises:.0f} s"
    )
    return {
        "kernel_sample": len(sample),
        "kernel_per_notebook_s": round(whole, 3),
        "kernel_extrapolated_learners_s": round(whole * learners, 1),
        "kernel_per_one_exercise_notebook_s": round(single, 3),
        "kernel_extrapolated_learner_exercises_s": round(single * learners * exercises, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--exercises", type=int, default=10)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--skip-handouts", action="store_true")
    parser.add_argument("--skip-kernel", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-trainer-"))
    try:
        figures: dict[str, float] = {}
        if not args.skip_handouts:
            figures.update(bench_handouts(tmp))
        figures.update(
            bench_grading(tmp, args.learners, args.exercises, args.sample, not args.skip_kernel)
        )
        print(json.dumps(figures))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
