"""``ams-exercises dev``: the course author's commands (hidden from learners' help).

- ``dev worksheets``: write ``exercises/catalogue.yaml`` and the blank worksheets from the
  answer keys (``--check`` only compares; ``--prune`` removes worksheets no key has);
- ``dev schemas``: regenerate ``course/schemas/*.schema.json`` (answer keys, workshop
  plan) from the models;
- ``dev vectors``: print the shared test vectors the in-page checker replays.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .base import EXIT_NOT_YET, reports_bad_input


@click.group(hidden=True)
def dev() -> None:
    """Commands for the course's authors: generated files and test vectors."""


@dev.command()
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="The repository root, holding exercises/.",
)
@click.option("--check", "check_only", is_flag=True, help="Only report files that are stale.")
@click.option("--force", is_flag=True, help="Overwrite worksheets that hold answers.")
@click.option("--prune", is_flag=True, help="Remove worksheets no key has any more.")
@reports_bad_input
def worksheets(root: Path, check_only: bool, force: bool, prune: bool) -> None:
    """Write exercises/catalogue.yaml and the blank worksheets from the answer keys."""
    from ..learner.worksheets import generate

    done = generate(root, check=check_only, force=force, prune=prune)
    for line in done.lines:
        click.echo(line)
    if not done.up_to_date:
        sys.exit(EXIT_NOT_YET)


def answer_key_schema() -> dict:
    """The answer-key JSON Schema, generated from the models."""
    from ..files.models import json_schema
    from ..grader.keys import AnswerKey

    return json_schema(AnswerKey, "AMS exercise answer key (format_version 1)")


def lexicon_schema() -> dict:
    """The lexicon's JSON Schema, generated from its model."""
    from ..files.models import json_schema
    from ..grader.lexicon import LexiconFile

    return json_schema(LexiconFile, "AMS course lexicon of groups (format_version 1)")


@dev.command()
@reports_bad_input
def schemas() -> None:
    """Regenerate the JSON Schemas in course/schemas/: answer key, lexicon, workshop plan."""
    from ..grader.course import ANSWER_KEY_SCHEMA, LEXICON_SCHEMA
    from ..grader.workshop import WORKSHOP_SCHEMA, workshop_schema

    for path, schema in (
        (ANSWER_KEY_SCHEMA, answer_key_schema()),
        (LEXICON_SCHEMA, lexicon_schema()),
        (WORKSHOP_SCHEMA, workshop_schema()),
    ):
        path.write_text(json.dumps(schema, indent=2) + "\n", "utf-8")
        click.echo(f"wrote {path}")


@dev.command()
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the samples.")
@reports_bad_input
def vectors(seed: int) -> None:
    """Print the grader's verdicts as JSON, for the in-page checker to replay."""
    from ..sphinx.vectors import build

    json.dump(build(seed=seed), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
