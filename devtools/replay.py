"""The in-page checker replaying the shared test vectors under Node (``run_vectors.mjs``).

The runner loads the page's script (the package's copy unless another is named), grades
every case and prints a summary line, ``N of M cases agree (E exercises, T ms)``; it exits
1 on any disagreement and 2 when it cannot run. Given mutants (a JSON file of named changes
to the page's data or judgements), it runs each in the same process and prints
``CAUGHT name: ...`` for every mutant some case disagrees with.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

RUNNER = Path(__file__).resolve().with_name("run_vectors.mjs")


class NodeMissing(RuntimeError):
    """Node.js is not on PATH."""


def replay(
    vectors: Path,
    checker: Path | None = None,
    *,
    mutants: Path | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run the page's script (``checker``, or the package's) on the vectors file ``vectors``,
    or each of ``mutants`` of it. Raises :class:`NodeMissing` without Node."""
    node = shutil.which("node")
    if node is None:
        raise NodeMissing("Node.js is not on PATH: run `make system-deps` (Debian's nodejs)")
    args = [node, str(RUNNER), str(vectors)] + ([str(checker)] if checker else [])
    args += ["--mutants", str(mutants)] if mutants else []
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)
