"""A learner's answers read out of a notebook, without ever running the notebook.

The contract with the course notebooks: in a code cell, a learner answers an exercise by
calling ``check("<exercise-id>", field=..., ...)`` with the answers written out as text or
lists of text::

    check("environmental-permit", widget="the written permit", investors=["taxpayers"])

The notebook is read as Jupyter reads it: ``.ipynb`` with nbformat, MyST Markdown (code
cells in ```` ```{code-cell} ```` blocks) with jupytext's MyST reader, whatever format its
front matter claims. The calls are then found
with :mod:`ast`. Nothing is imported, evaluated or executed: a learner's code never runs on
the trainer's machine. Each call becomes a mapping ``{"exercise": id, field: answer, ...}``
for :func:`ams_exercises.answers.sheet.parse_answers`; calls are returned in notebook
order, so when a learner checked an exercise several times the last call is their final
answer. Cells are numbered as Jupyter shows them, from 1, markdown cells included.

Whatever cannot be read becomes an :class:`~ams_exercises.errors.AnswerFileError` naming the
file, the cell and what is wrong: a notebook that is not valid JSON or not a notebook at
all is one error for the whole file; a call whose answers are not written out as text is
one error for that call, and the other calls still count. A notebook of more than
:data:`MAX_CELLS` cells or :data:`MAX_CALLS` calls, a cell longer than
:data:`MAX_CELL_CHARS`, or code nested too deeply for Python's parser is refused in one
line as well, before it costs the trainer's machine minutes or gigabytes.

The YAML jupytext parses in a MyST notebook (the front matter, and each cell's options:
a ``---`` block or ``:name: value`` lines at the top of a ```` ```{code-cell} ````) is
checked before jupytext sees it: a YAML alias (``*name``), which jupytext and nbformat
would expand into gigabytes, more than :data:`MAX_YAML_NODES` values in one block, or more
than :data:`MAX_YAML_CHARS` characters of it in all, refuses the notebook in one line
naming the cell. An ``.ipynb`` file is JSON, which has no aliases, and nbformat parses no
YAML.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from textwrap import dedent
from typing import Any

from ..errors import AnswerFileError
from ..files.reading import read_text, refuse_yaml_bombs
from ..grader.vocabulary import FIELDS

#: Notebooks carry outputs (pictures too), so they may be larger than an answer file.
MAX_NOTEBOOK_BYTES = 20_000_000
#: A code cell longer than this is not parsed: Python's parser needs about a hundred times
#: a cell's size in memory, and a cell of answers is a few thousand characters.
MAX_CELL_CHARS = 1_000_000
#: More cells than this and the notebook is refused before it is parsed: the course's
#: notebooks have a dozen, and reading each cell costs jupytext and nbformat a millisecond.
MAX_CELLS = 2_000
#: More ``check(`` calls than this in one notebook and none is read: a learner answers each
#: exercise a few times, and every call costs a parse and a check.
MAX_CALLS = 1_000
#: Characters of YAML jupytext may parse in one MyST notebook (front matter and cells'
#: options together): the course's notebooks have a few hundred, and jupytext's YAML
#: reader (pure Python) takes a third of a second for each hundred thousand.
MAX_YAML_CHARS = 100_000
#: Values in one block of that YAML (the course's front matter has fifteen).
MAX_YAML_NODES = 10_000
#: Names a learner may call: ``check(...)``, ``ams_exercises.check(...)``, ``ex.check(...)``.
CHECK_NAMES = frozenset({"check"})
#: ``widget=`` and the like: a cell that may answer a field, whatever it calls.
_FIELD_KEYWORD_RE = re.compile(rf"\b(?:{'|'.join(FIELDS)})\s*=")
#: Another name given to ``check``: ``from ams_exercises import check as c`` or ``c = check``
#: (also ``c = ae.check``). Calls through such a name are read like ``check(...)``.
_ALIAS_RE = re.compile(
    r"\bcheck\s+as\s+(?P<imported>[A-Za-z_]\w*)"
    r"|^[ \t]*(?P<assigned>[A-Za-z_]\w*)[ \t]*=[ \t]*(?:[A-Za-z_][\w.]*\.)?check[ \t]*(?:#.*)?$",
    re.M,
)
#: Keyword arguments of :func:`ams_exercises.check` that are not answers.
NOT_ANSWERS = frozenset({"attempt"})

_MAGIC_RE = re.compile(r"^\s*[%!]")
#: Where a MyST notebook starts a cell: a ``{code-cell}`` fence or a ``+++`` break.
_MYST_CELL_RE = re.compile(r"^(?:[`~]{3,}\s*\{code-cell\}|\+\+\+)", re.M)


@dataclass(frozen=True)
class NotebookAnswers:
    """What one notebook holds: answer mappings in notebook order, and the calls that failed."""

    answers: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (where, mapping)
    problems: list[AnswerFileError] = field(default_factory=list)


def read_notebook_answers(path: Path) -> NotebookAnswers:
    """The ``check(...)`` calls of a ``.ipynb`` or MyST ``.md`` notebook, never executed.

    Raises :class:`AnswerFileError` when the file as a whole cannot be read as a notebook.
    """
    text = read_text(path, max_bytes=MAX_NOTEBOOK_BYTES, error=AnswerFileError)
    cells = (
        _myst_code_cells(text, path)
        if path.suffix.lower() == ".md"
        else _ipynb_code_cells(text, path)
    )
    return answers_in_cells(cells, path)


def answers_in_cells(cells: list[tuple[int, str]], where: str | Path) -> NotebookAnswers:
    """The answer mappings of ``check(...)`` calls in code cells given as (number, source)."""
    found = NotebookAnswers()
    names = set(CHECK_NAMES)
    for _number, source in cells:
        if "check" in source:
            names.update(m["imported"] or m["assigned"] for m in _ALIAS_RE.finditer(source))
    answers_a_field = _FIELD_KEYWORD_RE
    calls = sum(source.count("check(") for _number, source in cells)
    if calls > MAX_CALLS:
        found.problems.append(
            AnswerFileError(
                where,
                f"holds {calls:,} check(...) calls, over the limit of {MAX_CALLS:,}, so none "
                "was read; keep the calls that answer the exercises",
            )
        )
        return found
    for number, source in cells:
        if (
            "check" not in source
            and not any(name in source for name in names)
            and not answers_a_field.search(source)
        ):
            continue
        if len(source) > MAX_CELL_CHARS:
            found.problems.append(
                AnswerFileError(
                    f"{where} cell {number}",
                    f"is {len(source):,} characters long, over the limit of "
                    f"{MAX_CELL_CHARS:,} for a cell, so its check(...) was not read; "
                    "keep the answers in a cell of their own",
                )
            )
            continue
        try:
            tree = ast.parse(_without_magics(source))
        except (MemoryError, RecursionError):  # "lambda: " 3,000 times, "-" 6,000 times
            if "check(" in source:
                found.problems.append(
                    AnswerFileError(
                        f"{where} cell {number}",
                        "is too large or nested too deeply to read as Python, so its "
                        "check(...) cannot be read; write the answers out as text in quotes",
                    )
                )
            continue
        except (SyntaxError, ValueError, OverflowError) as exc:
            if "check(" in source:
                line = f" at line {exc.lineno}" if getattr(exc, "lineno", None) else ""
                found.problems.append(
                    AnswerFileError(
                        f"{where} cell {number}",
                        f"is not valid Python{line}, so its check(...) cannot be read",
                    )
                )
            continue
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
            call_where = f"{where} cell {number} line {call.lineno}"
            if not _is_check(call.func, names):
                if _looks_like_an_answer(call):
                    found.problems.append(_unread_call(call, call_where))
                continue
            try:
                mapping, bad = _call_answers(call, call_where)
            except AnswerFileError as exc:
                found.problems.append(exc)
            else:
                found.answers.append((call_where, mapping))
                found.problems.extend(bad)
    if not found.answers and not found.problems:
        found.problems.append(
            AnswerFileError(
                where, 'holds no answers: no check("<exercise-id>", field=...) call in a code cell'
            )
        )
    return found


def _is_check(func: ast.expr, names: set[str] | frozenset[str] = CHECK_NAMES) -> bool:
    if isinstance(func, ast.Name):
        return func.id in names
    return isinstance(func, ast.Attribute) and func.attr in CHECK_NAMES


def _looks_like_an_answer(call: ast.Call) -> bool:
    """The call has a first argument and answers a field by name (``f(ex, widget=...)``):
    an answer given some other way than ``check`` (``print("environmental-permit")`` and
    ``dict(widget=...)`` are not)."""
    return bool(call.args) and any(kw.arg in FIELDS for kw in call.keywords)


def _unread_call(call: ast.Call, where: str) -> AnswerFileError:
    """A call that looks like an answer but is not ``check`` under a name we can follow."""
    try:
        called = ast.unparse(call.func)[:60]
    except Exception:  # an odd expression: name it generically
        called = "a function"
    first = call.args[0]
    exercise = (
        f" for {first.value!r}"
        if isinstance(first, ast.Constant) and isinstance(first.value, str)
        else ""
    )
    fields = ", ".join(f"{kw.arg}=" for kw in call.keywords if kw.arg in FIELDS)
    return AnswerFileError(
        where,
        f"calls {called}(...){exercise} with answers ({fields}), but that is not check(...) "
        "under a name the grader can follow, so this answer was not read; call check(...) "
        "itself (from ams_exercises import check)",
    )


def _call_answers(call: ast.Call, where: str) -> tuple[dict[str, Any], list[AnswerFileError]]:
    """``{"exercise": id, field: answer}`` from the literal arguments of one call, and one
    problem per answer that cannot be read (the others still count)."""
    if (
        not call.args
        or not isinstance(call.args[0], ast.Constant)
        or not isinstance(call.args[0].value, str)
    ):
        raise AnswerFileError(
            where,
            "check(...) must start with the exercise id in quotes, "
            'e.g. check("environmental-permit", ...)',
        )
    if len(call.args) > 1 or any(isinstance(a, ast.Starred) for a in call.args):
        raise AnswerFileError(
            where, "check(...) takes the exercise id, then answers as field=... keywords"
        )
    mapping: dict[str, Any] = {"exercise": call.args[0].value}
    bad: list[AnswerFileError] = []
    for kw in call.keywords:
        if kw.arg is None:
            bad.append(
                AnswerFileError(
                    where, "check(**...) hides the answers; write each field=... out in full"
                )
            )
            continue
        if kw.arg in NOT_ANSWERS:
            continue
        try:
            mapping[kw.arg] = _literal(kw.value, where, kw.arg)
        except AnswerFileError as exc:
            bad.append(exc)
    return mapping, bad


def _literal(node: ast.expr, where: str, name: str) -> str | list[str] | None:
    """A text, ``None`` or list-of-text literal; anything else (a variable, a sum) is refused."""
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, str)):
        return node.value
    if isinstance(node, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
    ):
        return [e.value for e in node.elts]  # type: ignore[attr-defined]
    raise AnswerFileError(
        where,
        f"the answer to {name!r} is not written out as text in quotes (or a list of them), "
        "so it cannot be read without running the notebook",
    )


def _without_magics(source: str) -> str:
    """IPython magics and shell lines (``%time``, ``!ls``) blanked, so the rest parses."""
    return "\n".join("" if _MAGIC_RE.match(line) else line for line in source.splitlines())


def _ipynb_code_cells(text: str, path: Path) -> list[tuple[int, str]]:
    """The code cells of a ``.ipynb`` file as nbformat reads it, numbered from 1."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerFileError(
            path, f"is not a valid notebook: bad JSON at line {exc.lineno}, column {exc.colno}"
        ) from None
    except (RecursionError, MemoryError):
        raise AnswerFileError(path, "is nested too deeply to read") from None
    except ValueError:  # a number too long to convert
        raise AnswerFileError(
            path, "is not a valid notebook: it holds a number too long to read"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise AnswerFileError(path, "is not a Jupyter notebook (no list of 'cells')")
    _check_cell_count(len(data["cells"]), path)
    for number, cell in enumerate(data["cells"], 1):
        source = cell.get("source", "") if isinstance(cell, dict) else ""
        if not (
            isinstance(source, str)
            or (isinstance(source, list) and all(isinstance(s, str) for s in source))
        ):  # nbformat would quietly read it as empty, losing the answer
            raise AnswerFileError(f"{path} cell {number}", "has a 'source' that is not text")
    import nbformat

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises many kinds for a file that is not a notebook
        raise AnswerFileError(
            path, f"is not a notebook Jupyter can read ({_first_line(exc)})"
        ) from None
    return _code_cells(nb)


def _myst_code_cells(text: str, path: Path) -> list[tuple[int, str]]:
    """The ``{code-cell}`` blocks of a MyST Markdown notebook as jupytext reads it."""
    from jupytext.myst import myst_to_notebook

    _check_cell_count(len(_MYST_CELL_RE.findall(text)), path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _refuse_yaml_bombs(text, path)
            nb = myst_to_notebook(text)
    except AnswerFileError:
        raise
    except Exception as exc:  # jupytext's errors vary with what is wrong
        raise AnswerFileError(
            path, f"is not a MyST notebook jupytext can read ({_first_line(exc)})"
        ) from None
    cells = _code_cells(nb)
    if not cells:
        raise AnswerFileError(path, "is not a MyST notebook: it has no ```{code-cell} blocks")
    return cells


def _refuse_yaml_bombs(text: str, path: Path) -> None:
    """Refuse, before jupytext parses it, YAML in the notebook that is an alias bomb or too
    large (see the module's notes)."""
    chars = 0
    for cell, part, block, first_line in _myst_yaml_blocks(text):
        chars += len(block)
        if chars > MAX_YAML_CHARS:
            raise AnswerFileError(
                path,
                f"has more than {MAX_YAML_CHARS:,} characters of YAML settings (front matter "
                "and cell options together); keep only the settings the course's notebook has",
            )
        refuse_yaml_bombs(
            block,
            f"{path} cell {cell}" if cell else path,
            error=AnswerFileError,
            part=part,
            first_line=first_line,
            max_nodes=MAX_YAML_NODES,
        )


def _myst_yaml_blocks(text: str) -> Iterator[tuple[int, str, str, int]]:
    """Every YAML text jupytext's MyST reader (``jupytext.myst.myst_to_notebook``) parses,
    found as it finds them, as (cell number or 0, "front matter" or "options", the YAML,
    the file's line it starts on). Cells are numbered as that reader numbers them: text
    before a code or raw cell, or a ``+++`` break, is a markdown cell if it is not blank."""
    from jupytext.myst import CODE_DIRECTIVE, RAW_DIRECTIVE, get_parser

    tokens = get_parser().parse(text + "\n")
    lines = text.splitlines()
    markdown_from = cells = nesting = 0
    if tokens and tokens[0].type == "front_matter":
        yield 0, "front matter", tokens[0].content, 2
        markdown_from = tokens[0].map[1]
        tokens = tokens[1:]
    for token in tokens:
        nesting += token.nesting
        if nesting != 0:  # a fence inside a list or a quote is not a cell
            continue
        is_cell = token.type == "fence" and token.info.startswith((CODE_DIRECTIVE, RAW_DIRECTIVE))
        if not is_cell and token.type != "myst_block_break":
            continue
        cells += any(line.strip() for line in lines[markdown_from : token.map[0]])
        markdown_from = token.map[1]
        if is_cell:
            cells += 1
            options = _cell_options(token.content)
            if options is not None:
                yaml_text, offset = options
                yield cells, "options", yaml_text, token.map[0] + 2 + offset


def _cell_options(content: str) -> tuple[str, int] | None:
    """The YAML of a cell's options, as ``jupytext.myst.parse_directive_options`` takes it
    from the cell's text (a ``---`` block, or ``:name: value`` lines), and the line of the
    text it starts on (from 0); ``None`` for a cell without options."""
    if content.startswith("---"):
        body = "\n".join(content.splitlines()[1:])
        end = re.search(r"^-{3,}", body, re.MULTILINE)
        return dedent(body[: end.start()] if end else body), 1
    if content.lstrip().startswith(":"):
        options = []
        for line in content.splitlines():
            if not line.lstrip().startswith(":"):
                break
            options.append(line.lstrip()[1:])
        return "\n".join(options), 0
    return None


def _check_cell_count(count: int, path: Path) -> None:
    """Refuse a notebook with more than :data:`MAX_CELLS` cells, before it is parsed."""
    if count > MAX_CELLS:
        raise AnswerFileError(
            path,
            f"has {count:,} cells, over the limit of {MAX_CELLS:,}; "
            "keep the answers in a notebook of a usual size",
        )


def _code_cells(nb: Any) -> list[tuple[int, str]]:
    return [
        (number, cell.source)
        for number, cell in enumerate(nb.cells, 1)
        if cell.get("cell_type") == "code" and isinstance(cell.get("source"), str)
    ]


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
