"""Every phrasing the trainer's answer key prints grades as it is printed there.

Read from the rendered trainer edition (the HTML each PDF is laid out from), not from the
keys: what a trainer reads on paper is what the grader does. "Answer" and "Also accepted"
phrasings are right, "Half credit" ones half right, and a "Tempting wrong answer" is wrong
and, where the key says what it really is, recognized as that role.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bs4 import BeautifulSoup

from ams_exercises import check
from ams_exercises.grader.keys import all_keys, key_for
from ams_exercises.grader.vocabulary import (
    FIELD_LABELS,
    KIND_NAMES,
    LIST_FIELDS,
    ROLE_LABELS,
    ROLE_NAMES,
)
from ams_exercises.handouts.render import HandoutRenderer, select_handouts

_QUOTED = re.compile(r"\u201c([^\u201d]*)\u201d")
_ROLE_BY_LABEL = {label: role for role, label in ROLE_LABELS.items()}


def _course_key():
    """The whole course's trainer edition with the assessments' items, as a trainer prints
    it with ``--with-assessments`` (the site's leaves them out)."""
    return next(h for h in select_handouts((), ("trainer",), with_assessments=True) if h.is_course)


@lru_cache(maxsize=1)
def printed() -> list[tuple[str, str, str, str, str]]:
    """(exercise, field, phrasing, printed as, printed role) for each phrasing printed in
    the whole course's trainer edition."""
    handout = _course_key()
    soup = BeautifulSoup(HandoutRenderer().html(handout), "html.parser")
    out = []
    for article in soup.select("article.exercise"):
        exercise = article["id"].removeprefix("ex-")
        for section in article.select("section.key-field"):
            field = section["aria-labelledby"].removeprefix(f"ex-{exercise}-")
            assert field in FIELD_LABELS, field
            for canonical in section.select(".canonical"):
                out.append((exercise, field, canonical.get_text(), "right", ""))
            for also in section.select(".also"):
                out += [(exercise, field, p, "right", "") for p in _QUOTED.findall(also.text)]
            for part in section.select(".partial .says"):
                out += [(exercise, field, p, "half", "") for p in _QUOTED.findall(part.text)]
            for wrong in section.select(".wrong .says"):
                really = wrong.select_one(".really")
                text = really.get_text(" ", strip=True) if really else ""
                found = re.search(r"really (.+?)(?: · |$)", text)
                role = _ROLE_BY_LABEL[found.group(1)] if found else ""
                says = wrong.get_text().split("\u2192")[0]
                out += [(exercise, field, p, "wrong", role) for p in _QUOTED.findall(says)]
    return out


@lru_cache(maxsize=1)
def cast() -> list[tuple[str, str, str]]:
    """(exercise, name, role printed) for each name in each exercise's "who is who"."""
    handout = _course_key()
    soup = BeautifulSoup(HandoutRenderer().html(handout), "html.parser")
    by_name = {name: role for role, name in ROLE_NAMES.items()} | {
        name: "" for name in KIND_NAMES.values()
    }
    out = []
    for article in soup.select("article.exercise"):
        exercise = article["id"].removeprefix("ex-")
        for li in article.select("section.cast li"):
            roles = li.select_one(".really").get_text().removeprefix("→").strip()
            if " and " in roles and roles not in by_name:
                continue  # two roles: each is accepted where it is asked (test_doctrine)
            names = [li.select_one(".canonical").get_text()]
            also = li.select_one(".also")
            names += _QUOTED.findall(also.get_text()) if also else []
            out += [(exercise, name, by_name[roles]) for name in names]
    return out


def _outcome(exercise: str, field: str, phrase: str) -> tuple[str, str | None]:
    """The grade of ``phrase`` alone in ``field``: right, half or wrong, and the role it is
    recognized as."""
    answer: object = [phrase] if field in LIST_FIELDS else phrase
    result = check(exercise, **{field: answer}).fields[field]
    if field in LIST_FIELDS:
        item = result.items[0]
        kind = {"matched": "right", "partial": "half"}.get(item.outcome, "wrong")
        return kind, item.recognized_as
    kind = {"correct": "right", "partial": "half"}.get(result.verdict, "wrong")
    return kind, result.recognized_as


def test_the_trainer_edition_prints_a_good_share_of_every_kind():
    kinds = {p[3] for p in printed()}
    assert kinds == {"right", "half", "wrong"}
    assert len(printed()) > 1000
    assert len({p[0] for p in printed()}) == len(all_keys())  # the assessments too


def test_every_printed_phrasing_grades_as_printed():
    wrong = []
    for exercise, field, phrase, kind, role in printed():
        got, recognized = _outcome(exercise, field, phrase)
        if got != kind or (role and recognized != role):
            wrong.append(
                f"{exercise} {field} {phrase!r}: printed {kind} {role}, graded {got} {recognized}"
            )
    assert not wrong, "\n".join(wrong)


def test_every_group_in_who_is_who_grades_as_its_printed_role():
    assert len(cast()) > 300
    wrong = []
    for exercise, name, role in cast():
        key = key_for(exercise)
        if role in key.asks:
            got, _ = _outcome(exercise, role, name)
            if got != "right":
                wrong.append(f"{exercise} {name!r}: printed {role}, graded {got} there")
            continue
        # asked where it does not belong, it is recognized as what it is (or as no role); only
        # a field that names people can say so (not the widget or the trap)
        people = ("primary_customer", *LIST_FIELDS)
        field = next((f for f in people if f in key.asks and f != role), None)
        if field is None:
            continue
        got, recognized = _outcome(exercise, field, name)
        if got == "right" or recognized != (role or None):
            wrong.append(
                f"{exercise} {name!r} in {field}: printed {role!r}, graded {got} {recognized}"
            )
    assert not wrong, "\n".join(wrong)
