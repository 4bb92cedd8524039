"""The package's layers, read from its source: every import points down, none goes round.

Lowest first: ``errors`` and ``files`` (safe reading and writing), ``grader`` (the pure
core, reading the course compiled into ``compiled/``), ``authoring`` (the course files
and their compiler), ``answers`` (a learner's files), ``api`` and
``course_time`` (the course's computed times, read from the book), then the
surfaces (``learner``, ``sphinx``, ``handouts``, ``classroom``, ``lms``), which do not
import each other, then ``cli`` and the facade. Imports inside functions and under
``TYPE_CHECKING`` count too: they are arrows all the same.

The grader reads one thing from disk, the compiled course, and in one place. Code for
development only lives in ``devtools/``: the package never imports it, the wheel leaves it
out, and ``benchmarks/`` shares code with the tests through it, never by reaching into
``tests/``.
"""

from __future__ import annotations

import ast
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "ams_exercises"
TESTS = REPO / "tests"
BENCHMARKS = REPO / "benchmarks"
#: Folders of code for development only: never in the wheel.
DEVELOPMENT = ("devtools", "tests", "benchmarks")

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


#: ``Path``'s and the built-in ways to read or write a file, by the name called.
FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "touch", "unlink"}
FILE_CALLS |= {"mkdir", "rmdir", "iterdir", "glob", "rglob"}
#: ``os``'s, called as ``os.NAME``.
OS_FILE_CALLS = {"open", "fdopen", "replace", "rename", "remove", "unlink", "makedirs"}
OS_FILE_CALLS |= {"mkdir", "rmdir", "listdir", "scandir", "walk"}
#: Modules whose whole purpose is files.
FILE_MODULES = {"io", "shutil", "tempfile", "glob", "fileinput", "zipfile", "tarfile"}


def file_io(source: str) -> set[str]:
    """How a source file reads or writes files: the calls and modules of it that it uses."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] in FILE_MODULES}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found |= {node.module} if node.module.split(".")[0] in FILE_MODULES else set()
        elif isinstance(node, ast.Call):
            call = node.func
            if isinstance(call, ast.Name) and call.id == "open":
                found.add("open")
            elif isinstance(call, ast.Attribute):
                owner = call.value.id if isinstance(call.value, ast.Name) else None
                if owner == "os" and call.attr in OS_FILE_CALLS:
                    found.add(f"os.{call.attr}")
                elif owner != "os" and call.attr in FILE_CALLS:
                    found.add(call.attr)
    return found


FILE_IO = {module_name(p): file_io(p.read_text("utf-8")) for p in SOURCES}


def test_the_grading_core_reads_files_in_one_place_and_imports_no_file_helper():
    """``grader/course.py`` opens the compiled course for reading; nothing else the grader
    runs, in the grader or below it (``settings``, ``errors``, ...), touches a file."""
    grader = {m for m in MODULES if part_of(m) == "grader"}
    doing = {m: FILE_IO[m] for m in grader if FILE_IO[m]}
    assert doing == {"ams_exercises.grader.course": {"open"}}
    course = ast.parse((PACKAGE / "grader" / "course.py").read_text("utf-8"))
    for call in ast.walk(course):
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "open":
            modes = [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "mode")]
            assert all(getattr(m, "value", None) == "r" for m in modes), "the grader only reads"
    below: set[str] = set()
    todo = [t for m in grader for t in GRAPH[m]]
    while todo:
        t = todo.pop()
        if t not in below and part_of(t) != "grader":
            below.add(t)
            todo += GRAPH[t]
    assert not {t for t in below if part_of(t) == "files" or FILE_IO[t]}, sorted(below)


def absolute_imports(source: str) -> set[str]:
    """The modules a source file imports by their full names (``import a.b``,
    ``from a.b import c``), at any depth in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module)
    return found


def test_the_package_never_imports_the_dev_tools():
    for path in SOURCES:
        names = absolute_imports(path.read_text("utf-8"))
        assert not {n for n in names if n.split(".")[0] == "devtools"}, module_name(path)


def test_the_wheel_holds_the_package_and_no_development_code():
    found = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    include = found["packages"]["find"]["include"]
    assert any(fnmatchcase("ams_exercises", pattern) for pattern in include)
    for folder in DEVELOPMENT:
        assert not any(fnmatchcase(folder, pattern) for pattern in include), folder


#: The tests' own modules, as a benchmark could import them with ``tests/`` on its path.
TEST_MODULES = {p.stem for p in TESTS.rglob("*.py") if "node_modules" not in p.parts}


def reaches_into_tests(source: str) -> set[str]:
    """What a benchmark takes from ``tests/``: a test module imported, or a path into the
    folder (``ROOT / "tests"``, ``"tests/..."``), as for ``sys.path`` or a file the tests
    keep."""
    own = {p.stem for p in BENCHMARKS.glob("*.py")}
    found = {
        name
        for name in absolute_imports(source)
        if name.split(".")[0] == "tests" or name.split(".")[0] in TEST_MODULES - own
    }
    for node in ast.walk(ast.parse(source)):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and (text.strip("/") == "tests" or text.startswith("tests/")):
            found.add(repr(text))
    return found


@pytest.mark.parametrize("path", sorted(BENCHMARKS.glob("*.py")), ids=lambda p: p.name)
def test_benchmarks_take_nothing_from_the_tests(path):
    """Code the two share lives in ``devtools/``."""
    assert reaches_into_tests(path.read_text("utf-8")) == set()


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


def test_the_file_and_reach_readers_can_fail():
    """The readers see file I/O and reaches into ``tests/`` when they are there."""
    source = (
        "import shutil\nimport os\nfrom pathlib import Path\n"
        "def f(p):\n    Path(p).write_text('x')\n    os.replace(p, p)\n"
        "    return 'a'.replace('a', 'b'), os.environ.get('X')\n"
    )
    assert file_io(source) == {"shutil", "write_text", "os.replace"}
    assert file_io("import os\nos.environ.get('X')\n'a'.replace('a', 'b')\n") == set()
    reach = "import sys\nsys.path.insert(0, str(ROOT / 'tests'))\nfrom learner_helpers import R\n"
    assert reaches_into_tests(reach) == {"'tests'", "learner_helpers"}
    assert reaches_into_tests("from conftest import ROOT\nimport tests.x\n") == {
        "conftest",
        "tests.x",
    }
    assert reaches_into_tests("x = 'tests/js/run.mjs'\n") == {"'tests/js/run.mjs'"}
