"""Fixtures for the site tests: the pages a reader can reach, the pages with
exercises, axe-core, and browser pages opened in a colour mode at a viewport.

Built on the shared ``built_book``, ``served_book`` and ``browser`` fixtures (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from site_helpers import DESKTOP, component_sample, is_redirect, site_pages, soup_of


@pytest.fixture(scope="session")
def pages(built_book: Path) -> list[str]:
    found = site_pages(built_book)
    assert "book/welcome.html" in found and "search.html" in found, found
    return found


@pytest.fixture(scope="session")
def reader_pages(built_book: Path, pages: list[str]) -> list[str]:
    """The pages with content of their own: all but redirects (``index.html``), which a
    browser leaves at once (their markup is checked statically and by the link crawl)."""
    return [p for p in pages if not is_redirect(soup_of(built_book, p))]


@pytest.fixture(scope="session")
def sample_pages(built_book: Path, reader_pages: list[str]) -> list[str]:
    """Few pages that between them hold every element and class any page's content uses.

    The theme's frame is the same on every page, so a view that changes only colors or
    width (dark mode, a phone) meets nothing on the other pages that these do not show it.
    """
    return component_sample(built_book, reader_pages)


@pytest.fixture(scope="session")
def exercise_pages(built_book: Path, pages: list[str]) -> list[str]:
    """Pages with at least one interactive exercise (``{ams-exercise}`` with its form)."""
    return [p for p in pages if soup_of(built_book, p).select_one(".ams-exercise form")]


@pytest.fixture(scope="session")
def exercise_page(exercise_pages: list[str]) -> str:
    """A chapter page with an exercise, the book's own if there is one."""
    if not exercise_pages:
        pytest.skip("the built book has no {ams-exercise} with a form on any page")
    chapters = [p for p in exercise_pages if p.startswith("book/")]
    return (chapters or exercise_pages)[0]


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def open_page(browser, served_book: str) -> Iterator[Callable[..., object]]:
    """``open_page("book/x.html", mode="dark", viewport=PHONE)``: a loaded browser page."""
    contexts = []

    def open_(rel: str, mode: str = "light", viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or DESKTOP, reduced_motion="reduce")
        context.add_init_script(
            f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{served_book}/{rel}", wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        return page

    yield open_
    for context in contexts:
        context.close()
