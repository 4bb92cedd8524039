"""Build the tiny test books in ``books/`` with sphinx-build (in-process), against the
frozen answer keys in ``keys/``, so the golden files do not move when the course's keys do."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from ams_exercises.grader import keys

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


@pytest.fixture(scope="module")
def sphinx_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Build]]:
    """``sphinx_build("test-basic", "-D", "name=value", keys_dir=...)`` builds a copy of a
    test book with ``sphinx-build -b html -W -N`` (``-W`` unless
    ``warnings_are_errors=False``); keys come from ``keys_dir``. Each distinct build runs
    once per test module; tests that ask for the same one share its output (read only)."""
    built: dict[tuple, Build] = {}

    def build(
        book: str,
        *options: str,
        keys_dir: Path = TEST_KEYS,
        builder: str = "html",
        warnings_are_errors: bool = True,
    ) -> Build:
        wanted = (book, options, keys_dir, builder, warnings_are_errors)
        if wanted not in built:
            root = tmp_path_factory.mktemp(book)
            src = root / book
            shutil.copytree(BOOKS / book, src)
            out = root / f"{book}-{builder}"
            strict = ["-W"] if warnings_are_errors else []
            errors = io.StringIO()
            with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(errors):
                patch.setattr(keys, "KEYS_DIR", keys_dir)
                keys.key_for.cache_clear()
                args = ["-b", builder, *strict, "-N", "-q", "-E", *options, str(src), str(out)]
                code = build_main(args)
            keys.key_for.cache_clear()
            built[wanted] = Build(code, errors.getvalue(), out)
        return built[wanted]

    yield build
    keys.key_for.cache_clear()
