"""Render handouts to PDF: Jinja2 print templates and ``print.css``, set by WeasyPrint.

Each PDF is tagged (WeasyPrint's PDF/UA-1 variant) with its title and language, fonts
embedded (DejaVu, found through fontconfig), page numbers, and a running header naming the
course and the module. Jinja2 and WeasyPrint are imported here only, when a command needs
them. Writing a PDF replaces a file of the same name: handouts are regenerable output.
Temporary PDFs that a killed run left in the folder are removed on the next run, once stale.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..errors import InputError
from ..files.atomic import replacing, tidy_file_leftovers
from ..files.templates import environment
from ..grader.keys import all_keys, modules
from ..grader.workshop import workshop
from .content import COURSE_TITLE, EDITIONS, PAPERS, Handout, plan_handouts

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STYLESHEET = HERE / "print.css"
PDF_VARIANT = "pdf/ua-1"
EDITION_LABELS = {
    "learner": "Learner edition",
    "trainer": "Trainer edition: holds the answers, not for learners",
}


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    if not hours:
        return f"{mins} minutes"
    return f"{hours} h {mins:02d} min" if mins else f"{hours} hour{'s' if hours > 1 else ''}"


def _offline_fetcher():
    """A URL fetcher for local files only: a handout never loads anything from the network."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 68 fetches only what the HTML names: nothing here
        return None
    return URLFetcher(allowed_protocols=("file", "data"))


class HandoutRenderer:
    """Fills the templates and writes PDFs, sharing fonts and the stylesheet between them."""

    def __init__(self) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self._env = environment(TEMPLATES, {"duration": _duration})
        self._fonts = FontConfiguration()
        self._fetcher = _offline_fetcher()
        self._css = CSS(
            filename=str(STYLESHEET), font_config=self._fonts, url_fetcher=self._fetcher
        )
        self._cache: dict = {}

    def html(self, handout: Handout) -> str:
        """The handout as HTML for print."""
        scope_title = (
            f"The whole course: {len(handout.modules)} modules"
            if handout.is_course
            else f"Module {handout.modules[0].number}: {handout.modules[0].title}"
        )
        return self._env.get_template("handout.html.j2").render(
            h=handout,
            course=COURSE_TITLE,
            scope_title=scope_title,
            page_size=PAPERS[handout.paper],
            edition_label=EDITION_LABELS[handout.edition],
        )

    def write_pdf(self, handout: Handout, path: Path) -> Path:
        """Render ``handout`` to ``path`` (written under a temporary name, then renamed)."""
        from weasyprint import HTML

        html = HTML(string=self.html(handout), base_url=str(TEMPLATES), url_fetcher=self._fetcher)
        document = html.render(
            stylesheets=[self._css],
            font_config=self._fonts,
            pdf_variant=PDF_VARIANT,
            cache=self._cache,
        )
        with replacing(path, mode=0o644) as tmp:
            document.write_pdf(str(tmp), pdf_variant=PDF_VARIANT, pdf_tags=True)
        return path


def select_handouts(
    module_ids: Sequence[str] = (), editions: Sequence[str] = EDITIONS, paper: str = "letter"
) -> list[Handout]:
    """The handouts to print for these options; unknown or empty modules are bad input."""
    mods = modules()
    for mid in module_ids:
        if mid not in mods:
            raise InputError(
                f"--module {mid}", f"is not a module of the course (modules: {', '.join(mods)})"
            )
    keys = all_keys()
    for mid in module_ids:
        if not any(k.module == mid for k in keys):
            raise InputError(
                f"--module {mid}", "has no exercises yet, so there is nothing to print"
            )
    if not keys:
        raise InputError(
            "ams_exercises/course/keys", "holds no answer keys, so there is nothing to print"
        )
    return plan_handouts(
        keys,
        list(mods.values()),
        module_ids=module_ids,
        editions=editions,
        paper=paper,
        course_time=_course_time(),
        workshop=workshop(),
    )


def _course_time() -> str:
    """The course's time as the book prints it, or "" without the book beside the package."""
    from .. import course_time

    if not (course_time.REPO_ROOT / "_toc.yml").is_file():
        return ""
    return course_time.described(list(course_time.course_time().pages))


def _cost(handout: Handout) -> int:
    """Rough layout work: trainer pages hold about four times the text of learner pages."""
    return handout.exercise_count * (4 if handout.trainer else 1)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_RENDERER: HandoutRenderer | None = None


def _write_one(handout: Handout, path: Path) -> Path:
    """Write one handout with this process's renderer (one per worker process)."""
    global _RENDERER
    if _RENDERER is None:
        _RENDERER = HandoutRenderer()
    return _RENDERER.write_pdf(handout, path)


def build_handouts(
    out_dir: Path,
    handouts: Sequence[Handout],
    *,
    jobs: int | None = None,
    on_written: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Write every handout into ``out_dir`` (created if needed); returns the paths written.

    Layout is CPU-bound, so handouts are set in ``jobs`` worker processes (default: one per
    CPU), the biggest first.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(out_dir, "is a file; give a folder for the handouts")
    out_dir.mkdir(parents=True, exist_ok=True)
    tidy_file_leftovers(out_dir, ".pdf")  # stale .pdf.<random>.tmp files of killed runs
    paths = {h: out_dir / h.filename for h in handouts}
    jobs = max(1, min(jobs or _cpus(), len(handouts)))
    if jobs == 1:
        for handout in handouts:
            _write_one(handout, paths[handout])
            if on_written is not None:
                on_written(paths[handout])
        return list(paths.values())
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        futures = [
            pool.submit(_write_one, h, paths[h]) for h in sorted(handouts, key=_cost, reverse=True)
        ]
        for future in as_completed(futures):
            written = future.result()
            if on_written is not None:
                on_written(written)
    return list(paths.values())
