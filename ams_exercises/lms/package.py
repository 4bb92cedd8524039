"""Build the SCORM zips from the built book (``make scorm``).

Reads ``_build/html`` (the site as ``make book`` writes it, including
``_static/ams-course.js``, the list of checks, with the final assessment and its pass
mark, the package's mastery score), adds the launch page ``lms.html`` with its script and
style sheet, and writes one zip per SCORM version with ``imsmanifest.xml`` at its root
listing every file. The precompressed ``.gz`` copies and Sphinx's ``.buildinfo``
stay out: a static host's extras, not files a page loads.
"""

from __future__ import annotations

import json
import zipfile
from html import escape
from pathlib import Path

from ..errors import InputError
from .manifest import manifest_xml

STATIC = Path(__file__).resolve().parent / "static"
LAUNCH = "lms.html"
IDENTIFIER = "who-is-your-customer"
NAMES = {"1.2": "scorm12", "2004": "scorm2004"}
#: The page a first visit opens; a returning learner resumes where they were.
START = "book/welcome.html"
#: The launch page's policy: the same as every page of the site (book/_ext/course_csp.py).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def _launch_page(version: str, title: str, mastery: int) -> str:
    t = escape(title)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en" data-scorm="{version}" data-mastery="{mastery}" data-start="{START}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{t}</title>\n"
        '<link rel="stylesheet" href="_static/ams-lms.css">\n'
        '<script src="_static/ams-lms.js" defer></script>\n'
        "</head>\n<body>\n"
        '<p id="ams-lms-note" class="ams-lms-note" role="status"></p>\n'
        f'<iframe id="ams-lms-course" title="{t}"></iframe>\n'
        "<noscript><p>This course needs JavaScript.</p></noscript>\n"
        "</body>\n</html>\n"
    )


def _course(html: Path) -> dict:
    """The book's list of checks (``window.AmsCourse``), or a one-line error."""
    catalog = html / "_static" / "ams-course.js"
    try:
        text = catalog.read_text("utf-8")
        course = json.loads(text[text.index("{") : text.rindex("}") + 1])
    except (OSError, ValueError) as exc:
        raise InputError(
            catalog, f"no list of the course's checks ({exc}); build the book first: make book"
        ) from None
    if not course.get("pages"):
        raise InputError(catalog, "the book has no knowledge checks; nothing to report")
    return course


def course_description() -> str:
    """What the LMS lists under the course's title: both paths and their times, the same
    sentence the trainer handout prints (:func:`ams_exercises.course_time.paths_summary`);
    empty without the book's sources beside the package."""
    from .. import course_time

    if not (course_time.REPO_ROOT / "_toc.yml").is_file():
        return ""
    return course_time.paths_summary()


def build_packages(html: Path, out: Path, *, mastery: int | None = None) -> list[Path]:
    """Write the SCORM 1.2 and 2004 zips of the site in ``html`` into ``out``. The mastery
    score is the final assessment's pass mark as the book was built with it, unless
    ``mastery`` says otherwise (a book without a final: 100, every check passed)."""
    if not (html / "index.html").is_file() or not (html / START).is_file():
        raise InputError(html, f"no built book there (missing {START}); run: make book")
    course = _course(html)
    title = str(course["title"])
    final = course.get("assessments", {}).get("final")
    if mastery is None:
        mastery = int(final["pass_mark"]) if final else 100
    objective = str(final["id"]) if final else "all-checks"
    description = course_description()
    site = sorted(
        p for p in html.rglob("*") if p.is_file() and p.suffix != ".gz" and p.name != ".buildinfo"
    )
    extra = {f"_static/{p.name}": p.read_bytes() for p in sorted(STATIC.iterdir())}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for version, name in NAMES.items():
        launch = _launch_page(version, title, mastery).encode("utf-8")
        files = [p.relative_to(html).as_posix() for p in site] + [LAUNCH, *extra]
        manifest = manifest_xml(
            version,
            identifier=IDENTIFIER,
            title=title,
            launch=LAUNCH,
            files=files,
            mastery=mastery,
            description=description,
            objective=objective,
        )
        target = out / f"{IDENTIFIER}-{name}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("imsmanifest.xml", manifest)
            zf.writestr(LAUNCH, launch)
            for rel, data in extra.items():
                zf.writestr(rel, data)
            for p in site:
                zf.write(p, p.relative_to(html).as_posix())
        written.append(target)
    return written
