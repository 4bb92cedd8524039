"""Run ``ams-exercises`` with every file it opens and every folder it lists recorded.

Usage: ``python audited_run.py LOG ARGS...``. Python's audit hooks see each ``open`` (the
built-in ``open`` and ``os.open`` alike), ``os.scandir`` and ``os.listdir``; the paths are
written to LOG as JSON when the command ends, for the tests that check that grading a class
reads nothing outside the class folder.
"""

from __future__ import annotations

import atexit
import json
import os
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


if __name__ == "__main__":
    log_path, *command = sys.argv[1:]
    atexit.register(write_log, log_path)
    sys.addaudithook(record)
    from ams_exercises.cli import main

    main(args=command, prog_name="ams-exercises")
