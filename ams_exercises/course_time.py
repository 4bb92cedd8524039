"""How long the course takes, computed, never typed: reading time plus the exercises' minutes.

Each page of the course's reading path (``_toc.yml``, from the first chapter to the last
page before the reference pages) takes the time to read its words at
:data:`WORDS_PER_MINUTE`, plus the ``minutes`` of every answer key it shows with an
``{ams-exercise}`` directive. The book prints these figures through the ``course-time``
roles (``book/_ext/course_times.py``), and the trainer handout prints the course's total,
so the welcome page, each chapter, the trainer's guide and the handout cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .grader import keys

#: A comfortable reading speed for instructional text.
WORDS_PER_MINUTE = 200

#: The repository's root, where ``_toc.yml`` and ``book/`` are (an editable install).
REPO_ROOT = Path(__file__).resolve().parent.parent

#: The reading path ends at the part with this caption (glossary, sources, trainer's guide).
REFERENCE_CAPTION = "Reference"  # the part's name, after any "Part N: "

_EXERCISE = re.compile(r"^```\{ams-exercise\}\s+(\S+)\s*$", re.M)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019.-][A-Za-z0-9]+)*")
_ROLE = re.compile(r"\{[a-z-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")
_LINK = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class PageTime:
    """One page of the reading path: its words, reading minutes and knowledge checks."""

    docname: str  # "book/primary-customer/roles"
    words: int
    exercises: tuple[str, ...]
    exercise_minutes: int

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))

    @property
    def minutes(self) -> int:
        return self.reading_minutes + self.exercise_minutes


@dataclass(frozen=True)
class CourseTime:
    """Every page of the reading path, in order."""

    pages: tuple[PageTime, ...]

    def select(self, scope: str) -> list[PageTime]:
        """The pages of ``scope``: a docname, ``prefix/*`` for a folder, ``course``, or
        several of these separated by commas."""
        if "," in scope:
            return [p for part in scope.split(",") for p in self.select(part.strip())]
        if scope == "course":
            return list(self.pages)
        if scope.endswith("/*"):
            return [p for p in self.pages if p.docname.startswith(scope[:-1])]
        return [p for p in self.pages if p.docname == scope]

    @property
    def reading_minutes(self) -> int:
        return sum(p.reading_minutes for p in self.pages)

    @property
    def exercise_minutes(self) -> int:
        return sum(p.exercise_minutes for p in self.pages)

    @property
    def minutes(self) -> int:
        return self.reading_minutes + self.exercise_minutes


def reading_path(root: Path = REPO_ROOT) -> list[str]:
    """The docnames of the course's reading path, in order, from ``root/_toc.yml``."""
    toc = yaml.safe_load((root / "_toc.yml").read_text("utf-8"))
    out: list[str] = []

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            out.append(str(entry["file"]))
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        if str(part.get("caption", "")).split(": ")[-1] == REFERENCE_CAPTION:
            break
        walk(part.get("chapters", []))
    return out


def page_words(markdown: str) -> int:
    """The words a reader reads on a page written in MyST Markdown.

    Directive fences and their options, labels, the exercises (timed by their own
    ``minutes``) and the targets of links and roles are not words anyone reads.
    """
    text = _EXERCISE.sub("", markdown)
    kept = []
    for line in text.splitlines():
        bare = line.strip()
        if bare.startswith(("```", ":::", "::::")) or re.fullmatch(r":[a-z-]+:.*", bare):
            continue
        if re.fullmatch(r"\([a-z0-9-]+\)=", bare):
            continue
        kept.append(line)
    text = _LINK.sub("]", _ROLE.sub(r"\1", "\n".join(kept)))
    return len(_WORD.findall(text))


def page_exercises(markdown: str) -> tuple[str, ...]:
    """The exercise ids a page shows, in order."""
    return tuple(_EXERCISE.findall(markdown))


def page_time(root: Path, docname: str) -> PageTime:
    """The time of one page (``root/docname.md``)."""
    text = (root / f"{docname}.md").read_text("utf-8")
    ids = page_exercises(text)
    minutes = sum(keys.key_for(i).minutes for i in ids)
    return PageTime(docname, page_words(text), ids, minutes)


def course_time(root: Path = REPO_ROOT) -> CourseTime:
    """Every page of the reading path with its time."""
    return CourseTime(tuple(page_time(root, d) for d in reading_path(root)))


def duration(minutes: int) -> str:
    """``95`` as "1 hour 35 minutes", ``40`` as "40 minutes"."""
    hours, mins = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins or not hours:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts)


def described(pages: list[PageTime]) -> str:
    """ "about 40 minutes: 15 minutes to read and 25 minutes for the knowledge checks"."""
    reading = sum(p.reading_minutes for p in pages)
    checks = sum(p.exercise_minutes for p in pages)
    total = f"about {duration(reading + checks)}"
    if not checks:
        return f"{total} to read"
    return f"{total}: {duration(reading)} to read and {duration(checks)} for the knowledge checks"
