"""The built pages, read as HTML: each declares its language and has a title, images and
diagrams have text alternatives, headings in the content never skip a level, the header
offers printing by its name, and the course's title is the page's banner."""

from __future__ import annotations

import re

import pytest
from site_helpers import soup_of

pytestmark = pytest.mark.book


def content_of(soup):
    """The page's own content: the article, without the theme's print-only copy of the
    title and table of contents."""
    article = soup.select_one("article.bd-article") or soup.select_one("main") or soup.body
    return article


def test_every_page_declares_its_language_and_title(built_book, pages):
    problems = []
    for rel in pages:
        soup = soup_of(built_book, rel)
        html = soup.find("html")
        if html is None or not (html.get("lang") or "").strip():
            problems.append(f"{rel}: no <html lang>")
        title = soup.find("title")
        if title is None or not title.get_text(strip=True):
            problems.append(f"{rel}: no <title>")
    assert not problems, "\n".join(problems)


def test_images_and_diagrams_have_text_alternatives(built_book, pages):
    problems = []
    images = 0
    for rel in pages:
        soup = soup_of(built_book, rel)
        for img in soup.find_all("img"):
            images += 1
            decorative = img.get("aria-hidden") == "true" or img.get("role") in {
                "presentation",
                "none",
            }
            if not decorative and not (img.get("alt") or "").strip():
                problems.append(f"{rel}: <img src={img.get('src')!r}> has no alt text")
        for svg in soup.find_all("svg"):
            if svg.get("aria-hidden") == "true":
                continue
            if svg.get("role") == "img" or svg.find_parent("figure"):
                named = (
                    (svg.get("aria-label") or "").strip()
                    or svg.get("aria-labelledby")
                    or (svg.find("title") and svg.find("title").get_text(strip=True))
                )
                if not named:
                    problems.append(f"{rel}: an <svg> image has no title or aria-label")
        for obj in soup.find_all(["object", "embed", "iframe"]):
            if not (obj.get("title") or obj.get("aria-label") or obj.get_text(strip=True)):
                problems.append(f"{rel}: <{obj.name}> has no text alternative")
    assert images > 0, "the book's diagrams are gone"
    assert not problems, "\n".join(problems)


def test_heading_levels_never_skip(built_book, pages):
    problems = []
    for rel in pages:
        soup = soup_of(built_book, rel)
        levels = [int(h.name[1]) for h in content_of(soup).find_all(re.compile(r"^h[1-6]$"))]
        if not levels:
            problems.append(f"{rel}: no headings")
            continue
        if levels[0] != 1 or levels.count(1) != 1:
            problems.append(f"{rel}: {levels.count(1)} h1 (the first heading is h{levels[0]})")
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                problems.append(f"{rel}: h{before} is followed by h{after}")
    assert not problems, "\n".join(problems)


def test_pages_offer_printing_by_its_name_and_the_course_title_is_their_banner(
    built_book, reader_pages
):
    """The theme's "Download this page" menu offered the page's Markdown (".md") and a
    ".pdf" that opened the print dialog; a page now says "Print this page", and a notebook's
    page still offers the notebook file. The course's title, in the sidebar, is the page's
    one banner landmark (the theme's own header, always empty, is not one)."""
    problems = []
    notebooks = 0
    for rel in reader_pages:
        soup = soup_of(built_book, rel)
        banners = [h for h in soup.find_all("header") if h.get("role") != "none"]
        if [b.get_text(strip=True) for b in banners] != ["Who Is Your Customer?"]:
            problems.append(f"{rel}: banners {banners}")
        header = soup.select_one(".article-header-buttons")
        links = [a.get("href", "") for a in header.find_all("a")]
        if any(href.endswith((".md", ".txt", ".rst")) for href in links):
            problems.append(f"{rel}: offers its source file")
        if "pdf" in header.get_text(" ").lower():
            problems.append(f"{rel}: offers a PDF")
        printing = [b.get("title") for b in header.select('button[onclick="window.print()"]')]
        # Pages the build makes without a source (search, index) never had the menu.
        wanted = [] if rel in ("search.html", "genindex.html") else ["Print this page"]
        if printing != wanted:
            problems.append(f"{rel}: print buttons {printing}")
        notebooks += any(href.endswith(".ipynb") for href in links)
    assert not problems, "\n".join(problems)
    assert notebooks >= 1, "the notebooks' pages no longer offer their notebook"
