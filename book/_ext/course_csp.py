"""A Content-Security-Policy in every page of the built site.

A static host may not let the state set response headers, so each page carries the
policy as a ``<meta http-equiv="Content-Security-Policy">`` right after its ``charset``,
before any script. Scripts run only from the site itself, plus the exact inline scripts
and ``onclick`` handlers the page was built with (allowed by their SHA-256 hashes, so an
injected one would not run); nothing else may be loaded from another host, and plugins,
``<base>`` changes and form posts elsewhere are refused. Inline styles stay allowed: the
theme sets a few ``style`` attributes, and a style cannot run code.

The hashes are computed after the build from each page as written, the last of the
rewrites of the build's page walk (``ams_exercises.build_pipeline``), so they always match
what the browser reads.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from typing import Any

from ams_exercises.build_pipeline import add_page_rewrite

#: Inline scripts; a ``type`` of JSON is a data block, which never runs.
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_SRC_OR_DATA = re.compile(r"""\bsrc\s*=|\btype\s*=\s*["']?application/(ld\+)?json""", re.I)
_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*"(?P<code>[^"]*)\"""", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_EXISTING = re.compile(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n?", re.I)


def _hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(page: str) -> str:
    """The policy for ``page``: its own inline scripts and handlers, by hash."""
    scripts = sorted(
        {
            _hash(m["body"])
            for m in _SCRIPT.finditer(page)
            if not _SRC_OR_DATA.search(m["attrs"])
        }
    )
    handlers = sorted({_hash(html.unescape(m["code"])) for m in _HANDLER.finditer(page)})
    script_src = ["'self'", *scripts]
    if handlers:
        script_src += ["'unsafe-hashes'", *handlers]
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {' '.join(script_src)}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_policy(page: str) -> str:
    """``page`` with its policy as the first element after the charset declaration."""
    page = _EXISTING.sub("", page)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page)}">'
    found = _CHARSET.search(page)
    if found is None:
        return page.replace("<head>", f"<head>\n{meta}", 1)
    return page[: found.end()] + "\n" + meta + page[found.end() :]


def setup(app: Any) -> dict[str, Any]:
    add_page_rewrite(app, "content security policy", with_policy)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
