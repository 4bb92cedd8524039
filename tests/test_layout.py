"""The package's layers, read from its source: every import points down, none goes round.

Lowest first: ``errors`` and ``files`` (safe reading and writing), ``grader`` (the pure
core, reading the course compiled into ``compiled/``), ``authoring`` (the course files
and their compiler), ``answers`` (a learner's files), ``api`` and
``course_time`` (the course's computed times, read from the book), then the
surfaces (``learner``, ``sphinx``, ``handouts``, ``classroom``, ``lms``), which do not
import each other, then ``cli`` and the facade. Imports inside functions and under
``TYPE_CHECKING`` count too: they are arrows all the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ams_exercises"

#: Each part of the package and its layer; a module may import its own layer or lower.
LAYERS = {
    "errors": 0,
    "shown": 0,
    "command_line": 0,  # how a learner can type a command where they are
    "settings": 0,  # the environment variables, read one way
    "files": 0,
    "grader": 1,
    "authoring": 2,
    "answers": 2,
    "api": 3,
    "course_time": 3,  # reads the book's pages and the keys' minutes, like the API reads files
    "role_map": 3,  # draws a key's scenario for every surface that shows a solution
    "overlays": 3,  # a state's overlay: found, compiled with the course, cached
    "assessments": 3,  # the pre-check's and the final's rules, for the learner and the class
    "build_pipeline": 3,  # the book build's steps in order, for both surfaces that extend Sphinx
    "learner": 4,
    "sphinx": 4,
    "handouts": 4,
    "classroom": 4,
    "lms": 4,
    "cli": 5,
    "__main__": 6,
    "__init__": 6,
}
SURFACES = {"learner", "sphinx", "handouts", "classroom", "lms"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def part_of(module: str) -> str:
    """``ams_exercises.grader.keys`` -> ``grader``; the package itself -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path, source: str | None = None) -> set[str]:
    """The package's modules that ``path`` imports (resolved, at any depth in the file)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    source = path.read_text("utf-8") if source is None else source
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("ams_exercises")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("ams_exercises"):
                continue
            for alias in node.names:  # ``from . import keys`` imports the module keys
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m != name}


SOURCES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(p) for p in SOURCES}
GRAPH = {module_name(p): imports_of(p) for p in SOURCES}


def test_every_part_of_the_package_has_a_layer():
    assert {part_of(m) for m in MODULES} <= set(LAYERS)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down_never_up_nor_across_surfaces(module):
    mine = part_of(module)
    for target in sorted(GRAPH[module]):
        theirs = part_of(target)
        assert LAYERS[theirs] <= LAYERS[mine], f"{module} imports {target}, a higher layer"
        if mine in SURFACES and theirs in SURFACES:
            assert theirs == mine, f"{module} imports {target}: surfaces stay apart"


def test_the_grading_core_imports_no_surface():
    above = {"answers", "api", "learner", "sphinx", "handouts", "classroom", "cli", "__init__"}
    for module, targets in GRAPH.items():
        if part_of(module) == "grader":
            assert not {t for t in targets if part_of(t) in above}, module


def test_the_grading_core_reads_only_the_compiled_course():
    """No file helpers, no YAML, no course sources: the grader reads the compiled bundle."""
    for module, targets in GRAPH.items():
        if part_of(module) == "grader":
            assert not {t for t in targets if part_of(t) in ("files", "authoring")}, module
    for path in (PACKAGE / "grader").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert "yaml" not in names, path.name


def test_no_module_imports_itself_round_a_cycle():
    """No two modules import each other, directly or through others."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:  # Tarjan's strongly connected components
        index[m] = low[m] = len(index)
        stack.append(m)
        for t in GRAPH.get(m, ()):
            if t not in index:
                visit(t)
                low[m] = min(low[m], low[t])
            elif t in stack:
                low[m] = min(low[m], index[t])
        if low[m] == index[m]:
            group = []
            while True:
                t = stack.pop()
                group.append(t)
                if t == m:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for m in sorted(GRAPH):
        if m not in index:
            visit(m)
    assert cycles == []


def test_the_checks_above_can_fail():
    """The import reader sees upward arrows, also inside a function."""
    source = "from ..cli import main\ndef f():\n    from .. import api\n    from . import keys\n"
    found = imports_of(PACKAGE / "grader" / "fake.py", source)
    assert found == {"ams_exercises.cli", "ams_exercises.api", "ams_exercises.grader.keys"}
    assert max(LAYERS[part_of(t)] for t in found) > LAYERS["grader"]
