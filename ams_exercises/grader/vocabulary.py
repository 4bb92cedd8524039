"""The course's vocabulary: the fields an exercise asks for, the roles an answer can
really be, and the four traps of Module 2 (a field too: "which trap?").

Every other module names these things through the constants here, so the answer keys,
the grader, the web page and the handouts all speak the same language.
"""

from __future__ import annotations

from typing import Literal

#: Fields that take one answer.
SINGLE_FIELDS: tuple[str, ...] = ("widget", "primary_customer", "trap")
#: Fields that take a list of answers.
LIST_FIELDS: tuple[str, ...] = (
    "strategic_customers",
    "operational_support",
    "stakeholders",
    "investors",
)
#: The fields that are roles: what someone (or the widget) is in a scenario. The doctrine
#: gives actors these; the trap is a field, not a role.
ROLE_FIELDS: tuple[str, ...] = ("widget", "primary_customer", *LIST_FIELDS)
#: Every field, in the order the course teaches them: the roles, then the trap.
FIELDS: tuple[str, ...] = (*ROLE_FIELDS, "trap")

FIELD_LABELS: dict[str, str] = {
    "widget": "Widget (the product or service delivered)",
    "primary_customer": "Primary customer",
    "strategic_customers": "Strategic customers",
    "operational_support": "Operational support functions",
    "stakeholders": "Stakeholders",
    "investors": "Investors",
    "trap": "Trap (which of the four traps is at work)",
}

#: The field labels without their explanation, for tables, charts and sentences: "Widget".
FIELD_NAMES: dict[str, str] = {name: label.split(" (")[0] for name, label in FIELD_LABELS.items()}

#: What a wrong answer can really be: one of the fields' roles, or one of the three
#: things learners most often mistake for a widget (Ken Miller's factory and outcome, and
#: the request or application that comes in).
ROLES: tuple[str, ...] = ROLE_FIELDS + ("activity", "outcome", "input")

ROLE_LABELS: dict[str, str] = {
    "widget": "the widget",
    "primary_customer": "the primary customer",
    "strategic_customers": "a strategic customer",
    "operational_support": "an operational support function",
    "stakeholders": "a stakeholder",
    "investors": "an investor",
    "activity": "an activity (how the work is done, not what is delivered)",
    "outcome": "an outcome (why the work is done, not what is delivered)",
    "input": "an input (what comes in, not what is delivered)",
}

#: The roles of a group of people, as "which makes them ..." says them.
ROLE_PLURALS: dict[str, str] = {
    "widget": "the widget",
    "primary_customer": "the primary customer",
    "strategic_customers": "strategic customers",
    "operational_support": "operational support",
    "stakeholders": "stakeholders",
    "investors": "investors",
}

#: The role labels without their explanation: "an activity".
ROLE_NAMES: dict[str, str] = {role: label.split(" (")[0] for role, label in ROLE_LABELS.items()}

#: What a person in a scenario can be that is no role at all (:mod:`.doctrine`): the
#: people doing the work, the people directing it, part of another group without receiving
#: the widget, or no one in particular.
KIND_NAMES: dict[str, str] = {
    "own-organization": "the learner's own organization",
    "chain-of-command": "the learner's own chain of command",
    "part-of": "part of another group, without receiving the widget",
    "everyone": "no one in particular",
}

#: The four traps of Module 2 ("What to stop"), by id.
TRAPS: dict[str, str] = {
    "pressure-and-proximate": "The Pressure and Proximate Trap",
    "wrong-person-wrong-problem": "Wrong Person, Wrong Problem",
    "internal-over-external": "Internal Over External Problem",
    "presumption": "The Presumption Problem",
}

#: Verdicts a field can get.
VERDICTS: tuple[str, ...] = ("correct", "partial", "incorrect", "unsure", "missing")
#: How each verdict is said to a learner: "unsure" is the grader's own doubt, not the
#: learner's mistake (an answer it cannot place gets no verdict; the trainer decides).
VERDICT_LABELS: dict[str, str] = {
    "correct": "Correct",
    "partial": "Partly right",
    "incorrect": "Not right yet",
    "unsure": "Can't tell",
    "missing": "No answer yet",
}

#: Where an exercise's scenario comes from: one of the three sources, or the course's own.
SOURCES: dict[str, str] = {
    "knowing-your-customer": "the AMS tutorial “Knowing your Customer”",
    "module-2": "the training “Module 2: Who is Your Primary Customer?”",
    "we-dont-make-widgets": "AMS in Focus on Ken Miller's “We Don't Make Widgets”",
    "original": "written for this course",
}

# The same names as types, for the models that validate files (one list, two uses).
FieldName = Literal[FIELDS]  # type: ignore[valid-type]
RoleField = Literal[ROLE_FIELDS]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]
Trap = Literal[tuple(TRAPS)]  # type: ignore[valid-type]
Source = Literal[tuple(SOURCES)]  # type: ignore[valid-type]

# What an answer may be: the same limits in answer files, notebooks and the page's inputs.
#: Longest single answer accepted, in characters.
MAX_ANSWER_CHARS = 1000
#: Most entries accepted in one list field.
MAX_LIST_ENTRIES = 50
#: Keys an answer file may hold besides the fields ("submitted": an assessment item's
#: submission, which ``check`` writes at the end of its worksheet for class grading).
META_KEYS: tuple[str, ...] = ("exercise", "learner", "submitted")
#: What a worksheet's blanks say until the learner fills them in.
PLACEHOLDER = "TODO"


def is_placeholder(value: object) -> bool:
    """True for a blank the learner has not filled in: ``TODO`` in any case, with spaces."""
    return isinstance(value, str) and value.strip().lower() == PLACEHOLDER.lower()
