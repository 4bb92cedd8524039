"""Fixtures for the SCORM tests: the two zips built from the book, scorm-again
(the LMS side, installed by `make npm-deps`), and a loopback "LMS" page per version.

The LMS page (``harness-1.2.html`` / ``harness-2004.html``) is what an LMS does: it creates
scorm-again's ``window.API`` or ``window.API_1484_11``, loads what the LMS would have kept
(``window.lmsSaved``, set by the test before the page loads: learner name, suspend data,
location, the manifest's mastery share; ``lateBy``: attach the API only after so many
milliseconds, as a slow LMS does; ``endFirst``: a session already ended, so every call
fails), records every value the SCO sets in
``window.received`` and opens the package's launch page in a frame. No mock: the values
are checked by scorm-again as an LMS would.
"""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from shared_setup import made_once

from ams_exercises.lms import build_packages
from ams_exercises.lms.package import IDENTIFIER, NAMES

HERE = Path(__file__).resolve().parent
SCORM_AGAIN = HERE / "node_modules" / "scorm-again" / "dist"
VERSIONS = {
    "1.2": ("scorm12", "API", "Scorm12API"),
    "2004": ("scorm2004", "API_1484_11", "Scorm2004API"),
}

HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS ({version})</title>
<script src="/scorm-again/{lib}.js"></script>
<script>
  var saved = window.lmsSaved || {{}};
  var api = new {cls}({{ logLevel: 5, autocommit: false }});
  // A slow LMS attaches its API a moment after the page has loaded.
  if (saved.lateBy) setTimeout(function () {{ window.{api} = api; }}, saved.lateBy);
  else window.{api} = api;
  window.received = [];
  window.calls = [];
  if (saved.json) api.loadFromJSON(saved.json);
  if (saved.mastery_score) api.cmi.student_data.mastery_score = saved.mastery_score;
  if (saved.scaled_passing_score) api.cmi.scaled_passing_score = saved.scaled_passing_score;
  if (saved.endFirst) {{  // a session the LMS has already closed: every call fails
    api["{init}"]("");
    api["{finish}"]("");
  }}
  var setter = "{version}" === "2004" ? "SetValue" : "LMSSetValue";
  api.on(setter + ".cmi.*", function (element, value) {{
    window.received.push([element, String(value)]);
  }});
  ["{init}", "{commit}", "{finish}"].forEach(function (name) {{
    api.on(name, function () {{ window.calls.push(name); }});
  }});
  window.addEventListener("DOMContentLoaded", function () {{
    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = "Course";
    frame.style.width = "1200px";
    frame.style.height = "850px";
    frame.src = "/{folder}/lms.html";
    document.body.appendChild(frame);
  }});
</script></head><body></body></html>
"""


@pytest.fixture(scope="session")
def scorm_again() -> Path:
    if not (SCORM_AGAIN / "scorm12.js").is_file():
        pytest.fail("scorm-again is not installed: run `make npm-deps` (npm ci in tests/lms)")
    return SCORM_AGAIN


@pytest.fixture(scope="session")
def scorm_zips(built_book: Path, tmp_path_factory) -> dict[str, Path]:
    """The zips `make scorm` writes, built once for the run from the session's book."""

    def write(folder: Path) -> None:
        folder.mkdir()
        build_packages(built_book, folder)

    out = made_once(tmp_path_factory, "scorm", write)
    return {version: out / f"{IDENTIFIER}-{NAMES[version]}.zip" for version in VERSIONS}


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def lms_site(scorm_zips: dict[str, Path], scorm_again: Path, tmp_path_factory) -> Iterator[str]:
    """A loopback web root: each package unzipped, scorm-again, and an LMS page per version."""
    root = tmp_path_factory.mktemp("lms")
    (root / "scorm-again").mkdir()
    for version, (folder, api, cls) in VERSIONS.items():
        with zipfile.ZipFile(scorm_zips[version]) as zf:
            zf.extractall(root / folder)
        (root / "scorm-again" / f"{folder}.js").write_bytes(
            (scorm_again / f"{folder}.js").read_bytes()
        )
        calls = (
            ("Initialize", "Commit", "Terminate")
            if version == "2004"
            else ("LMSInitialize", "LMSCommit", "LMSFinish")
        )
        (root / f"harness-{version}.html").write_text(
            HARNESS.format(
                version=version,
                lib=folder,
                cls=cls,
                api=api,
                folder=folder,
                init=calls[0],
                commit=calls[1],
                finish=calls[2],
            ),
            "utf-8",
        )
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def open_lms(browser, lms_site: str) -> Iterator[Callable[..., object]]:
    """``open_lms("1.2", saved={...})``: the test LMS page with the course running in it."""
    contexts = []

    def open_(version: str, saved: dict | None = None):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        contexts.append(context)
        if saved is not None:
            import json

            context.add_init_script(f"window.lmsSaved = {json.dumps(saved)};")
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.goto(f"{lms_site}/harness-{version}.html", wait_until="load")
        page.wait_for_selector("#sco", state="attached")
        return page

    yield open_
    for context in contexts:
        context.close()
