"""Diagrams on a phone: at 390 px wide every diagram's smallest text is drawn at
12 px or more (a narrow drawing replaces the wide one below 640 px), in light and dark,
with the same alt text and a title and description of its own; a desktop keeps the wide
drawing, its text no smaller than 12 px either."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.request import urlopen
from xml.etree import ElementTree

import pytest
from site_helpers import DESKTOP, MODES, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.book]

CHAPTERS = {
    "book/knowing-your-customer.html": "permit-example",
    "book/we-dont-make-widgets.html": "factory-widget-customer-outcome",
    "book/primary-customer/roles.html": "role-map",
}
IMAGES = Path(__file__).resolve().parents[2] / "book" / "images"
SVG = "{http://www.w3.org/2000/svg}"


def smallest_text(svg: str) -> tuple[float, float]:
    """The drawing's smallest font size and its width, in the SVG's own units."""
    root = ElementTree.fromstring(svg)
    width = float(root.get("viewBox").split()[2])
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    assert sizes and len(sizes) == len(list(root.iter(f"{SVG}text"))), "a text has no size"
    return min(sizes), width


def rendered(page) -> dict:
    figure = page.locator("figure img").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=figure.element_handle()
    )
    shown = figure.evaluate(
        "i => ({src: i.currentSrc, width: i.getBoundingClientRect().width, alt: i.alt})"
    )
    size, width = smallest_text(urlopen(shown["src"]).read().decode("utf-8"))
    shown["text_px"] = size * shown["width"] / width
    return shown


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_diagram_text_is_at_least_12px_on_a_phone(open_page, chapter, mode):
    phone = rendered(open_page(chapter, mode=mode, viewport=PHONE))
    assert phone["src"].endswith(f"/{CHAPTERS[chapter]}-narrow.svg"), phone
    assert phone["text_px"] >= 12, phone
    desktop = rendered(open_page(chapter, mode=mode, viewport=DESKTOP))
    assert desktop["src"].endswith(f"/{CHAPTERS[chapter]}.svg"), desktop
    assert desktop["text_px"] >= 12, desktop
    assert phone["alt"] == desktop["alt"] and len(phone["alt"]) > 100


@pytest.mark.parametrize("name", sorted(CHAPTERS.values()))
def test_each_narrow_drawing_is_named_and_described(name):
    wide = ElementTree.parse(IMAGES / f"{name}.svg").getroot()
    narrow = ElementTree.parse(IMAGES / f"{name}-narrow.svg").getroot()
    assert narrow.get("role") == "img"
    ids = narrow.get("aria-labelledby").split()
    found = {el.get("id"): (el.text or "").strip() for el in narrow.iter() if el.get("id")}
    assert all(len(found.get(i, "")) > 20 for i in ids), ids
    assert narrow.find(f"{SVG}title").text == wide.find(f"{SVG}title").text
    # The same words as the wide drawing, only laid out for a narrow column.
    assert words(wide) <= words(narrow), words(wide) - words(narrow)


def words(root: ElementTree.Element) -> set[str]:
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    return set(re.findall(r"[a-z]{4,}", text.lower()))
