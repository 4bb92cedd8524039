"""The exercise node, and how each Sphinx writer renders it.

The directive leaves one :class:`ams_exercise` node in the doctree. Its children are a
plain version of the exercise (title, scenario, what to name) that every writer
understands and that the search index reads; the HTML writer replaces them with the
interactive markup of :func:`.html.exercise_html`.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ..grader import keys
from .html import exercise_html


class ams_exercise(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """One exercise; ``node["exercise"]`` is its id, ``node["hide_solutions"]`` a flag."""


def visit_html(self: Any, node: ams_exercise) -> None:
    """Write the interactive exercise and skip the plain children."""
    level = getattr(self, "section_level", 1) + 1
    self.body.append(
        exercise_html(
            keys.key_for(node["exercise"]),
            list(node["ids"]),
            heading_level=level,
            hide_solutions=node["hide_solutions"],
        )
    )
    raise nodes.SkipNode


def visit_plain(self: Any, node: ams_exercise) -> None:
    """Other writers (LaTeX, text, ...) render the plain children."""


def depart_plain(self: Any, node: ams_exercise) -> None:
    pass
