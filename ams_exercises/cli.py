"""The ``ams-exercises`` command line: a thin layer over the API.

Exit codes: 0 when every field is correct (or the command did its job), 1 when an answer
is not right yet, 2 on bad input (with one line on standard error naming the file and the
problem). Heavy libraries (Sphinx, Jinja, WeasyPrint, matplotlib) are imported only inside
the commands that need them, never at start-up.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from .errors import InputError

EXIT_OK, EXIT_NOT_YET, EXIT_BAD_INPUT = 0, 1, 2

_VERDICT_COLOURS = {
    "correct": "green",
    "partial": "yellow",
    "incorrect": "red",
    "missing": "magenta",
}


def use_colour(stream: Any = None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def verdict_style(text: str, verdict: str) -> str:
    """Colour ``text`` for ``verdict`` (bold green for correct, and so on)."""
    return click.style(text, fg=_VERDICT_COLOURS.get(verdict), bold=True)


def fail(message: str) -> None:
    """Print one line to standard error and exit with code 2."""
    click.echo(f"ams-exercises: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def reports_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an :class:`InputError` raised by ``command`` into one line and exit code 2."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            fail(str(exc))

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ams-exercises")
def main() -> None:
    """Practise "who is your customer?": check your answers to the course's exercises.

    \b
    Examples:
      ams-exercises list
      ams-exercises check exercises/knowing-your-customer/environmental-permit.yaml
      ams-exercises check my-answers.yaml --json
      ams-exercises hint environmental-permit
    """


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@reports_bad_input
def list_(as_json: bool) -> None:
    """List every exercise with its module and title.

    \b
    Example:
      ams-exercises list
    """
    from .keys import all_keys, modules

    keys = all_keys()
    mods = modules()
    if as_json:
        rows = [
            {"id": k.id, "title": k.title, "module": k.module, "asks": list(k.asks)} for k in keys
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    current = None
    for key in keys:
        if key.module != current:
            current = key.module
            click.echo(f"\n{mods[current].title}")
        click.echo(f"  {key.id:<34} {key.title}")


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object (schemas/check-result.schema.json).",
)
@reports_bad_input
def check(file: Path, as_json: bool) -> None:
    """Grade an answer file and show each field's verdict and feedback.

    Exit code 0 when every field is correct, 1 when not, 2 when the file cannot be used.

    \b
    Examples:
      ams-exercises check my-answers.yaml
      ams-exercises check my-answers.yaml --json
    """
    from .api import check_file

    result = check_file(file)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.to_text(verdict_style if use_colour() else None))
    sys.exit(EXIT_OK if result.passed else EXIT_NOT_YET)


@main.command()
@click.argument("exercise")
@click.option(
    "--level",
    type=click.IntRange(1, 10),
    default=1,
    show_default=True,
    help="Which hint: 1 is the gentlest.",
)
@reports_bad_input
def hint(exercise: str, level: int) -> None:
    """Show a hint for an exercise.

    \b
    Example:
      ams-exercises hint environmental-permit
    """
    from .keys import key_for

    key = key_for(exercise)
    n = min(level, len(key.hints))
    click.echo(f"Hint {n} of {len(key.hints)} for {key.id}: {key.hints[n - 1]}")


if __name__ == "__main__":  # pragma: no cover
    main()
