"""Answers downloaded from the course site, read like a worksheet.

A learner who takes the course on the site has their answers in their own browser only.
"Download my answers" on the site's "Your progress" page (``sphinx/static/
ams-progress-page.js``) writes them into one small YAML file named after the name the
learner types (``jane-doe.yaml``); the trainer drops it into the class folder (as the
learner's file, or into the learner's folder) and ``grade`` reads it::

    # Answers typed on the course site "Who Is Your Customer?" ...
    format_version: 1
    learner: "Jane Doe"
    course: "Who Is Your Customer?"
    course_version: "0.1.0"
    saved: "2026-12-07"
    answers:
      - exercise: environmental-permit
        widget: "the written permit"
        primary_customer: "the company applying for it"
        investors:
          - "taxpayers"

Each entry of ``answers`` is a worksheet's mapping, checked field by field as any answer
file is (a bad field costs only itself). The file as a whole is refused, in one line naming
it and the fix, when it is not this format: a ``format_version`` other than 1, a setting it
does not hold (a hand edit), a name or version that is not text, or ``answers`` that are not
a list. Its name, version and date go into the gradebook's note on the learner; a version
other than this tool's is said there, since an exercise changed since may grade otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..errors import AnswerFileError
from ..files.models import kind_of

FORMAT_VERSION = 1
#: What such a file holds, besides its comments.
SETTINGS = ("format_version", "learner", "course", "course_version", "saved", "answers")
#: The settings that are text, and what each is, for a message.
TEXT_SETTINGS = {
    "learner": "the learner's name",
    "course": "the course's title",
    "course_version": "the course's version",
    "saved": "the date it was saved",
}
#: How to get a file that can be read: the learner downloads it again.
AGAIN = 'ask the learner to download it again from the course site\'s "Your progress" page'


def course_version() -> str:
    """The version of the course this tool grades with (the package's, as the site states
    it), or "" when the package is run without being installed."""
    try:
        return version("ams-exercises")
    except PackageNotFoundError:
        return ""


def is_site_file(data: Any) -> bool:
    """Whether parsed YAML is a site download (a mapping of answers) rather than a worksheet."""
    return isinstance(data, Mapping) and "answers" in data and "exercise" not in data


def site_entries(path: Path, data: Mapping[str, Any]) -> tuple[list[tuple[str, object]], str]:
    """The worksheet mappings of a site download, each with where it is, and the gradebook's
    note on the file. Raises :class:`AnswerFileError` when the file is not this format."""
    if data.get("format_version") != FORMAT_VERSION:
        raise AnswerFileError(
            path,
            f"is a download from the course site, but not of format_version "
            f"{FORMAT_VERSION} (the one this tool reads); {AGAIN}, or update ams-exercises",
        )
    extra = [k for k in data if k not in SETTINGS]
    if extra:
        raise AnswerFileError(
            path,
            f"is a download from the course site with '{str(extra[0])[:40]}', which such a "
            f"file does not hold; remove that line, or {AGAIN}",
        )
    for name, what in TEXT_SETTINGS.items():
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise AnswerFileError(
                path, f"'{name}' should be {what} as text, not {kind_of(value)}; put it in quotes"
            )
    answers = data["answers"] or []
    if not isinstance(answers, list):
        raise AnswerFileError(
            path,
            f"'answers' should be a list of answers, each starting with '- exercise:', not "
            f"{kind_of(answers)}; {AGAIN}",
        )
    if not answers:
        raise AnswerFileError(
            path,
            "is a download from the course site with no answers in it; ask the learner to "
            "check their answers on the site's pages first, then download them again",
        )
    entries = [(f"{path} entry {n}", item) for n, item in enumerate(answers, 1)]
    return entries, _note(data)


def _note(data: Mapping[str, Any]) -> str:
    """What the gradebook says of the file: whose, when, which version of the course."""
    name = (data.get("learner") or "").strip()
    saved = (data.get("saved") or "").strip()
    version = (data.get("course_version") or "").strip()
    note = "answers downloaded from the course site"
    if name:
        note += f" by {name}"
    if saved:
        note += f" on {saved}"
    mine = course_version()
    if version and mine and version != mine:
        note += (
            f" (course version {version}; this tool grades with {mine}, so an "
            "exercise changed since may grade differently)"
        )
    return note
