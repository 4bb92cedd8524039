"""How long the course takes, computed, never typed: two paths, from the same data.

* **The full course**: each page of the reading path (``_toc.yml``, from the first chapter
  to the last page before the reference pages) takes the time to read its words at the
  reading rate, plus the ``minutes`` of every answer key it shows with an
  ``{ams-exercise}`` directive, plus, on its page, working through one's own system.
* **The core path** (60 to 90 minutes): the sections of a few pages (each page's opening,
  before its first section, and the sections ``course/paths.yaml`` names), one check per
  lesson, and one's own system.

A check's minutes come from its scenario and the fields it asks
(:func:`~ams_exercises.authoring.paths.check_minutes`, written into the compiled key), so
the rates of ``course/paths.yaml`` decide every figure. The book prints these figures
through the ``course-time`` roles and the ``course-paths`` directive
(``book/_ext/course_times.py``); the trainer handout and the LMS package's description
print :func:`paths_summary`, so the welcome page, each chapter, the trainer's guide, the
handouts and the LMS cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .authoring.paths import paths, words
from .grader import keys

#: The repository's root, where ``_toc.yml`` and ``book/`` are (an editable install).
REPO_ROOT = Path(__file__).resolve().parent.parent

#: The reading path ends at the part with this caption (glossary, sources, trainer's guide).
REFERENCE_CAPTION = "Reference"  # the part's name, after any "Part N: "

_EXERCISE = re.compile(r"^```\{ams-exercise\}\s+(\S+)\s*$", re.M)
_SECTION = re.compile(r"^## +(.+?)\s*$", re.M)
_ROLE = re.compile(r"\{[a-z-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")
_LINK = re.compile(r"\]\([^)]*\)")


def words_per_minute() -> int:
    """The reading rate every figure uses (``course/paths.yaml``)."""
    return paths().words_per_minute


def reading_minutes(word_count: int) -> int:
    """Minutes to read ``word_count`` words at the reading rate (at least one)."""
    return max(1, int(word_count / words_per_minute() + 0.5))


@dataclass(frozen=True)
class PageTime:
    """One page (or, on the core path, some of its sections): its words, reading minutes,
    knowledge checks and the own-system exercise when it is done there."""

    docname: str  # "book/primary-customer/roles"
    words: int
    exercises: tuple[str, ...]
    exercise_minutes: int
    activity_minutes: int = 0  # working through one's own system
    sections: tuple[str, ...] = ()  # on the core path: the sections read

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.words)

    @property
    def minutes(self) -> int:
        return self.reading_minutes + self.exercise_minutes + self.activity_minutes


@dataclass(frozen=True)
class CourseTime:
    """Every page of the reading path, in order, and the core path's steps."""

    pages: tuple[PageTime, ...]
    core: tuple[PageTime, ...] = ()

    def select(self, scope: str) -> list[PageTime]:
        """The pages of ``scope``: a docname, ``prefix/*`` for a folder, ``course``, ``core``
        (the core path's steps), or several of these separated by commas."""
        if "," in scope:
            return [p for part in scope.split(",") for p in self.select(part.strip())]
        if scope == "course":
            return list(self.pages)
        if scope == "core":
            return list(self.core)
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
        return sum(p.minutes for p in self.pages)

    @property
    def core_minutes(self) -> int:
        return sum(p.minutes for p in self.core)


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
    return words(text)


def page_sections(markdown: str) -> dict[str, str]:
    """A page's parts by heading: its opening (``""``, before the first ``##`` heading),
    then each ``##`` section with the subsections under it."""
    found = list(_SECTION.finditer(markdown))
    out = {"": markdown[: found[0].start()] if found else markdown}
    for i, heading in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(markdown)
        out[heading.group(1)] = markdown[heading.start() : end]
    return out


def page_exercises(markdown: str) -> tuple[str, ...]:
    """The exercise ids a page shows, in order."""
    return tuple(_EXERCISE.findall(markdown))


def _own_system(docname: str) -> int:
    own = paths().own_system
    return own.minutes if own.page == docname else 0


def page_time(root: Path, docname: str) -> PageTime:
    """The time of one page (``root/docname.md``)."""
    text = (root / f"{docname}.md").read_text("utf-8")
    ids = page_exercises(text)
    minutes = sum(keys.key_for(i).minutes for i in ids)
    return PageTime(docname, page_words(text), ids, minutes, _own_system(docname))


class PathError(ValueError):
    """The core path names a page, a section or a check the book does not have."""


def core_path(root: Path = REPO_ROOT) -> tuple[PageTime, ...]:
    """The core path's steps, each with the words of the sections it reads."""
    out = []
    path = reading_path(root)
    for step in paths().core:
        if step.page not in path:
            raise PathError(f"core path: {step.page!r} is not a page of the reading path")
        text = (root / f"{step.page}.md").read_text("utf-8")
        sections = page_sections(text)
        missing = [s for s in step.sections if s not in sections]
        if missing:
            raise PathError(f"core path: {step.page} has no section {missing[0]!r}")
        shown = page_exercises(text)
        step_checks = shown if step.all_checks else step.checks
        stray = [c for c in step_checks if c not in shown]
        if stray:
            raise PathError(f"core path: {step.page} does not show the check {stray[0]!r}")
        count = sum(page_words(sections[s]) for s in ("", *step.sections))
        checks = tuple(keys.key_for(c).id for c in step_checks)
        minutes = sum(keys.key_for(c).minutes for c in checks)
        own = paths().own_system.minutes if step.own_system else 0
        out.append(PageTime(step.page, count, checks, minutes, own, tuple(step.sections)))
    return tuple(out)


def course_time(root: Path = REPO_ROOT) -> CourseTime:
    """Every page of the reading path with its time, and the core path."""
    pages = tuple(page_time(root, d) for d in reading_path(root))
    return CourseTime(pages, core_path(root))


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
    """ "about 40 minutes: 15 minutes to read and 25 minutes for the knowledge checks", and
    the own-system exercise when the pages hold it."""
    reading = sum(p.reading_minutes for p in pages)
    checks = sum(p.exercise_minutes for p in pages)
    own = sum(p.activity_minutes for p in pages)
    total = f"about {duration(reading + checks + own)}"
    parts = [f"{duration(reading)} to read"]
    if checks:
        parts.append(f"{duration(checks)} for the knowledge checks")
    if own:
        parts.append(f"{duration(own)} to work through your own system")
    if len(parts) == 1:
        return f"{total} to read"
    return f"{total}: {', '.join(parts[:-1])} and {parts[-1]}"


def _practice(pages: list[PageTime] | tuple[PageTime, ...]) -> int:
    """How many of the pages' checks are practice (not an item of an assessment)."""
    mods = keys.modules()
    return sum(not mods[keys.key_for(e).module].assessment for p in pages for e in p.exercises)


def paths_summary(times: CourseTime | None = None) -> str:
    """Both paths in one sentence, the same on every surface (the book's welcome page and
    trainer's guide, the handouts, the LMS package's description): "The core path takes
    about 1 hour 25 minutes: the pre-check, 4 knowledge checks and the final assessment; the
    full course takes about 6 hours 5 minutes: the pre-check, all 30 knowledge checks, your
    own system and the final assessment."."""
    times = times or course_time()
    own = ", your own system" if any(p.activity_minutes for p in times.core) else ""
    return (
        f"The core path takes about {duration(times.core_minutes)}: the pre-check,"
        f" {_practice(times.core)} knowledge checks{own} and the final assessment; the full"
        f" course takes about {duration(times.minutes)}: the pre-check, all"
        f" {_practice(times.pages)} knowledge checks, your own system and the final assessment."
    )


def _number(value: float) -> str:
    return f"{value:g}"


def basis(times: CourseTime | None = None) -> str:
    """How every figure is set, as the book and the trainer's guide state it."""
    times = times or course_time()
    data = paths()
    per = data.check_minutes
    mods = keys.modules()
    timed = [keys.key_for(e) for p in times.pages for e in p.exercises]
    checks = [k.minutes for k in timed if not mods[k.module].assessment]
    rate = f"Reading is timed at {data.words_per_minute} words a minute."
    check = (
        f" A knowledge check is timed at its scenario's reading plus {_number(per.single_field)}"
        f" minute{'s' if per.single_field != 1 else ''} for each single answer,"
        f" {_number(per.list_field)} for each list and {_number(per.revise)} to revise after"
        f" the feedback: {min(checks)} to {max(checks)} minutes a check. An item of the"
        " pre-check or the final assessment is answered once, so it has no minute to revise."
    )
    own = f" Working through your own system takes {data.own_system.minutes} minutes" + (
        ", and is counted in both paths."
        if any(p.activity_minutes for p in times.core)
        else ": it is part of the full course, and the core path's learners do it afterward."
    )
    return rate + check + own
