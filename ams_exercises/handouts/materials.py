"""The workshop's print materials and a training office's paperwork, read from the course.

Beside the worksheets, the keys and the workshop kit, the Handouts page offers:

* **for learners**: a sheet per trap (from the book's traps chapter, with the exercises whose
  keys show that trap), each case study as a two-page reading that does not name its trap
  or the roles its groups played (the book's situation, before-and-after and results, with
  the reading's own words, from ``readings.yaml``, where the book names a role; then the
  workshop plan's task), the apply checklist (the book's checklist and steps) and a blank
  role-map template;
* **for trainers**: the role-map poster (the book's figure, on tabloid or A3 paper, with a
  blank map for a group on its second page);
* **for the training office**: a sign-in sheet, certificates of attendance (the workshop's
  and the 90-minute session's hours from the plans' minutes, the self-paced course's from
  its computed time), an evaluation form, a 30-day follow-up questionnaire and a catalog
  description (the book's audience and objectives, the plans' and the course's durations).

Everything is read when the handouts are planned, so an edit to the book or the plan makes
new PDFs (the site's fingerprint hashes the book pages named in :data:`BOOK_SOURCES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from markupsafe import Markup

from ..authoring.workshop import TRAPS_CHAPTER, Block, Workshop
from ..course_time import REPO_ROOT
from ..errors import KeyFileError
from ..files.reading import load_yaml_file
from ..grader.vocabulary import TRAPS

BOOK = REPO_ROOT / "book"
TRAPS_PAGE = BOOK / "primary-customer" / "traps.md"
APPLY_PAGE = BOOK / "primary-customer" / "apply.md"
ROLES_PAGE = BOOK / "primary-customer" / "roles.md"
WELCOME_PAGE = BOOK / "welcome.md"
CASES = BOOK / "case-studies"
ROLE_MAP_FIGURE = BOOK / "images" / "role-map.svg"
#: What the materials read from the book, relative to the repository (for the fingerprint).
BOOK_SOURCES = (
    "book/primary-customer/traps.md",
    "book/primary-customer/apply.md",
    "book/primary-customer/roles.md",
    "book/welcome.md",
    "book/case-studies/*.md",
    "book/images/role-map.svg",
)
CASES_CHAPTER = "book/case-studies/index"
#: The case readings' own words where a case page names a role of its answer.
READINGS_FILE = Path(__file__).resolve().parent / "readings.yaml"
APPLY_CHAPTER = "book/primary-customer/apply"

_ROLE = re.compile(r"\{[a-z-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


def available() -> bool:
    """True when the book is beside the package (the materials are read from it)."""
    return TRAPS_PAGE.is_file() and APPLY_PAGE.is_file() and ROLE_MAP_FIGURE.is_file()


def plain(text: str) -> str:
    """Markdown of the book as plain text: roles and links become their words."""
    text = _LINK.sub(r"\1", _ROLE.sub(r"\1", text))
    return " ".join(text.replace("**", "").split())


def inline(text: str) -> Markup:
    """Markdown of the book as HTML: roles and links become their words, bold and italic kept."""
    text = escape(_LINK.sub(r"\1", _ROLE.sub(r"\1", " ".join(text.split()))), quote=False)
    text = _STRONG.sub(r"<strong>\1</strong>", text)
    return Markup(_EM.sub(r"<em>\1</em>", text))


def _sections(markdown: str) -> dict[tuple[str, str], list[str]]:
    """The page's lines by (h2, h3) heading, directive blocks (``:::``) and code left out,
    except the grid cards of a before-and-after (kept with their ``:::{grid-item-card}``)."""
    out: dict[tuple[str, str], list[str]] = {}
    h2 = h3 = ""
    depth, fence = 0, False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = not fence
            continue
        if fence:
            continue
        if stripped.startswith(":::"):
            if stripped.startswith(":::{grid-item-card}"):
                out.setdefault((h2, h3), []).append(stripped)
            elif stripped.startswith(":::{") or stripped.startswith("::::{"):
                if not stripped.startswith("::::{grid}"):
                    depth += 1
            elif depth:
                depth -= 1
            continue
        if depth:
            continue
        if line.startswith("## "):
            h2, h3 = line[3:].strip(), ""
            continue
        if line.startswith("### "):
            h3 = line[4:].strip()
            continue
        out.setdefault((h2, h3), []).append(line)
    return out


def _paragraphs(lines: list[str]) -> tuple[Markup, ...]:
    """The paragraphs among ``lines`` (lists, tables and options left out)."""
    out, current = [], []
    for line in [*lines, ""]:
        s = line.strip()
        if not s or s.startswith(("- ", "|", ":", "<")) or re.match(r"^\d+\. ", s):
            if current:
                out.append(inline(" ".join(current)))
            current = []
            continue
        current.append(s)
    return tuple(out)


def _items(lines: list[str]) -> tuple[Markup, ...]:
    """The list items among ``lines`` (bulleted or numbered)."""
    return tuple(
        inline(re.sub(r"^(- |\d+\. )", "", line.strip()))
        for line in lines
        if re.match(r"^(- |\d+\. )", line.strip())
    )


def _find(sections: dict, h2: str, h3_start: str = "") -> list[str]:
    for (a, b), lines in sections.items():
        if a == h2 and b.startswith(h3_start) and (h3_start or not b):
            return lines
    raise ValueError(f"the book has no section {h2!r} / {h3_start!r}")


@dataclass(frozen=True)
class PlanBlock:
    """A block of the workshop plan as a sheet prints it: title, start, minutes, task."""

    title: str
    start: str
    minutes: int
    task: str

    @property
    def line(self) -> str:
        return f"{self.title} · starts {self.start} · {self.minutes} minutes"


def plan_block(workshop: Workshop, chapter: str) -> PlanBlock | None:
    """The workshop's first block on ``chapter`` that has a group task."""
    for start, block in workshop.timings():
        if block.chapter == chapter and block.group_task:
            return _plan_block(start, block)
    return None


def _plan_block(start: str, block: Block) -> PlanBlock:
    return PlanBlock(block.title, start, block.minutes, " ".join(block.group_task.split()))


@dataclass(frozen=True)
class TrapSheet:
    """One trap on a page: what it is, the module's example, the signs and the ways out."""

    key: str
    name: str
    number: int
    what: tuple[Markup, ...]
    example: tuple[Markup, ...]
    signs: tuple[Markup, ...]
    ways: tuple[Markup, ...]
    sounds_like: str
    question: str
    exercises: tuple[str, ...]  # "2.3 Court scheduling": the keys that show this trap


def trap_sheets(exercises: dict[str, tuple[str, ...]] | None = None) -> tuple[TrapSheet, ...]:
    """The book's four traps, in the chapter's order; ``exercises`` by trap key."""
    sections = _sections(TRAPS_PAGE.read_text("utf-8"))
    table = {}
    for line in _find(sections, "The four traps side by side"):
        cells = [plain(c) for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] in TRAPS.values():
            table[cells[0]] = (cells[1], cells[2])
    keys = {name: key for key, name in TRAPS.items()}
    out = []
    for h2, h3 in sections:
        match = re.match(r"Trap (\d+): (.+)$", h2)
        if not match or h3:
            continue
        name = match[2].strip()
        out.append(
            TrapSheet(
                key=keys[name],
                name=name,
                number=int(match[1]),
                what=_paragraphs(_find(sections, h2, "What it is")),
                example=_paragraphs(_find(sections, h2, "The module's example")),
                signs=_items(_find(sections, h2, "How to spot it")),
                ways=_items(_find(sections, h2, "What to do instead")),
                sounds_like=table[name][0],
                question=table[name][1],
                exercises=(exercises or {}).get(keys[name], ()),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class CaseReading:
    """A case study to read in a group: the situation, the two versions, the results.
    Nothing in it says which role the "after" version centered on or which trap the
    "before" fell into: that is the group's task."""

    slug: str
    title: str
    situation: tuple[Markup, ...]
    versions: tuple[tuple[str, tuple[Markup, ...]], ...]  # (card title, its points)
    results: tuple[Markup, ...]
    in_plan: bool

    @property
    def text(self) -> str:
        """Everything the reading prints, as plain text (for the tests)."""
        parts = [self.title, *self.situation, *self.results]
        for title, points in self.versions:
            parts += [title, *points]
        return " ".join(str(Markup(p).striptags()) for p in parts)


#: Sentences of a reading's situation that point at the answer (the roles of the "after").
_GIVES_AWAY = re.compile(r"strategic customer|primary customer|stakeholder", re.I)


def _without_answers(paragraph: Markup) -> Markup:
    """A paragraph without its sentences that name a role of the answer."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", str(paragraph))
    return Markup(" ".join(s for s in sentences if not _GIVES_AWAY.search(s)))


def reading_rewrites() -> dict[str, list[tuple[str, str]]]:
    """By case page: (the book's passage, the reading's words) from :data:`READINGS_FILE`."""
    data = load_yaml_file(READINGS_FILE, error=KeyFileError) or {}
    where = READINGS_FILE.relative_to(REPO_ROOT).as_posix()
    if not isinstance(data, dict):
        raise KeyFileError(where, "must map each case page's name to a list of rewrites")
    out: dict[str, list[tuple[str, str]]] = {}
    for slug, entries in data.items():
        good = isinstance(entries, list) and all(
            isinstance(e, dict)
            and set(e) == {"book", "reading"}
            and all(isinstance(v, str) for v in e.values())
            for e in entries
        )
        if not good:
            raise KeyFileError(
                f"{where}, {slug}", "give a list of entries, each with `book:` and `reading:` text"
            )
        out[str(slug)] = [(e["book"], e["reading"]) for e in entries]
    return out


def _rewritten(slug: str, markdown: str, rewrites: list[tuple[str, str]]) -> str:
    """The case page with each of its rewrites applied; a passage it no longer has is a
    one-line error at its line of :data:`READINGS_FILE`."""
    for book, reading in rewrites:
        if book not in markdown:
            text = READINGS_FILE.read_text("utf-8")
            at = text.find(book[:40])
            line = text.count("\n", 0, at) + 1 if at >= 0 else 1
            raise KeyFileError(
                f"{READINGS_FILE.relative_to(REPO_ROOT).as_posix()}, line {line}",
                f"book/case-studies/{slug}.md no longer has the passage {book[:50]!r}: copy "
                "its new words into `book:`, or remove the entry if the page no longer names "
                "a role there",
            )
        markdown = markdown.replace(book, reading)
    return markdown


def _cases_order() -> list[str]:
    """The case pages in the order of the case studies' table."""
    index = (CASES / "index.md").read_text("utf-8")
    return re.findall(r"\]\(([a-z0-9-]+)\.md\)", index)


def case_readings(workshop: Workshop) -> tuple[CaseReading, ...]:
    """Every case study of the book as a reading, in the book's order; ``in_plan`` when the
    workshop's case block debriefs it ("Medicaid: ...")."""
    block = next((b for b in workshop.blocks if b.chapter == CASES_CHAPTER), None)
    heads = [plain(d).split(":")[0].lower() for d in (block.debrief if block else [])]
    rewrites, slugs = reading_rewrites(), list(dict.fromkeys(_cases_order()))
    for slug in rewrites.keys() - set(slugs):
        raise KeyFileError(
            f"{READINGS_FILE.relative_to(REPO_ROOT).as_posix()}, {slug}",
            f"is not a case study of the book (they are: {', '.join(slugs)})",
        )
    out = []
    for slug in slugs:
        markdown = _rewritten(
            slug, (CASES / f"{slug}.md").read_text("utf-8"), rewrites.get(slug, [])
        )
        title = markdown.splitlines()[0].lstrip("# ").removeprefix("Case study: ").strip()
        sections = _sections(markdown)
        versions: list[tuple[str, list[Markup]]] = []
        for line in _find(sections, "Before and after"):
            if line.startswith(":::{grid-item-card}"):
                versions.append((plain(line.split("}", 1)[1]), []))
            elif versions and line.strip().startswith("- "):
                versions[-1][1].append(inline(line.strip()[2:]))
        situation = tuple(
            filter(
                None, (_without_answers(p) for p in _paragraphs(_find(sections, "The situation")))
            )
        )
        out.append(
            CaseReading(
                slug=slug,
                title=title,
                situation=situation,
                versions=tuple((t, tuple(points)) for t, points in versions),
                results=_paragraphs(_find(sections, "The results")),
                in_plan=any(title.lower().startswith(h) for h in heads if h),
            )
        )
    return tuple(out)


def task_parts(task: str) -> tuple[str, ...]:
    """A group task's parts, to write under: "For your case: the widget, who it reached
    first, ... and the trap" → ("The widget", "Who it reached first", ..., "The trap")."""
    body = task.split(":", 1)[1] if ":" in task else task
    body = body.strip().rstrip(".")
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=the\b)", body)
    return tuple(p.strip()[:1].upper() + p.strip()[1:] for p in parts if p.strip())


@dataclass(frozen=True)
class Checklist:
    intro: Markup
    items: tuple[Markup, ...]
    steps: tuple[str, ...]  # "Step 1. Describe the system in one line"


def apply_checklist() -> Checklist:
    """The apply chapter's checklist and the titles of its steps."""
    sections = _sections(APPLY_PAGE.read_text("utf-8"))
    lines = _find(sections, "Checklist")
    steps = tuple(h3 for h2, h3 in sections if h2 == "Step by step" and h3.startswith("Step "))
    return Checklist(_paragraphs(lines)[0], _items(lines), steps)


@dataclass(frozen=True)
class RoleMapFigure:
    svg: str
    alt: str
    caption: str


@lru_cache(maxsize=1)
def role_map_figure() -> RoleMapFigure:
    """The book's role map (``book/images/role-map.svg``) with the alt text and caption the
    roles chapter gives it."""
    roles = ROLES_PAGE.read_text("utf-8")
    block = roles.split(":::{figure} ../images/role-map.svg", 1)[1].split("\n:::", 1)[0]
    alt = re.search(r"^:alt: (.+)$", block, re.M)
    caption = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith(":")]
    return RoleMapFigure(
        ROLE_MAP_FIGURE.read_text("utf-8"),
        plain(alt[1]) if alt else "",
        plain(" ".join(caption)),
    )


def blank_role_map(svg: str) -> str:
    """The role map with only the names of its rings: examples and notes taken out, for a
    group or a learner to write on."""
    svg = re.sub(r"\s*<text\b(?![^>]*font-weight=\"700\")[^>]*>.*?</text>", "", svg)
    svg = re.sub(r"<title[^>]*>.*?</title>", "<title>Blank role map</title>", svg, flags=re.S)
    return re.sub(r"\s*<desc[^>]*>.*?</desc>", "", svg, flags=re.S)


BLANK_ALT = (
    "A blank role map: nested rings labeled, from the center out, primary customer, "
    "strategic customers, operational support functions and stakeholders, inside a frame "
    "labeled investors. The rings are empty, to write in."
)


# The training office's paperwork -------------------------------------------------------


def contact_hours(minutes: int) -> float:
    """Hours for a certificate: the minutes in hours, to the nearest quarter hour."""
    return round(minutes / 15) / 4


def hours_label(hours: float) -> str:
    text = f"{hours:g}"
    return f"{text} hour" if hours == 1 else f"{text} hours"


@dataclass(frozen=True)
class Certificate:
    """One kind of certificate: what was attended or completed, and its hours."""

    what: str  # "the 2½-hour workshop"
    title: str
    verb: str  # "attended", "completed"
    minutes: int
    hours: float
    signer: str  # "Trainer", "Training coordinator"


def certificates(workshop: Workshop, course_minutes: int) -> tuple[Certificate, ...]:
    """The workshop's, the short session's and (when the course time is known) the
    self-paced course's certificate, each with the hours its plan or the course gives."""
    out = [
        Certificate(
            "workshop",
            workshop.title,
            "attended",
            workshop.minutes,
            contact_hours(workshop.minutes),
            "Trainer",
        ),
        Certificate(
            "short session",
            workshop.short.title,
            "attended",
            workshop.short.minutes,
            contact_hours(workshop.short.minutes),
            "Trainer",
        ),
    ]
    if course_minutes:
        out.append(
            Certificate(
                "self-paced course",
                "Who is your customer? The self-paced course: every chapter and its "
                "knowledge checks",
                "completed",
                course_minutes,
                contact_hours(course_minutes),
                "Training coordinator",
            )
        )
    return tuple(out)


#: The evaluation form's reaction questions, answered on a five-point scale.
REACTION = (
    "The session's aims were clear from the start.",
    "The examples and scenarios felt like real government work.",
    "The group tasks helped me understand the roles and the traps.",
    "The trainer explained the ideas clearly and answered questions well.",
    "The time was well used: not rushed, not slow.",
    "The handouts will be useful after today.",
    "I would recommend this session to a colleague.",
)
SCALE = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
#: The two questions on intended use, and the open ones.
INTENDED_USE = (
    "Which system or piece of work will you look at first, and who do you now think its "
    "primary customer is?",
    "What is one thing you will do in the next 30 days because of this session (for "
    "example, three customer interviews, a gemba visit or a list of current initiatives)?",
)
OPEN_QUESTIONS = (
    "What was most useful today?",
    "What would you change about the session?",
)
#: The 30-day follow-up questionnaire.
FOLLOW_UP_CHOICES = (
    (
        "Since the session, have you written down the primary customer of a system you work in?",
        ("Yes, and shared it with my team", "Yes, for myself", "Not yet"),
    ),
    (
        "Which of these have you done since the session? (Tick all that apply.)",
        (
            "Talked with primary customers about their experience",
            "Went to the gemba and watched the work",
            "Followed one case from start to finish",
            "Built or updated a list of current initiatives",
            "Held a team huddle on who our customer is",
            "None of these yet",
        ),
    ),
    (
        "Have you seen one of the four traps at work since the session?",
        (
            *TRAPS.values(),
            "None that I noticed",
        ),
    ),
)
FOLLOW_UP_OPEN = (
    "Describe one change, however small, in how you or your team works because of the session.",
    "What got in the way of using what you learned?",
    "What help would make it easier (a coach, a template, time in team meetings)?",
)


@dataclass(frozen=True)
class Catalog:
    """The catalog description's parts, from the book and the plans."""

    audience: tuple[Markup, ...]
    objectives: tuple[Markup, ...]
    prerequisites: Markup
    workshop: Workshop
    course_time: str
    course_minutes: int
    core_time: str = ""  # the core path, as the book describes it
    core_minutes: int = 0


def catalog(
    workshop: Workshop,
    course_time: str,
    course_minutes: int,
    core_time: str = "",
    core_minutes: int = 0,
) -> Catalog:
    sections = _sections(WELCOME_PAGE.read_text("utf-8"))
    who = _find(sections, "Who this course is for")
    audience = _items(
        [re.sub(r"\s*The \[two-level rule\].*$", "", line) for line in who if "Trainer" not in line]
    )
    paragraphs = _paragraphs(who)
    prerequisites = next(p for p in paragraphs if "need" in p)
    return Catalog(
        audience=audience,
        objectives=_items(_find(sections, "What you will be able to do")),
        prerequisites=prerequisites,
        workshop=workshop,
        course_time=course_time,
        course_minutes=course_minutes,
        core_time=core_time,
        core_minutes=core_minutes,
    )


def trap_block(workshop: Workshop) -> PlanBlock | None:
    return plan_block(workshop, TRAPS_CHAPTER)


def sheet_path(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()
