"""A crawl of the built site: every internal link and anchor resolves. Each ``href`` or
``src`` that stays on the site names a file of the build, and each ``#fragment`` an
``id`` (or ``name``) on the page it points to."""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_helpers import soup_of

pytestmark = pytest.mark.book

ADDRESSES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "form": "action",
}
_REFRESH = re.compile(r"url=(.+)$", re.IGNORECASE)


def addresses(soup) -> list[tuple[str, str]]:
    """(element name, address) for every address in the page, the refresh target too."""
    found = [
        (tag, element[attr])
        for tag, attr in ADDRESSES.items()
        for element in soup.find_all(tag)
        if element.get(attr)
    ]
    for meta in soup.find_all("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH.search(meta.get("content") or "")
            if match:
                found.append(("meta refresh", match.group(1).strip().strip("'\"")))
    return found


@cache
def ids_of(path: Path) -> frozenset[str]:
    soup = soup_of(path.parent, path.name)
    named = soup.find_all("a", attrs={"name": True})
    return frozenset([e["id"] for e in soup.find_all(id=True)] + [e["name"] for e in named])


def broken(html_dir: Path, page: str, address: str) -> str | None:
    """Why ``address`` on ``page`` does not resolve, or None when it does (or is off site)."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None  # another site, mailto: and the like: not ours to crawl
    path = unquote(parts.path)
    if path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target.startswith("../") or target == "..":
            return "points outside the site"
        file = html_dir / target
        if file.is_dir():
            file = file / "index.html"
    else:
        file = html_dir / page
    if not file.is_file():
        return f"no file {file.relative_to(html_dir)}"
    fragment = unquote(parts.fragment)
    if fragment and file.suffix == ".html" and fragment not in ids_of(file):
        return f"no id {fragment!r} in {file.relative_to(html_dir)}"
    return None


def test_every_internal_link_and_anchor_resolves(built_book, pages):
    problems = []
    checked = 0
    for rel in pages:
        for tag, address in addresses(soup_of(built_book, rel)):
            if address in {"#", "javascript:void(0)"}:
                continue  # a script's button, not a link
            checked += 1
            if why := broken(built_book, rel, address):
                problems.append(f"{rel}: <{tag}> {address}: {why}")
    assert checked > 100
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_crawl_catches_a_broken_link_and_anchor(built_book):
    """The checker itself: a missing page and a missing anchor are both reported."""
    assert broken(built_book, "book/welcome.html", "no-such-page.html")
    assert broken(built_book, "book/welcome.html", "welcome.html#no-such-anchor")
    assert broken(built_book, "book/welcome.html", "#main-content") is None
    assert broken(built_book, "book/welcome.html", "../search.html") is None
