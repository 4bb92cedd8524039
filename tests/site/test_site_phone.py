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
