"""Page weight: a chapter page loads under 800 KB, without the theme's 1.4 MB
icon script or the search index; and the trimmed icon style sheet and font still draw
every icon the pages use. (benchmarks/bench_page_weight.py reports the figures.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import soup_of

pytestmark = pytest.mark.book

BUDGET = 800 * 1024
FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
_ICON_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+::?before,?)+)\{content:\"\\([0-9a-f]{4})\"")


@pytest.mark.browser
def test_a_chapter_page_loads_under_800_kb(browser, served_book, exercise_page):
    sizes: dict[str, int] = {}

    def weigh(request) -> None:
        response = request.response()
        if response is not None:
            sizes[request.url] = len(response.body())

    context = browser.new_context()
    page = context.new_page()
    page.on("requestfinished", weigh)
    try:
        page.goto(f"{served_book}/{exercise_page}", wait_until="networkidle")
    finally:
        context.close()
    names = [Path(u.split("?")[0]).name for u in sizes]
    assert "fontawesome.js" not in names and "searchindex.js" not in names, names
    assert any(n.endswith(".woff2") for n in names), "the icon font was not loaded"
    total = sum(sizes.values())
    assert total < BUDGET, f"{total / 1024:.0f} KB: " + ", ".join(
        f"{Path(u.split('?')[0]).name} {n // 1024} KB"
        for u, n in sorted(sizes.items(), key=lambda item: -item[1])[:6]
    )


def test_every_icon_the_pages_use_is_in_the_trimmed_css_and_font(built_book, pages):
    from fontTools.ttLib import TTFont

    used = {
        name
        for rel in pages
        for element in soup_of(built_book, rel).select("[class*='fa-']")
        for name in element.get("class", [])
        if name.startswith("fa-") and name not in {"fa-solid", "fa-lg", "fa-regular"}
    }
    assert {"fa-bars", "fa-magnifying-glass", "fa-chevron-down"} <= used
    css = (built_book / THEME_CSS).read_text("utf-8")
    rules = {
        name: point
        for selectors, point in _ICON_RULE.findall(css)
        for name in re.findall(r"fa-[a-z0-9-]+", selectors)
    }
    glyphs = set(TTFont(built_book / FONT).getBestCmap())
    missing_rule = sorted(used - set(rules))
    assert not missing_rule, f"no icon rule for {missing_rule}"
    missing_glyph = sorted(n for n in used if int(rules[n], 16) not in glyphs)
    assert not missing_glyph, f"no glyph in the icon font for {missing_glyph}"
    assert len(rules) < 100, "the unused icon rules were not trimmed"
    assert (built_book / FONT).stat().st_size < 20_000, "the icon font was not cut down"
