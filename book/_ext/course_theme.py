"""Keep the course site accessible and light.

sphinx-book-theme, as shipped, makes a chapter page load about 2.4 MB, most of it
things the course never uses. This extension cuts that and fills the theme's
accessibility gaps, without editing the installed theme:

1. Templates. ``book/_templates`` goes first in ``templates_path``; its ``layout.html``
   drops the Font Awesome script (1.4 MB of JavaScript that swaps each
   ``<i class="fa-...">`` for an inline SVG) and, on every page but the search page,
   Sphinx's search scripts and index (the theme needs them there only for
   search-as-you-type, which is off).
2. Icons. Without that script the icons are drawn with the Font Awesome web font that
   the theme's style sheet already declares. After the build, the style sheet keeps only
   the icon rules of classes the pages use, and the font keeps only the glyphs the style
   sheets name: a few KB instead of 240 KB. Both start from the theme's own files each
   time, so an incremental build that adds an icon still gets it.
3. Per-page assets. A page links the style sheets and scripts of copybutton,
   togglebutton, sphinx-design and MyST-NB only when its body uses them.
4. Navigation. The sidebar's expand/collapse toggles (``<summary>`` elements holding
   only an icon) get an accessible name, "Sections of <chapter>".
5. The site's front door. ``index.html`` sends readers on to the book's first page. The
   one Jupyter Book writes is a bare ``<meta>`` line; this one is a whole page, with a
   language, a title and a link for browsers that do not follow the redirect.
6. One search box. pydata-sphinx-theme 0.17 puts a search field in a top bar of its own
   unless ``navbar_persistent`` is set; sphinx-book-theme 1.3, which searches from its
   sidebar and article header, does not set it, so every desktop page had a second
   search box in an otherwise empty bar 64 px tall. It is set to nothing here.
7. An honest print button. The theme's "Download this page" menu offered the page's
   Markdown source (".md"), which is no use to a reader, and ".pdf", which only opened
   the print dialog. A page now has a "Print this page" button; a notebook's page keeps
   the menu for its notebook file (".ipynb"), which a learner can run.
"""

from __future__ import annotations

import logging as stdlib_logging
import re
from html import escape
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.util import logging

from ams_exercises.build_pipeline import add_finished_step, add_page_context_step

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "_templates"
#: Where the built site (and the theme package's ``static`` folder) keep these files.
THEME_CSS = "styles/pydata-sphinx-theme.css"
ICON_FONTS = (
    "vendor/fontawesome/webfonts/fa-solid-900.woff2",
    "vendor/fontawesome/webfonts/fa-solid-900.ttf",
)

#: Icon glyphs live in the Unicode private use area (U+E000 to U+F8FF).
_ESCAPED = re.compile(r"\\([ef][0-9a-f]{3})\b", re.IGNORECASE)
_LITERAL = re.compile("[\ue000-\uf8ff]")
#: A rule of the icon catalogue: ``.fa-a:before,.fa-b:before{content:"\\f000"}``.
_CATALOGUE = re.compile(
    r"((?:\.fa-[a-z0-9-]+::?before\s*,\s*)*\.fa-[a-z0-9-]+::?before)"
    r"\s*\{\s*content:\s*\"((?:\\.|[^\"\\])*)\"\s*;?\s*\}",
    re.IGNORECASE,
)
_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")

#: Assets a page links only when its body (rendered HTML) matches the pattern.
PAGE_ASSETS: dict[str, re.Pattern[str]] = {
    "copybutton.css": re.compile(r"<pre\b"),
    "copybutton.js": re.compile(r"<pre\b"),
    "clipboard.min.js": re.compile(r"<pre\b"),
    "togglebutton.css": re.compile(r'class="[^"]*\b(toggle|dropdown)\b'),
    "togglebutton.js": re.compile(r'class="[^"]*\b(toggle|dropdown)\b'),
    "sphinx-design.min.css": re.compile(r'class="[^"]*\bsd-'),
    "design-tabs.js": re.compile(r'class="[^"]*\bsd-tab'),
    "mystnb.": re.compile(r'class="[^"]*\b(cell|output|cell_output)\b'),
}


def _add_templates(app: Any, config: Any) -> None:
    """config-inited: put the course's template overrides first in the search path."""
    if TEMPLATES.is_dir():
        path = str(TEMPLATES)
        if path not in config.templates_path:
            config.templates_path.insert(0, path)


def _one_search_box(app: Any, config: Any) -> None:
    """config-inited: no top bar with a second search box (see 6. above)."""
    config.html_theme_options.setdefault("navbar_persistent", [])


#: The header button that replaces the theme's ".pdf" entry (sphinx-book-theme's button format).
PRINT_BUTTON = {
    "type": "javascript",
    "javascript": "window.print()",
    "tooltip": "Print this page",
    "icon": "fa-solid fa-print",
    "label": "print-button",
    "classes": "pst-navbar-icon",
}
#: The theme's download menu, and the one entry of it that is a real download.
DOWNLOAD_MENU = "download-buttons"
NOTEBOOK_DOWNLOAD = "download-notebook-button"


def honest_header_buttons(buttons: list[dict]) -> list[dict]:
    """The theme's header buttons with its download menu cut to the notebook file (if any)
    and followed by a "Print this page" button (see 7. above)."""
    out = []
    for button in buttons:
        if button.get("label") != DOWNLOAD_MENU:
            out.append(button)
            continue
        kept = [b for b in button.get("buttons", []) if b.get("label") == NOTEBOOK_DOWNLOAD]
        if kept:
            out.append({**button, "tooltip": "Download the notebook", "buttons": kept})
        out.append(dict(PRINT_BUTTON))
    return out


def _honest_downloads(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: after sphinx-book-theme has made its header buttons."""
    if context.get("header_buttons"):
        context["header_buttons"] = honest_header_buttons(context["header_buttons"])


def name_sidebar_toggles(soup: BeautifulSoup) -> BeautifulSoup:
    """Give each expand/collapse ``<summary>`` in the sidebar an accessible name (in place)."""
    for summary in soup.select("li.has-children > details > summary"):
        if summary.get("aria-label") or summary.get_text(strip=True):
            continue
        item = summary.find_parent("li")
        link = item.find("a", recursive=False) if item else None
        title = " ".join(link.get_text(" ", strip=True).split()) if link else ""
        summary["aria-label"] = f"Sections of {title}" if title else "Sections"
    return soup


def _wrap_toctree(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: post-process the theme's sidebar navigation."""
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_course_named", False):
        return

    def generate_named(*args, **kwargs):
        out = generate(*args, **kwargs)
        if isinstance(out, BeautifulSoup):
            return name_sidebar_toggles(out)
        if isinstance(out, str) and "<summary" in out:
            return type(out)(str(name_sidebar_toggles(BeautifulSoup(out, "html.parser"))))
        return out

    generate_named._course_named = True  # type: ignore[attr-defined]
    context["generate_toctree_html"] = generate_named


def unused(filename: str, body: str) -> bool:
    """Whether the extension asset ``filename`` is of no use to a page whose body is ``body``."""
    name = Path(filename).name
    for prefix, pattern in PAGE_ASSETS.items():
        if name == prefix or (prefix.endswith(".") and name.startswith(prefix)):
            return pattern.search(body) is None
    return False


def _drop_unused_assets(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: leave out extensions' assets this page's body does not use."""
    body = context.get("body")
    if body is None:
        return
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if files is None:
            continue
        context[key] = [
            f for f in files if not (getattr(f, "filename", None) and unused(f.filename, body))
        ]


def _points(text: str) -> set[int]:
    return {int(h, 16) for h in _ESCAPED.findall(text)} | {ord(c) for c in _LITERAL.findall(text)}


def icon_codepoints(css_texts: list[str], used_classes: set[str]) -> set[int]:
    """The icon glyphs the site can show.

    Those of the icon classes in ``used_classes`` (found through the icon catalogue rules,
    ``.fa-NAME:before{content:"..."}``), and every other glyph a style sheet names outside
    that catalogue (admonition and breadcrumb icons, the course's own rules).
    """
    points: set[int] = set()
    for text in css_texts:
        for match in _CATALOGUE.finditer(text):
            if set(_CLASS.findall(match.group(1))) & used_classes:
                points |= _points(match.group(2))
        points |= _points(_CATALOGUE.sub("", text))
    return points


def trim_icon_catalogue(css: str, used_classes: set[str]) -> str:
    """``css`` without the icon rules of classes that no page or script uses."""

    def keep_if_used(match: re.Match[str]) -> str:
        return match.group(0) if set(_CLASS.findall(match.group(1))) & used_classes else ""

    return _CATALOGUE.sub(keep_if_used, css)


def used_icon_classes(outdir: Path) -> set[str]:
    """Every ``fa-NAME`` token in the built pages and scripts."""
    names: set[str] = set()
    for pattern in ("*.html", "*.js"):
        for path in outdir.rglob(pattern):
            if path.name.endswith(".map") or path.name == "fontawesome.js":
                continue
            names.update(_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def _theme_static() -> Path | None:
    """The theme package's own ``static`` folder (whole files, never trimmed)."""
    try:
        import pydata_sphinx_theme
    except ImportError:
        return None
    found = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    return found if found.is_dir() else None


def _subset_font(source: Path, target: Path, points: set[int]) -> None:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2" if target.suffix == ".woff2" else None
    options.layout_features = []
    options.name_IDs = ["*"]  # keep the font's names and licence notice
    options.notdef_outline = True
    # fontTools logs every table it subsets at INFO, and the theme's pygments styles
    # (a11y-pygments, loaded when pydata-sphinx-theme writes pygments.css at the end of
    # the build) switch INFO logging on for the whole process: keep the build's output to
    # what Sphinx says.
    fonttools = stdlib_logging.getLogger("fontTools")
    level = fonttools.level
    fonttools.setLevel(stdlib_logging.WARNING)
    try:
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(points))
        subsetter.subset(font)
        subset.save_font(font, str(target), options)
    finally:
        fonttools.setLevel(level)


def trim_theme_icons(outdir: Path) -> None:
    """Cut the built site's icon style rules and icon font down to what the site uses."""
    theme = _theme_static()
    static = outdir / "_static"
    if theme is None or not (theme / THEME_CSS).is_file() or not (static / THEME_CSS).is_file():
        return
    used = used_icon_classes(outdir)
    whole = (theme / THEME_CSS).read_text(encoding="utf-8")
    (static / THEME_CSS).write_text(trim_icon_catalogue(whole, used), encoding="utf-8")
    try:
        import brotli  # noqa: F401  (fontTools needs it to write WOFF2)
        import fontTools  # noqa: F401
    except ImportError:  # the font stays whole: heavier, still correct
        logger.info("course_theme: fontTools or brotli missing, the icon font is not subset")
        return
    css = [p.read_text(encoding="utf-8", errors="replace") for p in outdir.rglob("*.css")]
    points = icon_codepoints(css, used)
    for rel in ICON_FONTS:
        if (theme / rel).is_file() and (static / rel).is_file():
            _subset_font(theme / rel, static / rel, points)


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={url}">
<title>{title}</title>
</head>
<body>
<main>
<h1>{title}</h1>
<p><a href="{url}">Go to the course</a>.</p>
</main>
</body>
</html>
"""


def write_front_door(app: Any) -> None:
    """After the build: ``index.html`` as a small accessible page that redirects to the root
    (it replaces the bare redirect sphinx-external-toc writes when there is no index.html)."""
    if app.builder.name != "html" or app.config.root_doc == "index":
        return
    url = app.builder.get_target_uri(app.config.root_doc)
    page = REDIRECT_PAGE.format(
        lang=escape(app.config.language or "en"),
        url=escape(url),
        title=escape(app.config.html_title or app.config.project or "Home"),
    )
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def _trim_icons(app: Any) -> None:
    """After an HTML build: trim the icon rules and font."""
    trim_theme_icons(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _one_search_box)
    add_page_context_step(app, "honest downloads", _honest_downloads)
    add_page_context_step(app, "named sidebar toggles", _wrap_toctree)
    add_page_context_step(app, "unused assets", _drop_unused_assets)
    add_finished_step(app, "front door", write_front_door)
    add_finished_step(app, "theme icons", _trim_icons)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
