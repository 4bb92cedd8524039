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
from ams_exercises.grader.vocabulary import FIELD_LABELS, LIST_FIELDS, ROLE_LABELS
from ams_exercises.handouts.render import HandoutRenderer
from ams_exercises.handouts.site import site_handouts

_QUOTED = re.compile(r"\u201c([^\u201d]*)\u201d")
_ROLE_BY_LABEL = {label: role for role, label in ROLE_LABELS.items()}


@lru_cache(maxsize=1)
def printed() -> list[tuple[str, str, str, str, str]]:
    """(exercise, field, phrasing, printed as, printed role) for each phrasing printed in
    the whole course's trainer edition."""
    handout = next(
        h for h in site_handouts(trainer=True) if h.trainer and h.is_course and h.paper == "letter"
    )
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
    assert len({p[0] for p in printed()}) == 30


def test_every_printed_phrasing_grades_as_printed():
    wrong = []
    for exercise, field, phrase, kind, role in printed():
        got, recognized = _outcome(exercise, field, phrase)
        if got != kind or (role and recognized != role):
            wrong.append(
                f"{exercise} {field} {phrase!r}: printed {kind} {role}, graded {got} {recognized}"
            )
    assert not wrong, "\n".join(wrong)
