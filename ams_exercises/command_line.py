"""A command as the learner can type it where they are: the one place that decides.

The ``ams-exercises`` script works only when its folder is on the PATH (an environment
activated, or a system install). Otherwise the tool tells the learner the form that works
from their terminal: ``python -m ams_exercises ...`` when that ``python`` is the one running
now, ``py -m ams_exercises ...`` on Windows outside a virtual environment (the Python
launcher), else the path of this Python (``.venv/bin/python -m ams_exercises ...``, or
``.venv\\Scripts\\python -m ...`` on Windows), relative to the current folder when it is
inside it. Standard library only.
"""

from __future__ import annotations

import os
import shutil
import sys
from functools import cache
from pathlib import Path

#: The console script the package installs.
SCRIPT = "ams-exercises"
MODULE = "ams_exercises"


def command(rest: str = "") -> str:
    """``ams-exercises REST`` in the form that works as typed here (:func:`prefix`)."""
    return f"{prefix()} {rest}".rstrip()


@cache
def prefix() -> str:
    """What starts a command here: ``ams-exercises``, or a ``-m`` form of this Python."""
    if shutil.which(SCRIPT):
        return SCRIPT
    return f"{python()} -m {MODULE}"


def pip_install(extra: str) -> str:
    """The command that adds the package's ``extra`` to this environment, as typed here,
    from the top folder of the learner's copy of the course."""
    return f'{python()} -m pip install -e ".[{extra}]"'


@cache
def python() -> str:
    """This Python as the learner can type it: its name when the PATH finds it, ``py`` on
    Windows outside a virtual environment, else its path."""
    here = Path(os.path.abspath(_python()))
    windows = _windows()
    for name in ("python",) if windows else ("python3", "python"):
        found = shutil.which(name)
        # The same folder, links not followed: a virtual environment's python is a link to
        # the system's, which does not have this package.
        if found and _folder(found) == _folder(here):
            return name
    if windows and not _in_virtual_environment() and shutil.which("py"):
        return "py"
    return _typed_path(here, windows)


def _python() -> str:
    return sys.executable


def _windows() -> bool:
    return os.name == "nt"


def _in_virtual_environment() -> bool:
    return sys.prefix != sys.base_prefix


def _folder(path: str | Path) -> str:
    return os.path.normcase(os.path.dirname(os.path.abspath(path)))


def _typed_path(exe: Path, windows: bool) -> str:
    """``exe`` as typed: relative to the current folder when it is inside it, without
    ``.exe`` on Windows, quoted when it holds a space."""
    if windows and exe.suffix.lower() == ".exe":
        exe = exe.with_suffix("")
    text = str(exe)
    try:
        relative = exe.relative_to(Path(os.path.abspath(os.getcwd())))
        text = str(relative) if len(relative.parts) > 1 else os.path.join(".", relative)
    except (ValueError, OSError):
        pass
    return f'"{text}"' if " " in text else text
