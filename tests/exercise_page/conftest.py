"""Fixtures for the in-page exercise tests: a fresh browser page on the built book."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(browser, served_book):
    """A new desktop-sized page; fails the test on any script error or third-party request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "request",
        lambda req: None if req.url.startswith((served_book, "data:")) else foreign.append(req.url),
    )
    page.base_url = served_book
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"
    assert not foreign, f"requests to other hosts: {foreign}"
