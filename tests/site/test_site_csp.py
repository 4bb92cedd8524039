"""Every page carries a Content-Security-Policy (a meta tag: a static host may not set
headers) that lets only the site's own scripts run: the built pages work under it, and a
script injected into a page does not run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.book]

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def test_every_page_declares_the_policy_before_any_script(built_book: Path, pages: list[str]):
    for rel in pages:
        text = (built_book / rel).read_text("utf-8")
        found = CSP_META.search(text)
        assert found, f"{rel}: no Content-Security-Policy"
        first_script = text.find("<script")
        assert first_script == -1 or found.start() < first_script, rel
        policy = dict(d.strip().split(" ", 1) for d in found[1].split(";"))
        assert policy["default-src"] == "'self'"
        assert "'unsafe-inline'" not in policy["script-src"], rel
        assert policy["object-src"] == "'none'"


def test_pages_run_under_the_policy_without_a_violation(browser, served_book, reader_pages):
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()
    problems = {}
    for rel in reader_pages:
        page.goto(f"{served_book}/{rel}", wait_until="load")
        page.wait_for_timeout(50)
        if found := page.evaluate("window.__csp"):
            problems[rel] = found
    context.close()
    assert problems == {}


def test_the_print_button_still_works(browser, served_book, exercise_page):
    context = browser.new_context()
    context.add_init_script(COLLECT + "window.print = () => { window.__printed = true; };")
    page = context.new_page()
    page.goto(f"{served_book}/{exercise_page}", wait_until="load")
    # The button sits in the download menu; a click on it runs its inline handler.
    page.locator("button[onclick='window.print()']").first.evaluate("b => b.click()")
    assert page.evaluate("window.__printed") is True
    assert page.evaluate("window.__csp") == []
    context.close()


def test_a_script_injected_into_a_page_does_not_run(browser, served_book, exercise_page):
    """As if a page were tampered with: the extra inline script is refused."""
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()

    def tamper(route):
        response = route.fetch()
        body = response.text().replace("</head>", "<script>window.__injected = 1;</script></head>")
        route.fulfill(response=response, body=body)

    page.route(f"{served_book}/{exercise_page}", tamper)
    page.goto(f"{served_book}/{exercise_page}", wait_until="load")
    assert page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
    context.close()
