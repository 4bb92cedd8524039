"""The course build's ordered steps, declared once and read top to bottom.

Extensions do not connect their own ``build-finished`` or ``html-page-context`` handlers
with priority numbers. Each one names its steps here and hands in the functions
(:func:`add_finished_step`, :func:`add_page_rewrite`, :func:`add_page_context_step`); the
lists below say in which order they run, and nothing else does. A step that no loaded
extension provides is skipped, so a book that loads only this package (the test books, a
handouts-only site) runs the package's own steps in the same order. A step whose name is
not listed stops the build at setup, so no step can slip in unordered.

The lists live in the package rather than in the book's ``_ext`` folder because the
package's steps must run in books without the course's extensions, and the book's
extensions import the package, never the other way round. They sit below the package's
surfaces because two of those are Sphinx extensions with steps of their own: the pages'
exercises (:mod:`ams_exercises.sphinx`) and the site's handouts
(:mod:`ams_exercises.handouts.site`).

Third-party handlers keep Sphinx's default priority (500), and two of them matter:

* sphinx-external-toc writes a bare ``index.html`` redirect at the end of the build when
  none exists; the finished steps run after it, so the front door step replaces it. They
  also run after pydata-sphinx-theme rewrites ``pygments.css`` and MyST-NB writes its
  style sheet, so the gzip copies include both.
* sphinx-book-theme builds each page's header buttons in ``html-page-context`` at
  priority 501: a step that feeds those buttons runs before it, a step that edits them
  after it.

Build failures have one style too: :func:`fail_build`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Marks where the single walk over the built pages happens in :data:`FINISHED`.
PAGE_WALK = "rewrite the built pages"

#: After a build that finished without an exception, in this order.
FINISHED: tuple[str, ...] = (
    "broken exercises",  # every builder: a page with a broken exercise fails the build
    "handouts",  # wait for the PDFs, fill in their list, copy them to handouts/
    "compact static",  # the package's scripts and styles, minified
    "front door",  # index.html as a whole page (replaces sphinx-external-toc's)
    "theme icons",  # the icon rules and font cut to the icons the pages use
    "search summaries",  # read from the pages before they are rewritten
    "figure twins",  # the narrow diagrams copied next to the wide ones
    PAGE_WALK,  # PAGE_REWRITES, every page read and written once
    "gzip copies",  # last: compresses every file as finally written
)

#: Applied to each built page's text in this order during the page walk. The policy is
#: last: it hashes the inline scripts of the page as finally written.
PAGE_REWRITES: tuple[str, ...] = (
    "figure pictures",
    "phone tables",
    "content security policy",
)

#: Steps on each page's template context before sphinx-book-theme builds its header
#: buttons (priority 501).
BEFORE_THEME: tuple[str, ...] = ("notebook download",)

#: Steps on each page's template context once every extension and the theme have filled
#: it in: the theme's buttons and sidebar exist, every asset has been added.
AFTER_THEME: tuple[str, ...] = (
    "honest downloads",  # edits the theme's header buttons
    "named sidebar toggles",  # wraps the theme's toctree function
    "unused assets",  # drops the assets a page's body does not use
    "search page assets",  # the same for the search page, which has no body
)

#: ``html-page-context`` priorities around sphinx-book-theme's 501.
_BEFORE_THEME_PRIORITY = 400
_AFTER_THEME_PRIORITY = 600
#: After every ``build-finished`` handler left at Sphinx's default priority (500).
_FINISHED_PRIORITY = 600

FinishedStep = Callable[[Any], None]
PageRewrite = Callable[[str], str]
PageContextStep = Callable[[Any, str, str, dict, Any], None]


@dataclass
class _Provided:
    """The step functions the loaded extensions handed in, by name."""

    finished: dict[str, tuple[FinishedStep, bool]] = field(default_factory=dict)
    rewrites: dict[str, PageRewrite] = field(default_factory=dict)
    page_context: dict[str, PageContextStep] = field(default_factory=dict)


def fail_build(app: Any, message: str) -> None:
    """Report ``message`` as one error line and make the build's exit code non-zero.

    The build goes on: later steps still run and report their own problems, so one build
    names every broken exercise and handout (with ``-W --keep-going`` too) before it
    fails. Raising ``ExtensionError`` instead would stop at the first problem, skip the
    steps after it, and make Jupyter Book print a traceback over the one line that says
    what to fix. The line is logged outside ``-W``'s warning-is-error filter for the same
    reason: that filter turns it into an exception.
    """
    with logging.skip_warningiserror():
        logger.error(message)
    app.statuscode = 1


def add_finished_step(
    app: Any, name: str, step: FinishedStep, *, every_builder: bool = False
) -> None:
    """Run ``step(app)`` at its place in :data:`FINISHED` once a build has finished
    without an exception; only after an HTML build unless ``every_builder``."""
    _provide(_provided(app).finished, FINISHED, name, (step, every_builder))


def add_page_rewrite(app: Any, name: str, rewrite: PageRewrite) -> None:
    """Pass every built page's text through ``rewrite`` at its place in
    :data:`PAGE_REWRITES` during the page walk."""
    _provide(_provided(app).rewrites, PAGE_REWRITES, name, rewrite)


def add_page_context_step(app: Any, name: str, step: PageContextStep) -> None:
    """Run ``step`` on each page's context at its place in :data:`BEFORE_THEME` or
    :data:`AFTER_THEME`, with the arguments of ``html-page-context``."""
    _provide(_provided(app).page_context, BEFORE_THEME + AFTER_THEME, name, step)


def _provide(found: dict[str, Any], declared: tuple[str, ...], name: str, value: Any) -> None:
    if name not in declared or name == PAGE_WALK:
        raise ExtensionError(
            f"build step {name!r} is not declared; add it where it belongs in the lists of "
            f"{__name__}"
        )
    if name in found:
        raise ExtensionError(f"build step {name!r} is provided twice")
    found[name] = value


def _provided(app: Any) -> _Provided:
    app.setup_extension(__name__)
    return app.ams_build_steps


def rewrite_pages(folder: Path, rewrites: list[PageRewrite]) -> int:
    """Pass every HTML page under ``folder`` through ``rewrites`` in turn, writing back
    the pages that changed; how many did."""
    changed = 0
    for path in folder.rglob("*.html"):
        text = path.read_text("utf-8")
        updated = text
        for rewrite in rewrites:
            updated = rewrite(updated)
        if updated != text:
            path.write_text(updated, "utf-8")
            changed += 1
    return changed


def _finished(app: Any, exception: BaseException | None) -> None:
    if exception is not None:
        return
    provided: _Provided = app.ams_build_steps
    html = app.builder.format == "html"
    for name in FINISHED:
        if name == PAGE_WALK:
            rewrites = [provided.rewrites[n] for n in PAGE_REWRITES if n in provided.rewrites]
            if html and rewrites:
                rewrite_pages(Path(app.outdir), rewrites)
            continue
        step, every_builder = provided.finished.get(name, (None, False))
        if step is not None and (html or every_builder):
            step(app)


def _page_context(names: tuple[str, ...]) -> PageContextStep:
    def run(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
        steps = app.ams_build_steps.page_context
        for name in names:
            if name in steps:
                steps[name](app, pagename, templatename, context, doctree)

    return run


def setup(app: Any) -> dict[str, Any]:
    app.ams_build_steps = _Provided()
    app.connect("build-finished", _finished, priority=_FINISHED_PRIORITY)
    app.connect("html-page-context", _page_context(BEFORE_THEME), priority=_BEFORE_THEME_PRIORITY)
    app.connect("html-page-context", _page_context(AFTER_THEME), priority=_AFTER_THEME_PRIORITY)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
