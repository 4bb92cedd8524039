"""Course build helpers for "Who Is Your Customer?".

1. Serve the course's own stylesheets and scripts from ``book/_static``.
   Jupyter Book only picks up a ``_static`` folder at the repository root. The
   course keeps its assets next to its pages instead, so this extension adds
   ``book/_static`` to ``html_static_path`` and links every ``*.css`` and
   ``*.js`` file found there (in name order) into each page.

2. Keep every page free of third-party requests. Jupyter Book always loads
   ``sphinx_thebe``, which writes an unpkg.com script address and a Binder
   configuration into every page even when launch buttons are off. The course
   has no code to run, so this extension disconnects sphinx_thebe's event
   handlers and drops its assets. Other extensions (``extra_extensions`` in
   ``_config.yml``) load as usual.

3. Copy an edited stylesheet or script on the next build. Sphinx copies static
   files only when it writes pages, so after an edit to a ``.css`` or ``.js``
   file alone it reported "no targets are out of date" and served the old
   file. When a static file differs from its copy in the output, the root page
   is written again, and the static files with it.
"""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "_static"


def _add_static_path(app, config) -> None:
    if not STATIC.is_dir():
        return
    rel = os.path.relpath(STATIC, app.confdir)
    if rel not in config.html_static_path:
        config.html_static_path.append(rel)
    for css in sorted(STATIC.glob("*.css")):
        app.add_css_file(css.name)
    for js in sorted(STATIC.glob("*.js")):
        app.add_js_file(js.name, defer="defer")


def _drop_thebe(app, config) -> None:
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            module = getattr(listener.handler, "__module__", "") or ""
            if module.startswith("sphinx_thebe"):
                app.disconnect(listener.id)
    app.registry.css_files = [
        (name, attrs) for name, attrs in app.registry.css_files if "thebe" not in (name or "")
    ]
    app.registry.js_files = [
        (name, attrs)
        for name, attrs in app.registry.js_files
        if "thebe" not in (name or "") and "thebe" not in str(attrs.get("body", ""))
    ]


def _static_edited(app, env, added, changed, removed) -> list[str]:
    """env-get-outdated: the root page, when a static file differs from its copy."""
    if app.builder.format != "html":
        return []
    out = Path(app.outdir) / "_static"
    for entry in app.config.html_static_path:
        folder = Path(app.confdir, entry)
        if not folder.is_dir():
            continue
        for source in folder.rglob("*"):
            if not source.is_file():
                continue
            copy = out / source.relative_to(folder)
            if not copy.is_file() or not filecmp.cmp(source, copy, shallow=False):
                return [app.config.root_doc]
    return []


def setup(app):
    app.connect("config-inited", _drop_thebe)
    app.connect("config-inited", _add_static_path)
    app.connect("env-get-outdated", _static_edited)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
