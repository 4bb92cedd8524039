"""Tables that read on a phone: on a narrow screen each row becomes a block of labelled
lines instead of columns cut off at the screen's edge.

After the build, every content table with a header row gets the class ``ams-stack`` and
each of its cells a ``data-label`` naming its column; ``book/_static/course.css`` stacks
such tables below 640 px, showing each label before its cell. Wider screens see the
table as it is.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

from ams_exercises.build_pipeline import add_page_rewrite

_TABLE = re.compile(r"<table\b.*?</table>", re.S)


def stacked(table_html: str) -> str:
    """One table's HTML with its column labels on its cells (unchanged without a header)."""
    soup = BeautifulSoup(table_html, "html.parser")
    table = soup.find("table")
    head = table.find("thead") if table else None
    if head is None:
        return table_html
    labels = [" ".join(th.get_text(" ").split()) for th in head.find_all("th")]
    for row in table.find("tbody").find_all("tr") if table.find("tbody") else []:
        for label, cell in zip(labels, row.find_all(["td", "th"], recursive=False), strict=False):
            cell["data-label"] = label
            if not cell.get_text().strip():  # nothing to label: left out when stacked
                cell["class"] = [*cell.get("class", []), "ams-empty"]
    table["class"] = [*table.get("class", []), "ams-stack"]
    return str(table)


def with_stacking_tables(page: str) -> str:
    if "<table" not in page or "ams-stack" in page:
        return page  # no table, or already done (an unchanged page of an incremental build)
    return _TABLE.sub(lambda m: stacked(m.group()), page)


def setup(app: Any) -> dict[str, Any]:
    add_page_rewrite(app, "phone tables", with_stacking_tables)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
