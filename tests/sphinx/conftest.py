"""Build the tiny test books in ``books/`` with sphinx-build (in-process), against the
frozen answer keys in ``keys/``, so the golden files do not move when the course's keys do."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from ams_exercises import keys

HERE = Path(__file__).resolve().parent
BOOKS = HERE / "books"
TEST_KEYS = HERE / "keys"


@dataclass
class Build:
    """What a sphinx-build run left: its exit code, its error output, the output folder."""

    code: int
    stderr: str
    out: Path

    def page(self, name: str) -> str:
        return (self.out / name).read_text("utf-8")


@pytest.fixture
def sphinx_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., Build]]:
    """``sphinx_build("test-basic", "-D", "name=value", keys_dir=...)`` builds a copy of a
    test book with ``sphinx-build -b html -W -N`` (``-W`` unless
    ``warnings_are_errors=False``); keys come from ``keys_dir``."""

    def build(
        book: str,
        *options: str,
        keys_dir: Path = TEST_KEYS,
        builder: str = "html",
        warnings_are_errors: bool = True,
    ) -> Build:
        src = tmp_path / book
        shutil.copytree(BOOKS / book, src)
        out = tmp_path / f"{book}-{builder}"
        monkeypatch.setattr(keys, "KEYS_DIR", keys_dir)
        keys.key_for.cache_clear()
        capsys.readouterr()
        strict = ["-W"] if warnings_are_errors else []
        code = build_main(["-b", builder, *strict, "-N", "-q", "-E", *options, str(src), str(out)])
        return Build(code, capsys.readouterr().err, out)

    yield build
    keys.key_for.cache_clear()
