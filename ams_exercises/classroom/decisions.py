"""The trainer's decisions: one file in the class folder, ``decisions.yaml``, read and checked.

The grader reads answers; the trainer has the last word. A trainer who disagrees with a
verdict writes it down once, in the class folder, and every ``grade`` after that applies it
(:mod:`.overrides`). The file is the trainer's: it is never read as a learner's work, never
rewritten and never deleted, with or without ``--force`` (the report is written elsewhere).

Format (``course/schemas/decisions.schema.json`` describes it for editors)::

    format_version: 1
    decisions:
      - exercise: benefits-portal-modernization
        field: strategic_customers
        group: g-3fa2c1            # an answer group from the report, every answer read alike
        decision: accept           # accept | partial | wrong
        note: Caseworkers are front-line staff here.   # optional: shown to the learners
      - exercise: benefits-portal-modernization
        field: primary_customer
        answer: families applying for food stamps    # or one answer, as written
        decision: partial

An entry names ``group`` (from the report's "Answer groups", which gives the line to copy) or
``answer`` (matched as the grader compares text: case, punctuation and plurals aside). An
``answer`` entry wins over a ``group`` entry for the same answer. Any slip is one line naming
the file, the line and the fix (:class:`DecisionsError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError
from ..files.reading import load_yaml_file
from ..grader.keys import all_keys
from ..grader.normalize import normal

#: The decisions file's name, in the class folder (never read as a learner's).
DECISIONS_FILE = "decisions.yaml"
#: What a trainer may decide, and the verdict each gives a single field.
DECISIONS = {"accept": "correct", "partial": "partial", "wrong": "incorrect"}
#: Keys an entry may have.
ENTRY_KEYS = ("exercise", "field", "group", "answer", "decision", "note")


class DecisionsError(InputError):
    """The decisions file cannot be used: one line naming the file, the line and the fix."""


@dataclass(frozen=True)
class Decision:
    """One decision: which answers (a group, or one answer's text) get which verdict."""

    exercise: str
    field: str
    decision: str  # accept | partial | wrong
    group: str | None = None
    answer: str | None = None
    note: str = ""
    line: int = 0

    @property
    def normal_answer(self) -> str | None:
        """The answer as the grader compares text (``None`` for a group entry)."""
        return None if self.answer is None else normal(self.answer)

    def copy_line(self) -> str:
        """The entry as one line of YAML (for the report and the export's comments)."""
        which = f"group: {self.group}" if self.group else f"answer: {_quoted(self.answer or '')}"
        return (
            f"- {{exercise: {self.exercise}, field: {self.field}, {which}, "
            f"decision: {self.decision}}}"
        )


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def decisions_path(submissions: Path) -> Path:
    return submissions / DECISIONS_FILE


def _entry_lines(path: Path, text: str) -> list[int]:
    """The line each entry of ``decisions`` starts on (1-based), for error messages."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for k, v in root.value:
        if k.value == "decisions" and isinstance(v, yaml.SequenceNode):
            return [n.start_mark.line + 1 for n in v.value]
    return []


def read_decisions(submissions: Path) -> list[Decision]:
    """The decisions in ``submissions/decisions.yaml`` (none when there is no such file).
    Raises :class:`DecisionsError` naming the line and the fix."""
    path = decisions_path(submissions)
    if not path.exists() and not path.is_symlink():
        return []
    data = load_yaml_file(path, error=DecisionsError)
    if not isinstance(data, dict) or "decisions" not in data:
        raise DecisionsError(
            path, "must hold 'format_version: 1' and a list under 'decisions:' (see the README)"
        )
    if data.get("format_version", 1) != 1:
        raise DecisionsError(path, "has a format_version this tool does not know; write 1")
    extra = sorted(set(data) - {"format_version", "decisions"})
    if extra:
        raise DecisionsError(path, f"has '{extra[0]}', which is not a setting; remove it")
    entries = data["decisions"] or []
    if not isinstance(entries, list):
        raise DecisionsError(path, "'decisions' must be a list of entries, each starting with '-'")
    lines = _entry_lines(path, path.read_text("utf-8-sig"))
    keys = {k.id: k for k in all_keys()}
    out = [
        _entry(path, n, entry, lines[n] if n < len(lines) else 0, keys)
        for n, entry in enumerate(entries)
    ]
    return out


def _entry(path: Path, n: int, entry: object, line: int, keys: dict) -> Decision:
    at = f"line {line}" if line else f"entry {n + 1}"

    def bad(fix: str) -> DecisionsError:
        return DecisionsError(path, f"{at}: {fix}")

    if not isinstance(entry, dict):
        raise bad("an entry must be a mapping: exercise, field, group or answer, decision")
    unknown = [k for k in entry if k not in ENTRY_KEYS]
    if unknown:
        raise bad(f"'{unknown[0]}' is not a key of an entry; use {', '.join(ENTRY_KEYS)}")
    for name in ("exercise", "field", "decision"):
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise bad(f"'{name}' is missing; copy the line from the report's Answer groups")
    key = keys.get(entry["exercise"])
    if key is None:
        raise bad(f"no exercise is called '{entry['exercise']}'; copy its id from the report")
    if entry["field"] not in key.asks:
        raise bad(
            f"'{entry['exercise']}' does not ask '{entry['field']}'; it asks {', '.join(key.asks)}"
        )
    if entry["decision"] not in DECISIONS:
        raise bad(f"decision '{entry['decision']}' is not one of accept, partial, wrong")
    group, answer = entry.get("group"), entry.get("answer")
    if (group is None) == (answer is None):
        raise bad("give either 'group' (from the report) or 'answer' (as written), not both")
    for name, value in (("group", group), ("answer", answer)):
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise bad(f"'{name}' must be text; put it in quotes")
    note = entry.get("note") or ""
    if not isinstance(note, str):
        raise bad("'note' must be text; put it in quotes")
    return Decision(
        entry["exercise"],
        entry["field"],
        entry["decision"],
        group=group.strip() if group else None,
        answer=answer.strip() if answer else None,
        note=note.strip(),
        line=line,
    )
