"""The course's exercise notebooks, ``exercises/notebooks/<NN>-<module-id>.md``, generated.

One MyST notebook per chapter of exercises (a module of ``course/modules.yaml``), numbered
in the book's order like the worksheets: its title names the chapter as the book does
(Part and title), then each exercise with its scenario, the fields it asks and a
``check(...)`` cell whose blanks read ``"TODO"``. :func:`~.worksheets.generate` writes
them with the worksheets (``ams-exercises dev worksheets``) and a test fails while the
committed files are stale; the book shows them run, and a learner's ``ams-exercises
notebooks`` copies them into the workspace.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..grader.vocabulary import FIELD_LABELS, LIST_FIELDS, PLACEHOLDER

if TYPE_CHECKING:
    from ..grader.keys import AnswerKey, Module

#: The folder of the notebooks, inside the exercises folder.
NOTEBOOKS = "notebooks"
#: Prose is wrapped at this many columns.
WIDTH = 90
#: The front matter jupytext reads: a MyST notebook on the Python 3 kernel.
FRONT_MATTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
    jupytext_version: 1.19.6
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""
INTRODUCTION = (
    'Replace every `"TODO"` with your answer and run the cell (Shift+Enter). How to answer,'
    " and how to run this notebook on your own computer: [For learners who use"
    " Python](../../book/notebooks.md)."
)


def notebook_name(module: Module, number: int) -> str:
    """``notebooks/<NN>-<module-id>.md``: the notebook's path in the exercises folder."""
    return f"{NOTEBOOKS}/{number:02d}-{module.id}.md"


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH, break_on_hyphens=False)


def _exercise(key: AnswerKey, module_number: int, number: int) -> list[str]:
    lines = [
        f"## {module_number}.{number} {key.title}",
        "",
        f"*Exercise `{key.id}`, about {key.minutes} minutes.*",
        "",
    ]
    for paragraph in key.scenario.strip().split("\n\n"):
        lines += [*_wrap(paragraph), ""]
    lines += ["Name:", ""]
    for name in key.asks:
        many = "a list" if name in LIST_FIELDS else "one answer"
        lines.append(f"- {FIELD_LABELS[name]}: {many}")
    lines += ["", "```{code-cell} ipython3", "check(", f'    "{key.id}",']
    for name in key.asks:
        blank = f'["{PLACEHOLDER}"]' if name in LIST_FIELDS else f'"{PLACEHOLDER}"'
        lines.append(f"    {name}={blank},")
    lines += [")", "```", ""]
    return lines


def render_notebook(module: Module, number: int, keys: Sequence[AnswerKey]) -> str:
    """The notebook of ``module``, the ``number``-th chapter of exercises, for ``keys``
    (its exercises, in order)."""
    lines = [
        FRONT_MATTER,
        f"# Notebook {number}: {module.title}",
        "",
        f"*The exercises of {module.name}, in the book's order.*",
        "",
        *_wrap(INTRODUCTION),
        "",
        "```{code-cell} ipython3",
        "from ams_exercises import check, hint, solution",
        "```",
        "",
    ]
    for n, key in enumerate(keys, 1):
        lines += _exercise(key, number, n)
    return "\n".join(lines).rstrip("\n") + "\n"


def is_blank_notebook(path: Path) -> bool:
    """True when the notebook at ``path`` holds no answers: every blank of every
    ``check(...)`` call still reads TODO. A notebook that cannot be read is not blank."""
    from ..answers.notebooks import read_notebook_answers
    from ..grader.vocabulary import is_placeholder

    found = read_notebook_answers(path)
    if found.problems:
        return False
    for _where, answers in found.answers:
        for name, value in answers.items():
            if name == "exercise":
                continue
            values = value if isinstance(value, list) else [value]
            if any(not is_placeholder(v) for v in values):
                return False
    return True
