"""A printed chapter, as Chromium prints it (print media, ``page.pdf``), read
back with poppler's pdftotext and pdftoppm: no buttons, the answers the reader typed, the
solution the reader opened (and for the others, where to find them), every exercise's
title on the page where its scenario starts, no page left half empty, and dark text on
white paper when the reader reads in dark mode. The roles chapter ends on more than one
line, keeps each sentence that leads into a list or table with it, and prints no focus
ring around the link that had keyboard focus."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.book]

CHAPTER = "book/knowing-your-customer.html"
TYPED_LIST = [
    "the public",
    "the legislature",
    "the taxpayers",
    "the neighbors of the plant",
    "the city council",
]
BUTTONS = ("Check my answers", "Show a hint", "Hide the solution", "Toggle")
CLOSED_NOTE = "The solution is on the course site"


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: run `make system-deps` (Debian's poppler-utils)")
    return path


def print_to_pdf(page, pdf: Path) -> str:
    """``page`` printed as Chromium prints it (print media, Letter) to ``pdf``; its text."""
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="Letter", print_background=True)
    return subprocess.run(
        [poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def ink_depth(pgm: bytes) -> float:
    """How far down a page (0 to 1) its lowest non-white pixel row lies (a binary PGM)."""
    magic, width, height, _, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5"
    width, height = int(width), int(height)
    lowest = 0
    for row in range(height):
        if min(pixels[row * width : (row + 1) * width]) < 200:
            lowest = row
    return (lowest + 1) / height


@pytest.fixture(scope="module")
def printed(browser, served_book, tmp_path_factory) -> dict:
    """The chapter with answers typed in its first exercise and its second exercise's
    solution opened, printed to PDF; the PDF's text page by page and what the page held."""
    folder: Path = tmp_path_factory.mktemp("print")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{served_book}/{CHAPTER}", wait_until="load")
        exercises = page.locator(".ams-exercise")
        first = exercises.nth(0)
        first.locator("input[type=text]").first.fill("the written permit")
        first.locator("textarea").first.fill("\n".join(TYPED_LIST))
        second = exercises.nth(1)
        second.locator("details.ams-exercise-solution > summary").click()
        opened = second.locator(".ams-exercise-answer").first.inner_text()
        starts = exercises.evaluate_all(
            """sections => sections.map(s => ({
                title: s.querySelector('.ams-exercise-title').lastChild.textContent.trim(),
                scenario: s.querySelector('.ams-exercise-scenario').textContent.trim(),
            }))"""
        )
        closed = page.locator("details.ams-exercise-solution:not([open])").count()
        page.emulate_media(media="print")
        visible_buttons = page.evaluate(
            "[...document.querySelectorAll('button')].filter(b => b.offsetParent).length"
        )
        pdf = folder / "chapter.pdf"
        text = print_to_pdf(page, pdf)
    finally:
        context.close()
    subprocess.run(
        [poppler("pdftoppm"), "-r", "20", "-gray", str(pdf), str(folder / "page")], check=True
    )
    images = sorted(folder.glob("page-*.pgm"))
    return {
        "pages": [flat(p) for p in text.split("\f") if p.strip()],
        "depths": [ink_depth(p.read_bytes()) for p in images],
        "opened": flat(opened),
        "starts": starts,
        "closed": closed,
        "visible_buttons": visible_buttons,
    }


def test_no_buttons_are_printed(printed):
    assert printed["visible_buttons"] == 0
    whole = " ".join(printed["pages"])
    for label in BUTTONS:
        assert label not in whole, label


def test_typed_answers_are_printed_in_full(printed):
    whole = " ".join(printed["pages"])
    assert "the written permit" in whole
    for line in TYPED_LIST:  # a list longer than its box grows to show every line
        assert line in whole, line


def test_an_opened_solution_prints_and_the_others_say_where_they_are(printed):
    whole = " ".join(printed["pages"])
    assert printed["opened"] in whole
    assert whole.count(CLOSED_NOTE) == printed["closed"] >= 1


def test_each_exercise_starts_on_the_page_that_holds_its_title(printed):
    assert len(printed["starts"]) >= 2
    for start in printed["starts"]:
        scenario = " ".join(start["scenario"].split()[:6])
        on = [i for i, page in enumerate(printed["pages"]) if start["title"] in page]
        assert on, start["title"]
        assert scenario in printed["pages"][on[0]], (start["title"], on[0])


def test_no_page_is_left_half_empty(printed):
    depths = printed["depths"]
    assert len(depths) == len(printed["pages"]) >= 3
    short = [(i + 1, round(d, 2)) for i, d in enumerate(depths[:-1]) if d < 0.6]
    assert not short, f"pages (number, share filled) left mostly empty: {short}"


def test_a_page_printed_in_dark_mode_prints_dark_on_white(browser, served_book, tmp_path):
    context = browser.new_context()
    context.add_init_script(
        "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');"
    )
    page = context.new_page()
    try:
        page.goto(f"{served_book}/{CHAPTER}", wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        pdf = tmp_path / "dark.pdf"
        page.pdf(path=str(pdf), format="Letter", print_background=True, page_ranges="1")
        # The reader's mode is back once printing is over.
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    finally:
        context.close()
    subprocess.run(
        [poppler("pdftoppm"), "-r", "20", "-gray", str(pdf), str(tmp_path / "page")], check=True
    )
    magic, width, height, _, pixels = (tmp_path / "page-1.pgm").read_bytes().split(maxsplit=4)
    assert sum(pixels) / len(pixels) > 200, "the printed page is dark"
    text = subprocess.run(
        [poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Knowing your customer" in text


ROLES = "book/primary-customer/roles.html"


def pixels(ppm: bytes) -> list[tuple[int, int, int]]:
    """The RGB pixels of a binary PPM."""
    magic, width, height, _, data = ppm.split(maxsplit=4)
    assert magic == b"P6"
    return [tuple(data[i : i + 3]) for i in range(0, int(width) * int(height) * 3, 3)]


@pytest.fixture(scope="module")
def printed_roles(browser, served_book, tmp_path_factory) -> dict:
    """The roles chapter printed while a link in its first paragraphs has keyboard focus:
    its pages' text and the color of the focus ring the screen shows."""
    folder: Path = tmp_path_factory.mktemp("roles")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{served_book}/{ROLES}", wait_until="load")
        link = page.locator("article p a[href*='glossary']").first
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus from the keyboard: the ring is drawn
        ring = link.evaluate("a => getComputedStyle(a).outlineColor")
        assert link.evaluate("a => a === document.activeElement && a.matches(':focus-visible')")
        pdf = folder / "roles.pdf"
        text = print_to_pdf(page, pdf)
    finally:
        context.close()
    subprocess.run(
        [poppler("pdftoppm"), "-r", "72", "-f", "1", "-l", "1", str(pdf), str(folder / "first")],
        check=True,
    )
    red, green, blue = (int(c) for c in ring[ring.index("(") + 1 : ring.index(")")].split(",")[:3])
    ringed = sum(
        1
        for r, g, b in pixels((folder / "first-01.ppm").read_bytes())
        if abs(r - red) + abs(g - green) + abs(b - blue) < 60
    )
    return {"pages": [flat(p) for p in text.split("\f") if p.strip()], "ring_pixels": ringed}


def test_the_roles_chapter_ends_on_more_than_a_line(printed_roles):
    last = printed_roles["pages"][-1]
    assert not last.startswith(CLOSED_NOTE), last
    assert len(last.split()) > len(
        f"{CLOSED_NOTE}: “Show the solution” under this exercise.".split()
    )


def test_a_sentence_leading_into_a_list_or_table_is_not_left_behind(printed_roles):
    stranded = [
        (i + 1, p[-60:]) for i, p in enumerate(printed_roles["pages"][:-1]) if p.endswith(":")
    ]
    assert not stranded, stranded


def test_keyboard_focus_is_not_printed(printed_roles):
    assert printed_roles["ring_pixels"] == 0
