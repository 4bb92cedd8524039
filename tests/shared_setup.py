"""Setup that the whole test run shares: a costly file made once, however many workers
``make test`` spreads the suite over."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run: every worker's own folder sits in it."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def one_at_a_time(factory: pytest.TempPathFactory, name: str) -> Iterator[None]:
    """Hold the run's lock called ``name``: one worker at a time gets past it."""
    with open(run_folder(factory) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A file or folder ``name`` that ``make(path)`` writes once for the whole run: when the
    suite is spread over workers, the first to need it makes it and the others wait for it,
    so a costly session fixture is not made once per worker."""
    path = run_folder(factory) / name
    with one_at_a_time(factory, name):
        if not path.exists():
            partial = path.with_name(f"{name}.partial")
            make(partial)
            partial.rename(path)
    return path
