"""The shared test vectors, generated once per session from the Python grader.

Every key's phrasings and realistic variants (see :mod:`devtools.vectors`), plus the
trainer-written phrasings of ``tests/phrasings/`` (own-words included), each with the Python
grader's result.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from shared_setup import made_once

from ams_exercises.grader.keys import key_for
from devtools import vectors

PHRASINGS = Path(__file__).resolve().parent.parent / "phrasings"


def trainer_phrasings() -> dict[str, list[tuple[str, object]]]:
    """``tests/phrasings/`` (own words and the independent sets included) as (field,
    answer) pairs per exercise."""
    out: dict[str, list[tuple[str, object]]] = {}
    for path in sorted(PHRASINGS.rglob("*.yaml")):
        if path.stem == "known-disagreements":
            continue
        spec = yaml.safe_load(path.read_text("utf-8"))
        out.setdefault(spec["exercise"], []).extend(
            (c["field"], c["answer"]) for c in spec["cases"]
        )
    # the independent sets: words nobody tuned the grader to, read alike on the page
    for path in sorted((PHRASINGS / "independent").glob("*.yml")):
        for c in yaml.safe_load(path.read_text("utf-8"))["cases"]:
            out.setdefault(key_for(c["ex"]).id, []).append((c["field"], c["answer"]))
    return out


@pytest.fixture(scope="session")
def grader_vectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The vectors JSON file (the format ``python -m devtools.vectors`` prints), made once
    for the run."""

    def write(path: Path) -> None:
        text = json.dumps(vectors.build(extra=trainer_phrasings()), ensure_ascii=False)
        path.write_text(text, "utf-8")

    return made_once(tmp_path_factory, "grader-vectors.json", write)
