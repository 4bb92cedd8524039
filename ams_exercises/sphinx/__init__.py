"""A Sphinx extension that puts the course's exercises inside the book.

Enable it in ``_config.yml`` (Jupyter Book) or ``conf.py`` as ``ams_exercises.sphinx``,
then write ``{ams-exercise} EXERCISE-ID`` directives. Each renders from its answer key:
the scenario, a labelled input per asked field, a Check button, feedback per field,
progressive hints and the solution. Answers are checked in the reader's browser by
``static/ams-exercise.js``, a port of the Python grader fed from
:mod:`ams_exercises.sphinx.payload`, and ``static/ams-exercise-form.js`` drives each form
with it; nothing is fetched from anywhere.

Every page also keeps the reader's progress (:mod:`.progress`: ``static/ams-progress.js``
with the book's list of checks, ``_static/ams-course.js``): answers, results, hints and
solutions saved in the browser, or in the LMS inside the SCORM package
(:mod:`ams_exercises.lms`), restored on return and summed up on the "Your progress" page.

It also offers the executed ``.ipynb`` of each MyST Markdown notebook (the course's
exercise notebooks) in the page's download menu, next to the ``.md`` source.

Configuration:

* ``ams_exercises_hide_solutions`` (default ``False``, or true when the environment
  variable ``AMS_EXERCISES_HIDE_SOLUTIONS`` is ``1``) leaves the solutions and the keys out
  of the pages entirely, for a class edition;
* ``ams_exercises_overlay`` (default: the environment variable ``AMS_EXERCISES_OVERLAY``):
  a state's overlay (:mod:`ams_exercises.overlays`), a folder relative to the book's, or
  the name of one shipped with the course. The pages' checks, the notebooks run at build
  time and the handouts all read the course compiled with it;
* ``ams_exercises_pass_mark`` (default: the final assessment module's ``pass_mark`` in
  ``course/modules.yaml``): the share of the final assessment's points, in percent, that
  passes the course. The pages and the SCORM packages' mastery score both read it from
  the book's list of checks.

Items of an assessment module (``assessment: pre`` or ``final``) are answered once: no
hints, no solution before they are submitted, then locked (``static/ams-assessment.js``,
only on the pages that show them, with the assessment's running score after its items).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import settings
from ..build_pipeline import add_finished_step, add_page_context_step
from .compact import compact_static
from .directive import (
    AmsExerciseDirective,
    fail_the_build,
    forget_page,
    merge_pages,
    read_again,
)
from .nodes import ams_exercise, depart_plain, visit_html, visit_plain
from .notebooks import offer_ipynb
from .payload import page_setup, script_json
from .progress import page_assets as progress_assets
from .progress import write_catalog

STATIC = Path(__file__).resolve().parent / "static"
SCRIPT = "ams-exercise.js"
#: The page's side: answers in, feedback, summary, hints and solution out (after SCRIPT).
FORM_SCRIPT = "ams-exercise-form.js"
STYLE = "ams-exercise.css"
#: Assessment items: answered once, locked, and the assessment's score (after SCRIPT and
#: FORM_SCRIPT, and after the progress script, whose record it reads).
ASSESSMENT_SCRIPT = "ams-assessment.js"

__all__ = ["setup"]


def _hide_by_default(_config: Any) -> bool:
    return settings.switch(settings.HIDE_SOLUTIONS, default=False)


def _overlay_by_default(_config: Any) -> str:
    """``AMS_EXERCISES_OVERLAY``, a folder read from the current one as by the commands."""
    value = settings.text(settings.OVERLAY) or ""
    return str(Path(value).resolve()) if value and Path(value).exists() else value


def _use_overlay(app: Any, config: Any) -> None:
    """config-inited: put the configured overlay in place, for this process and the ones
    it starts (the notebooks' kernels, the handouts' workers); its fingerprint becomes a
    setting, so pages are read again when the overlay changes."""
    if not config.ams_exercises_overlay:
        return
    from sphinx.errors import ExtensionError

    from ..errors import InputError
    from ..overlays import fingerprint, use_overlay

    try:
        overlay = use_overlay(config.ams_exercises_overlay, base=Path(app.confdir))
    except InputError as exc:
        raise ExtensionError(f"ams_exercises_overlay: {exc}") from None
    assert overlay is not None
    config.ams_exercises_overlay_compiled = fingerprint(overlay)


def _check_pass_mark(app: Any, config: Any) -> None:
    """config-inited: a pass mark is a whole percentage from 1 to 100, or the build stops
    with one line that says where to fix it."""
    from sphinx.errors import ExtensionError

    mark = config.ams_exercises_pass_mark
    if mark is None:
        return
    if isinstance(mark, str) and mark.strip().isdigit():  # as ``-D name=80`` gives it
        mark = config.ams_exercises_pass_mark = int(mark)
    if isinstance(mark, bool) or not isinstance(mark, int) or not 1 <= mark <= 100:
        raise ExtensionError(
            f"ams_exercises_pass_mark: {mark!r} is not a whole percentage from 1 to 100; "
            "write one such as 80 under sphinx: config: in _config.yml"
        )


def _add_static_path(app: Any, config: Any) -> None:
    """config-inited: serve the script and style sheet from the site's own ``_static``."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def _notebook_cache_per_grader(app: Any, config: Any) -> None:
    """config-inited: the notebooks' outputs are the grader's, so their execution cache is
    kept per version of the package's code and course (myst-nb's cache only knows the
    notebooks' own cells); older ones are removed."""
    if getattr(config, "nb_execution_mode", None) != "cache" or config.nb_execution_cache_path:
        return
    import shutil

    caches = Path(app.outdir).parent / ".jupyter_cache"
    overlay = config.ams_exercises_overlay_compiled
    mine = caches / f"grader-{_code_and_course_version():x}{'-' + overlay if overlay else ''}"
    if caches.is_dir():
        for old in caches.glob("grader-*"):
            if old != mine:
                shutil.rmtree(old, ignore_errors=True)
    config.nb_execution_cache_path = str(mine)


def _page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """html-page-context: link the script, style and shared rules into pages with exercises
    (and the assessment script into pages with an assessment's items)."""
    found = [] if doctree is None else [n["exercise"] for n in doctree.findall(ams_exercise)]
    if not found:
        return
    app.add_css_file(STYLE)
    if app.config.ams_exercises_hide_solutions:
        return
    app.add_js_file(
        None, body=script_json(page_setup()), type="application/json", id="ams-exercise-setup"
    )
    app.add_js_file(SCRIPT, defer="defer")
    app.add_js_file(FORM_SCRIPT, defer="defer")
    if any(_is_assessment(exercise) for exercise in found):
        app.add_js_file(ASSESSMENT_SCRIPT, defer="defer", priority=605)


def _is_assessment(exercise: str) -> bool:
    from ..errors import InputError
    from ..grader import keys
    from .html import assessment_of

    try:
        return bool(assessment_of(keys.key_for(exercise)))
    except InputError:  # a broken exercise: reported by its directive
        return False


def _code_and_course_version() -> int:
    """A number that changes with the package's code and compiled course (Sphinx keeps the
    pages it read until an extension's ``env_version`` changes)."""
    import hashlib

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if (
            path.suffix in (".py", ".json", ".js", ".css", ".j2")
            and "__pycache__" not in path.parts
        ):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


def _compiled_is_current(app: Any) -> None:
    """builder-inited: the book shows the compiled course; when its YAML files say something
    else (a key edited and not compiled, or one that no longer compiles), the build stops
    with one line that says what to do."""
    from sphinx.errors import ExtensionError

    from ..authoring.bundle import build, stale
    from ..errors import KeyFileError
    from ..grader.course import COMPILED_DIR, compiled, compiled_folder, pinned, use_compiled

    if compiled_folder() != COMPILED_DIR and "overlay" not in compiled():
        return  # a test book's keys, compiled for it
    before = pinned()
    try:
        old = stale(build())
    except KeyFileError as exc:
        raise ExtensionError(f"a course file cannot be compiled: {exc}") from None
    finally:
        use_compiled(before)  # the compiler's rules put away: the pages read the compiled ones
    if old:
        raise ExtensionError(
            f"the compiled course is out of date ({', '.join(old[:3])}"
            f"{'...' if len(old) > 3 else ''}): run `ams-exercises dev compile`"
        )


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("ams_exercises_hide_solutions", _hide_by_default, "env", types=[bool])
    app.add_config_value("ams_exercises_overlay", _overlay_by_default, "env", types=[str])
    # None: the final assessment module's own pass_mark
    app.add_config_value("ams_exercises_pass_mark", None, "env", types=[int, str, type(None)])
    # set by the extension (the overlay's fingerprint), never by hand
    app.add_config_value("ams_exercises_overlay_compiled", "", "env", types=[str])
    app.add_node(
        ams_exercise,
        html=(visit_html, None),
        latex=(visit_plain, depart_plain),
        text=(visit_plain, depart_plain),
        man=(visit_plain, depart_plain),
        texinfo=(visit_plain, depart_plain),
    )
    app.add_directive("ams-exercise", AmsExerciseDirective)
    # A broken exercise: its page is remembered, read again next time, and fails the build.
    app.connect("env-purge-doc", forget_page)
    app.connect("env-merge-info", merge_pages)
    app.connect("env-get-outdated", read_again)
    # Steps of the build, by name: their order is declared in ..build_pipeline.
    add_finished_step(app, "broken exercises", fail_the_build, every_builder=True)
    add_finished_step(app, "compact static", compact_static)
    add_page_context_step(app, "notebook download", offer_ipynb)
    # builder-inited: the compiled course is what the course's files say.
    app.connect("builder-inited", _compiled_is_current)
    # config-inited: the state's overlay first, then the static folder before the builder
    # copies static files.
    app.connect("config-inited", _use_overlay, priority=400)
    app.connect("config-inited", _add_static_path)
    app.connect("config-inited", _check_pass_mark)
    app.connect("config-inited", _notebook_cache_per_grader)
    # html-page-context: per page, only where an exercise is rendered.
    app.connect("html-page-context", _page_assets)
    # Progress kept in the browser or the LMS: the list of checks, and the
    # progress script on every page, after the exercise script.
    app.connect("env-updated", write_catalog)
    app.connect("html-page-context", progress_assets)
    from importlib.metadata import version

    return {
        "version": version("ams-exercises"),
        # pages hold what this package renders: a change to its code or course re-reads them
        "env_version": _code_and_course_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
