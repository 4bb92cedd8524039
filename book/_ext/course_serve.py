"""Serve the built site as a static host does in production, and precompress it at build.

At the end of an HTML build (``build-finished``) every text file of the site (HTML, CSS,
JavaScript, SVG, JSON, the search index) gets a gzip copy beside it (``page.html.gz``),
made once, at the highest level: a static host (nginx ``gzip_static``, Apache
``MultiViews``, most CDNs) sends it to browsers that accept gzip.

``python book/_ext/course_serve.py [FOLDER] [--port N]`` serves a folder that way on
loopback: the gzip copy when the browser accepts it, with ``Content-Encoding: gzip``;
versioned assets (``?v=``, ``?digest=``, fonts, images) cached for a year, pages revalidated
each time: every file carries an ``ETag`` (one per encoding) and ``Last-Modified``, and a
browser that asks again with ``If-None-Match`` or ``If-Modified-Since`` gets a bodiless
``304 Not Modified`` while the file is unchanged. ``make serve`` uses it. It prints where
to open the site and how to stop it, and opens nothing by itself.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

COMPRESS = {".html", ".css", ".js", ".svg", ".json", ".txt", ".xml", ".map", ".ipynb", ".md"}
#: Files smaller than this gain nothing from compression.
MIN_BYTES = 1024


def precompress(folder: Path) -> int:
    """Write ``<file>.gz`` for every compressible file of ``folder`` that lacks an up-to-date
    one; returns how many were written."""
    written = 0
    for path in folder.rglob("*"):
        if path.suffix not in COMPRESS or not path.is_file():
            continue
        target = path.with_name(path.name + ".gz")
        if path.stat().st_size < MIN_BYTES:
            continue
        if target.exists() and target.stat().st_mtime >= path.stat().st_mtime:
            continue
        data = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written += 1
    return written


def _precompress_site(app: Any) -> None:
    precompress(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    from ams_exercises.build_pipeline import add_finished_step  # not needed to serve

    add_finished_step(app, "gzip copies", _precompress_site)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def etag(source: os.stat_result, gzip: bool) -> str:
    """A strong ETag for a file as last written, distinct for its gzip copy (another body)."""
    tag = f"{source.st_mtime_ns:x}-{source.st_size:x}"
    return f'"{tag}-gzip"' if gzip else f'"{tag}"'


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: precompressed files for browsers that take them, cache headers."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
    }

    def send_head(self):  # noqa: ANN201 - the base class's signature
        path = Path(self.translate_path(self.path))
        self._etag = ""
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # redirects to the folder's address with a "/"
            path = path / "index.html"
        gz = path.with_name(path.name + ".gz")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        gzipped = accepts and path.is_file() and gz.is_file()
        if not path.is_file():
            return super().send_head()
        source = path.stat()
        self._etag = etag(source, gzip=gzipped)
        if self._not_modified(source.st_mtime):
            self.send_response(304)
            self.send_header("Last-Modified", self.date_time_string(int(source.st_mtime)))
            self.end_headers()
            return None
        if not gzipped:
            return super().send_head()  # sends Last-Modified itself
        handle = open(gz, "rb")  # noqa: SIM115 - returned to the base class, which closes it
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(int(source.st_mtime)))
        self.end_headers()
        return handle

    def _not_modified(self, mtime: float) -> bool:
        """Whether the browser's copy is current: its ``If-None-Match`` names this file's
        ETag or, without one, its ``If-Modified-Since`` is no older than the file."""
        tags = self.headers.get("If-None-Match")
        if tags is not None:
            named = {tag.strip().removeprefix("W/") for tag in tags.split(",")}
            return "*" in named or self._etag in named
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return when.tzinfo is not None and int(mtime) <= when.timestamp()

    def end_headers(self) -> None:
        versioned = "?v=" in self.path or "?digest=" in self.path
        lasting = self.path.split("?")[0].endswith((".woff2", ".woff", ".png", ".svg"))
        if versioned or lasting:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        self.send_header("Vary", "Accept-Encoding")
        if getattr(self, "_etag", ""):
            self.send_header("ETag", self._etag)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass  # quiet: the terminal keeps the address and how to stop


class CourseServer(http.server.ThreadingHTTPServer):
    """The static host's server: a reader who leaves a page while it loads is no error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # a closed tab, a dropped link
            return
        super().handle_error(request, client_address)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built course site on loopback.")
    parser.add_argument("folder", nargs="?", default="_build/html", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    if not (args.folder / "index.html").is_file():
        print(f"{args.folder}: no built site here; run `make book` first", file=sys.stderr)
        return 2
    precompress(args.folder)
    handler = lambda *a, **k: StaticHandler(*a, directory=str(args.folder), **k)  # noqa: E731
    with CourseServer((args.host, args.port), handler) as server:
        port = server.server_address[1]
        print(f"The course is at http://{args.host}:{port}/ : open it in your browser.")
        print("Press Ctrl-C to stop serving it.", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
