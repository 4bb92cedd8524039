"""The built course book teaches what the sources teach, in a course's shape.

Reads the HTML that ``jupyter-book build`` wrote (the ``built_book`` fixture) and looks
for each named idea of the three source documents, each chapter's learning objectives,
key takeaways and knowledge check, and the credits.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ams_exercises.grader.keys import key_ids, module_numbers, modules


class _Text(HTMLParser):
    """The visible text of a page's main content, whitespace folded."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._main = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "main":
            self._main += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "main":
            self._main -= 1

    def handle_data(self, data):
        if not self._skip and self._main:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts)).replace("\u2019", "'")


@pytest.fixture(scope="module")
def pages(built_book: Path) -> dict[str, str]:
    return {
        p.relative_to(built_book).as_posix(): page_text(p)
        for p in sorted((built_book / "book").rglob("*.html"))
    }


@pytest.fixture(scope="module")
def whole_book(pages) -> str:
    return " ".join(pages.values()).lower()


NAMED_IDEAS = {
    "the four traps": [
        "The Pressure and Proximate Trap",
        "Wrong Person, Wrong Problem",
        "Internal Over External Problem",
        "The Presumption Problem",
    ],
    "the four roles and investors": [
        "primary customer",
        "strategic customers",
        "operational support functions",
        "stakeholders",
        "investors",
    ],
    "the five case studies": [
        "intergenerational poverty",
        "traffic congestion",
        "Medicaid",
        "federal IT modernization",
        "state audit team",
        "teenagers",
        "daily commuters",
        "doctors",
        "grantees",
        "agency leaders",
    ],
    "the three myths": ["three myths", "make widgets", "have customers", "make a profit"],
    "the permit example": ["environmental permit", "industrial facility", "clean air"],
    "widgets versus activities": ["widget", "activities", "countable"],
    "the AMS page's other lessons": [
        "end user",
        "mission outcomes",
        "internal",
        "external",
        "Toyota",
        "Red Cross",
    ],
    "credits": [
        "Arizona Management System",
        "Ken Miller",
        "We Don't Make Widgets",
        "Governing Books",
        "Module 2",
    ],
}


@pytest.mark.parametrize("idea", list(NAMED_IDEAS))
def test_the_book_teaches_each_named_idea_of_the_sources(whole_book, idea):
    missing = [term for term in NAMED_IDEAS[idea] if term.lower() not in whole_book]
    assert not missing, f"{idea}: the built book never mentions {missing}"


def test_each_trap_has_its_example_and_a_way_to_spot_it(pages):
    traps = pages["book/primary-customer/traps.html"].lower()
    for example in ("pet project", "case management", "procurement", "initiatives"):
        assert example in traps, example
    assert traps.count("how to spot it in your own work") >= 4
    assert traps.count("what to do instead") >= 4


CHAPTERS = [
    "book/knowing-your-customer.html",
    "book/we-dont-make-widgets.html",
    "book/primary-customer/index.html",
    "book/primary-customer/traps.html",
    "book/primary-customer/roles.html",
    "book/primary-customer/tools.html",
    "book/primary-customer/apply.html",
    "book/case-studies/index.html",
    "book/case-studies/intergenerational-poverty.html",
    "book/case-studies/traffic-congestion.html",
    "book/case-studies/medicaid-services.html",
    "book/case-studies/federal-it-modernization.html",
    "book/case-studies/state-audit-team.html",
]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_objectives_takeaways_and_a_knowledge_check(pages, chapter, built_book):
    text = pages[chapter]
    assert "Learning objectives" in text and "minutes" in text
    assert "Key takeaways" in text
    assert "Knowledge check" in text
    html = (built_book / chapter).read_text("utf-8")
    named = set(re.findall(r'data-exercise="([a-z0-9-]+)"', html)) & set(key_ids())
    assert named, f"{chapter}: no knowledge check holds a graded exercise"


def test_diagrams_are_local_svg_with_alt_text(built_book):
    html = "".join(p.read_text() for p in (built_book / "book").rglob("*.html"))
    images = re.findall(r"<img [^>]*>", html)
    assert any(".svg" in img for img in images)
    for img in images:
        assert re.search(r'alt="[^"]{15,}"', img), img
        assert "://" not in img, img


def test_the_glossary_defines_the_course_terms_and_is_linked_from_chapters(pages, built_book):
    glossary = pages["book/glossary.html"].lower()
    for term in ("primary customer", "strategic customer", "investor", "widget", "stakeholder"):
        assert term in glossary, term
    chapter = (built_book / "book/knowing-your-customer.html").read_text()
    assert 'href="glossary.html#term-' in chapter


def test_site_search_has_an_index_of_the_course(built_book):
    index = (built_book / "searchindex.js").read_text()
    assert "knowing-your-customer" in index and "medicaid" in index.lower()


def test_notebooks_sit_after_the_reference_pages_with_one_introduction(built_book):
    """A reader who reaches the end of the course is sent to their progress and the reference
    pages, not into the notebooks (one per chapter with exercises); they share one
    introduction, for learners who use Python."""
    practice = (built_book / "book" / "practice.html").read_text("utf-8")
    assert 'title="Final assessment" href="final-assessment.html"' in practice
    final = (built_book / "book" / "final-assessment.html").read_text("utf-8")
    assert '<link rel="next" title="Your progress" href="progress.html" />' in final
    progress = (built_book / "book" / "progress.html").read_text("utf-8")
    assert '<link rel="next" title="Glossary" href="glossary.html" />' in progress
    intro = (built_book / "book" / "notebooks.html").read_text("utf-8")
    assert "For learners who use Python" in intro
    notebooks = sorted((built_book / "exercises" / "notebooks").glob("*.html"))
    numbers = module_numbers(list(modules()))
    assert [p.stem for p in notebooks] == [f"{n:02d}-{m}" for m, n in numbers.items()]
    for page in notebooks:
        assert f'href="../exercises/notebooks/{page.name}"' in intro
        text = page.read_text("utf-8")
        assert "If your trainer collects" not in text  # said once, on the introduction
        assert "book/notebooks.html" in text
    welcome = (built_book / "book" / "welcome.html").read_text("utf-8")
    assert "Reading the course needs nothing but a web browser" in welcome


def test_no_page_title_repeats_the_course_name(built_book):
    """The welcome page's title used to read "Who Is Your Customer? — Who Is Your Customer?"."""
    for page in (built_book / "book").rglob("*.html"):
        title = re.search(r"<title>(.*?)</title>", page.read_text("utf-8"), re.S)[1]
        parts = [p.strip() for p in title.replace("&#8212;", "—").split("—")]
        assert len(set(parts)) == len(parts), f"{page.name}: {title}"
