"""Reading on a phone: picking an entry in the "Contents" drawer takes the reader there and
closes the drawer, with no tooltip left over the header."""

from __future__ import annotations

import pytest
from site_helpers import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.book]


def test_picking_a_contents_entry_closes_the_drawer(open_page):
    page = open_page("book/primary-customer/roles.html", viewport=PHONE)
    page.get_by_role("button", name="Toggle secondary sidebar").click()
    drawer = page.locator("#pst-secondary-sidebar-modal")
    drawer.wait_for(state="visible")
    entry = drawer.locator("a[href^='#']").nth(1)
    target = entry.get_attribute("href")
    entry.click()
    drawer.wait_for(state="hidden")
    assert page.evaluate("location.hash") == target
    heading = page.locator(f"{target} h2, {target} h3").first
    box = heading.bounding_box()
    assert box and 0 <= box["y"] < PHONE["height"] / 2  # the section is in view
    page.wait_for_timeout(300)  # a tooltip would fade in by now
    assert page.locator(".tooltip.show").count() == 0


def test_tables_become_labelled_rows_on_a_phone_and_stay_tables_on_a_desktop(
    open_page, reader_pages, built_book
):
    with_tables = [p for p in reader_pages if "ams-stack" in (built_book / p).read_text("utf-8")]
    assert "book/welcome.html" in with_tables and "book/primary-customer/roles.html" in with_tables
    for rel in with_tables:
        page = open_page(rel, viewport=PHONE)
        for table in page.locator("table.ams-stack").all():
            widths = table.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth]")
            assert widths[0] <= widths[1], f"{rel}: a table is wider than the screen"
            cell = table.locator("tbody td:not(.ams-empty)").first
            label = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert label.strip('"').endswith(": "), f"{rel}: cells are not labelled"
        page.context.close()
    desktop = open_page("book/welcome.html")
    assert (
        desktop.locator("table.ams-stack").first.evaluate("t => getComputedStyle(t).display")
        == "table"
    )
