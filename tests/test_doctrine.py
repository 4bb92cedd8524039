"""One doctrine in every key: each group plays the same role everywhere, unless a key says why.

The course lexicon (``course/lexicon.yaml``) gives each recurring group its default role. A
key that accepts a group in a field of another role, lists it as a wrong answer with another
role, or gives it half credit outside its own role, contradicts the lexicon unless it
``overrides`` the group with a reason. Two keys that give a group different roles contradict
each other unless both differences carry a reason. These tests list every contradiction.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from ams_exercises.grader.course import KEYS_DIR
from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import all_keys, key_ids, load_own_key, role_in
from ams_exercises.grader.lexicon import group_of_phrase, lexicon
from ams_exercises.grader.normalize import normal
from ams_exercises.grader.vocabulary import FIELDS, LIST_FIELDS

OWN_KEYS = [load_own_key(KEYS_DIR / f"{i}.yaml") for i in key_ids()]


def _recognized(role: str) -> str | None:
    """What a wrong answer of a group with ``role`` is recognized as."""
    return role if role in FIELDS else None


def contradictions_with_lexicon(key) -> list[str]:
    """Every place ``key`` gives a lexicon group another role than the lexicon, unexplained."""
    groups = group_of_phrase()
    overridden = {o.group: o.role for o in key.overrides}
    out = []
    for name, fk in key.fields.items():
        entries = [("accept", item.accept, name) for item in fk.expected]
        entries += [("partial", p.answers, name) for p in fk.partial]
        entries += [("wrong", w.answers, w.recognized_as) for w in fk.wrong]
        for kind, phrases, role in entries:
            for phrase in phrases:
                group = groups.get(normal(phrase))
                if group is None:
                    continue
                default = lexicon()[group].role
                where = f"{key.id}: fields.{name} {kind} {phrase!r} (group {group})"
                if group in overridden:
                    if kind == "accept" and name != overridden[group]:
                        said = overridden[group]
                        out.append(f"{where} is accepted as {name}, override says {said}")
                    continue
                if kind == "accept" and name != default:
                    out.append(f"{where}: accepted as {name}, lexicon says {default}")
                elif kind == "partial" and name != default:
                    out.append(f"{where}: half credit as {name}, lexicon says {default}")
                elif kind == "wrong" and role != _recognized(default):
                    out.append(f"{where}: recognized as {role}, lexicon says {default}")
    return out


def test_no_key_contradicts_the_lexicon():
    found = [line for key in OWN_KEYS for line in contradictions_with_lexicon(key)]
    assert not found, "\n".join(found)


def test_no_two_keys_give_a_group_different_roles_without_a_reason():
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    reasons = {(k.id, o.group): o.reason for k in OWN_KEYS for o in k.overrides}
    for key in OWN_KEYS:
        for group in lexicon():
            roles[group][role_in(key, group)].append(key.id)
    found = []
    for group, by_role in roles.items():
        if len(by_role) < 2:
            continue
        for role, ids in by_role.items():
            unexplained = [i for i in ids if (i, group) not in reasons]
            if unexplained and role != lexicon()[group].role:
                found.append(f"{group} is {role} in {unexplained} with no reason")
    assert not found, "\n".join(found)


def test_an_override_changes_a_role_and_says_why():
    for key in OWN_KEYS:
        for o in key.overrides:
            assert o.role != lexicon()[o.group].role, (key.id, o.group)
            assert len(o.reason.split()) >= 6, (key.id, o.group)


def test_every_recurring_answer_is_in_the_lexicon_once():
    for phrase in COMMON_ANSWERS:
        assert normal(phrase) in group_of_phrase(), phrase
    roles = {g.id: g.role for g in lexicon().values()}
    assert "primary_customer" not in roles.values()
    assert roles["front-line-staff"] == "strategic_customers"
    assert roles["the-public"] == roles["taxpayers"] == roles["people-who-benefit"] == "investors"


# --- the answers employees give most often, in every exercise that asks for a primary customer

#: Answer -> the role the doctrine gives it (None: no role, explained specifically).
COMMON_ANSWERS = {
    "the public": "investors",
    "taxpayers": "investors",
    "citizens": "investors",
    "residents": "investors",
    "the neighbors": "investors",
    "everyone": None,
    "the state": None,
    "the agency": None,
    "the department": None,
    "my boss": None,
    "my manager": None,
    "the director": None,
    "the governor": "stakeholders",
    "the legislature": "stakeholders",
    "legislators": "stakeholders",
    "IT": "operational_support",
    "HR": "operational_support",
    "procurement": "operational_support",
    "legal": "operational_support",
    "finance": "operational_support",
    "auditors": "stakeholders",
    "the federal government": "stakeholders",
    "the inspector general": "stakeholders",
    "advocates": "stakeholders",
    "the media": "stakeholders",
    "industry associations": "stakeholders",
    "front-line staff": "strategic_customers",
    "inspectors": "strategic_customers",
    "licensing specialists": "strategic_customers",
    "permit writers": "strategic_customers",
    "eligibility workers": "strategic_customers",
    "call-center agents": "strategic_customers",
    "caseworkers": "strategic_customers",
    "vendors": "operational_support",
}
PRIMARY_KEYS = [k for k in all_keys() if "primary_customer" in k.asks]


def _doctrine_role(key, answer: str) -> str | None:
    """The role ``answer`` plays in ``key``: the key's override, else the lexicon's default."""
    group = group_of_phrase()[normal(answer)]
    role = role_in(key, group)
    return role if role in FIELDS else None


def _own_right_answer(key, answer: str) -> bool:
    """The key itself accepts ``answer`` for the primary customer."""
    accepted = {normal(p) for item in key.fields["primary_customer"].expected for p in item.accept}
    return normal(answer) in accepted or _doctrine_role(key, answer) == "primary_customer"


@pytest.mark.parametrize("key", PRIMARY_KEYS, ids=lambda k: k.id)
def test_common_answers_are_wrong_for_the_primary_customer_and_explained(key):
    problems = []
    for answer in COMMON_ANSWERS:
        field = grade(key, {"primary_customer": answer}).fields["primary_customer"]
        if _own_right_answer(key, answer):
            if field.verdict != "correct":
                problems.append(f"{answer!r}: the key's own right answer, graded {field.verdict}")
            continue
        role = _doctrine_role(key, answer)
        if field.verdict != "incorrect" or field.outcome != "wrong":
            problems.append(f"{answer!r}: {field.verdict}/{field.outcome}, not recognized as wrong")
        elif field.recognized_as != role:
            problems.append(f"{answer!r}: recognized as {field.recognized_as}, doctrine: {role}")
        if "is not one of the answers" in field.feedback or len(field.feedback.split()) < 8:
            problems.append(f"{answer!r}: no explanation ({field.feedback!r})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("key", all_keys(), ids=lambda k: k.id)
def test_common_answers_in_a_list_field_of_another_role_say_their_role(key):
    problems = []
    for name in (n for n in key.asks if n in LIST_FIELDS):
        for answer, role in COMMON_ANSWERS.items():
            if role == name:
                continue
            item = grade(key, {name: [answer]}).fields[name].items[0]
            if item.outcome == "matched":
                group = group_of_phrase()[normal(answer)]
                if not any(o.group == group for o in key.overrides) and role is not None:
                    problems.append(f"{name} {answer!r}: accepted; doctrine says {role}")
            elif item.outcome == "unrecognized":
                problems.append(f"{name} {answer!r}: not recognized")
    assert not problems, "\n".join(problems)


def test_a_keys_own_answer_wins_over_the_lexicon():
    """In the procurement exercise the departments are strategic customers: the key's own
    answer, not the lexicon's "own organization", decides that field."""
    key = next(k for k in all_keys() if k.id == "procurement-requests")
    right = grade(key, {"strategic_customers": ["the departments"]}).fields["strategic_customers"]
    assert right.verdict == "correct"
    # ...while the lexicon still explains the same words in another field
    primary = grade(key, {"primary_customer": "the departments"}).fields["primary_customer"]
    assert primary.verdict == "incorrect"
    assert primary.recognized_as == "strategic_customers"


# --- modules taught before the traps name none


def test_checks_taught_before_the_traps_name_no_trap():
    """Chapters 1 and 2 come before the traps chapter: their keys, as graded, name no trap."""
    from ams_exercises.grader.keys import modules
    from ams_exercises.grader.vocabulary import TRAPS

    early = [m for m in modules().values() if not m.names_traps]
    assert {m.id for m in early} >= {"knowing-your-customer"}
    names = [t.lower() for t in TRAPS.values()] + ["pressure and proximate", "presumption", "trap:"]
    for key in all_keys():
        if key.module not in {m.id for m in early}:
            continue
        assert key.trap is None, key.id
        texts = [key.scenario, key.rationale, *key.hints, *key.discussion]
        for fk in key.fields.values():
            assert not any(w.trap for w in fk.wrong), key.id
            texts += [*fk.hints, fk.explanation or ""]
            texts += [e.feedback for e in (*fk.partial, *fk.wrong)]
        for answer in ("the public", "my boss", "the legislature", "IT"):
            result = grade(key, {"primary_customer": answer}).fields["primary_customer"]
            texts.append(result.feedback)
        plain = [t.lower().replace("“", "").replace("”", "") for t in texts]
        found = [n for n in names for t in plain if n in t]
        assert not found, (key.id, found)


# --- the lexicon file is checked like every course file


def test_the_published_lexicon_schema_matches_the_model_and_the_file():
    import json

    import jsonschema
    import yaml

    from ams_exercises.cli.dev import lexicon_schema
    from ams_exercises.grader.course import LEXICON_FILE, LEXICON_SCHEMA

    schema = json.loads(LEXICON_SCHEMA.read_text(encoding="utf-8"))
    assert schema == lexicon_schema(), "run `ams-exercises dev schemas`"
    jsonschema.validate(yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["groups"][0].update(role="primary_customer"), "field 'groups.0.role'"),
        (lambda d: d["groups"][1].update(id=d["groups"][0]["id"]), "groups[1].id"),
        (
            lambda d: d["groups"][1]["phrasings"].append("The Public"),
            "is also a phrasing of 'the-public'",
        ),
        (lambda d: d["groups"][0].pop("feedback"), "field 'groups.0.feedback': is required"),
    ],
)
def test_a_broken_lexicon_names_file_and_field(tmp_path, change, expected):
    import yaml

    from ams_exercises.errors import KeyFileError
    from ams_exercises.grader.course import LEXICON_FILE, load_course_file
    from ams_exercises.grader.lexicon import LexiconFile

    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(KeyFileError) as err:
        load_course_file(path, LexiconFile)
    assert "lexicon.yaml" in str(err.value) and expected in str(err.value)


def test_an_override_of_an_unknown_group_names_the_field(tmp_path):
    import yaml

    from ams_exercises.errors import KeyFileError

    data = yaml.safe_load((KEYS_DIR / "procurement-requests.yaml").read_text(encoding="utf-8"))
    data["overrides"][0]["group"] = "no-such-group"
    path = tmp_path / "procurement-requests.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(KeyFileError) as err:
        load_own_key(path)
    assert "field 'overrides.0.group'" in str(err.value)
