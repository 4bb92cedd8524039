"""The doctrine in one function: the role a person plays follows from how the widget
reaches them.

A scenario names its people (actors) and how each stands to the widget: who produces it,
who uses it for their own needs, who uses it to serve someone else, who supports the work
from inside, who oversees it, who pays for it. :func:`roles_of` turns those relations into
the course's roles, the same way in every exercise:

* the end of the chain, whoever *uses* the widget for their own needs, is the primary
  customer;
* whoever uses it to *serve* someone else, or *works with* someone else directly to deliver
  it, is a strategic customer (the two-level rule: a caseworker served by IT);
* internal *support* without contact with the primary customer is operational support;
* *overseeing* or *influencing* the work makes a stakeholder;
* *funding* it, or *benefiting* from it without using it, makes an investor.

Some relations give no role at all: the organization that *produces* the widget (the
learner's own), the people who *direct* it (the learner's chain of command), someone who is
*part of* another actor's organization without receiving the widget, and *nobody* in
particular ("everyone"). An actor with two relations holds both roles; a relation that gives
a role outranks one that gives none (a procurement division produces contracts and
supports the departments: operational support).
"""

from __future__ import annotations

from typing import NamedTuple

from .vocabulary import ROLE_FIELDS

#: Each relation, what it means (as the trainer edition and the authors' guide say it), and
#: the role or kind it gives.
RELATIONS: dict[str, tuple[str, str]] = {
    "uses": ("uses the widget for their own needs", "primary_customer"),
    "serves": ("uses the widget to serve", "strategic_customers"),
    "works_with": ("works directly with", "strategic_customers"),
    "supports": ("supports the work from inside, without contact", "operational_support"),
    "oversees": ("oversees the work", "stakeholders"),
    "influences": ("influences the work from outside it", "stakeholders"),
    "funds": ("pays for the work and expects results", "investors"),
    "benefits": ("benefits without using the widget", "investors"),
    "produces": ("produces the widget", "own-organization"),
    "directs": ("directs the work", "chain-of-command"),
    "part_of": ("is part of", "part-of"),
    "nobody": ("names no one in particular", "everyone"),
}
#: Relations that name another actor: "serves applicants", "part_of restaurant".
WITH_TARGET: frozenset[str] = frozenset({"serves", "works_with", "part_of"})
#: The target that stands for the scenario's primary customer, whoever that is: the lexicon's
#: front-line staff work directly with the primary customer of any scenario.
PRIMARY = "primary"
#: What an actor may be when it plays no role.
KINDS: tuple[str, ...] = ("own-organization", "chain-of-command", "part-of", "everyone")


class Relation(NamedTuple):
    """One relation of an actor: ``serves applicants`` is ``Relation("serves", "applicants")``."""

    kind: str
    target: str | None = None

    @classmethod
    def parse(cls, text: str) -> Relation:
        """``"serves applicants"`` -> ``Relation("serves", "applicants")``; raises
        ``ValueError`` with a plain reason when the text is not a relation."""
        kind, _, target = " ".join(text.split()).partition(" ")
        if kind not in RELATIONS:
            known = ", ".join(RELATIONS)
            raise ValueError(f"{kind!r} is not a relation (one of: {known})")
        if kind in WITH_TARGET and not target:
            raise ValueError(f"'{kind}' needs the actor it is about: '{kind} <actor id>'")
        if kind not in WITH_TARGET and target:
            raise ValueError(f"'{kind}' takes no actor: write '{kind}' alone")
        return cls(kind, target or None)

    def __str__(self) -> str:
        return f"{self.kind} {self.target}" if self.target else self.kind


def role_of(relation: str) -> str:
    """The role (a field name) or kind one relation gives."""
    return RELATIONS[relation][1]


def roles_of(relations: tuple[Relation, ...] | list[Relation]) -> tuple[str, ...]:
    """The roles an actor with ``relations`` plays, in the course's field order; when none
    of its relations gives a role, its one kind (own organization, chain of command...)."""
    given = {role_of(r.kind) for r in relations}
    roles = tuple(f for f in ROLE_FIELDS if f in given)
    if roles:
        return roles
    kinds = tuple(k for k in KINDS if k in given)
    return kinds[:1]


def is_role(role: str) -> bool:
    """True for a field's role, False for a kind that is no role."""
    return role in ROLE_FIELDS
