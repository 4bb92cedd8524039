"""Progress that lasts: the list of the book's knowledge checks, and the
progress script and style sheet on every page.

At ``env-updated`` (every page read, none written yet) the book's pages are walked
in table-of-contents order and each page's exercises are listed with their title, points
and fields. The list is written as ``_static/ams-course.js`` (``window.AmsCourse``), a
same-origin script, so the Content-Security-Policy needs no inline code and a page opened
from disk reads it too. ``static/ams-progress.js`` uses it to keep each check's state in
the browser (or in the LMS, inside the SCORM package), restore it, mark finished chapters
in the navigation; ``static/ams-progress-page.js``, only on the page with
``<div id="ams-progress">`` (``book/progress.md``), fills the "Your progress" page.

The list also carries what that page prints and hands on: the course's version (the
package's, as the extension states it) and the grader's limits on answers, for the
"Download my answers" file that ``grade`` reads
(:mod:`ams_exercises.classroom.site_answers`), and the course's time, computed by
:mod:`ams_exercises.course_time` as the rest of the book shows it, for the record of
completion: the full course's and the core path's.

Each check of an assessment module says which (``"assessment": "pre"`` or ``"final"``), and
``assessments`` names each assessment the book shows: its module id (the SCORM objective's
id), title and page, and for the final its pass mark (``ams_exercises_pass_mark``, or the
module's own). The progress script scores the assessments from these lists alone.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .. import course_time
from ..grader import keys
from ..grader.vocabulary import LIST_FIELDS, MAX_ANSWER_CHARS, MAX_LIST_ENTRIES
from .nodes import ams_exercise

COURSE_SCRIPT = "ams-course.js"
SCRIPT = "ams-progress.js"
PAGE_SCRIPT = "ams-progress-page.js"
STYLE = "ams-progress.css"


def _in_toc_order(env: Any, root: str) -> list[str]:
    """Every docname reachable from ``root`` through the toctrees, depth first."""
    seen: list[str] = []

    def walk(doc: str) -> None:
        if doc in seen:
            return
        seen.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(root)
    return seen


def time_of_course(srcdir: Path, *, core: bool = False) -> str:
    """The course's time as the book states it ("about 7 hours 30 minutes (...)"), the full
    course's or (``core``) the core path's, or "" for a book without the course's reading
    path (a test book)."""
    if not (srcdir / "_toc.yml").is_file():
        return ""
    try:
        times = course_time.course_time(srcdir)
    except course_time.PathError:  # a book whose pages are not the course's core path
        return ""
    pages = list(times.core if core else times.pages)
    if not pages:
        return ""
    total, _, detail = course_time.described(pages).partition(": ")
    return f"{total} ({detail})" if detail else total


def course_catalog(
    env: Any,
    root: str,
    title: str,
    time: str = "",
    *,
    core_time: str = "",
    pass_mark: int | None = None,
) -> dict[str, Any]:
    """The checks of the book, page by page in reading order (pages without one left out),
    with the course's version and times, and the assessments it shows."""
    pages = []
    listed: set[str] = set()
    modules = keys.modules()
    assessments: dict[str, dict[str, Any]] = {}
    for doc in _in_toc_order(env, root):
        doctree = env.get_doctree(doc)
        checks = []
        for node in doctree.findall(ams_exercise):
            exercise = node["exercise"]
            if exercise in listed:
                continue
            listed.add(exercise)
            key = keys.key_for(exercise)
            check: dict[str, Any] = {
                "id": key.id,
                "title": key.title,
                "max": key.max_score,
                "fields": list(key.asks),
            }
            module = modules.get(key.module)
            if module is not None and module.assessment:
                check["assessment"] = module.assessment
                if module.assessment not in assessments:
                    assessments[module.assessment] = _assessment(module, doc, pass_mark)
            checks.append(check)
        if checks:
            title_node = env.titles.get(doc)
            pages.append(
                {
                    "url": f"{doc}.html",
                    "title": title_node.astext() if title_node is not None else doc,
                    "checks": checks,
                }
            )
    return {
        "version": 1,
        "title": title,
        "course_version": version("ams-exercises"),
        "time": time,
        "core_time": core_time,
        "assessments": assessments,
        # how the downloaded answers are written so that ``grade`` reads them as the page did
        "list_fields": list(LIST_FIELDS),
        "max_answer_chars": MAX_ANSWER_CHARS,
        "max_list_entries": MAX_LIST_ENTRIES,
        "pages": pages,
    }


def _assessment(module: keys.Module, doc: str, pass_mark: int | None) -> dict[str, Any]:
    """An assessment as the pages read it: its module id, title and page; the final's pass
    mark."""
    out: dict[str, Any] = {"id": module.id, "title": module.title, "url": f"{doc}.html"}
    if module.assessment == "final":
        out["pass_mark"] = module.pass_mark if pass_mark is None else pass_mark
    return out


def write_catalog(app: Any, env: Any) -> list[str]:
    """env-updated: write ``_static/ams-course.js`` before any page is written (so each
    page links it with its checksum, ``?v=``, and a changed course is fetched afresh)."""
    if app.builder.format != "html":
        return []
    title = app.config.html_title or app.config.project
    srcdir = Path(app.srcdir)
    catalog = course_catalog(
        env,
        app.config.root_doc,
        title,
        time_of_course(srcdir),
        core_time=time_of_course(srcdir, core=True),
        pass_mark=app.config.ams_exercises_pass_mark,
    )
    out = Path(app.outdir) / "_static" / COURSE_SCRIPT
    out.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(catalog, ensure_ascii=False, separators=(",", ":"))
    out.write_text(f"window.AmsCourse = {body};\n", encoding="utf-8")
    return []


def page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """html-page-context: every page keeps progress and marks finished chapters."""
    if app.config.ams_exercises_hide_solutions:
        return
    app.add_css_file(STYLE)
    app.add_js_file(COURSE_SCRIPT, defer="defer", priority=600)
    app.add_js_file(SCRIPT, defer="defer", priority=601)
    if 'id="ams-progress"' in context.get("body", ""):
        app.add_js_file(PAGE_SCRIPT, defer="defer", priority=602)
