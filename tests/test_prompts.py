"""Each knowledge check's prompt promises what its exercise asks, no more and no less.

The prompt is the paragraph a chapter writes just before an ``{ams-exercise}`` directive.
Every field the exercise asks is named there in the course's words ("support functions",
"the trap"), and every field named there is asked: a prompt that promises investors for an
exercise with no investors field, or a factory no field asks for, fails. Read from the
book's sources, so it needs no build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ams_exercises.grader.keys import key_for
from ams_exercises.grader.vocabulary import FIELDS

BOOK = Path(__file__).resolve().parent.parent / "book"
DIRECTIVE = re.compile(r"```\{ams-exercise\}[ \t]+([a-z0-9-]+)")
#: How a prompt names each field: the course's words for it. Part 1 calls the primary
#: customer "the customer", before the roles are taught.
NAMED = {
    "widget": r"\bwidget\b",
    "primary_customer": r"\b(?:primary )?customer\b",
    "strategic_customers": r"\bstrategic customers?\b",
    "operational_support": r"\bsupport functions?\b|\boperational support\b",
    "stakeholders": r"\bstakeholders?\b",
    "investors": r"\binvestors?\b",
    "trap": r"\btraps?\b",
}
#: Things of the course that no field asks for: a prompt may not promise them.
NOT_ASKED = r"\bfactory\b|\boutcomes?\b|\bother roles\b|\btheir roles\b"


def prompts() -> list[tuple[str, str, str]]:
    """(page, exercise id, prompt) for each exercise that follows a prompt of its own."""
    out = []
    for path in sorted(BOOK.rglob("*.md")):
        text = path.read_text("utf-8")
        for found in DIRECTIVE.finditer(text):
            before = text[: found.start()].rstrip().split("\n\n")[-1]
            if before.startswith((":", "(", "#", "```")):
                continue  # straight after an option, a label or a heading: no prompt
            page = path.relative_to(BOOK).as_posix()
            out.append((page, found.group(1), " ".join(before.split())))
    return out


PROMPTS = prompts()


def test_the_knowledge_checks_have_prompts_to_compare():
    assert len(PROMPTS) >= 20
    assert {"traps.md" in page for page, _ex, _p in PROMPTS} == {True, False}


def named(prompt: str) -> set[str]:
    """The fields ``prompt`` names."""
    plain = re.sub(r"\*.*?\*", "", prompt).lower()  # the italic source note is no promise
    plain = re.sub(r"\bstrategic customers?\b", "strategic", plain)  # not "customer"
    out = {f for f, pattern in NAMED.items() if re.search(pattern, plain)}
    if re.search(r"\bstrategic\b", plain):
        out.add("strategic_customers")
    return out


def test_the_reading_of_prompts_finds_each_field_and_nothing_else():
    assert named("Name the widget, the customer and the investors.") == {
        "widget",
        "primary_customer",
        "investors",
    }
    assert named("name its strategic customers and support functions") == {
        "strategic_customers",
        "operational_support",
    }
    assert named("and the trap the unit fell into, with its stakeholders") == {
        "trap",
        "stakeholders",
    }
    assert named("Sort the groups. *The scenario is adapted from Module 2.*") == set()
    assert set(NAMED) == set(FIELDS)


@pytest.mark.parametrize(
    ("page", "exercise", "prompt"), PROMPTS, ids=[f"{p}:{e}" for p, e, _ in PROMPTS]
)
def test_a_prompt_names_every_field_asked_and_nothing_more(page, exercise, prompt):
    asks = set(key_for(exercise).asks)
    said = named(prompt)
    assert said - asks == set(), f"{page}: the prompt promises {sorted(said - asks)}: {prompt}"
    assert asks - said == set(), f"{page}: the prompt does not name {sorted(asks - said)}: {prompt}"
    extra = re.search(NOT_ASKED, prompt.lower())
    assert extra is None, f"{page}: the prompt promises {extra.group(0)!r}, which no field asks"
