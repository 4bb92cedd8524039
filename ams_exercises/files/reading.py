"""Reading text and YAML that people wrote, safely: a size limit, UTF-8 only, no aliases,
and errors in one line.

Used for answer keys, modules, the catalogue and learners' answer files alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: Larger files are refused before they are parsed.
MAX_BYTES = 1_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path, *, max_bytes: int = MAX_BYTES, error: type[Exception]) -> str:
    """The text of ``path``, refusing missing, empty, huge and non-UTF-8 files with ``error``."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise error(path, "is a folder, not a file")
    if size > max_bytes:
        raise error(path, f"is {size:,} bytes, over the limit of {max_bytes:,} bytes")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    return decode(raw, path, error=error)


def decode(raw: bytes, where: str | Path, *, error: type[Exception]) -> str:
    """Decode UTF-8 (with or without a byte-order mark); anything else is ``error``."""
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
    return text


def parse_yaml(text: str, where: str | Path, *, error: type[Exception]) -> Any:
    """Parse one YAML document. Aliases (``*name``) are refused: they allow billion-laughs bombs."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise error(where, "uses a YAML alias (*name); write the value out in full")
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise error(where, f"is not valid YAML{at}: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise error(where, f"is not valid YAML: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise error(where, "is nested too deeply to read") from None


def load_yaml_file(path: Path, *, error: type[Exception], max_bytes: int = MAX_BYTES) -> Any:
    """Read and parse a YAML file with every check above."""
    return parse_yaml(read_text(path, max_bytes=max_bytes, error=error), path, error=error)
