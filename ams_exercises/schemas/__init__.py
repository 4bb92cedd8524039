"""JSON Schemas of the package's formats, kept in this folder for editors and reviewers.

``answer-key.schema.json`` is generated from the answer-key models; regenerate it with
``python -m ams_exercises.schemas`` after changing :mod:`ams_exercises.keys` (a test fails
when it is stale). ``check-result.schema.json`` describes ``ams-exercises check --json``.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANSWER_KEY_SCHEMA = HERE / "answer-key.schema.json"
CHECK_RESULT_SCHEMA = HERE / "check-result.schema.json"


def answer_key_schema() -> dict:
    """The answer-key JSON Schema, generated from the pydantic models."""
    from ..keys import AnswerKey

    schema = AnswerKey.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "AMS exercise answer key (format_version 1)"
    return schema


def write() -> None:
    """Regenerate ``answer-key.schema.json``."""
    ANSWER_KEY_SCHEMA.write_text(json.dumps(answer_key_schema(), indent=2) + "\n", encoding="utf-8")
