"""The Handouts page of the built site: every handout, each edition on each paper (the
learner sheets also in large print and to fill in on screen), for the whole course and for
each module, downloads from a link that says what it is and how big; the page passes axe.
Read from a fresh build, served over loopback to Chromium.
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from site_helpers import MODES, PHONE, axe_violations, soup_of

from ams_exercises.grader.keys import all_keys, modules
from ams_exercises.handouts.editions import DOCUMENTS, EDITIONS, GROUPS
from ams_exercises.handouts.site import EDITION_NAMES

DOC_NAMES = [d.name for d in DOCUMENTS.values()]

pytestmark = [pytest.mark.book]

PAGE = "book/handouts.html"
NAMES = "|".join(re.escape(n) for n in [*EDITION_NAMES.values(), *DOC_NAMES])
LINK_TEXT = re.compile(
    rf"^({NAMES}), (US Letter paper|A4 paper|tabloid paper \(11 × 17 in\)|A3 paper) "
    r"\(PDF, (\d+(?:\.\d)?) (KB|MB)\)$"
)


def expected_files() -> set[str]:
    """What the site must offer: each scope with exercises, every edition (learner, large
    print, fillable, trainer), both papers; and every other document (the kit, the learner
    materials, the poster, the paperwork) on both papers."""
    scopes = ["course", *{k.module for k in all_keys()}]
    assessed = {m.id for m in modules().values() if m.assessment}
    return {
        f"{scope}-{edition}-{paper}.pdf"
        for scope in scopes
        for edition in EDITIONS
        for paper in ("letter", "a4")
        # the assessments' answer keys stay off the site: each learner answers them once
        if not (edition == "trainer" and scope in assessed)
    } | {
        f"{scope}-{document.size(paper)[1]}.pdf"
        for scope, document in DOCUMENTS.items()
        for paper in ("letter", "a4")
    }


def page_links(built_book: Path) -> dict[str, str]:
    """File name → link text, for every PDF link of the Handouts page."""
    soup = soup_of(built_book, PAGE)
    links = soup.select("article a[href$='.pdf']") or soup.select("a[href$='.pdf']")
    return {
        a["href"].rsplit("/", 1)[-1]: " ".join(a.get_text().split())
        for a in links
        if "workshop-slides-" not in a["href"]  # the decks: their own test below
    }


def test_the_workshop_slides_are_offered_as_powerpoint_and_pdf_with_sizes(built_book):
    soup = soup_of(built_book, PAGE)
    decks = {
        a["href"].rsplit("/", 1)[-1]: " ".join(a.get_text().split())
        for a in soup.select("#handouts-for-trainers ~ section a, section a")
        if "workshop-slides-" in a["href"]
    }
    names = {"workshop": "The 2½-hour workshop", "short": "The 90-minute workshop"}
    kinds = {"pptx": "PowerPoint, editable", "pdf": "PDF"}
    assert set(decks) == {f"workshop-slides-{p}.{k}" for p in names for k in kinds}
    for name, text in decks.items():
        plan, kind = name.removeprefix("workshop-slides-").split(".")
        size = (built_book / "handouts" / name).stat().st_size
        assert text.startswith(f"{names[plan]}, {kinds[kind]} ("), text
        assert text.endswith(("KB)", "MB)")) and size > 10_000, (text, size)
    heading = soup.select_one("#handouts-slides")
    assert heading is not None and heading.find_parent("section", class_="ams-handouts-group")
    group = heading.find_parent("section", class_="ams-handouts-group")
    assert group.select_one("h2").get_text(strip=True) == "For trainers"


def test_the_page_is_in_the_books_navigation(built_book):
    welcome = soup_of(built_book, "book/welcome.html")
    assert any(a.get("href", "").endswith("handouts.html") for a in welcome.select("nav a"))


def test_every_handout_is_linked_with_its_edition_paper_and_size(built_book):
    links = page_links(built_book)
    assert set(links) == expected_files()
    for name, text in links.items():
        match = LINK_TEXT.match(text)
        assert match, f"{name}: {text!r}"
        edition, paper = match[1], match[2]
        assert ("trainer" in name) == (edition == "Trainer's answer key"), (name, text)
        for kind in ("large-print", "fillable"):
            assert (f"-{kind}-" in name) == (edition == EDITION_NAMES[kind]), (name, text)
        assert ("workshop-kit" in name) == (edition == "Workshop kit"), (name, text)
        assert name.endswith(("-a4.pdf", "-a3.pdf")) == (paper in ("A4 paper", "A3 paper"))
        size = (built_book / "handouts" / name).stat().st_size
        shown = float(match[3]) * (1_000_000 if match[4] == "MB" else 1000)
        assert abs(shown - size) <= max(600, 0.06 * size), (name, text, size)


def test_the_page_is_grouped_and_each_scope_has_a_heading_naming_it(built_book):
    soup = soup_of(built_book, PAGE)
    groups = [
        " ".join(h.get_text().split()) for h in soup.select("section.ams-handouts-group > h2")
    ]
    assert groups == list(GROUPS.values())  # for learners, for trainers, for the office
    used = [m for m in modules().values() if any(k.module == m.id for k in all_keys())]
    scopes = ["The whole course"] + [m.name for m in used]  # "Part 2, What to stop: ..."

    def headings(group: str) -> list[str]:
        return [
            " ".join(h.get_text().split())
            for h in soup.select(f"#handouts-for-{group} ~ section.ams-handouts-scope h3")
        ]

    def documents(group: str) -> list[str]:
        return [d.name for d in DOCUMENTS.values() if d.group == group]

    assert headings("learners") == scopes + documents("learners")
    keyed = ["The whole course"] + [m.name for m in used if not m.assessment]  # no test keys
    assert headings("trainers") == keyed + documents("trainers") + ["Workshop slides"]
    assert headings("office") == documents("office")


def test_each_link_downloads_the_pdf_over_loopback(built_book, served_book):
    links = soup_of(built_book, PAGE).select("a[href$='.pdf']")
    assert links
    base = f"{served_book}/{PAGE}"
    for a in links:
        url = urllib.parse.urljoin(base, a["href"])
        with urllib.request.urlopen(url, timeout=30) as response:
            body = response.read()
            assert response.status == 200, url
            assert response.headers["Content-Type"] == "application/pdf", url
        assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF"), url
        on_disk = (built_book / "handouts" / a["href"].rsplit("/", 1)[-1]).read_bytes()
        assert body == on_disk, url


@pytest.mark.browser
def test_a_reader_clicks_a_link_and_gets_the_pdf(open_page):
    page = open_page(PAGE)
    link = page.get_by_role(
        "link", name=re.compile(r"^Learner worksheets, A4 paper \(PDF, .*\)$")
    ).first
    with page.expect_response(lambda r: r.url.endswith(".pdf")) as info:
        link.evaluate("a => fetch(a.href)")  # what a click fetches, without a PDF viewer
    response = info.value
    assert response.status == 200
    assert response.body().startswith(b"%PDF-")


@pytest.mark.browser
@pytest.mark.parametrize(
    "view", [{"mode": m} for m in MODES] + [{"viewport": PHONE}], ids=[*MODES, "phone"]
)
def test_the_page_has_no_axe_violations(open_page, axe, view):
    page = open_page(PAGE, **view)
    assert axe_violations(axe, page) == []
