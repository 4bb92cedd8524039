"""``notebooks``: JupyterLab on the learner's own notebooks, started and stopped with the
command.

JupyterLab runs as a process of its own, on ``workspace/notebooks/``, with the copy's own
Jupyter settings (``.jupyter/`` at its top, which opens each notebook file as a notebook),
listening on this computer only. It inherits the environment, so a state's overlay given to
the command reaches the notebooks' checks. Stopping the command stops JupyterLab too:
never a server left running on its own.

Nothing here prints: the command line says what happens.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .state import Learner


@dataclass(frozen=True)
class Lab:
    """How to start JupyterLab for a learner's copy."""

    folder: Path  # the notebooks it opens on
    args: list[str]
    env: dict[str, str]


def require_jupyterlab() -> None:
    """An error saying how to install JupyterLab when it (or jupytext) is missing."""
    import importlib.util

    if importlib.util.find_spec("jupyterlab") and importlib.util.find_spec("jupytext"):
        return
    from ..command_line import pip_install

    raise InputError(
        "notebooks",
        "needs JupyterLab, which the light set-up leaves out; add it from the top folder "
        f"of your copy of the course with: {pip_install('notebooks')}",
    )


def lab_for(learner: Learner, port: int, *, browser: bool = True) -> Lab:
    """JupyterLab on ``learner``'s notebooks at ``port``, opening a browser if ``browser``."""
    folder = learner.catalogue.workspace / "notebooks"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(learner.home / ".jupyter")}
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={folder}",
        f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1",
    ]
    if not browser:
        args.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # JupyterLab refuses root without it (containers, CI)
    return Lab(folder, args, env)


def run_lab(lab: Lab) -> int | None:
    """Start JupyterLab and wait until it ends: its exit code, or ``None`` when it was
    stopped with Ctrl-C here (then it is stopped too, as it is when this process is
    asked to end)."""
    import signal
    import subprocess

    process = subprocess.Popen(lab.args, env=lab.env)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        return None
