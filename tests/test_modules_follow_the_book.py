"""The course's modules are the book's chapters with exercises, in the book's order.

Worksheets, notebooks, progress and handouts group and number exercises by the modules of
``course/modules.yaml``; here they are read against the book itself (``_toc.yml`` and the
``{ams-exercise}`` directives of its pages): each module is one chapter (its page and the
sections that show exercises), named as the book names it (part caption and title), holding
the exercises those pages show in the order they show them, and every key names the module
that holds it.
"""

from __future__ import annotations

import re

import yaml

from ams_exercises import course_time
from ams_exercises.grader.keys import all_keys, modules

ROOT = course_time.REPO_ROOT


def toc_chapters() -> dict[str, tuple[str, str]]:
    """Each page of the reading path -> (its part's caption, its title in the contents)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text("utf-8"))
    out: dict[str, tuple[str, str]] = {}

    def walk(caption: str, entries: list[dict]) -> None:
        for entry in entries or []:
            page = str(entry["file"])
            text = (ROOT / f"{page}.md").read_text("utf-8")
            heading = re.search(r"^# (.+)$", text, re.M)
            out[page] = (caption, entry.get("title") or (heading.group(1) if heading else ""))
            walk(caption, entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(str(part.get("caption", "")), part.get("chapters", []))
    return out


def test_the_modules_are_the_books_pages_with_exercises_in_its_order():
    in_book = [(p.docname, p.exercises) for p in course_time.course_time().pages if p.exercises]
    in_modules = [page for m in modules().values() for page in pages_of(m)]
    assert in_modules == in_book
    for m in modules().values():
        assert m.exercises == [e for _page, ids in pages_of(m) for e in ids], m.id


def pages_of(module) -> list[tuple[str, tuple[str, ...]]]:
    """The module's pages, each with the exercises the book shows on it."""
    return [
        (page, course_time.page_exercises((ROOT / f"{page}.md").read_text("utf-8")))
        for page in [module.chapter, *module.pages]
    ]


def test_each_module_is_named_as_the_book_names_its_chapter():
    chapters = toc_chapters()
    for m in modules().values():
        caption, title = chapters[m.chapter]
        assert (m.part, m.title) == (caption, title), m.id
        assert m.name == f"{caption.split(':')[0]}, {title}"
        for page in m.pages:  # a chapter's sections, in the same part
            assert chapters[page][0] == caption, (m.id, page)


def test_every_key_names_the_module_that_holds_it_in_the_books_order():
    held = {e: m.id for m in modules().values() for e in m.exercises}
    assert {k.id: k.module for k in all_keys()} == held
    assert [k.id for k in all_keys()] == list(held)
