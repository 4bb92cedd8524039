"""The ``ams-exercise`` directive: one exercise, rendered from its answer key.

In MyST Markdown::

    ```{ams-exercise} environmental-permit
    ```

An unknown id, or a key that fails validation, is a build error: one line naming the
page, the line and the id, and the build ends with a non-zero exit code (see
:func:`fail_the_build`), without the traceback Jupyter Book prints for an exception.
Editing a key rebuilds the pages that show it; a page with a broken exercise is read
again on every build until it is fixed.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..build_pipeline import fail_build
from ..errors import InputError, UnknownExerciseError
from ..grader import keys
from ..grader.vocabulary import FIELD_LABELS, LIST_FIELDS
from .nodes import ams_exercise

logger = logging.getLogger(__name__)


class AmsExerciseDirective(SphinxDirective):
    """``{ams-exercise} EXERCISE-ID``: scenario, inputs, checking, hints and solution."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = False

    def run(self) -> list[nodes.Node]:
        exercise = self.arguments[0].strip()
        self.env.note_dependency(keys.compiled_path(exercise))
        try:
            key = keys.key_for(exercise)
        except UnknownExerciseError:
            return self._broken(
                f"exercise {exercise!r} is not an exercise id (no answer key "
                f"{exercise}.yaml; `ams-exercises list` shows them)"
            )
        except InputError as exc:
            return self._broken(
                f"exercise {exercise!r} has an answer key that fails validation: {exc}"
            )

        node = ams_exercise(
            exercise=key.id, hide_solutions=self.config.ams_exercises_hide_solutions
        )
        node_id = f"ams-exercise-{key.id}"
        n = 1
        while node_id in self.state.document.ids:
            n += 1
            node_id = f"ams-exercise-{key.id}-{n}"
        node["ids"].append(node_id)
        self.state.document.set_id(node)
        self.set_source_info(node)
        node += nodes.rubric(text=f"Exercise: {key.title}")
        for para in key.scenario.strip().split("\n\n"):
            node += nodes.paragraph(text=" ".join(para.split()))
        asks = nodes.bullet_list()
        for name in key.asks:
            text = FIELD_LABELS[name] + (" (a list)" if name in LIST_FIELDS else "")
            asks += nodes.list_item("", nodes.paragraph(text=text))
        node += asks
        return [node]

    def _broken(self, problem: str) -> list[nodes.Node]:
        """Report an exercise that cannot be rendered and remember its page (the build fails)."""
        logger.error(problem, location=(self.env.docname, self.lineno), type="ams-exercise")
        broken_pages(self.env).add(self.env.docname)
        return []


def broken_pages(env: object) -> set[str]:
    """The pages (docnames) whose exercises could not be rendered, kept in the environment."""
    if not hasattr(env, "ams_exercise_broken"):
        env.ams_exercise_broken = set()  # type: ignore[attr-defined]
    return env.ams_exercise_broken  # type: ignore[attr-defined]


def forget_page(_app: object, env: object, docname: str) -> None:
    """env-purge-doc: a page read again is judged afresh."""
    broken_pages(env).discard(docname)


def merge_pages(_app: object, env: object, docnames: set[str], other: object) -> None:
    """env-merge-info: gather what parallel readers found."""
    broken_pages(env).update(broken_pages(other) & set(docnames))


def read_again(_app: object, env: object, *_changes: object) -> list[str]:
    """env-get-outdated: a page with a broken exercise is read (and reported) on every build."""
    return sorted(broken_pages(env))


def fail_the_build(app: Any) -> None:
    """After the build: any broken exercise makes the build's exit code non-zero."""
    broken = sorted(broken_pages(app.env))
    if broken:
        fail_build(
            app,
            f"{len(broken)} page{'s' if len(broken) != 1 else ''} with a broken exercise "
            f"({', '.join(broken)}): fix the exercise errors above",
        )
