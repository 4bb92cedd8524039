"""Diagrams that stay readable on a phone: a narrow drawing for narrow screens.

The course's diagrams (``book/images/*.svg``) are drawn for a column about 600 px wide;
scaled down to a phone's 390 px their text fell to 8-10 px. Each diagram that needs it has
a narrow twin drawn for a 340 px column with text of 14 px and more, named
``<name>-narrow.svg`` beside it (the same content, stacked instead of side by side).

After the build, every ``<img>`` of a diagram with such a twin is wrapped in a
``<picture>`` whose ``<source media="(max-width: 640px)">`` names the twin, and the twin
is copied next to the diagram in ``_images``. The ``<img>`` itself, with its alt text, its
width and its caption, is untouched: wider screens and browsers without ``<picture>``
show the original. The chapters' Markdown does not change.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from ams_exercises.build_pipeline import add_finished_step, add_page_rewrite

IMAGES = Path(__file__).resolve().parent.parent / "images"
#: The widest screen that gets the narrow drawing (the phone layout of the course's CSS).
NARROW_MEDIA = "(max-width: 640px)"
_IMG = re.compile(r"<img\b[^>]*?\bsrc=\"(?P<src>[^\"]*?_images/(?P<name>[\w.-]+)\.svg)\"[^>]*>")


def narrow_twins(folder: Path = IMAGES) -> dict[str, str]:
    """Diagram name (without ``.svg``) to its narrow twin's file name."""
    return {
        path.name[: -len("-narrow.svg")]: path.name for path in sorted(folder.glob("*-narrow.svg"))
    }


def with_pictures(page: str, twins: dict[str, str]) -> str:
    """``page`` with each diagram that has a twin wrapped in a ``<picture>``."""
    if "<picture" in page:  # already rewritten (an incremental build keeps old pages)
        return page

    def wrap(match: re.Match[str]) -> str:
        twin = twins.get(match["name"])
        if twin is None:
            return match[0]
        srcset = match["src"][: -len(match["name"] + ".svg")] + twin
        return (
            f'<picture><source media="{NARROW_MEDIA}" srcset="{srcset}" type="image/svg+xml">'
            f"{match[0]}</picture>"
        )

    return _IMG.sub(wrap, page)


def _copy_twins(app: Any) -> None:
    images = Path(app.outdir) / "_images"
    for name, twin in narrow_twins().items():
        if (images / f"{name}.svg").is_file():
            shutil.copyfile(IMAGES / twin, images / twin)


def setup(app: Any) -> dict[str, Any]:
    twins = narrow_twins()
    add_finished_step(app, "figure twins", _copy_twins)
    add_page_rewrite(app, "figure pictures", lambda page: with_pictures(page, twins))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
