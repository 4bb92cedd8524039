"""Debian's Chromium as every browser benchmark launches it: the settings the tests use
(``tests/chromium.py``), so a benchmark times the browser the tests check."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]
