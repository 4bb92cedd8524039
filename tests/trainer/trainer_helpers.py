"""Helpers for the trainer's tests: run the command, read text out of PDFs."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

CLI = [sys.executable, "-m", "ams_exercises"]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``ams-exercises`` as a trainer would; output captured as text."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def normalised(text: str) -> str:
    """Text compared the way a reader sees it: case, quotes, punctuation and line breaks aside."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(
        str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": " ", "\u201d": " "})
    )
    text = text.replace("-", "")  # pdftotext joins words hyphenated at a line end
    text = re.sub(r"[^a-z0-9']+", " ", text)
    return f" {' '.join(text.split())} "


def contains(haystack: str, phrase: str) -> bool:
    """Whole words of ``phrase`` appear, in order, in normalised ``haystack``."""
    return normalised(phrase) in haystack


_RUNNING = [
    re.compile(r"^\f?Who Is Your Customer\?\s+·.*$", re.M),  # running header, after a page break
    # the footer: edition and page number, which pdftotext may put on one line
    re.compile(r"Page \d+ of \d+"),
    re.compile(r"Learner edition|Trainer edition: holds the answers, not for learners"),
]


def pdf_text(path: Path) -> str:
    """The text of a PDF (pdftotext), running headers and footers removed, normalised."""
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for pattern in _RUNNING:
        raw = pattern.sub(" ", raw)
    return normalised(raw)


def pdf_pages(path: Path) -> list[str]:
    """Each page's text (pdftotext), running headers and footers removed, normalised."""
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in raw.split("\f")[:-1]:  # pdftotext ends every page with a form feed
        for pattern in _RUNNING:
            page = pattern.sub(" ", page)
        pages.append(normalised(page))
    return pages
