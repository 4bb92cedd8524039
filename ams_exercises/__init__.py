"""Exercises and a grader for the course "Who is your customer?".

The grader checks a learner's customer identifications (widget, primary customer,
strategic customers, operational support, stakeholders, investors) against answer keys
the way a trainer would. Start with :func:`check` and :func:`check_file`.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

#: Where the package's data (answer keys, language rules, schemas) lives.
PACKAGE_DIR = Path(__file__).resolve().parent

__all__ = ["check", "check_file", "exercises", "load_key", "__version__", "PACKAGE_DIR"]


def __getattr__(name: str):  # lazy: importing the package stays cheap
    if name in {"check", "check_file", "exercises", "load_key"}:
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
