"""Worksheets, notebooks and the catalogue: the files a learner fills in, from the keys.

Each worksheet, ``exercises/<module-id>/<NN>-<exercise-id>.yaml``, is an answer file: the
scenario as comments, then every asked field reading ``TODO`` (``- TODO`` for a list), each
with a comment saying what the field means and how many answers it takes. The catalogue
(:mod:`.catalogue`) lists them in course order, and each module's exercises also come as a
notebook (:mod:`.notebook_files`).

All are GENERATED from the answer keys by :func:`render_worksheet`,
:func:`render_catalogue` and :func:`~.notebook_files.render_notebook`; run
``ams-exercises dev worksheets`` from the repository root after adding or changing a key (a
test fails while the committed files are stale). Modules and their exercises come in the
book's order, named as the book names its chapters (``course/modules.yaml``: "Part 2, What
to stop: the four traps"), and are numbered in that order. :func:`generate` returns what it
did as lines for the command line to print.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..files.reading import load_yaml_file
from ..grader.vocabulary import LIST_FIELDS, META_KEYS, PLACEHOLDER, is_placeholder
from .catalogue import CATALOGUE_NAME, EXERCISES_DIR, FORMAT_VERSION
from .notebook_files import NOTEBOOKS, is_blank_notebook, notebook_name, render_notebook

if TYPE_CHECKING:
    from ..grader.keys import AnswerKey, Module
#: Comments are wrapped at this many columns.
WIDTH = 88

# --- rendering worksheets -----------------------------------------------------------------


def _guide(name: str) -> str:
    """What a field asks for, as a worksheet explains it: the course's one definition."""
    from ..grader.lexicon import role_definitions
    from ..grader.vocabulary import FIELD_NAMES

    return f"{FIELD_NAMES[name]}: {role_definitions()[name]}"


def _comment(text: str, indent: str = "") -> list[str]:
    """``text`` as ``#`` comment lines wrapped at :data:`WIDTH`, keeping blank-line paragraphs."""
    out: list[str] = []
    for n, para in enumerate(re.split(r"\n\s*\n", text.strip())):
        if n:
            out.append("#")
        wrapped = textwrap.wrap(
            " ".join(para.split()), WIDTH - 2 - len(indent), break_on_hyphens=False
        )
        out += [f"# {indent}{line}" for line in wrapped]
    return out


def worksheet_name(key: AnswerKey, number: int) -> str:
    """``<module-id>/<NN>-<exercise-id>.yaml``: the worksheet's path in the exercises folder."""
    return f"{key.module}/{number:02d}-{key.id}.yaml"


def _help_line(key: AnswerKey) -> str:
    """What the worksheet offers a learner who is stuck: a hint, or, for an item of the
    pre-check or the final assessment, what answering once means (no hints before)."""
    from ..assessments import module_of, named

    module = module_of(key.id)
    if module is None:
        return f"Stuck? `ams-exercises hint {key.id}` gives one more hint each time."
    return (
        f"This item is part of {named(module)}: it is answered once, on your own, with no "
        "hints. Fill in every field before you check it: that check submits it."
    )


def render_worksheet(key: AnswerKey, module_name: str, module_number: int, number: int) -> str:
    """The blank worksheet of ``key``: its scenario as comments and ``TODO`` in each blank
    (``module_name`` as the book names the chapter: "Part 2, What to stop: the four traps")."""
    lines = [
        *_comment(key.title),
        *_comment(
            f"Exercise {module_number}.{number}, in {module_name} (about {key.minutes} minutes)"
        ),
        "#",
        "# The scenario",
        *_comment(key.scenario, "  "),
        "#",
        "# Replace each TODO below with your answer, save, then check it with:",
        f"#     ams-exercises check {key.id}",
        *_comment(_help_line(key)),
        "",
        f"exercise: {key.id}",
    ]
    for name in key.asks:
        lines.append("")
        lines += _comment(_guide(name))
        if name in LIST_FIELDS:
            need = key.fields[name].needed
            many = "one answer" if need == 1 else f"{need} answers"
            lines += _comment(
                f"A list: put each answer on its own line starting with '- ', as many as you "
                f"think fit (at least {many} for full marks)."
            )
            lines += [f"{name}:", f"  - {PLACEHOLDER}"]
        else:
            lines += _comment("One answer.")
            lines.append(f"{name}: {PLACEHOLDER}")
    return "\n".join(lines) + "\n"


def is_blank(path: Path) -> bool:
    """True when ``path`` holds no answers yet: every field still reads TODO or is empty.

    A file that cannot be read or parsed is not blank: it may hold a learner's work.
    """
    try:
        data = load_yaml_file(path, error=InputError)
    except InputError:
        return False
    if not isinstance(data, dict):
        return False
    for name, value in data.items():
        if name in META_KEYS:
            continue
        values = value if isinstance(value, list) else [value]
        if any(v is not None and not is_placeholder(v) for v in values):
            return False
    return True


# --- the catalogue and the generator ------------------------------------------------------


def plan(
    keys: Sequence[AnswerKey], modules: dict[str, Module]
) -> list[tuple[AnswerKey, Module, int, int]]:
    """Each key with its module, module number and number within the module, in order."""
    from ..grader.keys import module_numbers

    used = [m for m in modules if any(k.module == m for k in keys)]
    out = []
    for mid, mnum in module_numbers(used).items():
        mine = [k for k in keys if k.module == mid]
        out += [(k, modules[mid], mnum, n) for n, k in enumerate(mine, 1)]
    return out


def render_catalogue(keys: Sequence[AnswerKey], modules: dict[str, Module]) -> str:
    """The text of ``exercises/catalogue.yaml`` for ``keys`` (already in course order)."""
    import yaml

    doc: dict[str, Any] = {"format_version": FORMAT_VERSION, "modules": []}
    for key, module, _mnum, number in plan(keys, modules):
        if not doc["modules"] or doc["modules"][-1]["id"] != module.id:
            doc["modules"].append({"id": module.id, "title": module.name, "exercises": []})
        doc["modules"][-1]["exercises"].append(
            {"id": key.id, "title": key.title, "worksheet": worksheet_name(key, number)}
        )
    header = (
        "# The course's exercises in the order a learner meets them, by chapter of the book.\n"
        "# GENERATED from the answer keys by `ams-exercises dev worksheets`: change the keys,\n"
        "# or the order in ams_exercises/course/modules.yaml, and run it again.\n"
    )
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=WIDTH)
    return header + body


def expected_files() -> dict[str, str]:
    """Every generated file, by path relative to the exercises folder, with its text."""
    from ..grader.keys import all_keys, modules

    keys, mods = all_keys(), modules()
    files = {CATALOGUE_NAME: render_catalogue(keys, mods)}
    chapters: dict[str, tuple[Module, int, list[AnswerKey]]] = {}
    for key, module, mnum, number in plan(keys, mods):
        files[worksheet_name(key, number)] = render_worksheet(key, module.name, mnum, number)
        chapters.setdefault(module.id, (module, mnum, []))[2].append(key)
    for module, mnum, mine in chapters.values():
        files[notebook_name(module, mnum)] = render_notebook(module, mnum, mine)
    return files


_WORKSHEET = re.compile(r"^\d\d-[a-z0-9-]+\.yaml$")
_NOTEBOOK = re.compile(r"^\d\d-[a-z0-9-]+\.md$")


def stale_worksheets(folder: Path, files: dict[str, str]) -> list[Path]:
    """Generated-looking worksheets and notebooks in ``folder`` that the course no longer
    has (a module renumbered or regrouped)."""
    out = []
    for path in sorted([*folder.glob("*/*.yaml"), *folder.glob(f"{NOTEBOOKS}/*.md")]):
        rel = path.relative_to(folder).as_posix()
        notebook = path.parent.name == NOTEBOOKS
        if (_NOTEBOOK if notebook else _WORKSHEET).match(path.name) and rel not in files:
            out.append(path)
    return out


def _blank(path: Path) -> bool:
    return is_blank_notebook(path) if path.suffix == ".md" else is_blank(path)


@dataclass
class Generated:
    """What :func:`generate` did: one line per file, and whether all is now up to date."""

    lines: list[str] = field(default_factory=list)
    up_to_date: bool = True

    def note(self, line: str, *, problem: bool = False) -> None:
        self.lines.append(line)
        self.up_to_date = self.up_to_date and not problem


def generate(
    root: Path, *, check: bool = False, force: bool = False, prune: bool = False
) -> Generated:
    """Write (or with ``check``, compare) the catalogue and worksheets under ``root/exercises``.

    A worksheet that holds answers is never overwritten unless ``force``; stale worksheets
    are listed, and removed with ``prune`` when they hold no answers.
    """
    folder = root / EXERCISES_DIR
    files = expected_files()
    done = Generated()
    for rel, text in files.items():
        path = folder / rel
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        if check:
            state = "missing" if current is None else "differs from its answer key"
            done.note(f"{path}: {state}", problem=True)
            continue
        if current is not None and rel != CATALOGUE_NAME and not force and not _blank(path):
            done.note(f"{path}: holds answers, left as it is (--force overwrites it)", problem=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        done.note(f"wrote {path}")
    for path in stale_worksheets(folder, files):
        if prune and not check and (force or _blank(path)):
            path.unlink()
            done.note(f"removed {path} (no longer in the catalog)")
        else:
            done.note(f"{path}: not in the catalog any more (--prune removes it)", problem=True)
    return done
