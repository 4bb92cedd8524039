"""A learner's answer file read the way they meant it, and their YAML slips explained in
their words, with the line they made them on.

- Text saved by Notepad as "Unicode" (UTF-16) or "ANSI" (Windows-1252) is decoded without
  a word; only text that is none of these (a binary file) is refused.
- An answer is the learner's text up to the end of the line, quoted or not: a colon
  inside it ("the facility: the one applying") is part of the answer.
- Line endings of Windows ("\r\n") and old Macs ("\r" alone) are read as "\n": lines are
  counted as the learner's editor shows them.
- A field given twice (in the file, or in one entry of a list of answers; directly, or
  through a YAML merge key ``<<: {...}``), a tab, a missing colon, an unclosed quote and a
  list entry indented so far that it joins the entry above are each one line saying where
  and what to do, instead of the YAML parser's message about the line after (or silence).
- So are the slips learners make most: no space after a colon (``widget:the permit``), a
  field name without its colon above its list, an answer that goes on at the start of the
  next line, a tab after ``- ``, an answer that starts with a character YAML reserves
  (``@ % & * ` ``) or with a quoted word and goes on after it (``'nurse' applicants``);
  each says "put the whole answer in quotes" or what else fixes it.
- Once parsed, an answer YAML read as yes-or-no or as a number, and a field this exercise
  does not ask (``primary_costumer``), are named with their line and the fix
  (:func:`field_slip`); text after `` #`` in an answer, read as a comment, is a notice
  (:func:`comment_notices`): the file is still graded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from ..errors import AnswerFileError
from ..files.reading import newlines_normalized, parse_yaml
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
#: ``widget:the permit``: a name, its colon and the answer with no space between.
_NO_SPACE_AFTER_COLON = re.compile(
    r"^[ \t]*(?P<name>[A-Za-z_][A-Za-z0-9_]*):(?P<rest>[^\s:/\\].*)$"
)
#: ``-<tab>taxpayers``: a tab where the space after a list's dash goes.
_TAB_AFTER_DASH = re.compile(r"^[ \t]*-[ ]*\t")
#: ``investors`` alone on its line: a field name without its colon.
_BARE_NAME = re.compile(rf"^\s*(?P<name>{'|'.join(_NAMES)})\s*$")
#: A line that is a ``key:`` of a mapping, a list entry, a comment or a document marker.
_STRUCTURE = re.compile(r"^\s*(?:[^\s#'\"][^:#]*:(?:\s|$)|-(?:\s|$)|#|---|\.\.\.)")
#: Characters YAML reserves at the start of a value: the answer must be quoted.
_RESERVED_START = "@`%"


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
    return newlines_normalized(text)


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
        if _TAB_AFTER_DASH.match(line):
            return f"line {n}: a tab follows the '-'; put a space after the dash instead"
        glued = _NO_SPACE_AFTER_COLON.match(line)
        if glued:
            return (
                f"line {n}: put a space after the colon "
                f"({glued['name']}: {printable_snippet(glued['rest'])})"
            )
        slip = _answer_start_slip(line)
        if slip:
            return f"line {n}: {slip}"
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


def printable_snippet(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, for a one-line message."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _in_quotes(value: str) -> str:
    """``value`` as a quoted YAML answer: in double quotes, or single when it holds one."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _answer_start_slip(line: str) -> str | None:
    """An answer YAML cannot read as the learner wrote it because of how it starts: with a
    character YAML reserves (``@``, a backtick, ``%``), with ``&`` or ``*`` and more words
    (YAML's anchors and aliases), or with a quoted part that the answer goes on after."""
    found = _VALUE_LINE.match(line)
    if not found:
        return None
    value = found["value"].rstrip()
    if found["lead"].lstrip().startswith("-") and _MAPPING_ENTRY.match(value):
        return None
    fix = f"put the whole answer in quotes ({found['lead'].strip()} {_in_quotes(value)})"
    first = value[0]
    if first in _RESERVED_START or (
        first in "&*" and re.match(r"[&*](?:\s|$|\S+\s+[^\s\[{#])", value)
    ):
        return f"an answer cannot start with '{first}' as it is; {fix}"
    if first in "'\"":
        end = _closing_quote(value)
        if end is not None:
            rest = value[end + 1 :].strip()
            if rest and not rest.startswith("#"):
                return f"the answer starts with a quoted part and goes on after it; {fix}"
    return None


def _closing_quote(value: str) -> int | None:
    """Where the quote opening ``value`` closes (``''`` inside single quotes and ``\\"``
    inside double quotes are not the end), or ``None``."""
    mark, n = value[0], 1
    while n < len(value):
        char = value[n]
        if mark == '"' and char == "\\":
            n += 2
            continue
        if char == mark:
            if mark == "'" and value[n + 1 : n + 2] == "'":
                n += 2
                continue
            return n
        n += 1
    return None


def _layout_slip(lines: list[str], n: int) -> str | None:
    """Line ``n`` (1-based) as a slip of layout: a field name without its colon, or an
    answer going on at the start of a line instead of on its own line or indented."""
    line = lines[n - 1]
    bare = _BARE_NAME.match(line)
    if bare:
        name = bare["name"]
        below = next((x for x in lines[n:] if x.strip() and not x.lstrip().startswith("#")), "")
        if _LIST_ENTRY.match(below):
            return f"line {n}: put a colon after '{name}' ({name}:), with its list below it"
        return f"line {n}: put a colon after '{name}' ({name}: your answer)"
    if not line.strip() or _STRUCTURE.match(line):
        return None
    indent = len(line) - len(line.lstrip())
    for m in range(n - 1, 0, -1):
        above = lines[m - 1]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        found = _VALUE_LINE.match(above)
        if found and indent <= len(found["lead"]) - len(found["lead"].lstrip()):
            return (
                f"line {n} goes on from the answer on line {m}; join it onto line {m} "
                "(an answer is one line), or indent it further"
            )
        return None
    return None


def _explain(text: str, problem: str) -> str:
    """The YAML parser's complaint, told as the learner's slip where it can be."""
    lines = text.split("\n")
    second = re.search(r"at line (\d+), column \d+: but found another document", problem)
    if second:  # "---" between two exercises' answers
        return (
            f"line {second[1]}: '---' starts a second set of answers; keep one exercise's "
            "answers per file, or list them, each starting with '- exercise: ...'"
        )
    at = re.search(r"at line (\d+)", problem)
    line_no = int(at.group(1)) if at else None
    if "invalid Unicode character escape" in problem and line_no:
        # "\ud800" in double quotes: half of a character, which no text can hold
        return (
            f"line {line_no} has an escape such as \\ud800 inside double quotes that is "
            "half of a character, not text; type the character itself, or remove it"
        )
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
        # at or above the line the parser stopped at
        layout = _layout_slip(lines, n) if line_no is None or n <= line_no else None
        if layout:
            return layout
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
        value = found["value"].rstrip()
        opener = value[0]
        if opener in "'\"":  # a " #" inside the quotes is part of the answer
            if _closing_quote(value) is None:
                return n, opener
            continue
        value = value.split(" #", 1)[0].rstrip()
        if opener in _CLOSERS and (len(value) < 2 or value[-1] != _CLOSERS[opener]):
            return n, opener
    return None


def _field_given_twice(text: str) -> str | None:
    """A field given twice in one answer (the file, or one entry of a list of answers),
    directly or through a merge key (``<<: {widget: ...}``): YAML keeps one of them without
    a word; we say so, with both lines."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if isinstance(root, yaml.MappingNode):
        answers = [("", root)]
    elif isinstance(root, yaml.SequenceNode):
        answers = [
            (f"entry {n}: ", item)
            for n, item in enumerate(root.value, 1)
            if isinstance(item, yaml.MappingNode)
        ]
    else:
        return None
    try:
        for entry, mapping in answers:
            seen: dict[str, tuple[int, bool]] = {}
            for key, merged in _keys(mapping):
                line = key.start_mark.line + 1
                if key.value in seen:
                    first, first_merged = seen[key.value]
                    lines = f"line {line}" if first == line else f"lines {first} and {line}"
                    how = {1: ", once through '<<:'", 2: ", both through '<<:'"}
                    return (
                        f"{entry}field '{key.value}' is given twice ({lines}"
                        f"{how.get(merged + first_merged, '')}); keep the one you mean"
                    )
                seen[key.value] = (line, merged)
    except RecursionError:  # merge keys nested thousands deep: YAML has refused them already
        return None
    return None


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _keys(mapping: yaml.MappingNode, merged: bool = False) -> Iterator[tuple[Any, bool]]:
    """The keys of ``mapping`` (scalar nodes), those of mappings merged into it (``<<:``)
    included, each with whether it came through a merge."""
    for key, value in mapping.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.tag == _MERGE_TAG:
            for part in value.value if isinstance(value, yaml.SequenceNode) else [value]:
                if isinstance(part, yaml.MappingNode):
                    yield from _keys(part, True)
        else:
            yield key, merged


_TAG = "tag:yaml.org,2002:"


def field_slip(text: str, exercise: str, asks: Sequence[str]) -> str | None:
    """The first field of an answer file (by line) that ``exercise`` cannot take, with its
    line and the fix: a field it does not ask (the closest it asks, if one is close, and
    only the fields it asks), or an answer YAML read as yes-or-no or as a number."""
    try:
        root = yaml.compose(
            quote_answers(text), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    asked = ", ".join(asks)
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or key.value in META_KEYS:
            continue
        name, line = key.value, key.start_mark.line + 1
        if name not in asks:
            if name in FIELDS:
                return (
                    f"line {line}: field '{name}' is not asked by exercise '{exercise}' "
                    f"(it asks for: {asked})"
                )
            import difflib

            close = difflib.get_close_matches(name.lower(), asks, n=1, cutoff=0.6)
            guess = f"; did you mean {close[0]}?" if close else ""
            return (
                f"line {line}: unknown field {printable_snippet(name, 40)!r}{guess} "
                f"(exercise '{exercise}' asks for: {asked})"
            )
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for n, item in enumerate(items, 1):
            if not isinstance(item, yaml.ScalarNode) or item.style:
                continue
            what = {f"{_TAG}bool": "yes-or-no", f"{_TAG}int": "a number"}.get(
                item.tag, "a number" if item.tag == f"{_TAG}float" else None
            )
            if what is None:
                continue
            label = f"entry {n} of field '{name}'" if value is not item else f"field '{name}'"
            shown = (
                f"- {_in_quotes(item.value)}"
                if value is not item
                else (f"{name}: {_in_quotes(item.value)}")
            )
            at = item.start_mark.line + 1
            if what == "yes-or-no":
                read = f"YAML reads {printable_snippet(item.value, 20)} as yes-or-no, not as text"
                return f"line {at}: {label}: {read}; put it in quotes ({shown})"
            return f"line {at}: {label} must be text, not a number; put it in quotes ({shown})"
    return None


def comment_notices(text: str) -> list[str]:
    """One notice when an answer holds `` #``: YAML reads the rest of the line as a
    comment, so it is not part of the answer (the file is still graded)."""
    found = []
    for n, line in enumerate(quote_answers(text).split("\n"), 1):
        value_line = _VALUE_LINE.match(line)
        if not value_line:
            continue
        value = value_line["value"]
        if value[0] in "'\"[{|>":
            continue  # quoted on purpose: what follows the quote is the learner's comment
        comment = re.search(r"(?:^|[ \t])#(?P<lost>.*)$", value)
        if comment:
            found.append((n, comment["lost"].strip()))
    if not found:
        return []
    n, lost = found[0]
    more = f" (and on {len(found) - 1} more line{'s' * (len(found) > 2)})" if len(found) > 1 else ""
    return [
        f"line {n}: the text after '#' ({printable_snippet(lost, 40)}) was read as a comment, "
        f"not as part of your answer{more}; to keep it, put the whole answer in quotes"
    ]
