"""What a trainer and a learner see on paper, read back from the site's PDFs.

* Trainer edition: body text at least 10 pt, read from the PDF's own text (each glyph's
  font size as drawn); long lists of accepted phrasings cut to their ideas; each exercise
  on one or two pages, and no page left half empty in the middle of a module.
* Learner edition: a name and date line and the exercise's id on every sheet; a box
  defining the roles on each module's first page; every sheet filled with ruled space.
* Large-print edition: every glyph at least 18 pt, headings larger, lines 12 mm apart to
  write on; each sheet's name, date and id on the page of its title; two or three pages
  a sheet.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pdfplumber
import pytest

from ams_exercises.grader.keys import modules
from ams_exercises.grader.vocabulary import FIELD_NAMES, ROLE_FIELDS

pytestmark = [pytest.mark.book]

MM = 72 / 25.4
MARGIN_MM = 18  # print.css: the page's top and bottom margins (running header and footer)
LINE_MM = 8.5


@functools.cache
def _pdf(path: Path):  # noqa: ANN202 - pdfplumber's PDF
    """A PDF opened once for this module: reading a trainer edition's glyphs takes seconds,
    and the tests below read the same files (pdfplumber keeps each page's glyphs)."""
    return pdfplumber.open(path)


def _body(page) -> list[dict]:
    """Glyphs inside the text area: the running header and footer are outside it."""
    top, bottom = MARGIN_MM * MM, page.height - MARGIN_MM * MM
    return [c for c in page.chars if c["top"] >= top - 0.5 and c["bottom"] <= bottom + 0.5]


#: Each trainer edition read, and every how-many-th page: the A4 edition is the Letter
#: edition's HTML and style sheet on another page size, so a quarter of its pages is read.
TRAINER_EDITIONS = [
    ("course-trainer-letter.pdf", 1),
    ("course-trainer-a4.pdf", 4),
    ("practice-trainer-letter.pdf", 1),
]


@pytest.mark.parametrize(("name", "every"), TRAINER_EDITIONS)
def test_trainer_body_text_is_at_least_10_pt(site_pdfs, name, every):
    small = {}
    pdf = _pdf(site_pdfs / name)
    glyphs = 0
    for number, page in enumerate(pdf.pages, 1):
        if (number - 1) % every:
            continue
        for char in _body(page):
            if not char["text"].strip():
                continue
            glyphs += 1
            if char["size"] < 9.95:
                small.setdefault(number, set()).add((round(char["size"], 1), char["text"]))
    assert glyphs > 10_000 // every  # the check read the key's text, not an empty file
    assert not small, {p: sorted(s)[:5] for p, s in list(small.items())[:5]}


def _first_line(page) -> str:
    """The first line of the text area's glyphs, as text."""
    body = sorted(_body(page), key=lambda c: (round(c["top"]), c["x0"]))
    if not body:
        return ""
    top = body[0]["top"]
    return "".join(c["text"] for c in body if c["top"] < top + 2)


def _pages_text(path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in _pdf(path).pages]


#: How long the longest exercise of the trainer edition may run, in pages of text. Most
#: take two to three pages (1.9 to 3.2 on Letter today, since each exercise gained its
#: role map and a "who is who" list placing every group once): this bound keeps them from
#: growing.
LONGEST_PAGES = 3.5


def _title_top(page, title: str) -> float | None:
    """Where an exercise's title line starts on a page (PDF points from the top)."""
    words = page.extract_words()
    head = title.split()[:2]
    for word in words:
        if word["text"] == head[0] and word["top"] > MARGIN_MM * MM:
            line = [w["text"] for w in words if abs(w["top"] - word["top"]) < 1]
            if head[1] in line:
                return word["top"]
    return None


def test_trainer_exercises_run_about_two_pages_without_dead_space(site_pdfs, keys):
    # the site's trainer key holds the practice checks: the assessments' keys stay off it
    keys = [k for k in keys if not modules()[k.module].assessment]
    path = site_pdfs / "course-trainer-letter.pdf"
    pages = _pages_text(path)
    # a chapter (its heading: "PART 2: WHO IS ...", then its title), or a session plan
    # (each starts a page), starts a section
    modules_start = [
        n
        for n, text in enumerate(pages)
        if re.search(r"\bPART \d+: ", text) or "Session plan:" in text[:200]
    ]
    pdf = _pdf(path)
    height = pdf.pages[0].height - 2 * MARGIN_MM * MM  # the text area

    def at(n: int, top: float) -> float:
        return n * height + top - MARGIN_MM * MM

    def foot(n: int) -> float:
        return at(n, max(c["bottom"] for c in _body(pdf.pages[n])))

    starts = [max(n for n, text in enumerate(pages) if k.title in text) for k in keys]
    lengths = {}
    for i, key in enumerate(keys):
        begin = at(starts[i], _title_top(pdf.pages[starts[i]], key.title))
        module_end = min([m for m in modules_start if m > starts[i]], default=len(pages)) - 1
        if i + 1 < len(keys) and starts[i + 1] <= module_end:
            end = at(starts[i + 1], _title_top(pdf.pages[starts[i + 1]], keys[i + 1].title))
        else:
            end = foot(module_end)
        lengths[key.id] = round((end - begin) / height, 2)
    gaps = []
    for n, page in enumerate(pdf.pages):
        body = _body(page)
        left = (page.height - MARGIN_MM * MM - max(c["bottom"] for c in body)) / MM
        # a role map is one drawing, never split: a page may end early before one
        before_map = n + 1 < len(pages) and _first_line(pdf.pages[n + 1]).startswith("Widget:")
        if n + 1 not in modules_start and n + 1 < len(pages) and left > 45 and not before_map:
            gaps.append((n + 1, round(left)))
    assert max(lengths.values()) <= LONGEST_PAGES, sorted(lengths.items(), key=lambda x: -x[1])
    # no page in the middle of a module is left with more than 45 mm empty at its foot
    assert not gaps, gaps


def test_every_learner_sheet_has_name_date_and_exercise_id(site_pdfs, keys):
    for paper in ("letter", "a4"):
        for module in {k.module for k in keys}:
            mine = [k for k in keys if k.module == module]
            pages = _pages_text(site_pdfs / f"{module}-learner-{paper}.pdf")
            assert len(pages) == len(mine), (module, paper)
            for page, key in zip(pages, mine, strict=True):
                assert "Name" in page and "Date" in page, (module, key.id)
                assert f"Exercise {key.id}" in page, (module, key.id)


def test_each_module_opens_with_a_box_defining_its_roles(site_pdfs, keys, course_modules):
    course = _pages_text(site_pdfs / "course-learner-letter.pdf")
    for module in course_modules.values():
        mine = [k for k in keys if k.module == module.id]
        if not mine:
            continue
        first = _pages_text(site_pdfs / f"{module.id}-learner-letter.pdf")[0]
        asked = {n for k in mine for n in k.asks}
        assert "The roles you will name" in first, module.id
        for name in ROLE_FIELDS:  # the roles; the trap is a question, its label says what
            label = FIELD_NAMES[name]
            assert (f"{label}:" in first) == (name in asked), (module.id, label)
        opening = next(p for p in course if mine[0].title in p and "roles you will name" in p)
        assert mine[0].title in opening
    # later sheets do not repeat it
    sheets = _pages_text(site_pdfs / "practice-learner-letter.pdf")
    assert all("The roles you will name" not in p for p in sheets[1:])


@pytest.mark.parametrize("name", ["course-learner-letter.pdf", "course-learner-a4.pdf"])
def test_learner_sheets_are_filled_with_ruled_space_and_none_runs_over(site_pdfs, keys, name):
    path = site_pdfs / name
    pages = _pages_text(path)
    with pdfplumber.open(path) as pdf:
        for key in keys:
            number = next(n for n, t in enumerate(pages) if f"Exercise {key.id}" in t)
            page = pdf.pages[number]
            bottom = page.height - MARGIN_MM * MM
            rules = [
                e for e in page.horizontal_edges if e["width"] > 100 and e["bottom"] <= bottom + 1
            ]
            assert rules, key.id
            left = (bottom - max(e["bottom"] for e in rules)) / MM
            assert 0 <= left < 2 * LINE_MM, (key.id, round(left, 1))
            # the next page is the next sheet (or the end): nothing of this one ran over
            if number + 1 < len(pages):
                assert "Exercise " in pages[number + 1], key.id


LARGE_PRINT = ["four-roles-large-print-letter.pdf", "practice-large-print-a4.pdf"]


@pytest.mark.parametrize("name", LARGE_PRINT)
def test_large_print_is_18_pt_with_larger_headings_and_room_to_write(site_pdfs, keys, name):
    path = site_pdfs / name
    pdf = _pdf(path)
    sizes = [c["size"] for page in pdf.pages for c in page.chars if c["text"].strip()]
    assert len(sizes) > 3000  # the check read the sheets' text
    assert min(sizes) >= 17.95  # the running header and footer too
    assert max(sizes) >= 24  # the headings are larger
    module = name.split("-large-print-")[0]
    mine = [k for k in keys if k.module == module]
    pages = _pages_text(path)
    for key in mine:
        (page,) = [p for p in pages if f"Exercise {key.id}" in p]
        assert key.title in page and "Name" in page and "Date" in page, key.id
    # the module's page, then two pages a sheet (three when five fields ask for lists)
    assert len(pages) <= 3 * len(mine) + 1
    gaps = []
    for page in pdf.pages:
        edges = sorted(e["top"] for e in page.horizontal_edges if e["width"] > 100)
        # a rule's top and bottom edges are one rule
        rules = [t for i, t in enumerate(edges) if i == 0 or t - edges[i - 1] > 1 * MM]
        gaps += [round((b - a) / MM, 1) for a, b in zip(rules, rules[1:], strict=False)]
    assert max(set(gaps), key=gaps.count) == pytest.approx(12, abs=0.3)  # LINE_MMS
