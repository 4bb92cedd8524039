"""Run ``ams-exercises`` with every file it opens and every folder it lists recorded.

Usage: ``python audited_run.py LOG ARGS...``. Python's audit hooks see each ``open`` (the
built-in ``open`` and ``os.open`` alike), ``os.scandir`` and ``os.listdir``; the paths are
written to LOG as JSON when the command ends, for the tests that check that grading a class
reads nothing outside the class folder.

Two things a class folder can do to the command are staged here, where they can happen at
the right moment:

* a swap during grading: ``AMS_TEST_SWAPS`` names a JSON file of ``{"when": PATH, "swap":
  ENTRY, "to": TARGET}``; just before the command opens PATH (after it has listed the
  class), ENTRY is replaced by a symbolic link to TARGET, as a learner racing the grader
  would do it;
* a folder nobody may read: as root, permissions do not stop reading, so a folder with no
  permission bits at all (``chmod 000``) is made to refuse listing as it does for anyone
  else (``PermissionError``), so the tests mean the same as root and as a user.
"""

from __future__ import annotations

import atexit
import errno
import json
import os
import stat
import sys

EVENTS = frozenset({"open", "os.scandir", "os.listdir"})
seen: list[tuple[str, str]] = []
recording = True


def record(event: str, args: tuple) -> None:
    """Keep the path of every open and listing while the command runs."""
    if not recording or event not in EVENTS or not args:
        return
    try:
        path = os.fsdecode(os.fspath(args[0]))
    except TypeError:  # a file descriptor, or no path at all
        return
    seen.append((event, path))


def write_log(log: str) -> None:
    global recording
    recording = False
    with open(log, "w", encoding="ascii") as fh:
        json.dump(seen, fh)  # lone surrogates (names that are not UTF-8) as \\udcxx


swaps: dict[str, tuple[str, str]] = {}  # path opened -> (entry replaced, link target)


def swap(event: str, args: tuple) -> None:
    """Replace an entry by a link just before the command opens the path it waits for."""
    if event != "open" or not swaps or not args:
        return
    try:
        path = os.fsdecode(os.fspath(args[0]))
    except TypeError:  # a file descriptor
        return
    planned = swaps.pop(path, None)
    if planned is None:
        return
    entry, target = planned
    aside = os.path.join(os.path.dirname(entry), ".swapped-" + os.path.basename(entry))
    os.rename(entry, aside)  # a file or a whole folder, out of the way (hidden)
    os.symlink(target, entry)


def refuse_unreadable_folders() -> None:
    """As root, list a folder without permission bits the way everyone else sees it: not."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    real = os.scandir

    def scandir(path="."):  # type: ignore[no-untyped-def]
        try:
            mode = os.stat(path).st_mode
        except (OSError, TypeError, ValueError):
            mode = None
        if mode is not None and stat.S_ISDIR(mode) and stat.S_IMODE(mode) == 0:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path)

    os.scandir = scandir


if __name__ == "__main__":
    log_path, *command = sys.argv[1:]
    atexit.register(write_log, log_path)
    if os.environ.get("AMS_TEST_SWAPS"):
        with open(os.environ["AMS_TEST_SWAPS"], encoding="utf-8") as fh:
            swaps.update({s["when"]: (s["swap"], s["to"]) for s in json.load(fh)})
    refuse_unreadable_folders()
    sys.addaudithook(swap)
    sys.addaudithook(record)
    from ams_exercises.cli import main

    main(args=command, prog_name="ams-exercises")
