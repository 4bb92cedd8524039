"""The one Jinja environment factory, for the handouts and the class report.

Every template is autoescaped (a learner's answer is always text in the page), an unknown
variable is an error rather than a blank, and block tags leave no stray lines. Jinja2 is
imported here only, when a trainer's command needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def environment(folder: Path, filters: dict[str, Callable[..., Any]] | None = None) -> Any:
    """A ``jinja2.Environment`` loading templates from ``folder``, with ``filters`` added."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(filters or {})
    return env
