"""Where the course's data lives, and how each of its files is loaded.

``ams_exercises/course/`` holds only data, what a course author edits: ``keys/*.yaml``
(one answer key per exercise), ``modules.yaml``, ``language.yaml``, ``lexicon.yaml`` (the
groups every key knows) and the JSON Schemas generated from the models. Every file is
checked against its model by
:func:`~ams_exercises.files.models.load_model`, naming the file and the field that is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from ..errors import KeyFileError
from ..files.models import load_model
from ..files.reading import load_yaml_file

COURSE_DIR = Path(__file__).resolve().parent.parent / "course"
KEYS_DIR = COURSE_DIR / "keys"
MODULES_FILE = COURSE_DIR / "modules.yaml"
LANGUAGE_FILE = COURSE_DIR / "language.yaml"
LEXICON_FILE = COURSE_DIR / "lexicon.yaml"
SCHEMAS_DIR = COURSE_DIR / "schemas"
ANSWER_KEY_SCHEMA = SCHEMAS_DIR / "answer-key.schema.json"
CHECK_RESULT_SCHEMA = SCHEMAS_DIR / "check-result.schema.json"
LEXICON_SCHEMA = SCHEMAS_DIR / "lexicon.schema.json"

M = TypeVar("M")


def load_course_file(path: Path, model: type[M], data: Any = None) -> M:
    """A course file read (unless ``data`` is given) and checked against ``model``."""
    if data is None:
        data = load_yaml_file(path, error=KeyFileError)
    return load_model(model, data, path, KeyFileError)
