"""Paths and text as a person reads them in a message, safe to print to a terminal."""

from __future__ import annotations

import os
from pathlib import Path

from ..shown import printable

__all__ = ["printable", "shown"]


def shown(path: Path | str) -> str:
    """``path`` relative to the current folder when it is below it, else as it is."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return printable(str(path))
    return printable(str(path) if rel.startswith("..") else rel)
