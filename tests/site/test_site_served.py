"""The site served as a static host serves it (``make serve``, book/_ext/course_serve.py):
precompressed files to browsers that take them, cache headers, and a cold chapter page
under 250 KB on the wire; the command says where to open the site and how to stop it."""

from __future__ import annotations

import gzip
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import course_serve  # noqa: E402

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def hosted(built_book: Path):
    import http.server

    course_serve.precompress(built_book)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0),
        lambda *a, **k: course_serve.StaticHandler(*a, directory=str(built_book), **k),
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def fetch(url: str, gzip_ok: bool) -> tuple[dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if gzip_ok else ""})
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(response.headers), response.read()


def test_text_goes_compressed_to_browsers_that_take_it(hosted, built_book: Path):
    page = built_book / "book" / "knowing-your-customer.html"
    headers, body = fetch(f"{hosted}/book/knowing-your-customer.html", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "no-cache"
    assert gzip.decompress(body) == page.read_bytes() and len(body) < page.stat().st_size / 3
    plain_headers, plain = fetch(f"{hosted}/book/knowing-your-customer.html", gzip_ok=False)
    assert "Content-Encoding" not in plain_headers and plain == page.read_bytes()
    css, _ = fetch(f"{hosted}/_static/styles/theme.css?digest=x", gzip_ok=True)
    assert "immutable" in css["Cache-Control"]


@pytest.mark.browser
def test_a_cold_chapter_page_transfers_under_250_kb(browser, hosted):
    context = browser.new_context()
    page = context.new_page()
    done = []
    page.on("requestfinished", lambda request: done.append(request))
    page.goto(f"{hosted}/book/knowing-your-customer.html", wait_until="load")
    page.wait_for_timeout(300)
    total = sum(r.sizes()["responseBodySize"] for r in done)
    context.close()
    assert total < 250 * 1024, f"{total / 1024:.0f} KB"


def test_serving_says_where_to_open_the_site_and_how_to_stop(built_book: Path):
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "book" / "_ext" / "course_serve.py"),
            str(built_book),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first, second = proc.stdout.readline(), proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert first.startswith("The course is at http://127.0.0.1:")
    assert "Ctrl-C" in second
