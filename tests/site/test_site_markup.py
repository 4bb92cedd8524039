"""The built pages, read as HTML: each declares its language and has a title, images and
diagrams have text alternatives, and headings in the content never skip a level."""

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
