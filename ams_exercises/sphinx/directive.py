"""The ``ams-exercise`` directive: one exercise, rendered from its answer key.

In MyST Markdown::

    ```{ams-exercise} environmental-permit
    ```

An unknown id, or a key that fails validation, stops the build with one line naming the
page, the line and the id. Editing a key rebuilds the pages that show it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from .. import keys
from ..errors import InputError, UnknownExerciseError
from ..vocabulary import FIELD_LABELS, LIST_FIELDS
from .nodes import ams_exercise


class AmsExerciseError(SphinxError):
    """An exercise directive that cannot be rendered (the build stops)."""

    category = "ams-exercise error"


class AmsExerciseDirective(SphinxDirective):
    """``{ams-exercise} EXERCISE-ID``: scenario, inputs, checking, hints and solution."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = False

    def run(self) -> list[nodes.Node]:
        exercise = self.arguments[0].strip()
        page = self.env.doc2path(self.env.docname, base=False)
        where = f"{page}:{self.lineno}"
        key_file = keys.KEYS_DIR / f"{exercise}.yaml"
        self.env.note_dependency(str(key_file))
        try:
            key = keys.key_for(exercise)
        except UnknownExerciseError:
            raise AmsExerciseError(
                f"{where}: exercise {exercise!r} is not an exercise id (no answer key "
                f"{exercise}.yaml; `ams-exercises list` shows them)"
            ) from None
        except InputError as exc:
            raise AmsExerciseError(
                f"{where}: exercise {exercise!r} has an answer key that fails validation: {exc}"
            ) from None

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
