"""Page weight of the course site (a chapter page loads under 800 KB).

Serves a built book on loopback, opens chapter pages in Debian's Chromium and adds up the
uncompressed bytes of every response the page loads (HTML, CSS, JS, fonts, images),
in total and per type. Give several build folders to compare them, e.g. a build of the
theme's defaults (before) and the current build (after):

    python benchmarks/bench_page_weight.py                      # _build/html
    python benchmarks/bench_page_weight.py /tmp/before _build/html

Run alone or through ``make bench``. Needs a built book (``make book``).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository's dev tools

from devtools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# A plain chapter, a chapter with knowledge checks, and the practice page.
PAGES = [
    "book/knowing-your-customer.html",
    "book/primary-customer/traps.html",
    "book/practice.html",
]
TARGET = 800 * 1024
KINDS = {
    ".html": "html",
    ".css": "css",
    ".js": "js",
    ".woff2": "font",
    ".woff": "font",
    ".ttf": "font",
    ".svg": "image",
    ".png": "image",
    ".jpg": "image",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _kind(url: str) -> str:
    path = urlsplit(url).path
    suffix = Path(path).suffix.lower() or ".html"
    return KINDS.get(suffix, "other")


def page_weight(page, url: str) -> dict[str, object]:
    """Bytes (uncompressed bodies) per type, and the largest files, of one page load."""
    sizes: dict[str, int] = {}

    def on_finished(request) -> None:
        response = request.response()
        if response is None:
            return
        try:
            sizes[request.url] = len(response.body())
        except Exception:  # a body the browser discarded (e.g. a redirect)
            sizes.setdefault(request.url, 0)

    page.on("requestfinished", on_finished)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    page.remove_listener("requestfinished", on_finished)
    per_kind: dict[str, int] = defaultdict(int)
    for u, n in sizes.items():
        per_kind[_kind(u)] += n
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    return {"total": sum(sizes.values()), "kinds": dict(per_kind), "largest": largest}


def measure(html_dir: Path) -> dict[str, dict[str, object]]:
    """Serve ``html_dir`` on loopback and weigh each page in ``PAGES`` that exists there."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, dict[str, object]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for name in PAGES:
                if not (html_dir / name).is_file():
                    continue
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                results[name] = page_weight(page, base + name)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def _kb(n: int) -> str:
    return f"{n / 1024:8.1f} KB"


def report(html_dir: Path, results: dict[str, dict[str, object]]) -> bool:
    """Print the figures for one build; True when every page is under the target."""
    print(f"build: {html_dir}")
    ok = True
    for name, r in results.items():
        total = int(r["total"])  # type: ignore[arg-type]
        ok &= total < TARGET
        verdict = "under" if total < TARGET else "OVER"
        print(f"  {name}: {_kb(total)} ({verdict} the {TARGET // 1024} KB target)")
        kinds = r["kinds"]
        assert isinstance(kinds, dict)
        for kind in ("html", "css", "js", "font", "image", "other"):
            if kinds.get(kind):
                print(f"      {kind:<6}{_kb(kinds[kind])}")
        print("      largest files:")
        for url, n in r["largest"]:  # type: ignore[union-attr]
            print(f"        {_kb(n)}  {urlsplit(url).path}")
    return ok


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [ROOT / "_build" / "html"]
    last_ok = False
    totals: list[int] = []
    for html_dir in dirs:
        if not (html_dir / "index.html").is_file():
            print(f"{html_dir}: no built book here (run `make book` first)", file=sys.stderr)
            return 2
        results = measure(html_dir)
        last_ok = report(html_dir, results)
        first = next(iter(results.values()))
        totals.append(int(first["total"]))  # type: ignore[arg-type]
    if len(totals) > 1:
        before, after = totals[0], totals[-1]
        print(
            f"chapter page ({PAGES[0]}): {_kb(before).strip()} -> {_kb(after).strip()} "
            f"({100 * (before - after) / before:.0f}% less)"
        )
    # The last build named (the current one) has to meet the target.
    return 0 if last_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
