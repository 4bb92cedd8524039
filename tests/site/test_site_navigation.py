"""The sidebar names the course's parts as the welcome page's learning path does ("Part 2:
Who is your primary customer?"), and no part repeats its own name as its first entry."""

from __future__ import annotations

import re

import pytest
from site_helpers import soup_of

pytestmark = pytest.mark.book


def sidebar_parts(built_book, page: str) -> list[tuple[str, str]]:
    """(caption, first entry under it) for each part of the sidebar on ``page``."""
    soup = soup_of(built_book, page)
    parts = []
    for caption in soup.select(".bd-sidebar-primary p.caption"):
        entries = caption.find_next_sibling("ul")
        first = entries.find("a") if entries else None
        parts.append((caption.get_text(" ", strip=True), first.get_text(" ", strip=True)))
    return parts


def learning_path_parts(built_book) -> list[str]:
    """The parts the welcome page's learning path names, as "Part N: name"."""
    soup = soup_of(built_book, "book/welcome.html")
    table = next(t for t in soup.select("article table") if "Part" in t.find("th").get_text())
    names = []
    for row in table.select("tbody tr"):
        cell = row.find(["td", "th"]).get_text(" ", strip=True)
        if found := re.fullmatch(r"(\d+)\. (.+)", cell):
            names.append(f"Part {found[1]}: {found[2]}")
    return names


@pytest.mark.parametrize("page", ["book/welcome.html", "book/primary-customer/roles.html"])
def test_sidebar_parts_read_as_the_course_names_them(built_book, page):
    parts = sidebar_parts(built_book, page)
    path = learning_path_parts(built_book)
    assert len(path) == 4
    captions = [caption for caption, _ in parts]
    assert [c for c in captions if c.startswith("Part ")] == path
    # the pre-check before the lessons, the final assessment after them, before Reference
    assert parts[0] == ("Start here", "Pre-check"), parts[0]
    final = captions.index("After the lessons")
    assert parts[final][1] == "Final assessment"
    assert captions[final + 1] == path[-1] and captions[final - 1] == path[-2]
    assert parts[-1][0].startswith("Optional"), parts[-1]  # the notebooks, off the main path


def test_no_part_repeats_its_name_as_its_first_entry(built_book):
    for caption, first in sidebar_parts(built_book, "book/welcome.html"):
        name = caption.split(": ", 1)[-1].lower()
        assert name not in first.lower() and first.lower() not in name, (caption, first)
