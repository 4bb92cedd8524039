"""Helpers for the learner tests: run the real ``ams-exercises`` entry point (piped, or in
a pseudo-terminal as a person at a keyboard would), fill worksheets as a learner does."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli_runner import Ran, invoke

from ams_exercises.grader.keys import AnswerKey, key_for
from ams_exercises.grader.vocabulary import LIST_FIELDS

ROOT = Path(__file__).resolve().parents[2]
AMS = Path(sys.executable).with_name("ams-exercises")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment with nothing that changes the command's behaviour, plus ``extra``."""
    # LINES and COLUMNS size the output and decide the pager; test runners may set them.
    changes = ("NO_COLOR", "AMS_EXERCISES_HOME", "LINES", "COLUMNS")
    env = {k: v for k, v in os.environ.items() if k not in changes}
    env.update(extra)
    return env


def into_closed_pipe(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """``ams-exercises ARGS | head -1`` at its worst: the reader is gone before the command
    writes a byte. The command's standard error is captured."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [str(AMS), *args],
            cwd=cwd,
            env=clean_env(**env),
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(writer)


def run(*args: str, cwd: Path, input: str | None = None, **env: str) -> Ran:
    """Run ``ams-exercises ARGS`` in ``cwd`` (in process; output is not a terminal)."""
    return invoke(*args, cwd=cwd, input=input, **env)


def run_process(*args: str, cwd: Path, input: str | None = None, **env: str) -> Ran:
    """Run the real ``ams-exercises`` console script in ``cwd``, output piped."""
    proc = subprocess.run(
        [str(AMS), *args],
        cwd=cwd,
        env=clean_env(**env),
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def catalogue_of(home: Path):
    """The catalogue of a learner's copy, its workspace made as a first command makes it."""
    from ams_exercises.learner.catalogue import load_catalogue
    from ams_exercises.learner.workspace import sync_workspace

    catalogue = load_catalogue(home)
    sync_workspace(catalogue)
    return catalogue


def fill(text: str, key: AnswerKey, *, leave: str | None = None) -> str:
    """A worksheet with each TODO replaced as a learner would: the key's canonical answer
    (for list fields, as many as full marks need). ``leave`` keeps one field's TODO."""
    for name in key.asks:
        if name == leave:
            continue
        fk = key.fields[name]
        if name in LIST_FIELDS:
            lines = "\n".join(f"  - {json.dumps(a)}" for a in fk.canonical[: fk.needed])
            blank, answer = f"{name}:\n  - TODO", f"{name}:\n{lines}"
        else:
            blank, answer = f"{name}: TODO", f"{name}: {json.dumps(fk.canonical[0])}"
        assert blank in text, f"{key.id}: worksheet has no blank for {name}"
        text = text.replace(blank, answer)
    return text


def progress_of(home: Path) -> dict:
    return json.loads((home / ".ams-progress.json").read_text(encoding="utf-8"))


class Terminal:
    """A program run in a pseudo-terminal, as in a learner's terminal window."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its controlling terminal
            try:
                os.chdir(cwd)
                os.execve(args[0], args, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.raw = b""
        self.status: int | None = None

    @property
    def text(self) -> str:
        """Everything shown so far, colours removed."""
        return ANSI.sub("", self.raw.decode("utf-8", "replace")).replace("\r", "")

    def _pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the program closed the terminal
            return False
        self.raw += data
        return bool(data)

    def expect(self, pattern: str, timeout: float = 20, since: int = 0) -> int:
        """Wait until ``pattern`` (a regex) shows after character ``since``; its end."""
        deadline = time.monotonic() + timeout
        while True:
            found = re.search(pattern, self.text[since:])
            if found:
                return since + found.end()
            if time.monotonic() > deadline or not self._pump(0.1):
                if not (found := re.search(pattern, self.text[since:])):
                    raise AssertionError(f"never saw {pattern!r}; the screen:\n{self.text}")
                return since + found.end()

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def wait(self, timeout: float = 20) -> int:
        """The exit code, once the program has ended."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._pump(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                while self._pump(0.2) and select.select([self.fd], [], [], 0)[0]:
                    pass  # read what it printed last
                return os.waitstatus_to_exitcode(status)
        raise AssertionError(f"still running after {timeout}s; the screen:\n{self.text}")

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={
            "GIT_AUTHOR_NAME": "Course",
            "GIT_AUTHOR_EMAIL": "course@example.org",
            "GIT_COMMITTER_NAME": "Course",
            "GIT_COMMITTER_EMAIL": "course@example.org",
            "HOME": str(cwd),
            "PATH": "/usr/bin:/bin",
        },
    )
    return done.stdout


def practice_entries(home: Path) -> list:
    """The catalogue's practice exercises, in course order: the items of the pre-check and
    of the final assessment (answered once) left out."""
    from ams_exercises.assessments import module_of

    return [e for e in catalogue_of(home).entries if module_of(e.id) is None]


def assessment_entries(home: Path, kind: str) -> list:
    """The catalogue's items of the assessment ``kind`` (``pre`` or ``final``), in order."""
    from ams_exercises.assessments import assessment

    module = assessment(kind)
    assert module is not None, f"the course has no {kind} assessment"
    return [e for e in catalogue_of(home).entries if e.module == module.id]


def past_the_pre_check(home: Path) -> None:
    """Submit every pre-check item with the key's answers, as a learner who has taken it
    (the course starts with it): the exercise they are on is then the first practice one."""
    for entry in assessment_entries(home, "pre"):
        sheet = catalogue_of(home).path(entry)
        sheet.write_text(fill(sheet.read_text(encoding="utf-8"), key_for(entry.id)), "utf-8")
        done = run("check", entry.id, cwd=home)
        assert done.code == 0 and "Submitted" in done.out, done.out + done.err


def answers_part(text: str) -> str:
    """A worksheet's text above the block ``check`` writes when it submits an assessment
    item (:mod:`ams_exercises.answers.submitted`): the learner's own answers."""
    from ams_exercises.answers.submitted import MARKER

    above = text.split(MARKER, 1)[0]
    return above.rstrip("\n") + "\n" if MARKER in text else text
