"""Nothing from elsewhere: every request a page makes in the browser goes to the site
itself, and no built page or style sheet refers to another host for a script, style
sheet, image, frame or font. Plain links (``<a href>``) to other sites may exist; they
must use https."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from site_helpers import WRONG_ANSWER, soup_of

pytestmark = pytest.mark.book

#: Attributes that make the browser fetch something, per element.
LOADS = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
}
#: ``<link rel>`` values the browser fetches (or connects to) by itself.
FETCHED_LINKS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "apple-touch-icon",
    "manifest",
}
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.DOTALL)
_CSS_IMPORT = re.compile(r"""@import\s+(["'])(.*?)\1""")


def off_site(url: str) -> bool:
    """True when ``url`` names another host (``http:``, ``https:``, ``//host``...)."""
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme not in {"", "data", "blob", "about"}


def test_off_site_detection():
    assert off_site("https://unpkg.com/thebe") and off_site("//cdn.example.org/x.js")
    assert off_site("http://127.0.0.1:8000/x.js")  # pages use relative addresses only
    assert not off_site("../_static/course.css?v=1") and not off_site("data:image/png;base64,")


def test_no_page_refers_to_another_host_for_what_it_loads(built_book, pages):
    problems = []
    for rel in pages:
        soup = soup_of(built_book, rel)
        for tag, attrs in LOADS.items():
            for element in soup.find_all(tag):
                if tag == "link" and not FETCHED_LINKS & set(element.get("rel") or []):
                    continue  # rel=index/search/next: navigation, not a load
                for attr in attrs:
                    for url in (element.get(attr) or "").split(","):
                        url = url.strip().split(" ")[0]
                        if url and off_site(url):
                            problems.append(f"{rel}: <{tag} {attr}={url!r}>")
        inline = [style.text for style in soup.find_all("style")]
        inline += [element["style"] for element in soup.find_all(style=True)]
        for text in inline:
            problems += [f"{rel}: url({u})" for _, u in _CSS_URL.findall(text) if off_site(u)]
    assert not problems, "\n".join(problems)


def test_no_style_sheet_refers_to_another_host(built_book):
    sheets = sorted(built_book.rglob("*.css"))
    assert sheets
    problems = []
    for sheet in sheets:
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text("utf-8", errors="replace"), flags=re.S)
        for _, url in _CSS_URL.findall(text) + _CSS_IMPORT.findall(text):
            if off_site(url):
                problems.append(f"{sheet.relative_to(built_book)}: {url[:80]}")
    assert not problems, "\n".join(problems)


def test_links_to_other_sites_use_https(built_book, pages):
    plain = sorted(
        {
            f"{rel}: {a['href']}"
            for rel in pages
            for a in soup_of(built_book, rel).find_all("a", href=True)
            if urlsplit(a["href"]).scheme == "http"
        }
    )
    assert not plain, "\n".join(plain)


#: How long the network must stay quiet before a page counts as done: long enough for what
#: a page's scripts fetch on load or on a click, shorter than Playwright's fixed half second.
QUIET_MS = 150


@pytest.mark.browser
def test_every_request_a_page_makes_goes_to_the_site_and_is_found(
    browser, served_book, reader_pages
):
    site = urlsplit(served_book).netloc
    seen: list[str] = []
    missing: set[str] = set()
    in_flight: set[object] = set()
    context = browser.new_context()
    context.on("request", lambda request: (seen.append(request.url), in_flight.add(request)))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    context.on("response", lambda r: missing.add(r.url) if r.status >= 400 else None)
    page = context.new_page()

    def settle() -> None:
        """Wait until no request has been in flight for ``QUIET_MS``."""
        quiet = 0
        for _ in range(200):
            page.wait_for_timeout(25)
            quiet = 0 if in_flight else quiet + 25
            if quiet >= QUIET_MS:
                return

    try:
        for rel in reader_pages:
            page.goto(f"{served_book}/{rel}", wait_until="load")
            settle()
            form = page.locator(".ams-exercise form").first
            if form.count():  # an exercise checked (or submitted) and solved loads nothing either
                for field in form.locator("input[type=text], textarea").all():
                    field.fill(WRONG_ANSWER)  # an assessment's item is submitted only whole
                form.locator("button[type=submit]").click()
                page.locator(".ams-exercise-solution > summary").first.click()
                settle()
        page.goto(f"{served_book}/search.html?q=primary+customer", wait_until="load")
        page.locator("#search-results li").first.wait_for()
        settle()
    finally:
        context.close()
    assert any(url.endswith("searchindex.js") for url in seen)
    elsewhere = sorted(
        {u for u in seen if urlsplit(u).scheme not in {"data", "blob"}}
        - {u for u in seen if urlsplit(u).netloc == site}
    )
    assert not elsewhere, "\n".join(elsewhere)
    assert not missing, "not found on the site:\n" + "\n".join(sorted(missing))
