"""Where the learner's copy of the course is: the folder holding ``exercises/catalogue.yaml``.

Standard library only: ``check FILE`` outside any copy learns that there is none without
loading the rest of the learner's workflow.
"""

from __future__ import annotations

import errno
from pathlib import Path

from .. import settings
from ..errors import InputError

#: Set this to the folder that holds ``exercises/`` to use it from anywhere.
HOME_VARIABLE = settings.HOME
#: The folder of a learner's copy that holds the worksheets and the catalogue.
EXERCISES_DIR = "exercises"
CATALOGUE_NAME = "catalogue.yaml"
#: The catalogue, relative to the learner's copy.
CATALOGUE = Path(EXERCISES_DIR) / CATALOGUE_NAME
#: The learner's own worksheets: made from the blank ones in ``exercises/``, ignored by git,
#: never touched by a course update.
WORKSPACE_DIR = "workspace"


class WorkingCopyError(InputError):
    """No copy of the course's exercises could be found to keep progress in."""


def unreadable(exc: OSError) -> str:
    """Why a file or folder could not be opened, with what to do, in a person's words."""
    if exc.errno == errno.ENAMETOOLONG:
        return "its name is too long for this computer; use a shorter name"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            "cannot be opened (permission denied); make sure your user may read it and "
            "the folders it is in"
        )
    return f"cannot be read ({exc.strerror or exc})"


def find_home(start: Path | None = None) -> Path:
    """The learner's copy: ``$AMS_EXERCISES_HOME``, or the nearest folder at or above
    ``start`` (the current folder) that holds ``exercises/catalogue.yaml``."""
    env = settings.folder(HOME_VARIABLE)
    if env:
        home = env.resolve()
        if not (home / CATALOGUE).is_file():
            raise WorkingCopyError(
                f"{HOME_VARIABLE}={env}",
                f"has no {CATALOGUE.as_posix()}; point it at your copy of the course",
            )
        return home
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CATALOGUE).is_file():
            return folder
    raise WorkingCopyError(
        here,
        f"neither this folder nor any above it holds {CATALOGUE.as_posix()}; run ams-exercises "
        f"inside your copy of the course (or set {HOME_VARIABLE})",
    )


def find_home_if_any(start: Path | None = None) -> Path | None:
    """:func:`find_home`, or ``None`` outside any copy (unless the variable is set: then a
    wrong value is an error, not a silent "no copy")."""
    try:
        return find_home(start)
    except WorkingCopyError:
        if settings.folder(HOME_VARIABLE):
            raise
        return None
