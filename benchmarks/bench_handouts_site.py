"""Speed of the site's handouts: what they add to a book build, cold and warm.

Run alone (``.venv/bin/python benchmarks/bench_handouts_site.py``) or from
``benchmarks/run.py``.

* Cold: every handout the site offers (whole course and each module; learner and trainer
  editions; Letter and A4) written by the book build's worker into an empty folder, in
  parallel processes. Wall time and the CPU time of the worker processes.
* Warm: what a book build whose keys and templates did not change spends on handouts:
  the fingerprint of the sources and the check that every PDF is in the cache.

Target: the book build takes no more than 30 s longer with the handouts; warm,
under a second. The worker runs while Sphinx reads and writes pages, so the cold figure is
an upper bound of what the build waits for. Prints one line per figure and a JSON summary.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ams_exercises.handouts import site  # noqa: E402


def main() -> int:
    planned = site.site_handouts(trainer=True)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "ams_exercises.handouts.site", str(cache)]
            + [h.filename for h in planned],
            cwd=ROOT,
        )
        cold = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode:
            print("the worker failed", file=sys.stderr)
            return 1
        size = sum(p.stat().st_size for p in cache.glob("*.pdf"))
        started = time.perf_counter()
        state = site.SiteHandouts(cache, site.site_handouts(trainer=True), False)
        site.fingerprint()
        missing = state.missing()
        warm = time.perf_counter() - started
    print(f"handouts, cold: {len(planned)} PDFs ({size / 1e6:.1f} MB) in {cold:.1f} s wall")
    print(f"handouts, cold: {cpu:.1f} s of CPU in the worker processes")
    print(f"handouts, warm: {warm * 1000:.0f} ms to find all {len(planned)} cached")
    summary = {
        "handouts": len(planned),
        "cold_wall_s": round(cold, 2),
        "cold_cpu_s": round(cpu, 2),
        "warm_ms": round(warm * 1000, 1),
        "missing_when_warm": len(missing),
    }
    print(json.dumps(summary))
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
