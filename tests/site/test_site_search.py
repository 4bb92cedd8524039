"""Finding things: search puts the glossary entry and then the section teaching a
term first, its snippets are reading text (not a table of contents or form labels), a
results page downloads no result page, the search icon leaves the query readable, and the
results page and a page with highlighted search words pass axe in light and dark."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from site_helpers import DESKTOP, MODES, PHONE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.book]

VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
#: Text a snippet once showed that is not reading text: a page's own contents list, and the
#: labels (run together, as a form's text reads) and buttons of an exercise's form.
NOT_SNIPPETS = (
    "Contents ",
    "delivered) Primary customer",
    "One answer per line",
    "Check my answers",
    "Show a hint",
)


def search(open_page, query: str, **view):
    page = open_page(f"search.html?q={query.replace(' ', '+')}", **view)
    page.locator("#search-results .search-summary").filter(has_text="found").wait_for()
    return page


def results(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#search-results ul.search > li",
        """items => items.map(li => ({
            href: li.querySelector('a').getAttribute('href'),
            title: li.querySelector('a').textContent,
            snippet: (li.querySelector('p.context') || {textContent: ''}).textContent,
        }))""",
    )


def test_a_term_finds_its_glossary_entry_then_the_section_that_teaches_it(open_page):
    found = results(search(open_page, "strategic customer"))
    assert found[0]["href"] == "book/glossary.html#term-strategic-customer", found[:3]
    top = [r["href"] for r in found[:3]]
    assert "book/primary-customer/roles.html#strategic-customers" in top, top


@pytest.mark.parametrize("query, term", [("investor", "investor"), ("stakeholders", "stakeholder")])
def test_other_terms_put_their_glossary_entry_first(open_page, query, term):
    found = results(search(open_page, query))
    assert found[0]["href"] == f"book/glossary.html#term-{term}", found[:3]
    assert found[0]["snippet"].startswith(f"{term}:"), found[0]


def test_snippets_are_reading_text_with_the_words_found(open_page):
    page = search(open_page, "primary customer")
    found = results(page)
    assert len(found) >= 10
    for result in found:
        assert len(result["snippet"]) > 40, result
        for junk in NOT_SNIPPETS:
            assert junk not in result["snippet"], result
    marked = page.eval_on_selector_all(
        "#search-results li p.context",
        "ps => ps.filter(p => p.querySelector('.highlighted')).length",
    )
    assert marked >= len(found) // 2, "most snippets show the words searched for"


def test_a_results_page_downloads_no_result_page(browser, served_book):
    context = browser.new_context()
    fetched: list[str] = []
    context.on("requestfinished", lambda request: fetched.append(request.url))
    page = context.new_page()
    try:
        page.goto(f"{served_book}/search.html?q=strategic+customer", wait_until="networkidle")
        assert page.locator("#search-results ul.search > li").count() >= 10
    finally:
        context.close()
    paths = [urlsplit(url).path for url in fetched]
    assert [p for p in paths if p.endswith(".html")] == ["/search.html"], paths
    sizes = {path: len(urlopen(url).read()) for path, url in zip(paths, fetched, strict=True)}
    # the summaries grow with the course: 0.30 MB with the pre-check and the final assessment
    assert sizes["/_static/search/summaries.js"] < 340_000
    # 1.86 MB when every result page was fetched for its snippet; about 0.96 MB now, most
    # of it the theme's assets that every page loads.
    assert sum(sizes.values()) < 1_200_000, sizes


def test_the_text_file_holds_sections_and_terms_not_forms(built_book):
    text = (built_book / "_static" / "search" / "summaries.js").read_text("utf-8")
    # The search page names this very file's version, so no browser keeps a stale copy.
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    assert f"search/summaries.js?v={version}" in (built_book / "search.html").read_text("utf-8")
    data = json.loads(text.split("=", 1)[1].strip().rstrip(";"))
    roles = dict((s[0], s[1]) for s in data["book/primary-customer/roles"])
    assert "deal with the primary customer directly" in roles["strategic-customers"]
    glossary = {s[0]: s for s in data["book/glossary"]}
    assert glossary["term-strategic-customer"][2] == "strategic customer"
    everything = " ".join(s[1] for sections in data.values() for s in sections)
    for junk in NOT_SNIPPETS[1:3]:  # the pages' prose may name the buttons
        assert junk not in everything, junk


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_search_icon_leaves_the_query_readable(open_page, viewport):
    page = search(open_page, "strategic customer", viewport=viewport)
    field = page.locator(".bd-search-container form.bd-search")
    icon = field.locator(".fa-magnifying-glass").bounding_box()
    text_starts = field.locator("input").evaluate(
        "i => i.getBoundingClientRect().left + parseFloat(getComputedStyle(i).paddingLeft)"
    )
    assert icon and icon["width"] > 0
    assert icon["x"] + icon["width"] <= text_starts, (icon, text_starts)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_results_and_highlighted_pages_pass_axe(open_page, axe, mode, viewport):
    page = search(open_page, "strategic customer", mode=mode, viewport=viewport)
    assert page.locator("#search-results .highlighted").count() > 0
    assert axe_violations(axe, page) == []
    for rel in ("book/glossary.html", "book/primary-customer/roles.html"):
        page = open_page(f"{rel}?highlight=strategic%20customer", mode=mode, viewport=viewport)
        page.locator("article span.highlighted").first.wait_for()
        assert axe_violations(axe, page) == [], rel


def nothing_found(open_page, query: str, **view):
    page = open_page(f"search.html?q={query.replace(' ', '+')}", **view)
    page.locator("#search-results .search-summary").filter(has_text="Nothing").wait_for()
    return page


@pytest.mark.parametrize(
    "query, meant, view",
    [
        pytest.param("stratagic customr", "strategic customer", {}, id="two-words-desktop"),
        pytest.param("customr", "customer", {"viewport": PHONE, "mode": "dark"}, id="phone-dark"),
    ],
)
def test_a_misspelling_suggests_the_nearest_words_the_site_uses(open_page, axe, query, meant, view):
    page = nothing_found(open_page, query, **view)
    summary = page.locator("#search-results .search-summary")
    assert summary.inner_text() == f"Nothing on this site matches “{query}”. Did you mean {meant}?"
    assert "categories" not in page.locator("#search-results").inner_text()
    assert axe_violations(axe, page) == []
    summary.get_by_role("link", name=meant).click()
    page.locator("#search-results .search-summary").filter(has_text="found").wait_for()
    glossary = f"book/glossary.html#term-{meant.replace(' ', '-')}"
    assert results(page)[0]["href"] == glossary


def test_words_the_site_never_uses_get_plain_advice(open_page):
    summary = nothing_found(open_page, "xyzzy").locator("#search-results .search-summary")
    advice = "Try other words, or fewer of them."
    assert summary.inner_text() == f"Nothing on this site matches “xyzzy”. {advice}"


def test_a_title_holding_the_words_comes_before_passing_mentions(open_page):
    # A section whose long title holds the word: Sphinx's title search skipped it.
    top = [r["href"] for r in results(search(open_page, "investors"))[:3]]
    assert "book/primary-customer/roles.html#the-public-as-investors" in top, top
    # The chapter named for the word, right after the word's definition.
    top = [r["href"] for r in results(search(open_page, "widget"))[:2]]
    assert top == ["book/glossary.html#term-widget", "book/we-dont-make-widgets.html"], top
    # Sections that say "front-line staff" before a page that has the words apart.
    found = results(search(open_page, "front-line staff"))
    for result in found[:4]:
        assert "front-line staff" in result["snippet"].lower(), result
        assert "gemba" not in result["snippet"], result
