"""A learner's answer file read the way they meant it, and their YAML slips explained in
their words, with the line they made them on.

- Text saved by Notepad as "Unicode" (UTF-16) or "ANSI" (Windows-1252) is decoded without
  a word; only text that is none of these (a binary file) is refused.
- An answer is the learner's text up to the end of the line, quoted or not: a colon
  inside it ("the facility: the one applying") is part of the answer.
- A field given twice, a tab, a missing colon, an unclosed quote and a list entry indented
  so far that it joins the entry above are each one line saying where and what to do,
  instead of the YAML parser's message about the line after.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import AnswerFileError
from ..files.reading import parse_yaml
from ..grader.vocabulary import FIELDS, META_KEYS

_NAMES = (*META_KEYS, *FIELDS)
#: ``field: value`` or ``- value``: the lines whose value is the learner's own text.
# Linear in the line's length: no lazy group before a trailing-space match (a line of
# 40,000 spaces took seconds with one).
_VALUE_LINE = re.compile(
    rf"^(?P<lead>[ \t]*(?:-[ \t]+|(?:{'|'.join(_NAMES)})[ \t]*:[ \t]+))(?P<value>\S.*)$"
)
#: A list entry that opens a mapping (a file answering several exercises): not an answer.
_MAPPING_ENTRY = re.compile(rf"^(?:{'|'.join(_NAMES)})[ \t]*:(?:[ \t]|$)")
#: ``investors: - taxpayers``: a list begun on its field's own line.
_DASH_AFTER_COLON = re.compile(rf"^[ \t]*(?P<name>{'|'.join(FIELDS)})[ \t]*:[ \t]+-[ \t]")
_MISSING_COLON = re.compile(rf"^\s*(?P<name>{'|'.join(_NAMES)})\b(?!\s*:)\s+\S")
_LIST_ENTRY = re.compile(r"^(?P<indent>\s*)-\s+\S")


def decode_answers(raw: bytes, where: Path | str) -> str:
    """The text of an answer file, whichever way a text editor saved it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _or_refuse(raw, "utf-16", where)
    elif len(raw) > 3 and raw[1:20:2].count(0) >= len(raw[1:20:2]) - 1 and 0 not in raw[0:20:2]:
        text = _or_refuse(raw, "utf-16-le", where)  # UTF-16 without its byte-order mark
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = (
                raw.decode("cp1252", errors="strict") if _is_cp1252(raw) else raw.decode("latin-1")
            )
    if "\x00" in text:
        raise AnswerFileError(where, "holds a NUL byte: it looks like a binary file, not text")
    if not text.strip():
        raise AnswerFileError(where, "is empty")
    return text


def _or_refuse(raw: bytes, encoding: str, where: Path | str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise AnswerFileError(
            where, "is not text a text editor saves; save it again as UTF-8 text"
        ) from None


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def quote_answers(text: str) -> str:
    """Each ``field: answer`` and ``- answer`` line with a colon inside the answer, quoted,
    so YAML reads the answer as the learner wrote it. Line numbers do not change."""
    out = []
    for line in text.split("\n"):
        found = _VALUE_LINE.match(line)
        value = found["value"].rstrip() if found else ""
        if found and found["lead"].lstrip().startswith("-") and _MAPPING_ENTRY.match(value):
            found = None  # "- exercise: ...": the start of one answer file in a list of them
        if found and (": " in value or value.endswith(":")) and value[0] not in "'\"[{|>&*!#":
            comment = ""
            if " #" in value:
                value, comment = value.split(" #", 1)
                comment = " #" + comment
            value = value.rstrip()
            line = f"{found['lead']}'{value.replace(chr(39), chr(39) * 2)}'{comment}"
        out.append(line)
    return "\n".join(out)


def read_answers(text: str, where: Path | str) -> Any:
    """Parse an answer file's text, explaining a slip in the learner's terms."""
    text = quote_answers(text)
    problem = _slip_before_parsing(text)
    if problem:
        raise AnswerFileError(where, problem)
    try:
        data = parse_yaml(text, where, error=AnswerFileError)
    except AnswerFileError as exc:
        if exc.problem.startswith("is not valid YAML"):
            raise AnswerFileError(where, _explain(text, exc.problem)) from None
        raise
    twice = _field_given_twice(text)
    if twice:
        raise AnswerFileError(where, twice)
    return data


def _slip_before_parsing(text: str) -> str | None:
    """Slips YAML would read without complaint but not as the learner meant."""
    lines = text.split("\n")
    for n, line in enumerate(lines, 1):
        if line.lstrip(" ").startswith("\t") or re.match(r"^ *\t", line):
            return f"line {n} starts with a tab; use spaces, not tabs, to indent"
    entries = [
        (n, m["indent"]) for n, line in enumerate(lines, 1) if (m := _LIST_ENTRY.match(line))
    ]
    for (_n1, indent1), (n2, indent2) in zip(entries, entries[1:], strict=False):
        between = lines[_n1 : n2 - 1]
        if len(indent2) > len(indent1) and not any(s.strip() for s in between):
            return (
                f"line {n2}: this list entry is indented further than the one above, so it "
                "becomes part of it; start its dash right under the dash above"
            )
    return None


def _explain(text: str, problem: str) -> str:
    """The YAML parser's complaint, told as the learner's slip where it can be."""
    lines = text.split("\n")
    for n, line in enumerate(lines, 1):
        dash = _DASH_AFTER_COLON.match(line)
        if dash:
            return (
                f"line {n}: a list starts on the line after '{dash['name']}:', each entry on "
                "its own line beginning with '- '"
            )
        found = _MISSING_COLON.match(line)
        if found:
            name = found["name"]
            return f"line {n}: put a colon after '{name}' ({name}: your answer)"
    at = re.search(r"at line (\d+)", problem)
    line_no = int(at.group(1)) if at else None
    opened = _unclosed(lines)
    if opened:
        n, mark = opened
        what = "a quote" if mark in "'\"" else f"a bracket {mark}"
        return f"line {n} opens {what} that is never closed; close it, or leave it out"
    where = f"line {line_no}" if line_no else "it"
    return (
        f"{where} is not written as answers are ('field: your answer', or a list of lines "
        f"starting with '- '); {problem.split(': ', 1)[-1]}"
    )


_CLOSERS = {"'": "'", '"': '"', "[": "]", "{": "}"}


def _unclosed(lines: list[str]) -> tuple[int, str] | None:
    """The first answer line that opens a quote or a bracket and does not close it."""
    for n, line in enumerate(lines, 1):
        found = _VALUE_LINE.match(line)
        if not found:
            continue
        value = found["value"].rstrip().split(" #", 1)[0].rstrip()
        opener = value[0]
        if opener in _CLOSERS and (len(value) < 2 or value[-1] != _CLOSERS[opener]):
            return n, opener
    return None


def _field_given_twice(text: str) -> str | None:
    """``widget:`` twice in one file: YAML keeps the last without a word; we say so."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    seen: dict[str, int] = {}
    for key, _value in root.value:
        if isinstance(key, yaml.ScalarNode):
            line = key.start_mark.line + 1
            if key.value in seen:
                return (
                    f"field '{key.value}' is given twice (lines {seen[key.value]} and {line}); "
                    "keep the one you mean"
                )
            seen[key.value] = line
    return None
