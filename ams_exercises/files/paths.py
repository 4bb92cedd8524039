"""Paths as a person reads them in a message."""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: Path | str) -> str:
    """``path`` relative to the current folder when it is below it, else as it is."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if rel.startswith("..") else rel
