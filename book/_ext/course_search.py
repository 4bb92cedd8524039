"""Search that finds the section teaching a term and shows its text, from one small file.

Sphinx's search page, for every result, downloaded the whole result page to cut a snippet
from it (1.3-1.9 MB for one query on this site), and the snippet was often the page's own
table of contents or an exercise's form labels. Its ranking put any page mentioning both
words of "strategic customer" above the section titled "Strategic customers". This
extension changes that, without editing Sphinx's ``searchtools.js``:

1. ``html_show_search_summary`` is off, so the search page fetches no result page.
2. After the build, ``_static/search/summaries.js`` holds the reading text of every
   section of every page (paragraphs, lists, tables; not headings, navigation, forms,
   buttons, solutions or scripts: an exercise's section keeps only its scenario), keyed by
   page and section anchor, and each glossary term's definition under its anchor, with
   the term. It is one file, fetched once.
3. The search page alone loads it and ``_static/search/course-search.js`` (from
   ``book/_static/search``), and leaves out the assets of content it does not have
   (notebook cells, code copy buttons, toggles, design cards).
4. The script ranks first a glossary term the query names (found in that file: an
   incremental build drops the glossary's entries from Sphinx's index), next a page and
   then a section whose title holds every word of the query, next a section holding the
   words together, and only then passing mentions; it writes each result's snippet from
   that text: the passage around the search words in the section (for a whole-page match,
   of the first section that has them, which the result then links to).
5. When nothing matches, the page suggests the nearest search the site can answer ("Did
   you mean strategic?"), from the words of that same text whose stems Sphinx indexed,
   in place of Sphinx's advice to select more categories (the site has none).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import course_theme
from bs4 import BeautifulSoup, Tag

from ams_exercises.build_pipeline import add_finished_step, add_page_context_step

#: Script and data, under the built site's ``_static``.
FOLDER = "search"
SCRIPT = f"{FOLDER}/course-search.js"
DATA = f"{FOLDER}/summaries.js"
_DATA_LINK = re.compile(r'"_static/' + re.escape(DATA) + r'(\?v=[0-9a-f]+)?"')
#: Pages that are not reading text.
SKIP_PAGES = {"search", "genindex", "index", "py-modindex"}
#: Parts of a page that are not its reading text.
NOT_TEXT = (
    "form, noscript, nav, script, style, button, details, .headerlink, .toctree-wrapper,"
    " .admonition-title, .cell_input, .cell_output, .prev-next-area, h1, h2, h3, h4, h5, h6"
)


#: Elements that end a run of text: a space goes after each, and nowhere else, so that
#: "the <a>primary customer</a>, such" stays "the primary customer, such".
BLOCKS = ("p", "li", "dt", "dd", "td", "th", "div", "br", "tr", "pre", "blockquote", "caption")


def _text(node: Tag) -> str:
    return " ".join(node.get_text().split())


def page_sections(html: str) -> list[list[str]]:
    """``[anchor, text]`` for each section of a built page (its own text, without the
    text of the sections inside it), then ``[anchor, text, term]`` for each glossary term."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one('[role="main"]') or soup.find("article")
    if main is None:
        return []
    for junk in main.select(NOT_TEXT):
        junk.decompose()
    for block in main.find_all(BLOCKS):
        block.append(" ")
    terms = []
    for term in main.select("dl.glossary > dt[id]"):
        definition = term.find_next_sibling("dd")
        if definition is not None:
            name = _text(term)
            terms.append([term["id"], f"{name}: {_text(definition)}", name])
    sections = []
    for section in main.select("section[id]"):
        for inner in section.find_all("section", recursive=False):
            inner.extract()
        text = _text(section)
        if text:
            sections.append([section["id"], text])
    return sections + terms


def summaries(outdir: Path, docnames: list[str]) -> dict[str, list[list[str]]]:
    """The text of each built page, by docname (its path without ``.html``)."""
    found = {}
    for docname in sorted(docnames):
        if docname in SKIP_PAGES:
            continue
        page = outdir / f"{docname}.html"
        if page.is_file():
            found[docname] = page_sections(page.read_text("utf-8"))
    return found


def _write_summaries(app: Any) -> None:
    outdir = Path(app.outdir)
    data = json.dumps(summaries(outdir, list(app.env.found_docs)), separators=(",", ":"))
    text = f"window.COURSE_SEARCH_SUMMARIES = {data};\n"
    target = outdir / "_static" / DATA
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    # The search page was written before this file, so its ``?v=`` names the last build's
    # text (or none): it now names this one, so a browser's cached copy is never stale.
    page = outdir / "search.html"
    if page.is_file():
        version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        html = _DATA_LINK.sub(f'"_static/{DATA}?v={version}"', page.read_text("utf-8"))
        page.write_text(html, "utf-8")


def _no_page_fetches(app: Any, config: Any) -> None:
    config.html_show_search_summary = False


def _search_page_scripts(app: Any, pagename: str, *args: Any) -> None:
    if pagename == "search":
        app.add_js_file(DATA, defer="defer")
        app.add_js_file(SCRIPT, defer="defer")


def _search_page_without_content_assets(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """The search page shows no notebook cells, code, toggles or design cards: it leaves out
    their assets (``course_theme`` does the same for pages with a body; this one has none)."""
    if pagename != "search":
        return
    for key in ("css_files", "script_files"):
        if context.get(key) is not None:
            context[key] = [
                f
                for f in context[key]
                if not (getattr(f, "filename", None) and course_theme.unused(f.filename, ""))
            ]


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _no_page_fetches)
    app.connect("html-page-context", _search_page_scripts)
    add_page_context_step(app, "search page assets", _search_page_without_content_assets)
    add_finished_step(app, "search summaries", _write_summaries)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
