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

from ams_exercises.authoring.bundle import build as compile_course
from ams_exercises.grader.course import use_compiled

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
            compiled = compiled_keys(keys_dir, root / "compiled")
            try:
                use_compiled(compiled)
                with contextlib.redirect_stderr(errors):
                    args = ["-b", builder, *strict, "-N", "-q", "-E", *options, str(src), str(out)]
                    code = build_main(args)
            finally:
                use_compiled(None)
            built[wanted] = Build(code, errors.getvalue(), out)
        return built[wanted]

    yield build


def compiled_keys(keys_dir: Path, folder: Path) -> Path:
    """The keys of ``keys_dir`` compiled, with the course's lexicon and rules, into
    ``folder`` (keys that fail to compile are left out: a test book may name them)."""
    (folder / "keys").mkdir(parents=True, exist_ok=True)
    good = []
    for path in sorted(keys_dir.glob("*.yaml")):
        single = folder / "one" / path.stem
        single.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, single / path.name)
        try:
            files = compile_course(keys_dir=single)
        except Exception:  # noqa: BLE001 - a deliberately broken key of a test
            continue
        (folder / "keys" / f"{path.stem}.json").write_text(files[f"keys/{path.stem}.json"], "utf-8")
        good.append(path.stem)
        course = files["course.json"]
    import json

    data = json.loads(course) if good else {}
    data["keys"] = good
    (folder / "course.json").write_text(json.dumps(data), "utf-8")
    return folder
