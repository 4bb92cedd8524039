"""What a chapter page costs to load as it will be hosted (issue: under 250 KB transferred
for a cold chapter page), beside the same site served uncompressed, in one run.

Serves ``_build/html`` on loopback twice, with Python's plain static server and with
``book/_ext/course_serve.py`` (the precompressed files and cache headers a static host
gives), opens each page in Debian's Chromium with an empty cache, and adds up the bytes
each response put on the wire.

    python benchmarks/bench_served_weight.py        # needs a built book (make book)
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "book" / "_ext"), str(ROOT)]  # the server; the dev tools
import course_serve  # noqa: E402

from devtools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SITE = ROOT / "_build" / "html"
PAGES = [
    "book/knowing-your-customer.html",
    "book/primary-customer/traps.html",
    "book/practice.html",
    # A results page: 1.86 MB plain / 440 KB gzip while it fetched every result
    # page for its snippet; snippets now come from one text file.
    "search.html?q=strategic+customer",
]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def serve(handler) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def transferred(browser, url: str) -> tuple[int, int]:
    """Bytes on the wire and number of requests for a cold load of ``url``."""
    context = browser.new_context()
    page = context.new_page()
    done = []
    page.on("requestfinished", lambda request: done.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    total = sum(r.sizes()["responseBodySize"] for r in done)
    context.close()
    return total, len(done)


def main() -> None:
    from playwright.sync_api import sync_playwright

    course_serve.precompress(SITE)
    plain, plain_url = serve(functools.partial(Quiet, directory=str(SITE)))
    hosted, hosted_url = serve(functools.partial(course_serve.StaticHandler, directory=str(SITE)))
    print(f"{'page':<36} {'plain server':>14} {'as hosted (gzip)':>18}   target < 250 KB")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for rel in PAGES:
            before, n = transferred(browser, plain_url + rel)
            after, _n = transferred(browser, hosted_url + rel)
            print(f"{rel:<36} {before / 1024:10.1f} KB {after / 1024:14.1f} KB   ({n} requests)")
        browser.close()
    plain.shutdown()
    hosted.shutdown()


if __name__ == "__main__":
    main()
