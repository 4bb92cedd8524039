"""The handouts on the course's web site: every PDF, built with the book from the same keys.

A Sphinx extension (``ams_exercises.handouts.site`` in ``_config.yml``). At the start of an
HTML build it works out every handout the site offers (the whole course and each module;
the learner editions, to write on, in large print and to fill in on screen, and the
trainer's; Letter and A4; the workshop materials and the office's paperwork; only what
learners use when the book is built with ``AMS_EXERCISES_HIDE_SOLUTIONS=1``) and starts a
background process that sets the missing ones in parallel worker processes while Sphinx
reads and writes the pages.

PDFs are cached in ``_build/handouts-cache/<fingerprint>/``. The fingerprint is a hash of
the package version, WeasyPrint's version, the compiled course (keys, modules, language
rules) and the workshop plan, the grader (vocabulary, normalizing) and what the handouts
are made with (content and rendering code, templates, print style sheet): a build whose
keys and templates did not change costs nothing, and the edition without solutions reuses
the learner PDFs of the full one.

The ``{ams-handouts}`` directive lists them, grouped by scope, each link naming its
edition, paper size and file size; when the worker is still busy as that page is written,
the list is filled in at the end of the build. Then the PDFs are copied to the site's
``handouts/`` folder. A handout that fails to build fails the book build with the
worker's last error line.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

from .editions import DOCUMENTS, EDITIONS, GROUPS, LEARNER_EDITIONS, PAPERS
from .plan import document_handout, plan_handouts
from .views import Handout

PACKAGE = Path(__file__).resolve().parent.parent
#: What the PDFs are made from: a change to any of these makes new PDFs.
SOURCES = (
    (PACKAGE / "compiled", ("*.json", "keys/*.json")),
    (PACKAGE / "course", ("workshop.yaml",)),
    (PACKAGE / "handouts", ("*.py", "*.css", "*.yaml", "templates/*.j2")),
    (PACKAGE / "grader", ("*.py",)),
    (PACKAGE / "files", ("templates.py",)),
    (PACKAGE, ("role_map.py", "shown.py", "course_time.py")),  # role maps, certificates
)
CACHE = "handouts-cache"
SITE_FOLDER = "handouts"
EDITION_NAMES = {
    "learner": "Learner worksheets",
    "large-print": "Learner worksheets in large print (18 pt)",
    "fillable": "Learner worksheets to fill in on screen (form fields)",
    "trainer": "Trainer's answer key",
}
PAPER_NAMES = {"letter": "US Letter paper", "a4": "A4 paper"}
SHEET_NAMES = {"tabloid": "tabloid paper (11 × 17 in)", "a3": "A3 paper"}
#: The decks' files, and how a link names each.
SLIDE_TYPES = {".pptx": "PowerPoint, editable", ".pdf": "PDF"}
SLIDE_PLANS = {"workshop": "The 2½-hour workshop", "short": "The 90-minute workshop"}


def site_handouts(*, trainer: bool = True) -> list[Handout]:
    """Every handout the site offers: course and modules, each edition, each paper, and
    the documents. No trainer edition holds the pre-check or the final assessment: their
    answers stay off the site, where learners could read them (see :func:`plan_handouts`).
    Without ``trainer`` (the edition without solutions), only what learners
    use: the learner editions and the learners' materials, never a key, the workshop kit,
    the poster or the office's paperwork."""
    from ..authoring.workshop import workshop
    from ..grader.keys import all_keys, modules
    from . import materials
    from .render import course_time_label

    keys, mods = all_keys(), list(modules().values())
    editions = EDITIONS if trainer else LEARNER_EDITIONS
    # As `ams-exercises handouts` plans them: the course's time, the trainer's session plan.
    extras = {"course_time": course_time_label(), "workshop": workshop()}
    out: list[Handout] = []
    for paper in PAPERS:
        out += plan_handouts(keys, mods, editions=editions, paper=paper, **extras)
    # The kit is made from the plan alone; the other documents are read from the book, so
    # they are made only beside it.
    scopes = list(DOCUMENTS) if materials.available() else ["workshop-kit"]
    if not trainer:  # the kit holds the sort's answers and the debriefs: a trainer's file
        scopes = [s for s in scopes if DOCUMENTS[s].group == "learners"]
    out += [document_handout(scope, paper, **extras) for scope in scopes for paper in PAPERS]
    return out


def fingerprint() -> str:
    """A hash of everything a handout is made from (see the module's docstring)."""
    digest = hashlib.sha256()
    for name in ("ams-exercises", "weasyprint"):
        digest.update(f"{name}={version(name)}\n".encode())
    # The course's time on the covers is counted from the book's pages: the figure itself
    # counts, so an edit to the prose that leaves it alone rebuilds nothing.
    from .render import course_time_label

    digest.update(f"course time={course_time_label()}\n".encode())
    # A state's overlay: its compiled course's folder is named by its fingerprint.
    from ..grader.course import compiled_folder

    digest.update(f"compiled={compiled_folder().name}\n".encode())
    from .materials import BOOK_SOURCES

    for folder, patterns in [*SOURCES, (PACKAGE.parent, BOOK_SOURCES)]:
        for path in sorted({p for pattern in patterns for p in folder.glob(pattern)}):
            digest.update(path.relative_to(PACKAGE.parent).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def human_size(size: int) -> str:
    """A file size as a reader says it: "86 KB", "1.2 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


@dataclass
class SiteHandouts:
    """One build's handouts: what is planned, where they are cached, and the worker."""

    cache: Path
    handouts: list[Handout]
    hidden_trainer: bool
    process: subprocess.Popen | None = None
    log: Path | None = None
    error: str | None = None
    waited: bool = field(default=False)
    #: Pages written while the worker was still busy: (docname, heading level). Their list
    #: is filled in at the end of the build, so Sphinx never waits for the PDFs mid-way.
    pending: list[tuple[str, int]] = field(default_factory=list)
    #: The workshop decks, trainer's edition only (see :func:`_slides`).
    slides: list[Path] = field(default_factory=list)

    @property
    def busy(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def path(self, handout: Handout) -> Path:
        return self.cache / handout.filename

    def missing(self) -> list[Handout]:
        return [h for h in self.handouts if not self.path(h).is_file()]

    def start(self) -> None:
        """Start building the missing handouts in the background (nothing when none is)."""
        todo = self.missing()
        if not todo:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        self.log = self.cache.parent / f"{self.cache.name}.log"
        with open(self.log, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "ams_exercises", "dev", "site-handouts"),
                    str(self.cache),
                    *(h.filename for h in todo),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    def wait(self) -> None:
        """Wait for the worker; a failure is kept in ``error`` (one line)."""
        if self.waited:
            return
        self.waited = True
        if self.process is not None and self.process.wait() != 0:
            lines = self.log.read_text(encoding="utf-8").strip().splitlines() if self.log else []
            self.error = lines[-1] if lines else f"exit code {self.process.returncode}"
        still = self.missing()
        if still and self.error is None:
            self.error = f"{len(still)} handouts were not written, e.g. {still[0].filename}"


def _state(app: Any) -> SiteHandouts | None:
    return getattr(app, "ams_site_handouts", None)


def _start(app: Any) -> None:
    """builder-inited: plan the handouts, drop stale caches, start the worker."""
    if getattr(app.builder, "format", "") != "html":
        return
    hidden = bool(getattr(app.config, "ams_exercises_hide_solutions", False))
    root = Path(app.outdir).parent / CACHE
    current = fingerprint()
    if root.is_dir():
        for old in root.iterdir():
            if old.name != current and not old.name.startswith(current):
                shutil.rmtree(old) if old.is_dir() else old.unlink()
    state = SiteHandouts(root / current, site_handouts(trainer=not hidden), hidden)
    state.start()
    if not hidden:
        state.slides = _slides(state.cache / f"slides-{_book_digest()}")
    app.ams_site_handouts = state


def _book_digest() -> str:
    """A hash of the book's pages and figures, which the slides quote and draw."""
    digest = hashlib.sha256()
    book = PACKAGE.parent / "book"
    for path in sorted([*book.glob("**/*.md"), *book.glob("images/*.svg")]):
        digest.update(path.relative_to(book).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _slides(folder: Path) -> list[Path]:
    """The workshop decks (PowerPoint, and the same slides as a PDF) for both plans, made
    once per fingerprint: a trainer's files, from the workshop plan and the book."""
    from .slides import PLANS, write_slides

    wanted = [folder / f"workshop-slides-{plan}{ext}" for plan in PLANS for ext in SLIDE_TYPES]
    if not all(p.is_file() for p in wanted):
        for plan in PLANS:
            write_slides(folder, plan)
    return wanted


def _marker(docname: str) -> str:
    return f"<!-- ams-handouts: {docname} -->"


def _stop(app: Any, exception: Exception | None) -> None:
    """build-finished: a failed build stops the worker (what it wrote is kept)."""
    state = _state(app)
    if exception is not None and state is not None and state.busy:
        state.process.terminate()


def _finish(app: Any) -> None:
    """After the build, before the pages are rewritten: wait for the worker, copy the PDFs
    into the site's ``handouts/`` folder (and only them), and fill in the list on the pages
    written while the worker was busy. A handout that failed fails the build."""
    state = _state(app)
    if state is None:
        return
    state.wait()
    if state.error:
        from ..build_pipeline import fail_build

        fail_build(app, f"handouts: {state.error} (log: {state.log})")
        return
    for docname, level in state.pending:
        page = Path(app.outdir) / f"{docname}.html"
        text = page.read_text("utf-8")
        page.write_text(
            text.replace(_marker(docname), handouts_html(state, docname, level)), "utf-8"
        )
    target = Path(app.outdir) / SITE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    wanted = {h.filename for h in state.handouts} | {p.name for p in state.slides}
    for deck in state.slides:
        shutil.copy2(deck, target / deck.name)
    for old in target.iterdir():
        if old.name not in wanted:
            old.unlink()
    for handout in state.handouts:
        source, dest = state.path(handout), target / handout.filename
        if (
            not dest.exists()
            or dest.stat().st_size != source.stat().st_size
            or (dest.stat().st_mtime < source.stat().st_mtime)
        ):
            shutil.copy2(source, dest)


class ams_handouts(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Where the list of handouts goes; written when the PDFs are ready."""


class HandoutsDirective(Directive):
    """``{ams-handouts}``: the list of every handout the site offers."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        pages = getattr(env, "ams_handout_pages", set())
        pages.add(env.docname)
        env.ams_handout_pages = pages
        return [ams_handouts()]


def _scope_name(handout: Handout) -> str:
    if handout.document is not None:
        return handout.document.name
    if handout.is_course:
        return "The whole course"
    return handout.modules[0].name


def _link_name(handout: Handout) -> str:
    if handout.document is not None:
        return handout.document.name
    return EDITION_NAMES[handout.edition]


def _paper_name(handout: Handout) -> str:
    if handout.document is not None:
        tag = handout.document.size(handout.paper)[1]
        return SHEET_NAMES.get(tag, PAPER_NAMES[handout.paper])
    return PAPER_NAMES[handout.paper]


def _about(handout: Handout) -> str:
    if handout.document is not None:
        return handout.document.about
    count = handout.exercise_count
    kind = "answer key" if handout.trainer else "worksheets"
    return f"{count} exercise{'s' if count != 1 else ''}: {kind}"


def handouts_html(state: SiteHandouts, docname: str, level: int = 2) -> str:
    """The list as HTML: a heading per group (for learners, for trainers, for the training
    office), then one per scope, a link per edition and paper with the file's size."""
    groups: dict[str, dict[tuple[str, str], list[Handout]]] = {g: {} for g in GROUPS}
    for handout in state.handouts:
        # A scope's learner editions are listed together, under one heading.
        edition = "trainer" if handout.trainer else "learner"
        groups[handout.group].setdefault((handout.scope, edition), []).append(handout)
    here = posixpath.dirname(docname)
    out = []
    if state.hidden_trainer:
        out.append(
            '<p class="ams-handouts-note">This edition of the course has no solutions, so it '
            "offers what learners use only: the worksheets and the learners' materials. The "
            "answer keys, the workshop kit and the office's paperwork are in the trainer's "
            "edition of the course site.</p>"
        )
    order = {(e, p): i for i, (e, p) in enumerate((e, p) for e in EDITIONS for p in PAPERS)}
    sub = min(level + 1, 6)
    for group, scopes in groups.items():
        if not scopes:
            continue
        out.append(
            f'<section class="ams-handouts-group" aria-labelledby="handouts-for-{group}">'
            f'<h{level} id="handouts-for-{group}">{html.escape(GROUPS[group])}</h{level}>'
        )
        for (scope, edition), handouts in scopes.items():
            first = handouts[0]
            ident = f"handouts-{scope}-{edition}" if not first.is_document else f"handouts-{scope}"
            out.append(
                f'<section class="ams-handouts-scope" aria-labelledby="{ident}">'
                f'<h{sub} id="{ident}">{html.escape(_scope_name(first))}</h{sub}>'
                f"<p>{html.escape(_about(first))}</p><ul>"
            )
            for handout in sorted(handouts, key=lambda h: order[h.edition, h.paper]):
                href = posixpath.relpath(f"{SITE_FOLDER}/{handout.filename}", here or ".")
                size = human_size(state.path(handout).stat().st_size)
                text = f"{_link_name(handout)}, {_paper_name(handout)} (PDF, {size})"
                out.append(
                    f'<li><a href="{html.escape(href)}" type="application/pdf">'
                    f"{html.escape(text)}</a></li>"
                )
            out.append("</ul></section>")
        if group == "trainers" and state.slides:
            out.append(_slides_html(state.slides, here, sub))
        out.append("</section>")
    return "\n".join(out)


def _slides_html(decks: list[Path], here: str, level: int) -> str:
    """The workshop slides, under "For trainers": each plan's deck and its PDF."""
    out = [
        '<section class="ams-handouts-scope" aria-labelledby="handouts-slides">'
        f'<h{level} id="handouts-slides">Workshop slides</h{level}>'
        "<p>A slide for each teaching point of the workshop plan, the groups' tasks with "
        "their timings, and the facilitator's script as speaker notes: an editable "
        "PowerPoint deck (it opens in Google Slides too), and the same slides as a PDF.</p>"
        "<ul>"
    ]
    for deck in decks:
        plan = deck.stem.removeprefix("workshop-slides-")
        href = posixpath.relpath(f"{SITE_FOLDER}/{deck.name}", here or ".")
        kind = SLIDE_TYPES[deck.suffix]
        text = f"{SLIDE_PLANS[plan]}, {kind} ({human_size(deck.stat().st_size)})"
        mime = (
            "application/pdf"
            if deck.suffix == ".pdf"
            else "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        )
        out.append(f'<li><a href="{html.escape(href)}" type="{mime}">{html.escape(text)}</a></li>')
    out.append("</ul></section>")
    return "".join(out)


def _visit_html(self: Any, node: ams_handouts) -> None:
    state = _state(self.builder.app)
    if state is None:
        raise nodes.SkipNode
    level = getattr(self, "section_level", 1) + 1
    docname = self.builder.current_docname
    if state.busy:
        state.pending.append((docname, level))
        self.body.append(_marker(docname))
        raise nodes.SkipNode
    state.wait()
    if state.error:  # reported once, when the build has finished
        raise nodes.SkipNode
    self.body.append(handouts_html(state, docname, level))
    raise nodes.SkipNode


def _skip(self: Any, node: ams_handouts) -> None:
    raise nodes.SkipNode


def _purge(app: Any, env: Any, docname: str) -> None:
    getattr(env, "ams_handout_pages", set()).discard(docname)


def _merge(app: Any, env: Any, docnames: Any, other: Any) -> None:
    pages = getattr(env, "ams_handout_pages", set())
    env.ams_handout_pages = pages | getattr(other, "ams_handout_pages", set())


def _rewrite(app: Any, env: Any, added: Any, changed: Any, removed: Any) -> list[str]:
    """The handouts page is written on every build: its sizes follow the PDFs."""
    return sorted(getattr(env, "ams_handout_pages", set()) - set(removed))


def setup(app: Any) -> dict[str, Any]:
    from ..build_pipeline import add_finished_step  # the PDF worker does without Sphinx

    app.add_node(
        ams_handouts,
        html=(_visit_html, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("ams-handouts", HandoutsDirective)
    app.connect("builder-inited", _start)
    add_finished_step(app, "handouts", _finish)
    app.connect("build-finished", _stop)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _rewrite)
    return {
        "version": version("ams-exercises"),
        "parallel_read_safe": True,
        "parallel_write_safe": False,
    }


def build_site_handouts(folder: Path, filenames: list[str]) -> str | None:
    """The worker's job (``ams-exercises dev site-handouts FOLDER FILE...``): write those
    handouts of the site into ``folder``; what went wrong, in one line, or None."""
    from .render import build_handouts

    wanted = set(filenames)
    todo = [h for h in site_handouts(trainer=True) if h.filename in wanted]
    unknown = wanted - {h.filename for h in todo}
    if unknown:
        return f"not a handout of the site: {', '.join(sorted(unknown))}"
    try:
        build_handouts(folder, todo)
    except Exception as exc:  # one line for the book build's error message
        return f"{type(exc).__name__}: {exc}"
    return None
