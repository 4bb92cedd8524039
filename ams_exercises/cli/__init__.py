"""The ``ams-exercises`` command line: thin click commands over the layers below.

- :mod:`.learner`: next, list, check, hint, solution, progress, watch, reset;
- :mod:`.trainer`: handouts, grade;
- :mod:`.dev`: the hidden ``dev`` group for the course's authors.

:mod:`.base` holds what they share: exit codes (0 right or done, 1 not right yet, 2 bad
input, with one line naming the file and the problem), colors, shell completion. Heavy
libraries (Sphinx, Jinja, WeasyPrint, matplotlib, watchfiles) are imported only inside
the commands that need them, never at start-up.
"""

from __future__ import annotations

import gc
import importlib

import click

from . import learner

#: Commands whose modules load only when they are asked for, so ``check`` does not pay for
#: the trainer's and the authors' imports on every start: name -> (module, attribute).
LAZY_COMMANDS = {
    "handouts": (".trainer", "handouts"),
    "grade": (".trainer", "grade"),
    "dev": (".dev", "dev"),
}


def _show_version(ctx: click.Context, value: bool) -> None:
    """``--version``: what click's ``version_option`` prints; the installed package's
    metadata is looked up only when it is asked for, not on every start."""
    if value and not ctx.resilient_parsing:
        from importlib.metadata import version

        click.echo(f"ams-exercises, version {version('ams-exercises')}")
        ctx.exit()


class _CourseGroup(click.Group):
    """A click group that imports a command's module the first time the command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module, attribute = LAZY_COMMANDS[cmd_name]
            return getattr(importlib.import_module(module, __package__), attribute)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_CourseGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, param, value: _show_version(ctx, value),
    help="Show the version and exit.",
)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Practice "who is your customer?": work through the course's exercises and check
    your answers. With no command, says where you are and what to do next.

    \b
    Examples:
      ams-exercises                       # where am I? what next?
      ams-exercises check                 # check the exercise you are on
      ams-exercises watch                 # check it each time you save
      ams-exercises hint environmental-permit
      ams-exercises progress
      ams-exercises check my-answers.yaml --json

    \b
    Shell completion (bash; use zsh_source or fish_source for those shells):
      eval "$(_AMS_EXERCISES_COMPLETE=bash_source ams-exercises)"
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(learner.next_)


for _command in learner.COMMANDS:
    main.add_command(_command)


def run() -> None:
    """The ``ams-exercises`` console script (and ``python -m ams_exercises``): :data:`main`.

    When the command is done, every object still alive is frozen out of the cyclic garbage
    collector's sight (``gc.freeze``): the process is about to end, and the collector's
    last sweep over the modules it loaded only cost time (a tenth of a ``check``; the
    memory goes back to the system either way). Output is flushed as usual. What the
    sweep would have finalized, objects caught in reference cycles, is not: so the commands
    write files only in ``with`` blocks and through ``files/atomic.py``, closed before this.
    """
    try:
        main(prog_name="ams-exercises")
    finally:
        gc.freeze()


__all__ = ["main", "run"]
