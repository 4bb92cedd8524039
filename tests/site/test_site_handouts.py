"""The Handouts page of the built site (issue 14): every handout, each edition on each paper,
for the whole course and for each module, downloads from a link that says what it is and
how big; the page passes axe. Read from a fresh build, served over loopback to Chromium.
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from site_helpers import MODES, PHONE, axe_violations, soup_of

from ams_exercises.grader.keys import all_keys, modules

pytestmark = [pytest.mark.book]

PAGE = "book/handouts.html"
LINK_TEXT = re.compile(
    r"^(Learner worksheets|Trainer's answer key|Workshop kit), (US Letter|A4) paper "
    r"\(PDF, (\d+(?:\.\d)?) (KB|MB)\)$"
)


def expected_files() -> set[str]:
    """What the site must offer: each scope with exercises, both editions, both papers;
    and the workshop kit on both papers."""
    scopes = ["course", *{k.module for k in all_keys()}]
    return {
        f"{scope}-{edition}-{paper}.pdf"
        for scope in scopes
        for edition in ("learner", "trainer")
        for paper in ("letter", "a4")
    } | {f"workshop-kit-{paper}.pdf" for paper in ("letter", "a4")}


def page_links(built_book: Path) -> dict[str, str]:
    """File name → link text, for every PDF link of the Handouts page."""
    soup = soup_of(built_book, PAGE)
    links = soup.select("article a[href$='.pdf']") or soup.select("a[href$='.pdf']")
    return {a["href"].rsplit("/", 1)[-1]: " ".join(a.get_text().split()) for a in links}


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
        assert ("workshop-kit" in name) == (edition == "Workshop kit"), (name, text)
        assert ("-a4" in name) == (paper == "A4"), (name, text)
        size = (built_book / "handouts" / name).stat().st_size
        shown = float(match[3]) * (1_000_000 if match[4] == "MB" else 1000)
        assert abs(shown - size) <= max(600, 0.06 * size), (name, text, size)


def test_each_scope_has_a_heading_naming_it(built_book):
    soup = soup_of(built_book, PAGE)
    headings = [
        " ".join(h.get_text().split()) for h in soup.select("section.ams-handouts-scope h2")
    ]
    used = [m for m in modules().values() if any(k.module == m.id for k in all_keys())]
    assert headings == ["The whole course"] + [
        f"Module {n}: {m.title}" for n, m in enumerate(used, 1)
    ] + ["The workshop kit"]


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
