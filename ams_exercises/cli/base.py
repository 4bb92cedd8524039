"""What every command shares: exit codes, colors, one-line errors, output a terminal can
show safely (or that its reader cut short), and shell completion.

Exit codes: 0 when every field is correct (or the command did its job), 1 when an answer
is not right yet, 2 on bad input (with one line on standard error naming the file and the
problem), 3 when the tool itself failed (one line asking for a report, which does not
claim that nothing was done: a check may have been counted before the failure; set
``AMS_EXERCISES_DEBUG=1`` to see the traceback instead), 130 when stopped with Ctrl-C, and
141 when the reader of the output went away (a broken pipe; as shells report both). Never
1 for anything but an answer: a script reads 1 as "not right yet".
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from .. import settings
from ..errors import InputError
from ..files.paths import printable

EXIT_OK, EXIT_NOT_YET, EXIT_BAD_INPUT, EXIT_CRASH = 0, 1, 2, 3
#: 128 + SIGINT, as a shell reports a program stopped with Ctrl-C.
EXIT_STOPPED = 130
#: The exit code when the reader of the output went away (128 + SIGPIPE, as shells report).
EXIT_CUT_SHORT = 141

_VERDICT_COLORS = {
    "correct": "green",
    "partial": "yellow",
    "incorrect": "red",
    "unsure": "cyan",
    "missing": "magenta",
}
_ROLE_STYLES: dict[str, dict[str, Any]] = {
    "passed": {"fg": "green", "bold": True},
    "submitted": {"fg": "green", "bold": True},
    "attempted": {"fg": "yellow"},
    "not started": {"dim": True},
    "title": {"bold": True},
    "command": {"fg": "cyan"},
    "error": {"fg": "red"},
}


def use_color(stream: Any = None) -> bool:
    """Color only for a terminal, and never when NO_COLOR is set."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def verdict_style(text: str, verdict: str) -> str:
    """Color ``text`` for ``verdict`` (bold green for correct, and so on)."""
    return click.style(text, fg=_VERDICT_COLORS.get(verdict), bold=True)


def verdict_painter() -> Callable[[str, str], str] | None:
    """The verdict coloring for a result, or ``None`` for plain text."""
    return verdict_style if use_color() else None


def _role_style(text: str, role: str) -> str:
    return click.style(text, **_ROLE_STYLES.get(role, {}))


def painter() -> Callable[[str, str], str] | None:
    """The coloring function for the learner commands, or ``None`` for plain text."""
    return _role_style if use_color() else None


def paint(text: str, role: str) -> str:
    """``text`` colored for ``role`` on a terminal, plain otherwise."""
    return _role_style(text, role) if use_color() else text


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def wrapped(text: str, width: int) -> str:
    """``text`` with each line longer than ``width`` wrapped at spaces, never inside a
    word, its continuation lines indented like the line itself."""
    out = []
    for line in text.split("\n"):
        if len(_ANSI.sub("", line)) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        import textwrap  # only for a line too wide for the terminal

        out += textwrap.wrap(
            line,
            width,
            subsequent_indent=indent + "  " if indent else "  ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]
    return "\n".join(out)


def show(text: str, *, page: bool = False) -> None:
    """Print ``text`` for a person: on a terminal, wrapped at its width and, with ``page``,
    through the pager when it is taller than the terminal; piped, exactly as it is."""
    if not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty()):
        click.echo(text)
        return
    import shutil  # only on a terminal

    size = shutil.get_terminal_size((0, 0))  # 0: a terminal that does not say its size
    if size.columns:
        text = wrapped(text, max(40, size.columns - 1))
    if page and size.lines and text.count("\n") + 1 > size.lines - 1:
        click.echo_via_pager(text + "\n")
    else:
        click.echo(text)


def fail(message: str) -> None:
    """Print one line to standard error and exit with code 2."""
    click.echo(f"ams-exercises: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def warn(message: str) -> None:
    """Print one line to standard error and carry on."""
    click.echo(f"ams-exercises: {message}", err=True)


#: What a mark becomes on an output that cannot show it (a Windows code page, output
#: redirected to a file or a pipe): plain ASCII, never a crash.
_ASCII_MARKS = {
    "\u2713": "[ok]",  # check mark
    "\u2714": "[ok]",
    "\u2717": "[x]",  # ballot x
    "\u2718": "[x]",
    "\u00b7": ".",
    "\u2026": "...",
    "\u2014": "--",
    "\u2013": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2192": "->",
    "\u2022": "*",
}
_ASCII_HANDLER = "ams-exercises-ascii"


def _as_ascii(exc: UnicodeError) -> tuple[str, int]:
    """The codec error handler of :func:`output_that_cannot_fail`: each character the
    output's encoding lacks as an ASCII mark, its letters without accents, or ``?``."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    import unicodedata

    out = []
    for char in exc.object[exc.start : exc.end]:
        plain = _ASCII_MARKS.get(char)
        if plain is None:
            decomposed = unicodedata.normalize("NFKD", char)
            plain = decomposed.encode("ascii", "ignore").decode("ascii") or "?"
        out.append(plain)
    return "".join(out), exc.end


def output_that_cannot_fail() -> None:
    """Let standard output and error show what their encoding cannot hold as ASCII marks
    (``[ok]`` for a check mark) instead of failing: on Windows, output redirected to a
    file or a pipe is in the ANSI code page (cp1252), which has no check mark."""
    import codecs

    try:
        codecs.lookup_error(_ASCII_HANDLER)
    except LookupError:
        codecs.register_error(_ASCII_HANDLER, _as_ascii)
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) != "strict" or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors=_ASCII_HANDLER)
        except (ValueError, OSError, AttributeError):  # closed, or not a text wrapper after all
            continue


def reports_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an :class:`InputError` raised by ``command`` into one line and exit code 2, and
    any failure nobody foresaw into one line and exit code 3 (never 1, "not right yet")."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        output_that_cannot_fail()
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            fail(printable(str(exc)))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            # click would say "Aborted!" and exit 1, the code of a wrong answer
            click.echo("\nams-exercises: stopped (Ctrl-C).", err=True)
            sys.exit(EXIT_STOPPED)
        except Exception as exc:
            if settings.switch(settings.DEBUG, default=False):
                raise
            what = printable(str(exc).splitlines()[0][:200]) if str(exc) else ""
            click.echo(
                f"ams-exercises: something went wrong inside the tool ({type(exc).__name__}"
                f"{': ' + what if what else ''}) and it stopped before finishing: part of "
                "what it was doing may already be done (a check counted in your progress, "
                f"say). Please report this, with the command you ran ({settings.DEBUG}=1 "
                "shows the details).",
                err=True,
            )
            sys.exit(EXIT_CRASH)

    return run


#: Characters ``json.dumps`` leaves as they are that a terminal acts on or hides: DEL and
#: the C1 controls, zero-width and bidirectional formatting characters, the line and
#: paragraph separators, the byte-order mark and lone surrogates (which no file can hold).
_HIDDEN_IN_JSON = re.compile(
    "[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def terminal_json(data: Any) -> str:
    """``data`` as indented JSON that reads the same as ``json.dumps`` gives, with the
    characters of :data:`_HIDDEN_IN_JSON` written as ``\\u202e``-style escapes: still
    valid JSON carrying the same text, but nothing in it can fool a terminal."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _HIDDEN_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def quiet_when_cut_short(command: Callable[..., Any]) -> Callable[..., Any]:
    """End ``command`` quietly with :data:`EXIT_CUT_SHORT` when its output's reader went
    away (a broken pipe), instead of "please report this"; output is flushed inside, so
    nothing fails later at exit either."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            try:
                return command(*args, **kwargs)
            finally:
                sys.stdout.flush()
        except BrokenPipeError:
            # Nothing more can be shown: what is still buffered goes nowhere, quietly.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_CUT_SHORT)

    return run


def learner_command(command: Callable[..., Any]) -> Callable[..., Any]:
    """A learner command's body: bad input in one line (:func:`reports_bad_input`), and
    quiet when its output is cut short."""
    return reports_bad_input(quiet_when_cut_short(command))


def complete_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of exercise ids (:func:`~ams_exercises.learner.targets.ids_to_complete`,
    which only reads); none when the copy cannot be read."""
    from click.shell_completion import CompletionItem

    from ..learner.targets import ids_to_complete

    try:
        return [CompletionItem(i) for i in ids_to_complete(incomplete)]
    except InputError:
        return []
