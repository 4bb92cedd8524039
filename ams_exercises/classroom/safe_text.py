"""Text from a class folder made safe to show anywhere: the terminal, a CSV file, the page.

A class folder holds names and answers strangers wrote. A file name may hold bytes that
are not UTF-8 (``caf\\xe9.yaml``), terminal escape sequences (``\\x1b[2J`` clears the
screen) or invisible characters that reorder a line; an answer read from JSON may hold a
lone surrogate (``"\\ud800"``) that no UTF-8 writer can encode. Everything the report or
the command shows passes through one of these functions first:

* :func:`name_shown` for learner names, file paths and one-line reasons: stray bytes and
  control characters become visible escapes (``caf\\xe9``), so two different names stay
  two different names and nothing is ever obeyed by a terminal;
* :func:`answer_shown` for answers: the same, but line breaks and tabs (an answer may have
  several lines) are kept, and lone surrogates become the replacement character;
  :func:`result_shown` applies it to a graded result.

Answers are escaped only to be shown, after they are graded: the grader reads the text
exactly as ``ams-exercises check`` does (a zero-width space in "per\\u200bmit" is the
grader's to read, not a literal ``\\u200b``).
"""

from __future__ import annotations

import dataclasses
import re

from ..files.paths import printable
from ..grader.result import CheckResult, FieldResult, ItemResult

#: Reasons and names longer than this are cut (an exercise id of 5,000 characters would
#: otherwise fill a page of the report).
MAX_SHOWN_CHARS = 300

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped_surrogate(match: re.Match[str]) -> str:
    """A byte that was not UTF-8 as ``\\xe9``; any other lone surrogate as ``\\ud800``."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def name_shown(text: str, limit: int | None = MAX_SHOWN_CHARS) -> str:
    """A name, path or reason as one safe line: stray bytes, control and invisible
    characters escaped, and cut in the middle to ``limit`` characters (``None``: never)."""
    shown = printable(_SURROGATE.sub(_escaped_surrogate, text))
    if limit is not None and len(shown) > limit:  # cut in the middle: a reason's end matters
        head = (limit - 1) // 2
        shown = shown[:head] + "…" + shown[len(shown) - (limit - 1 - head) :]
    return shown


def answer_shown(text: str) -> str:
    """An answer as the learner wrote it, line breaks and tabs kept, but never a lone
    surrogate (shown as the replacement character) nor a control character (escaped)."""
    if text.isprintable():  # no control, invisible or surrogate character: nothing to do
        return text
    text = _SURROGATE.sub("\ufffd", text)
    return "\n".join(printable(line) for line in text.split("\n"))  # printable keeps tabs


def result_shown(result: CheckResult) -> CheckResult:
    """A graded result as the report shows it: every answer, and every feedback (which may
    quote one), through :func:`answer_shown`; scores and verdicts as graded. Parts that
    are safe already are kept as they are (most are)."""
    fields = {name: _field_shown(res) for name, res in result.fields.items()}
    if all(fields[name] is res for name, res in result.fields.items()):
        return result
    return dataclasses.replace(result, fields=fields)


def _field_shown(res: FieldResult) -> FieldResult:
    answer = (
        [answer_shown(v) for v in res.answer]
        if isinstance(res.answer, list)
        else answer_shown(res.answer)
        if isinstance(res.answer, str)
        else res.answer
    )
    items = None if res.items is None else [_item_shown(i) for i in res.items]
    feedback = answer_shown(res.feedback)
    if (
        answer == res.answer
        and feedback == res.feedback
        and (items is None or all(a is b for a, b in zip(items, res.items, strict=True)))
    ):
        return res
    return dataclasses.replace(res, answer=answer, feedback=feedback, items=items)


def _item_shown(item: ItemResult) -> ItemResult:
    answer, feedback = answer_shown(item.answer), answer_shown(item.feedback)
    if answer == item.answer and feedback == item.feedback:
        return item
    return dataclasses.replace(item, answer=answer, feedback=feedback)
