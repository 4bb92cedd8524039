"""Offer a MyST Markdown notebook's executed ``.ipynb`` in the page's download menu.

sphinx-book-theme lists an ``.ipynb`` download only when launch buttons (Binder, Colab,
...) are configured, and the course configures none: they point at third-party hosts.
For a text notebook that MyST-NB executed, this copies the executed notebook next to the
page's source in ``_sources/`` and tells the theme, so the menu offers both ``.md`` and
``.ipynb``; either runs locally with the ``ams-exercises`` package installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def executed_notebook(app: Any, pagename: str) -> Path | None:
    """The notebook MyST-NB wrote when it executed page ``pagename``, if it did."""
    path = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    return path if path.is_file() else None


def offer_ipynb(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """html-page-context (before the theme builds its buttons): add the .ipynb download."""
    if doctree is None or context.get("ipynb_source"):
        return
    source = context.get("sourcename") or ""
    notebook = executed_notebook(app, pagename)
    if notebook is None or not source.endswith(".md"):
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"
