"""Shared fixtures: the repository root, the built book, a served copy of it, a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import settings
from shared_setup import one_at_a_time

from devtools.chromium import CHROMIUM, CHROMIUM_ARGS

#: Property tests try Hypothesis's usual number of examples; ``HYPOTHESIS_PROFILE=thorough``
#: tries ten times as many (a run for a quiet night, not for every change). Tests that
#: start processes for every example take a share of the profile's number.
settings.register_profile("thorough", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
# The repository is itself a copy of the course: notebooks the tests run (and IPython shells
# they start) must not keep progress in it. A test that wants progress kept says so.
os.environ["AMS_EXERCISES_RECORD"] = "0"
BUILD_HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


#: What the built book is made from: a change to any of these makes ``_build/html`` stale.
BOOK_INPUTS = ("_config.yml", "_toc.yml", "book", "exercises", "ams_exercises")


def newest_input(root: Path = ROOT) -> tuple[float, str]:
    """The latest modification time among the book's inputs (bytecode aside), and the file."""
    newest = (0.0, "")
    for name in BOOK_INPUTS:
        top = root / name
        paths = [top] if top.is_file() else top.rglob("*")
        for path in paths:
            if "__pycache__" in path.parts or not path.is_file():
                continue
            newest = max(newest, (path.stat().st_mtime, path.relative_to(root).as_posix()))
    return newest


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``_build/html``, built with every warning an error, from scratch when a book input
    is newer than the last build (a test never checks a stale book; workers take turns, so
    one builds and the others then find it fresh); ``make test`` builds it first, so it is
    then used as it is."""
    with one_at_a_time(tmp_path_factory, "built-book"):
        return _fresh_book()


def _fresh_book() -> Path:
    index = BUILD_HTML / "index.html"
    changed, name = newest_input()
    if not index.is_file() or index.stat().st_mtime < changed:
        jb = Path(sys.executable).with_name("jupyter-book")
        stale = ["--all"] if index.is_file() else []
        if stale:
            print(f"\nbuilding the book again: {name} is newer than _build/html", flush=True)
        subprocess.run(
            [str(jb), "build", str(ROOT), "--builder", "html", "-nW", "--keep-going", *stale],
            check=True,
            cwd=ROOT,
        )
        index.touch()  # the build may leave an unchanged index.html with its old time
    return BUILD_HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="session")
def served_book(built_book: Path):
    """The built book served on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a browser download)."""
    if not os.path.exists(CHROMIUM) or shutil.which("chromium") is None:
        pytest.fail("Chromium is missing: run `make system-deps` (Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            with contextlib.suppress(Exception):
                chromium.close()


@pytest.fixture(scope="session")
def keys():
    """Every answer key, in course order (the handout and trainer tests share them)."""
    from ams_exercises.grader.keys import all_keys

    return all_keys()


@pytest.fixture(scope="session")
def course_modules():
    """The course's modules in teaching order, by id."""
    from ams_exercises.grader.keys import modules

    return modules()


# --- the fast lane ---------------------------------------------------------------------------
#: What `make test-fast` leaves out (marked ``slow``): the tests that build the book, PDFs
#: or packages, drive a browser or Node, install a venv, or grade whole hostile classes in
#: fresh processes. What stays answers in under two minutes: the grader on every phrasing,
#: the learner's and the trainer's commands, bad input and the course data.
SLOW = (
    "checker/test_checker_chromium.py",
    "checker/test_checker_node.py",
    "exercise_notebooks/",
    "exercise_page/",
    "handouts/",
    "learner/test_learner_install.py",
    "learner/test_learner_hostile_files.py",
    "learner/test_learner_notebooks.py",
    "learner/test_learner_output_encoding.py",
    "learner/test_learner_progress_file.py",
    "learner/test_learner_typed.py",
    "lms/",
    "site/",
    "sphinx/",
    "test_group_order.py",
    "trainer/test_class_bounds.py",
    "trainer/test_class_gain.py",
    "trainer/test_class_report.py",
    "trainer/test_handouts.py",
    "trainer/test_hostile_class.py",
    "trainer/test_notebook_answers.py",
)


#: Fixtures that need the built book, and those that drive Chromium: a test that uses one
#: (directly or through another fixture) is marked for it, and is slow, without anyone
#: having to remember a marker.
BOOK_FIXTURES = frozenset({"built_book", "served_book"})
BROWSER_FIXTURES = frozenset({"browser"})


def pytest_collection_modifyitems(config, items) -> None:  # noqa: ANN001 - pytest's hook
    tests = Path(__file__).resolve().parent
    kind: dict[str, str] = {}  # file -> its heaviest test's: "browser", "slow" or "quick"
    for item in items:
        where = Path(item.path).resolve().relative_to(tests).as_posix()
        uses = set(getattr(item, "fixturenames", ()))
        this = "quick"
        if uses & BOOK_FIXTURES:
            item.add_marker(pytest.mark.book)
        if where.startswith(SLOW) or uses & (BOOK_FIXTURES | BROWSER_FIXTURES):
            item.add_marker(pytest.mark.slow)
            this = "slow"
        if uses & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
            this = "browser"
        kind[where] = min(kind.get(where, this), this, key=HEAVIEST_FIRST.index)
    if config.getvalue("dist") == "loadfile":
        rank = start_order(kind)
        items.sort(key=lambda item: rank[Path(item.path).resolve().relative_to(tests).as_posix()])


#: The kinds of test file, the heaviest first.
HEAVIEST_FIRST = ("browser", "slow", "quick")


def start_order(kind: dict[str, str]) -> dict[str, int]:
    """When the suite is spread over workers a file at a time (``pytest -n N --dist loadfile
    --no-loadscope-reorder``, as ``make test`` runs it), the order files are handed out:
    the slow ones first, those that drive a browser taking turns with the others so that
    few browsers run at once (each uses more than one core), and the quick ones last, to
    fill in around them. A file's module fixtures are then made once."""
    lanes = {name: [f for f, k in kind.items() if k == name] for name in ("browser", "slow")}
    turns = itertools.chain.from_iterable(itertools.zip_longest(lanes["browser"], lanes["slow"]))
    order = [f for f in turns if f is not None] + [f for f, k in kind.items() if k == "quick"]
    return {f: n for n, f in enumerate(order)}


# --- states' overlays ------------------------------------------------------------------------
#: The tests' own overlay: one of each thing an overlay adds, in words no state uses.
TEST_OVERLAY = Path(__file__).resolve().parent / "overlays" / "testland"


@pytest.fixture(scope="session")
def overlay_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The tests' overlay and Arizona's, compiled once for the session into a cache folder
    of its own: the environment variable that makes a command find them there."""
    from ams_exercises.overlays import CACHE_VARIABLE, compiled_overlay

    cache = tmp_path_factory.mktemp("overlay-cache")
    before = os.environ.get(CACHE_VARIABLE)
    os.environ[CACHE_VARIABLE] = str(cache)
    try:
        for overlay in (TEST_OVERLAY, "arizona"):
            compiled_overlay(overlay)
    finally:
        if before is None:
            del os.environ[CACHE_VARIABLE]
        else:
            os.environ[CACHE_VARIABLE] = before
    return {CACHE_VARIABLE: str(cache)}
