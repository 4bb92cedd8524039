"""Classes of any size written programmatically: learners of graded ability, and a question
whose key is planted wrong (the strongest learners "miss" it, the weakest "get" it).

Each learner is one YAML file answering every exercise (a list of answer mappings). A
learner of ability ``a`` (0 the weakest, 1 the strongest, evenly spread over the class)
answers each field right with a chance that grows with ``a``, so honest items
discriminate positively; on the planted item the strong half gives a wrong answer and the
weak half the key's answer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from ams_exercises.assessments import module_of
from ams_exercises.grader.keys import AnswerKey, all_keys
from ams_exercises.grader.vocabulary import LIST_FIELDS

JUNK = "my cat"


def right(key: AnswerKey, name: str) -> str | list[str]:
    fk = key.fields[name]
    return list(fk.canonical) if name in LIST_FIELDS else fk.canonical[0]


def wrong(key: AnswerKey, name: str) -> str | list[str]:
    fk = key.fields[name]
    text = fk.wrong[0].answers[0] if fk.wrong else JUNK
    return [text] if name in LIST_FIELDS else text


@dataclass(frozen=True)
class Made:
    folder: Path
    keys: list[AnswerKey]
    planted: tuple[str, str]  # (exercise, field) of the mis-keyed item
    abilities: dict[str, float]
    unreadable: list[str]  # learners whose only file cannot be read


def make_class(
    folder: Path,
    learners: int,
    *,
    exercises: int = 4,
    unreadable: int = 0,
    seed: int = 14,
) -> Made:
    """Write a class of ``learners`` readable learners (plus ``unreadable`` whose file is not
    YAML at all) into ``folder``; the planted item is the primary customer of the first
    exercise that asks for one."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = [k for k in all_keys() if module_of(k.id) is None][:exercises]  # practice only
    planted_key = next(k for k in keys if "primary_customer" in k.asks)
    planted = (planted_key.id, "primary_customer")
    rng = random.Random(seed)
    abilities = {}
    for n in range(learners):
        name = f"learner-{n:04d}"
        ability = n / (learners - 1) if learners > 1 else 1.0
        abilities[name] = ability
        sheets = []
        for key in keys:
            sheet: dict[str, object] = {"exercise": key.id}
            for field in key.asks:
                if (key.id, field) == planted:
                    good = ability < 0.5
                else:
                    good = rng.random() < 0.1 + 0.8 * ability
                sheet[field] = right(key, field) if good else wrong(key, field)
            sheets.append(sheet)
        (folder / f"{name}.yaml").write_text(
            yaml.safe_dump(sheets, allow_unicode=True, sort_keys=False), "utf-8"
        )
    lost = []
    for n in range(unreadable):
        name = f"zz-unreadable-{n}"
        (folder / f"{name}.yaml").write_text("exercise: [unclosed\n  : :\n", "utf-8")
        lost.append(name)
    return Made(folder, keys, planted, abilities, lost)
