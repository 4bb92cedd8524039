"""The phrasings the grader still disagrees on, pinned one by one with a reason
(``tests/phrasings/known-disagreements.yaml``): shared by the phrasing tests."""

from __future__ import annotations

from pathlib import Path

import yaml

FILE = Path(__file__).parent / "phrasings" / "known-disagreements.yaml"
PINNED: list[dict] = yaml.safe_load(FILE.read_text("utf-8"))


def _key(exercise: str, field: str, answer: object) -> tuple:
    return (exercise, field, tuple(answer) if isinstance(answer, list) else answer)


_BY_CASE = {_key(p["exercise"], p["field"], p["answer"]): p for p in PINNED}


def pinned(exercise: str, case: dict) -> dict | None:
    """The pinned disagreement for ``case`` of ``exercise``, if it is one."""
    return _BY_CASE.get(_key(exercise, case["field"], case["answer"]))
