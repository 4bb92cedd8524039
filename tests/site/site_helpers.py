"""What the site tests share: the pages a reader can reach, axe-core with the
WCAG 2.0/2.1 A and AA rules, viewports, and a wrong answer for the course's exercises."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

#: Folders of the build that hold assets and sources, not pages.
NOT_PAGES = ("_static", "_sources", "_images", "_sphinx_design_static", ".doctrees")
#: axe-core rule tags: WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: axe-core best-practice rules about landmarks that the site keeps as well: every piece of
#: content inside a landmark (a screen reader's list of landmarks reaches all of it), one
#: main and one banner, each at the top level.
LANDMARK_RULES = [
    "region",
    "landmark-one-main",
    "landmark-main-is-top-level",
    "landmark-no-duplicate-banner",
    "landmark-banner-is-top-level",
]
#: The theme's colour modes (its switcher offers both).
MODES = ["light", "dark"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: A wrong primary customer in every exercise (the course's first trap), so checking
#: answers made of it always shows feedback.
WRONG_ANSWER = "the general public"


def site_pages(html_dir: Path) -> list[str]:
    """Every HTML page of the build a reader can reach, as paths relative to its root."""
    pages = []
    for path in sorted(html_dir.rglob("*.html")):
        rel = path.relative_to(html_dir)
        if rel.parts[0] in NOT_PAGES:
            continue
        pages.append(rel.as_posix())
    return pages


def is_redirect(soup: BeautifulSoup) -> bool:
    """A page that only sends the reader on (``<meta http-equiv="refresh">``)."""
    return any((m.get("http-equiv") or "").lower() == "refresh" for m in soup.find_all("meta"))


def soup_of(html_dir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((html_dir / page).read_text("utf-8"), "html.parser")


def axe_violations(axe, page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on ``page`` now, and those of the
    landmark rules, one line per node."""
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "rules": {rule: {"enabled": True} for rule in LANDMARK_RULES},
        "resultTypes": ["violations"],
    }
    results = axe.run(page, options=options)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(
                f"{violation['id']} ({violation['impact']}): {target}: "
                f"{node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return lines


def page_components(soup: BeautifulSoup) -> frozenset[str]:
    """The element names and classes inside a page's ``<main>``."""
    found: set[str] = set()
    for element in (soup.select_one("main") or soup).find_all(True):
        found.add(element.name)
        found.update(f".{c}" for c in element.get("class") or [])
    return frozenset(found)


def component_sample(html_dir: Path, pages: list[str]) -> list[str]:
    """A small set of ``pages`` that covers every component any of them uses: each pick is
    the page that adds the most components not yet covered (greedy set cover)."""
    components = {page: page_components(soup_of(html_dir, page)) for page in pages}
    left = set().union(*components.values())
    chosen: list[str] = []
    while left:
        best = max(pages, key=lambda page: len(components[page] & left))
        chosen.append(best)
        left -= components[best]
    return chosen
