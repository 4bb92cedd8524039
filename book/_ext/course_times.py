"""Computed times and the workshop plan in the book: no page types a duration.

- ``{course-time}`SCOPE``` prints "about 40 minutes"; ``{course-time-detail}`SCOPE```
  prints "about 40 minutes: 15 minutes to read and 25 minutes for the knowledge checks".
  SCOPE is ``.`` (this page), a docname (``book/primary-customer/roles``), a folder
  (``book/case-studies/*``), ``course`` (the full course) or ``core`` (the core path). The
  figures come from :mod:`ams_exercises.course_time`: reading time from each page's words
  plus the ``minutes`` of the exercises it shows and the own-system exercise.
- ``{course-paths}`` renders the core path, step by step (the sections read, the checks,
  the time), then the full course; ``{course-basis}`` states how the figures are set
  (``ams_exercises/course/paths.yaml``) and ``{own-system-time}`` the own-system exercise's.
- ``{workshop-plan}`` renders ``ams_exercises/course/workshop.yaml``: the blocks with their
  clock times, what is cut, the materials, the sort list and the debrief answers.

A page that uses either depends on the pages and keys behind its figures, so an
incremental build redoes it when they change.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ams_exercises import course_time
from ams_exercises.authoring.paths import PATHS_FILE, paths
from ams_exercises.authoring.sources import WORKSHOP_FILE
from ams_exercises.authoring.workshop import workshop
from ams_exercises.errors import InputError
from ams_exercises.grader import keys

logger = logging.getLogger(__name__)


def _times(app: Any) -> course_time.CourseTime:
    """The course's times, computed once per build (pages and keys may change between)."""
    if getattr(app, "_course_times", None) is None:
        app._course_times = course_time.course_time(Path(app.srcdir))
    return app._course_times


def _forget(app: Any, *_args: Any) -> None:
    app._course_times = None


def _time_role(detail: bool):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        env = inliner.document.settings.env
        scope = env.docname if text.strip() == "." else text.strip()
        try:
            pages = _times(env.app).select(scope)
        except (InputError, OSError) as exc:
            msg = inliner.reporter.error(f"{name}: cannot compute the course's times: {exc}")
            return [inliner.problematic(rawtext, rawtext, msg)], [msg]
        if not pages and (Path(env.app.srcdir) / f"{scope}.md").is_file():
            pages = [course_time.page_time(Path(env.app.srcdir), scope)]  # a reference page
        if not pages:
            msg = inliner.reporter.error(f"{name}: {scope!r} is not a page of the course")
            return [inliner.problematic(rawtext, rawtext, msg)], [msg]
        for page in pages:
            env.note_dependency(str(Path(env.app.srcdir) / f"{page.docname}.md"))
            for exercise in page.exercises:
                env.note_dependency(keys.compiled_path(exercise))
        if detail:
            shown = course_time.described(pages)
        else:
            shown = f"about {course_time.duration(sum(p.minutes for p in pages))}"
        return [nodes.inline(rawtext, shown, classes=["course-time"])], []

    return role


def _basis_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{course-basis}`.```: how every time of the course is set, from its data."""
    env = inliner.document.settings.env
    env.note_dependency(str(PATHS_FILE))
    return [nodes.inline(rawtext, course_time.basis(_times(env.app)))], []


def _own_system_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{own-system-time}`.```: the time the own-system exercise is counted at."""
    inliner.document.settings.env.note_dependency(str(PATHS_FILE))
    shown = f"about {course_time.duration(paths().own_system.minutes)}"
    return [nodes.inline(rawtext, shown, classes=["course-time"])], []


class CoursePathsDirective(SphinxDirective):
    """``{course-paths}``: the core path step by step (each page with the sections read, its
    checks and its time), then the full course, from ``course/paths.yaml`` and the pages."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(PATHS_FILE))
        try:
            times = _times(self.env.app)
        except (InputError, OSError, course_time.PathError) as exc:
            logger.error(str(exc), location=(self.env.docname, self.lineno))
            return []
        here = posixpath.dirname(self.env.docname)
        lines = [
            course_time.paths_summary(times),
            "",
            f"**The core path: {course_time.described(list(times.core))}.**",
            "",
            "| Chapter | Read | Practice | Time |",
            "|---|---|---|---|",
        ]
        for step in times.core:
            self.env.note_dependency(str(Path(self.env.app.srcdir) / f"{step.docname}.md"))
            page = posixpath.relpath(step.docname, here or ".")
            read = ", ".join(["the opening", *(_cell(s) for s in step.sections)])
            checks = [f"*{_cell(keys.key_for(e).title)}*" for e in step.exercises]
            if step.activity_minutes:
                checks.append("working through your own system")
            lines.append(
                f"| []({page}.md) | {read} | {'; '.join(checks) or 'none'} |"
                f" about {course_time.duration(step.minutes)} |"
            )
        checks = sum(len(p.exercises) for p in times.pages)
        lines += [
            "",
            f"**The full course: {course_time.described(list(times.pages))}.** Every chapter"
            f" in order, with all {checks} knowledge checks.",
        ]
        container = nodes.container(classes=["course-paths"])
        self.state.nested_parse(StringList(lines, source=str(PATHS_FILE)), 0, container)
        return [container]


def _workshop_time_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{workshop-time}`preparation```: a time the workshop plan gives, as the book says it
    ("about 2 hours"); ``workshop`` and ``short`` give the plans' lengths."""
    env = inliner.document.settings.env
    env.note_dependency(str(WORKSHOP_FILE))
    plan = workshop()
    minutes = {
        "preparation": plan.preparation_minutes,
        "workshop": plan.minutes,
        "short": plan.short.minutes,
    }.get(text.strip())
    if minutes is None:
        msg = inliner.reporter.error(
            f"workshop-time: {text!r} is not one of preparation, workshop, short", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.inline(rawtext, f"about {course_time.duration(minutes)}")], []


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


class WorkshopPlanDirective(SphinxDirective):
    """``{workshop-plan}``: the 2½-hour workshop, from ``course/workshop.yaml``; with
    ``:plan: short``, the 90-minute session of the same file."""

    has_content = False
    option_spec = {"plan": lambda text: directives.choice(text, ("workshop", "short"))}

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(WORKSHOP_FILE))
        try:
            plan = workshop()
        except InputError as exc:
            logger.error(str(exc), location=(self.env.docname, self.lineno))
            return []
        here = posixpath.dirname(self.env.docname)

        def link(docname: str) -> str:
            # An empty link text: MyST writes the page's own title.
            return f"[]({posixpath.relpath(docname, here or '.')}.md)" if docname else ""

        short = self.options.get("plan") == "short"
        full, plan = plan, (plan.short if short else plan)
        lines = [
            f"**{plan.title}**: {course_time.duration(plan.minutes)}. {_cell(plan.audience)}",
            "",
            "| Start | Block | Minutes | What happens | Course page |",
            "|---|---|---|---|---|",
        ]
        for start, block in plan.timings():
            lines.append(
                f"| {start} | {_cell(block.title)} | {block.minutes} | "
                f"{_cell(block.activity)} | {link(block.chapter)} |"
            )
        total = sum(b.minutes for b in plan.blocks)
        lines += ["", f"The blocks add up to {course_time.duration(total)}.", ""]
        cuts = "this session leaves out of the workshop" if short else "the workshop cuts"
        lines += [f"**What {cuts}{'' if short else ' from the full course'}**", ""]
        lines += [f"- {_cell(item)}" for item in plan.cut]
        if not short:
            lines += ["", "**Materials**", ""]
            lines += [f"- {_cell(item)}" for item in full.materials]
            lines += ["", "**The activity-and-widget sort list, with answers**", ""]
            lines += ["| Card | Answer | Why |", "|---|---|---|"]
            lines += [f"| {_cell(s.item)} | {s.answer} | {_cell(s.why)} |" for s in full.sort_list]
        lines += ["", "**Debrief answers for each group task**", ""]
        for _start, block in plan.timings():
            if not block.group_task:
                continue
            lines += [f"*{_cell(block.title)}.* Task: {_cell(block.group_task)}", ""]
            lines += [f"- {_cell(answer)}" for answer in block.debrief]
            lines.append("")
        container = nodes.container(classes=["workshop-plan"])
        self.state.nested_parse(StringList(lines, source=str(WORKSHOP_FILE)), 0, container)
        return [container]


def setup(app: Any) -> dict[str, Any]:
    app.add_role("course-time", _time_role(detail=False))
    app.add_role("course-time-detail", _time_role(detail=True))
    app.add_directive("workshop-plan", WorkshopPlanDirective)
    app.add_directive("course-paths", CoursePathsDirective)
    app.add_role("course-basis", _basis_role)
    app.add_role("own-system-time", _own_system_role)
    app.add_role("workshop-time", _workshop_time_role)
    app.connect("env-before-read-docs", _forget)  # build event: before pages are read
    return {"parallel_read_safe": True, "parallel_write_safe": True}
