"""``ams-exercises dev``: the course author's commands (hidden from learners' help).

- ``dev compile``: check every course file and write the compiled bundle the grader reads
  (``--check`` only compares);
- ``dev worksheets``: write ``exercises/catalogue.yaml`` and the blank worksheets from the
  answer keys (``--check`` only compares; ``--prune`` removes worksheets no key has);
- ``dev schemas``: regenerate ``course/schemas/*.schema.json`` (answer keys, workshop
  plan) from the models;
- ``dev vectors``: says where the shared test vectors are built (``python -m
  devtools.vectors`` in a clone: the dev tools are not in the installed package);
- ``dev look-alikes``: regenerate ``course/look-alikes.yaml`` from Unicode's data;
- ``dev site-handouts``: the book build's worker, writing the site's handout PDFs;
- ``dev scorm``: write the SCORM 1.2 and 2004 packages of the built book (``make scorm``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .base import EXIT_BAD_INPUT, EXIT_NOT_YET, reports_bad_input


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


@dev.command(name="compile")
@click.option(
    "--check", "check_only", is_flag=True, help="Only report compiled files that are stale."
)
@click.option("--only", multiple=True, metavar="ID", help="Compile only this key (repeatable).")
@reports_bad_input
def compile_course(check_only: bool, only: tuple[str, ...]) -> None:
    """Check every course file and write the compiled bundle the grader reads."""
    from ..authoring.bundle import build, stale, write

    files = build(only=only)
    if only:
        from ..grader.course import compiled

        known = {f"keys/{i}.json" for i in compiled()["keys"]}
        files = {n: t for n, t in files.items() if n != "course.json"}
        missing = [n for n in files if n not in known]
        if missing:
            raise click.UsageError(f"{missing[0]} is new: compile the whole course")
        for name, text in files.items():
            from ..grader.course import COMPILED_DIR

            (COMPILED_DIR / name).write_text(text, "utf-8")
        click.echo(f"compiled {len(files)} key(s)")
        return
    if check_only:
        old = stale(files)
        for name in old:
            click.echo(f"stale: ams_exercises/compiled/{name}")
        if old:
            click.echo("run: ams-exercises dev compile")
            sys.exit(EXIT_NOT_YET)
        click.echo("the compiled course is current")
        return
    written = write(files)
    click.echo(f"compiled {len(files) - 1} keys; {len(written)} file(s) changed")


@dev.command()
@click.argument("exercise")
@reports_bad_input
def explain(exercise: str) -> None:
    """Print a key's scenario as the grader sees it: actors, relations, roles, feedback."""
    from ..grader.keys import key_for

    key = key_for(exercise)
    click.echo(f"{key.id}: widget = {key.widget.name!r}")
    for actor in key.actors:
        if not actor.placed:
            continue
        kind = f" (group {actor.group})" if actor.group else ""
        click.echo(f"- {actor.ref}{kind}: {', '.join(actor.roles)} <- {'; '.join(actor.relations)}")
        click.echo(
            f"    names: {', '.join(actor.names[:12])}{' ...' if len(actor.names) > 12 else ''}"
        )
        if actor.does:
            click.echo(f"    does: {'; '.join(actor.does)}")
        if actor.reason:
            click.echo(f"    reason: {actor.reason}")
    for name in key.asks:
        fk = key.fields[name]
        click.echo(f"\n[{name}] needs {fk.needed} of {len(fk.expected)}")
        for item in fk.expected:
            click.echo(f"  accept: {', '.join(item.accept[:8])}")
        for p in fk.partial:
            click.echo(f"  partial: {', '.join(p.answers[:6])} -> {p.feedback}")
        for w in fk.wrong:
            if w.group:
                continue
            click.echo(f"  wrong ({w.recognized_as}, {w.trap}): {', '.join(w.answers[:6])}")
            click.echo(f"      -> {w.feedback}")


def answer_key_schema() -> dict:
    """The answer-key JSON Schema, generated from the models."""
    from ..authoring.models import KeySource
    from ..files.models import json_schema

    return json_schema(KeySource, "AMS exercise answer key (format_version 2)")


def lexicon_schema() -> dict:
    """The lexicon's JSON Schema, generated from its model."""
    from ..authoring.models import LexiconFile
    from ..files.models import json_schema

    return json_schema(LexiconFile, "AMS course lexicon of groups (format_version 2)")


@dev.command()
@reports_bad_input
def schemas() -> None:
    """Regenerate the JSON Schemas in course/schemas/: answer key, lexicon, workshop plan,
    a state's overlay."""
    from ..authoring.overlay import OverlayFile
    from ..authoring.sources import ANSWER_KEY_SCHEMA, LEXICON_SCHEMA, OVERLAY_SCHEMA
    from ..authoring.workshop import WORKSHOP_SCHEMA, workshop_schema
    from ..files.models import json_schema

    for path, schema in (
        (ANSWER_KEY_SCHEMA, answer_key_schema()),
        (LEXICON_SCHEMA, lexicon_schema()),
        (WORKSHOP_SCHEMA, workshop_schema()),
        (OVERLAY_SCHEMA, json_schema(OverlayFile, "A state's overlay (format_version 1)")),
    ):
        path.write_text(json.dumps(schema, indent=2) + "\n", "utf-8")
        click.echo(f"wrote {path}")


@dev.command(name="look-alikes")
@reports_bad_input
def look_alikes() -> None:
    """Regenerate course/look-alikes.yaml from Unicode's confusables list and letter names."""
    from ..authoring.look_alikes import dump, generate
    from ..authoring.sources import LOOK_ALIKES_FILE

    LOOK_ALIKES_FILE.write_text(dump(generate()), "utf-8")
    click.echo(f"wrote {LOOK_ALIKES_FILE}; now run: ams-exercises dev compile")


#: What ``dev vectors`` says: the vectors are built by the repository's dev tools.
VECTORS_ELSEWHERE = (
    "the test vectors are built by the repository's dev tools, which the installed package "
    "leaves out: in a clone of the course's repository, run "
    "`python -m devtools.vectors > grader-vectors.json`"
)


@dev.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def vectors() -> None:
    """Say where the shared test vectors are built (the repository's dev tools)."""
    click.echo(VECTORS_ELSEWHERE, err=True)
    sys.exit(EXIT_BAD_INPUT)


@dev.command(name="site-handouts")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.argument("files", nargs=-1, required=True)
def site_handouts(folder: Path, files: tuple[str, ...]) -> None:
    """Write these handouts of the site into FOLDER (the book build's background worker)."""
    from ..handouts.site import build_site_handouts

    problem = build_site_handouts(folder, list(files))
    if problem:
        click.echo(problem, err=True)
        sys.exit(1)


@dev.command()
@click.option(
    "--html",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("_build/html"),
    show_default=True,
    help="The built book.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("_build/scorm"),
    show_default=True,
    help="Where to write the packages.",
)
@click.option(
    "--mastery",
    type=click.IntRange(0, 100),
    default=None,
    help="Share of the final assessment's points (0-100) that counts as passed; default: its"
    " pass mark in the built book (ams_exercises_pass_mark in _config.yml).",
)
@reports_bad_input
def scorm(html: Path, out: Path, mastery: int | None) -> None:
    """Write SCORM 1.2 and 2004 packages of the built course book (make scorm)."""
    from ..lms import build_packages

    for path in build_packages(html, out, mastery=mastery):
        click.echo(path)
