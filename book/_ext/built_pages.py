"""One way for the course's build steps to rewrite the pages of a finished HTML build.

``connect_page_rewrite(app, transform, priority)`` runs ``transform(page_text)`` over every
``.html`` file of the output at ``build-finished`` (after a successful HTML build only) and
writes back the pages it changed. The Content-Security-Policy (``course_csp``) and the
phone tables (``course_tables``) are such steps; their priorities order them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def rewrite_pages(folder: Path, transform: Callable[[str], str]) -> int:
    """Apply ``transform`` to every HTML page under ``folder``; how many pages changed."""
    changed = 0
    for path in folder.rglob("*.html"):
        text = path.read_text("utf-8")
        updated = transform(text)
        if updated != text:
            path.write_text(updated, "utf-8")
            changed += 1
    return changed


def connect_page_rewrite(app: Any, transform: Callable[[str], str], priority: int) -> None:
    """Rewrite every page with ``transform`` once an HTML build has finished well."""

    def finished(app: Any, exception: BaseException | None) -> None:
        if exception is None and app.builder.format == "html":
            rewrite_pages(Path(app.outdir), transform)

    app.connect("build-finished", finished, priority=priority)
