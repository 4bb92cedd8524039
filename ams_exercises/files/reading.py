"""Reading text and YAML that people wrote, safely: a size limit, UTF-8 only, no aliases,
and errors in one line.

Used for answer keys, modules, the catalogue, the progress file and learners' answer files
and notebooks alike. Only regular files are read (a FIFO would block, ``/dev/zero`` would
never end), and never more than the limit, whatever the file's size claims.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

#: Larger files are refused before they are parsed.
MAX_BYTES = 1_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: What YAML's constructors raise for a value they recognize but cannot build.
_UNBUILDABLE = (ValueError, OverflowError, TypeError, AttributeError, KeyError, IndexError)


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES, error: type[Exception]) -> bytes:
    """The bytes of the regular file ``path`` (a link to one is fine), at most ``max_bytes``.

    Missing files, folders, FIFOs, devices and sockets are refused with ``error`` before
    anything is read; a file that turns out longer than ``max_bytes`` while it is read is
    refused too.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except (OSError, ValueError) as exc:
        raise error(path, f"cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise error(path, f"is {kind_of_file(info.st_mode)}, not a regular file; give a file")
    if info.st_size > max_bytes:
        raise error(path, f"is {info.st_size:,} bytes, over the limit of {max_bytes:,} bytes")
    try:
        # Non-blocking: if the file was swapped for a FIFO since the check, open still returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise error(path, "is not a regular file; give a file")
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise error(path, f"is over the limit of {max_bytes:,} bytes")
    return raw


def kind_of_file(mode: int) -> str:
    """What a file that is not a regular file is, in a person's words: "a pipe"..."""
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something else"


def read_text(path: Path, *, max_bytes: int = MAX_BYTES, error: type[Exception]) -> str:
    """The text of ``path``, refusing missing, special, empty, huge and non-UTF-8 files."""
    return decode(read_bytes(path, max_bytes=max_bytes, error=error), path, error=error)


def decode(raw: bytes, where: str | Path, *, error: type[Exception]) -> str:
    """Decode UTF-8 (with or without a byte-order mark); anything else is ``error``. Line
    endings come back as "\\n" (:func:`newlines_normalized`)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            where,
            f"is not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x}); save it as UTF-8",
        ) from None
    if "\x00" in text:
        raise error(where, "holds a NUL byte: it looks like a binary file, not text")
    if not text.strip():
        raise error(where, "is empty")
    return newlines_normalized(text)


def newlines_normalized(text: str) -> str:
    """``text`` with Windows ("\\r\\n") and old Mac ("\\r") line endings made "\\n", so that
    whatever splits it into lines (``split("\\n")``, JSON's line numbers) counts the lines
    an editor shows. YAML reads all three as line breaks already: its meaning is unchanged."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _alias_name(anchor: str) -> str:
    """An alias's name, fit to show: an odd one (escapes, very long) is just "name"."""
    return anchor if len(anchor) <= 40 and anchor.isascii() and anchor.isprintable() else "name"


def refuse_yaml_bombs(
    text: str,
    where: str | Path,
    *,
    error: type[Exception],
    part: str = "",
    first_line: int = 1,
    max_nodes: int | None = None,
) -> int:
    """Check YAML before it is parsed, by us or by a library that parses it for us
    (jupytext, for a notebook's front matter): an alias (``*name``, the billion-laughs
    bomb), more than ``max_nodes`` values, and text that is not valid YAML are refused.
    Only YAML's events are read (C speed, nothing built). Returns the number of values.

    ``part`` names the part of ``where`` the text is ("front matter"); ``first_line`` is
    the line of ``where`` the text starts on, so that lines are the file's.
    """
    in_part = f" in its {part}" if part else ""
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line = first_line + event.start_mark.line
                raise error(
                    where,
                    f"uses a YAML alias (*{_alias_name(event.anchor)}){in_part} at line "
                    f"{line}; write the value out in full",
                )
            if isinstance(event, yaml.NodeEvent):  # a scalar, or a list or mapping starts
                nodes += 1
                if max_nodes is not None and nodes > max_nodes:
                    raise error(
                        where,
                        f"holds more than {max_nodes:,} YAML values{in_part}; keep only the "
                        "settings it needs",
                    )
    except yaml.YAMLError as exc:
        # Refused here too, not left to the library: its parser could read on to an alias.
        raise _not_valid(
            exc, where, error, in_part=in_part, first_line=first_line, text=text
        ) from None
    return nodes


def _not_valid(
    exc: yaml.YAMLError,
    where: str | Path,
    error: type[Exception],
    *,
    in_part: str = "",
    first_line: int = 1,
    text: str = "",
) -> Exception:
    """YAML's complaint in one line, at the file's line (and column, in a whole file). In a
    part of a file, a complaint about the end of the part is put on its last line."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        at = ""
    elif in_part:
        last = text.rstrip().count("\n")  # the part's last line, from 0
        at = f" at line {first_line + min(mark.line, last)}"
    else:
        at = f" at line {mark.line + 1}, column {mark.column + 1}"
    problem = (
        getattr(exc, "problem", None)
        or getattr(exc, "context", None)
        or (str(exc).splitlines() or [type(exc).__name__])[0]
    )
    return error(where, f"is not valid YAML{in_part}{at}: {problem}")


def parse_yaml(text: str, where: str | Path, *, error: type[Exception]) -> Any:
    """Parse one YAML document. Aliases (``*name``) are refused: they allow billion-laughs bombs."""
    try:
        # An alias is written "*name": text without a "*" has none, and is parsed once.
        if "*" in text:
            refuse_yaml_bombs(text, where, error=error)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise _not_valid(exc, where, error) from None
    except RecursionError:
        raise error(where, "is nested too deeply to read") from None
    except _UNBUILDABLE:
        # A value YAML recognizes but cannot build: a date that does not exist (2024-02-30),
        # "!!int abc", a number of thousands of digits, an impossible time zone.
        line = _unreadable_value_line(text)
        at = f" at line {line}" if line else ""
        raise error(
            where,
            f"holds a value that cannot be read{at} (a date, time or number that cannot "
            "exist as written); put the answer in quotes",
        ) from None


def _unreadable_value_line(text: str) -> int | None:
    """The line of the first scalar that YAML's safe loader cannot build, if it can be found."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            stack = [root] if root is not None else []
            while stack:
                node = stack.pop(0)
                if isinstance(node, yaml.ScalarNode):
                    try:
                        loader.construct_object(node, deep=True)
                    except _UNBUILDABLE:
                        return node.start_mark.line + 1
                elif isinstance(node, yaml.SequenceNode):
                    stack.extend(node.value)
                elif isinstance(node, yaml.MappingNode):
                    stack.extend(v for pair in node.value for v in pair)
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def load_yaml_file(path: Path, *, error: type[Exception], max_bytes: int = MAX_BYTES) -> Any:
    """Read and parse a YAML file with every check above."""
    return parse_yaml(read_text(path, max_bytes=max_bytes, error=error), path, error=error)
