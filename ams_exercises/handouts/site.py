"""The handouts on the course's web site: every PDF, built with the book from the same keys.

A Sphinx extension (``ams_exercises.handouts.site`` in ``_config.yml``). At the start of an
HTML build it works out every handout the site offers (the whole course and each module;
learner and trainer editions; Letter and A4; only the learner edition when the book is
built with ``AMS_EXERCISES_HIDE_SOLUTIONS=1``) and starts a background process that sets
the missing ones in parallel worker processes while Sphinx reads and writes the pages.

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

import argparse
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

from .content import EDITIONS, PAPERS, Handout, kit_handout, plan_handouts

PACKAGE = Path(__file__).resolve().parent.parent
#: What the PDFs are made from: a change to any of these makes new PDFs.
SOURCES = (
    (PACKAGE / "compiled", ("*.json", "keys/*.json")),
    (PACKAGE / "course", ("workshop.yaml",)),
    (PACKAGE / "handouts", ("content.py", "render.py", "*.css", "templates/*.j2")),
    (PACKAGE / "grader", ("*.py",)),
    (PACKAGE / "files", ("templates.py",)),
    (PACKAGE, ("role_map.py", "shown.py")),  # the trainer edition's role maps
)
CACHE = "handouts-cache"
SITE_FOLDER = "handouts"
EDITION_NAMES = {"learner": "Learner worksheets", "trainer": "Trainer's answer key"}
KIT_NAME = "Workshop kit"
KIT_ABOUT = (
    "For the 2½-hour workshop: the activity-and-widget sort cards with cut lines (their "
    "answer sheet on a page apart), a scenario card for each group task, and a one-page "
    "job aid for each participant."
)
PAPER_NAMES = {"letter": "US Letter paper", "a4": "A4 paper"}


def site_handouts(*, trainer: bool = True) -> list[Handout]:
    """Every handout the site offers: course and modules, each edition, each paper."""
    from ..authoring.workshop import workshop
    from ..grader.keys import all_keys, modules
    from .render import course_time_label

    keys, mods = all_keys(), list(modules().values())
    editions = EDITIONS if trainer else ("learner",)
    # As `ams-exercises handouts` plans them: the course's time, the trainer's session plan.
    extras = {"course_time": course_time_label(), "workshop": workshop()}
    out: list[Handout] = []
    for paper in PAPERS:
        out += plan_handouts(keys, mods, editions=editions, paper=paper, **extras)
    if trainer:  # the kit holds the sort's answers and the debriefs: a trainer's file
        out += [kit_handout(extras["workshop"], paper) for paper in PAPERS]
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
    for folder, patterns in SOURCES:
        for path in sorted({p for pattern in patterns for p in folder.glob(pattern)}):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
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
                [sys.executable, "-m", __name__, str(self.cache), *(h.filename for h in todo)],
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
    app.ams_site_handouts = state


def _marker(docname: str) -> str:
    return f"<!-- ams-handouts: {docname} -->"


def _finish(app: Any, exception: Exception | None) -> None:
    """build-finished, before the steps that rewrite pages: wait for the worker, copy the
    PDFs into the site's ``handouts/`` folder (and only them), and fill in the list on the
    pages written while the worker was busy."""
    state = _state(app)
    if state is None:
        return
    if exception is not None:  # a failed build: stop the worker (what it wrote is kept)
        if state.busy:
            state.process.terminate()
        return
    state.wait()
    if state.error:
        from sphinx.errors import ExtensionError

        raise ExtensionError(f"handouts: {state.error} (log: {state.log})")
    for docname, level in state.pending:
        page = Path(app.outdir) / f"{docname}.html"
        text = page.read_text("utf-8")
        page.write_text(
            text.replace(_marker(docname), handouts_html(state, docname, level)), "utf-8"
        )
    target = Path(app.outdir) / SITE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    wanted = {h.filename for h in state.handouts}
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
    if handout.is_kit:
        return "The workshop kit"
    if handout.is_course:
        return "The whole course"
    module = handout.modules[0]
    return f"Module {module.number}: {module.title}"


def handouts_html(state: SiteHandouts, docname: str, level: int = 2) -> str:
    """The list as HTML: a heading per scope, a link per edition and paper."""
    by_scope: dict[str, list[Handout]] = {}
    for handout in state.handouts:
        by_scope.setdefault(handout.scope, []).append(handout)
    here = posixpath.dirname(docname)
    out = []
    if state.hidden_trainer:
        out.append(
            '<p class="ams-handouts-note">This edition of the course has no solutions, so it '
            "offers the learner worksheets only. The trainer's answer keys are in the "
            "trainer's edition of the course site.</p>"
        )
    for scope, handouts in by_scope.items():
        first = handouts[0]
        out.append(
            f'<section class="ams-handouts-scope" aria-labelledby="handouts-{scope}">'
            f'<h{level} id="handouts-{scope}">{html.escape(_scope_name(first))}</h{level}>'
            + (
                f"<p>{html.escape(KIT_ABOUT)}</p><ul>"
                if first.is_kit
                else f"<p>{first.exercise_count} exercise"
                f"{'s' if first.exercise_count != 1 else ''}</p><ul>"
            )
        )
        order = {e: i for i, e in enumerate(EDITIONS)} | {p: i for i, p in enumerate(PAPERS)}
        for handout in sorted(handouts, key=lambda h: (order[h.edition], order[h.paper])):
            href = posixpath.relpath(f"{SITE_FOLDER}/{handout.filename}", here or ".")
            size = human_size(state.path(handout).stat().st_size)
            name = KIT_NAME if handout.is_kit else EDITION_NAMES[handout.edition]
            text = f"{name}, {PAPER_NAMES[handout.paper]} (PDF, {size})"
            out.append(
                f'<li><a href="{html.escape(href)}" type="application/pdf">'
                f"{html.escape(text)}</a></li>"
            )
        out.append("</ul></section>")
    return "\n".join(out)


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
    if state.error:
        from sphinx.errors import ExtensionError

        raise ExtensionError(f"handouts: {state.error} (log: {state.log})")
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
    # Before every step that rewrites or compresses the finished pages (priority 500 up).
    app.connect("build-finished", _finish, priority=100)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _rewrite)
    return {
        "version": version("ams-exercises"),
        "parallel_read_safe": True,
        "parallel_write_safe": False,
    }


def main(argv: list[str] | None = None) -> int:
    """The worker: ``python -m ams_exercises.handouts.site FOLDER FILE...`` writes those
    handouts of the site into FOLDER, in parallel."""
    parser = argparse.ArgumentParser(prog="python -m ams_exercises.handouts.site")
    parser.add_argument("folder", type=Path)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    from .render import build_handouts

    wanted = set(args.files)
    todo = [h for h in site_handouts(trainer=True) if h.filename in wanted]
    unknown = wanted - {h.filename for h in todo}
    if unknown:
        print(f"not a handout of the site: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    try:
        build_handouts(args.folder, todo)
    except Exception as exc:  # one line for the book build's error message
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
