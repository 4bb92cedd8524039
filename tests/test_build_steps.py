"""The build's declared order (:mod:`ams_exercises.build_pipeline`) keeps what the site
needs, so a step cannot be moved to where it breaks the site without a test failing:
the Content-Security-Policy hashes each page as finally written, the gzip copies are made
of every file as finally written, and every step an extension provides is declared."""

from __future__ import annotations

import re
from pathlib import Path

from ams_exercises.build_pipeline import (
    AFTER_THEME,
    BEFORE_THEME,
    FINISHED,
    PAGE_REWRITES,
    PAGE_WALK,
    rewrite_pages,
)

ROOT = Path(__file__).resolve().parent.parent
#: Finished steps that write or edit built HTML pages: the page walk must come after them.
WRITE_PAGES = ("handouts", "front door", "search summaries")
_PROVIDED = re.compile(
    r"add_(finished_step|page_rewrite|page_context_step)\(\s*app,\s*\"(?P<name>[^\"]+)\""
)


def test_the_policy_hashes_each_page_after_every_other_change():
    assert PAGE_REWRITES[-1] == "content security policy"
    walk = FINISHED.index(PAGE_WALK)
    for name in WRITE_PAGES:
        assert FINISHED.index(name) < walk, f"{name} writes pages after the policy is set"


def test_the_gzip_copies_are_made_last():
    assert FINISHED[-1] == "gzip copies"


def test_the_search_text_is_read_before_the_pages_are_rewritten():
    assert FINISHED.index("search summaries") < FINISHED.index(PAGE_WALK)


def test_every_step_an_extension_provides_is_declared_once():
    sources = [*ROOT.glob("book/_ext/*.py"), *ROOT.glob("ams_exercises/**/*.py")]
    provided = [m["name"] for path in sources for m in _PROVIDED.finditer(path.read_text())]
    declared = [n for n in FINISHED if n != PAGE_WALK] + [
        *PAGE_REWRITES,
        *BEFORE_THEME,
        *AFTER_THEME,
    ]
    assert sorted(provided) == sorted(declared)
    assert len(set(declared)) == len(declared)


def test_the_page_walk_reads_each_page_once_and_applies_the_rewrites_in_order(tmp_path):
    (tmp_path / "deep").mkdir()
    for name in ("a.html", "deep/b.html", "c.css"):
        (tmp_path / name).write_text("<p>x</p>", "utf-8")
    (tmp_path / "same.html").write_text("<p>y</p>", "utf-8")
    before = (tmp_path / "same.html").stat().st_mtime_ns
    seen: list[str] = []

    def first(page: str) -> str:
        seen.append(page)
        return page.replace("x", "1")

    changed = rewrite_pages(tmp_path, [first, lambda page: page.replace("1", "12")])
    assert changed == 2
    assert sorted(seen) == ["<p>x</p>", "<p>x</p>", "<p>y</p>"]
    assert (tmp_path / "deep" / "b.html").read_text("utf-8") == "<p>12</p>"
    assert (tmp_path / "c.css").read_text("utf-8") == "<p>x</p>"
    assert (tmp_path / "same.html").stat().st_mtime_ns == before
