"""``--overlay FOLDER``: the commands that grade read a state's overlay when asked.

The option is the environment variable ``AMS_EXERCISES_OVERLAY`` for one command: without
it, the variable's overlay (if set) is used. Either way the overlay is put in place before
the command's body runs (:func:`~ams_exercises.overlays.use_overlay`), inside the
command's handling of bad input, so a slip in ``overlay.yaml`` is one line naming the file,
the line and the fix, and exit code 2. Processes the command starts (JupyterLab and its
notebooks) inherit it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import click

HELP = (
    "A state's overlay: a folder holding overlay.yaml, or the name of one shipped with the "
    "course (arizona). Default: the AMS_EXERCISES_OVERLAY environment variable."
)


def overlay_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--overlay`` to ``command`` (put it under the decorator that reports bad input)."""

    @wraps(command)
    def run(*args: Any, overlay: str | None = None, **kwargs: Any) -> Any:
        from ..overlays import use_overlay

        use_overlay(overlay)
        return command(*args, **kwargs)

    return click.option("--overlay", metavar="FOLDER", default=None, help=HELP)(run)
