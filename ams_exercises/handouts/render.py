"""Render handouts to PDF: Jinja2 print templates and ``print.css``, set by WeasyPrint.

Each PDF is tagged (WeasyPrint's PDF/UA-1 variant, table headers given their scope, the
fillable edition's form fields named and tagged by :mod:`.forms`) with
its title and language, fonts embedded (Liberation Sans, DejaVu for any glyph it lacks,
found through fontconfig), page numbers, and a running header naming the course and the
module. A learner edition is laid out twice, the second time with the room measured below
each exercise turned into ruled lines. Jinja2 and WeasyPrint are imported here only, when a
command needs them. Writing a PDF replaces a file of the same name: handouts are regenerable output.
Temporary PDFs that a killed run left in the folder are removed on the next run, once stale.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..authoring.workshop import workshop
from ..errors import InputError
from ..files.atomic import replacing, tidy_file_leftovers
from ..files.templates import environment
from ..grader.keys import all_keys, modules
from ..grader.lexicon import role_definitions
from ..grader.vocabulary import FIELD_NAMES
from .editions import COURSE_TITLE, EDITION_TITLES, EDITIONS, PAPERS
from .forms import form_finisher
from .lines import fewest_lines, fill_lines
from .plan import job_aid_traps, plan_handouts, scenario_cards
from .views import WHO_INPUTS, Handout, form_descriptions, form_inputs

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STYLESHEET = HERE / "print.css"
PDF_VARIANT = "pdf/ua-1"
MM_PER_PX = 25.4 / 96  # WeasyPrint lays out in CSS pixels
#: Room kept free under the last ruled line of a sheet.
SPARE_SAFETY_MM = 1.5
EDITION_LABELS = {
    "learner": "Learner edition",
    "large-print": "Large print edition",
    "fillable": "Learner edition: type your answers in the boxes",
    "trainer": "Trainer edition: holds the answers, not for learners",
}


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    if not hours:
        return f"{mins} minutes"
    return f"{hours} h {mins:02d} min" if mins else f"{hours} hour{'s' if hours > 1 else ''}"


def _code(text: str):
    """Plan text with its `backticks` (Markdown, as the book shows it) set as code."""
    import re

    from markupsafe import Markup, escape

    parts = re.split(r"`([^`]+)`", str(text))
    return Markup("").join(
        Markup("<code>{}</code>").format(p) if i % 2 else escape(p) for i, p in enumerate(parts)
    )


def _offline_fetcher():
    """A URL fetcher for local files only: a handout never loads anything from the network."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 68 fetches only what the HTML names: nothing here
        return None
    return URLFetcher(allowed_protocols=("file", "data"))


def _scope_table_headers(_document: object, pdf: object) -> None:
    """WeasyPrint's finisher: give every table header cell its ``/Scope`` (PDF/UA-1 7.5).

    WeasyPrint tags ``<th>`` as ``/TH`` but writes no scope. A header in the table's head
    row heads its column; any other (the ``<th scope="row">`` of a body or foot row) heads
    its row.
    """
    import pydyf

    objects = pdf.objects  # type: ignore[attr-defined]

    def parent(element: dict) -> dict | None:
        ref = element.get("P")
        if not isinstance(ref, (str, bytes)):
            return None
        number = int(str(ref if isinstance(ref, str) else ref.decode()).split()[0])
        found = objects[number] if number < len(objects) else None
        return found if isinstance(found, dict) else None

    for obj in objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH":
            row = parent(obj)
            group = parent(row) if row is not None else None
            in_head = group is not None and group.get("S") == "/THead"
            obj["A"] = pydyf.Dictionary({"O": "/Table", "Scope": "/Column" if in_head else "/Row"})


class HandoutRenderer:
    """Fills the templates and writes PDFs, sharing fonts and the stylesheet between them."""

    def __init__(self) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self._env = environment(TEMPLATES, {"duration": _duration, "code": _code})
        self._fonts = FontConfiguration()
        self._fetcher = _offline_fetcher()
        self._css = CSS(
            filename=str(STYLESHEET), font_config=self._fonts, url_fetcher=self._fetcher
        )
        self._cache: dict = {}

    def html(self, handout: Handout) -> str:
        """The handout as HTML for print."""
        if handout.is_kit:
            return self._env.get_template("kit.html.j2").render(
                h=handout,
                w=handout.workshop,
                course=COURSE_TITLE,
                page_size=PAPERS[handout.paper],
                cards=scenario_cards(handout.workshop),
                traps=job_aid_traps(handout.workshop),
                field_names=FIELD_NAMES,
                role_definitions=role_definitions(),
            )
        if handout.is_document:
            return self._env.get_template("materials.html.j2").render(
                h=handout,
                w=handout.workshop,
                course=COURSE_TITLE,
                page_size=handout.page_size,
                **materials_context(handout),
            )
        scope_title = (
            f"The whole course: {len(handout.modules)} chapters"
            if handout.is_course
            else handout.modules[0].name
        )
        return self._env.get_template("handout.html.j2").render(
            h=handout,
            course=COURSE_TITLE,
            scope_title=scope_title,
            page_size=PAPERS[handout.paper],
            edition_label=EDITION_LABELS[handout.edition],
            edition_title=EDITION_TITLES[handout.edition],
            field_names=FIELD_NAMES,
            role_definitions=role_definitions(),
            inputs=form_inputs,
            who_inputs=WHO_INPUTS,
        )

    def _render(self, handout: Handout):  # -> weasyprint.Document
        from weasyprint import HTML

        html = HTML(string=self.html(handout), base_url=str(TEMPLATES), url_fetcher=self._fetcher)
        return html.render(
            stylesheets=[self._css],
            font_config=self._fonts,
            pdf_variant=PDF_VARIANT,
            pdf_forms=handout.fillable,
            cache=self._cache,
        )

    def document(self, handout: Handout):  # -> weasyprint.Document
        """The laid-out handout. A learner edition is laid out twice: with the lines each
        field needs, then with the room measured below each exercise shared among its
        fields, so every sheet is filled and none runs over."""
        return self.laid_out(handout)[0]

    def laid_out(self, handout: Handout):  # -> (weasyprint.Document, Handout)
        """The laid-out handout (see :meth:`document`) and the handout as finally laid out,
        with the lines (or the fillable edition's entry boxes) each field got."""
        document = self._render(handout)
        if handout.trainer:
            return document, handout
        pushed = pushed_off_their_module_page(document, handout)
        if pushed:
            handout = fewest_lines(handout, pushed)
            document = self._render(handout)
        spare = {
            exercise: int((mm - SPARE_SAFETY_MM) // handout.line_mm)
            for exercise, mm in room_below_exercises(document).items()
        }
        if not any(n > 0 for n in spare.values()):
            return document, handout
        handout = fill_lines(handout, spare, fields_on_last_page(document))
        return self._render(handout), handout

    def write_pdf(self, handout: Handout, path: Path) -> Path:
        """Render ``handout`` to ``path`` (written under a temporary name, then renamed)."""
        document, handout = self.laid_out(handout)
        finisher = _scope_table_headers
        if handout.fillable:
            finisher = form_finisher(form_descriptions(handout), _scope_table_headers)
        with replacing(path, mode=0o644) as tmp:
            document.write_pdf(
                str(tmp),
                pdf_variant=PDF_VARIANT,
                pdf_tags=True,
                pdf_forms=handout.fillable,
                finisher=finisher,
            )
        return path


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def pushed_off_their_module_page(document, handout: Handout) -> set[str]:
    """The first exercise of each module whose page holds the module's heading but not the
    exercise (it did not fit under the heading and the roles box)."""
    firsts = {m.id: m.exercises[0].id for m in handout.modules if m.exercises}
    pushed = set()
    for page in document.pages:
        headings, exercises = [], set()
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None:
                continue
            ident = element.get("id", "")
            if ident.startswith("module-") and ident.endswith("-title"):
                headings.append(ident[len("module-") : -len("-title")])
            elif ident.startswith("ex-") and box.element_tag == "article":
                exercises.add(ident[3:])
        pushed |= {firsts[m] for m in headings if m in firsts and firsts[m] not in exercises}
    return pushed


def room_below_exercises(document) -> dict[str, float]:
    """For each exercise that ends a page (a learner sheet), the room in mm between its
    bottom and the bottom of the page's text area, by exercise id."""
    room: dict[str, float] = {}
    for page in document.pages:
        page_box = page._page_box
        bottom = page_box.content_box_y() + page_box.height
        for box in _boxes(page_box):
            element = getattr(box, "element", None)
            if element is None or getattr(box, "element_tag", None) != "article":
                continue
            ident = element.get("id", "")
            if ident.startswith("ex-") and "exercise" in element.get("class", "").split():
                end = box.border_box_y() + box.border_height()
                room[ident[3:]] = (bottom - end) * MM_PER_PX
    return room


def fields_on_last_page(document) -> dict[str, set[str]]:
    """For each exercise of a learner sheet, the fields (by name) on the page where it
    ends: the answer spaces are ``<div id="ex-ID-space-FIELD">``."""
    pages: dict[str, list[set[str]]] = {}
    for page in document.pages:
        here: dict[str, set[str]] = {}
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            ident = element.get("id", "") if element is not None else ""
            if ident.startswith("ex-") and "-space-" in ident:
                exercise, _, name = ident[3:].rpartition("-space-")
                here.setdefault(exercise, set()).add(name)
        for exercise, names in here.items():
            pages.setdefault(exercise, []).append(names)
    return {exercise: seen[-1] for exercise, seen in pages.items()}


def _exercise_numbers() -> dict[str, tuple[str, ...]]:
    """By trap: the exercises whose keys show it ("2.3 Court scheduling"), numbered as the
    worksheets number them."""
    from ..grader.vocabulary import TRAPS
    from .from_keys import module_views

    out: dict[str, list[str]] = {t: [] for t in TRAPS}
    by_id = {k.id: k for k in all_keys()}
    for module in module_views(all_keys(), list(modules().values()), "learner"):
        for e in module.exercises:
            trap = by_id[e.id].trap
            if trap:
                out[trap].append(f"{e.number} {e.title}")
    return {t: tuple(v) for t, v in out.items()}


def course_minutes() -> int:
    """The course's time in minutes, or 0 without the book beside the package."""
    from .. import course_time

    if not (course_time.REPO_ROOT / "_toc.yml").is_file():
        return 0
    return course_time.course_time().minutes


def materials_context(handout: Handout) -> dict:
    """What a document's template prints, read from the book and the plans."""
    from . import materials as m

    plan = handout.workshop or workshop()
    scope = handout.scope
    out: dict = {"scope": scope, "duration": _duration}
    if scope == "trap-sheets":
        out |= {"traps": m.trap_sheets(_exercise_numbers()), "block": m.trap_block(plan)}
    elif scope == "case-readings":
        block = m.plan_block(plan, m.CASES_CHAPTER)
        out |= {
            "cases": m.case_readings(plan),
            "block": block,
            "parts": m.task_parts(block.task) if block else (),
        }
    elif scope == "apply-checklist":
        out |= {"checklist": m.apply_checklist(), "block": m.plan_block(plan, m.APPLY_CHAPTER)}
    elif scope in ("role-map-template", "role-map-poster"):
        figure = m.role_map_figure()
        out |= {
            "figure": figure,
            "figure_src": _data_address(figure.svg),
            "blank_src": _data_address(m.blank_role_map(figure.svg)),
            "blank_alt": m.BLANK_ALT,
            "rule": role_definitions()["primary_customer"],
        }
    elif scope in ("sign-in-sheet", "certificates", "catalog-description"):
        minutes = course_minutes()
        full, core, core_minutes = _path_labels()
        out |= {
            "certificates": m.certificates(plan, minutes),
            "catalog": m.catalog(plan, full, minutes, core, core_minutes),
            "hours_label": m.hours_label,
            "contact_hours": m.contact_hours,
        }
    elif scope == "evaluation-form":
        out |= {
            "reaction": m.REACTION,
            "scale": m.SCALE,
            "intended": m.INTENDED_USE,
            "open": m.OPEN_QUESTIONS,
        }
    elif scope == "follow-up":
        out |= {"choices": m.FOLLOW_UP_CHOICES, "open": m.FOLLOW_UP_OPEN}
    return out


def _data_address(svg: str) -> str:
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def select_handouts(
    module_ids: Sequence[str] = (),
    editions: Sequence[str] = EDITIONS,
    paper: str = "letter",
    *,
    with_assessments: bool = False,
) -> list[Handout]:
    """The handouts to print for these options; unknown or empty modules are bad input, and
    so is asking only for an assessment's answer key without ``with_assessments``."""
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
    planned = plan_handouts(
        keys,
        list(mods.values()),
        module_ids=module_ids,
        editions=editions,
        paper=paper,
        course_time=course_time_label(),
        workshop=workshop(),
        with_assessments=with_assessments,
    )
    if not planned:
        mid = next((m for m in module_ids if mods[m].assessment), module_ids[0])
        raise InputError(
            f"--module {mid}",
            "is an assessment, so its answer key is printed only with --with-assessments "
            "(keep it away from learners)",
        )
    return planned


def course_time_label() -> str:
    """Both paths' times as the book prints them ("The core path takes about ...; the full
    course takes about ..."), or "" without the book beside the package."""
    from .. import course_time

    if not (course_time.REPO_ROOT / "_toc.yml").is_file():
        return ""
    return course_time.paths_summary()


def _path_labels() -> tuple[str, str, int]:
    """The full course's and the core path's times as the book describes them, and the core
    path's minutes ("", "", 0 without the book beside the package)."""
    from .. import course_time

    if not (course_time.REPO_ROOT / "_toc.yml").is_file():
        return "", "", 0
    times = course_time.course_time()
    core = list(times.core)
    return course_time.described(list(times.pages)), course_time.described(core), times.core_minutes


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
