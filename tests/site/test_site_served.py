"""The site served as a static host serves it (``make serve``, book/_ext/course_serve.py):
precompressed files to browsers that take them, cache headers, validators that let a
browser revalidate a page with a bodiless 304, and a cold chapter page under 250 KB on the
wire; the command says where to open the site and how to stop it."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import course_serve  # noqa: E402

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def hosted(built_book: Path):
    course_serve.precompress(built_book)
    server = course_serve.CourseServer(
        ("127.0.0.1", 0),
        lambda *a, **k: course_serve.StaticHandler(*a, directory=str(built_book), **k),
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_reader_leaving_mid_download_prints_nothing(capsys):
    """A closed tab breaks the connection while a file is sent: the terminal that serves
    the course stays quiet, and any other error is still reported."""
    server = course_serve.CourseServer(("127.0.0.1", 0), course_serve.StaticHandler)
    try:
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise error
            except ConnectionError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real fault")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "a real fault" in capsys.readouterr().err
    finally:
        server.server_close()


def fetch(url: str, gzip_ok: bool, **headers: str) -> tuple[dict, bytes]:
    headers = {k.replace("_", "-"): v for k, v in headers.items()}
    headers["Accept-Encoding"] = "gzip" if gzip_ok else ""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(response.headers), response.read()


def status_of(url: str, **headers: str) -> tuple[int, bytes]:
    try:
        return 200, fetch(url, gzip_ok=True, **headers)[1]
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read()


def test_text_goes_compressed_to_browsers_that_take_it(hosted, built_book: Path):
    page = built_book / "book" / "knowing-your-customer.html"
    headers, body = fetch(f"{hosted}/book/knowing-your-customer.html", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "no-cache"
    assert gzip.decompress(body) == page.read_bytes() and len(body) < page.stat().st_size / 3
    plain_headers, plain = fetch(f"{hosted}/book/knowing-your-customer.html", gzip_ok=False)
    assert "Content-Encoding" not in plain_headers and plain == page.read_bytes()
    css, _ = fetch(f"{hosted}/_static/styles/theme.css?digest=x", gzip_ok=True)
    assert "immutable" in css["Cache-Control"]


def test_a_page_revalidates_with_a_bodiless_304_until_it_changes(hosted, built_book: Path):
    url = f"{hosted}/book/knowing-your-customer.html"
    zipped, _ = fetch(url, gzip_ok=True)
    plain, _ = fetch(url, gzip_ok=False)
    # One validator per body: the gzip copy and the plain file are different bytes.
    assert zipped["ETag"] and plain["ETag"] and zipped["ETag"] != plain["ETag"]
    assert zipped["Last-Modified"] == plain["Last-Modified"]
    assert status_of(url, If_None_Match=zipped["ETag"]) == (304, b"")
    assert status_of(url, If_None_Match=f'"stale", W/{zipped["ETag"]}') == (304, b"")
    assert status_of(url, If_Modified_Since=zipped["Last-Modified"]) == (304, b"")
    assert status_of(url, If_None_Match='"stale"')[0] == 200
    assert status_of(url, If_None_Match=plain["ETag"])[0] == 200  # the plain file's tag
    # The page is written again (a rebuild): the browser's copy is stale.
    page = built_book / "book" / "knowing-your-customer.html"
    seen = page.stat()
    try:
        os.utime(page, ns=(seen.st_atime_ns, seen.st_mtime_ns + 2_000_000_000))
        assert status_of(url, If_None_Match=zipped["ETag"])[0] == 200
        assert status_of(url, If_Modified_Since=zipped["Last-Modified"])[0] == 200
    finally:
        os.utime(page, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    # A folder's address without its "/" is sent on to the folder, where relative links work.
    with urllib.request.urlopen(f"{hosted}/book/primary-customer", timeout=10) as response:
        assert response.url == f"{hosted}/book/primary-customer/"


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
