"""Every answer key validates, and grades its own answers as a trainer would.

Also: the loader names the file and the field when a key is broken, and the published
JSON Schema matches the models.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml

from ams_exercises.cli.dev import answer_key_schema
from ams_exercises.errors import KeyFileError
from ams_exercises.grader.course import ANSWER_KEY_SCHEMA, KEYS_DIR
from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import all_keys, key_ids, load_key
from ams_exercises.grader.normalize import POSSESSIVE, normal, tokens
from ams_exercises.grader.reading import rules
from ams_exercises.grader.vocabulary import FIELDS, LIST_FIELDS, TRAPS

SOURCE_IDS = [
    "environmental-permit",
    "intergenerational-poverty",
    "traffic-congestion",
    "medicaid-services",
    "federal-it-modernization",
    "state-audit-team",
    "procurement-requests",
    "it-case-management",
]
KEYS = all_keys()


def test_the_sources_scenarios_all_have_keys():
    assert set(SOURCE_IDS) <= set(key_ids())


def test_at_least_twenty_original_scenarios():
    originals = [k for k in KEYS if k.source == "original"]
    assert len(originals) >= 20, [k.id for k in originals]


def test_every_trap_and_every_field_is_practised_several_times():
    traps = Counter(w.trap for k in KEYS for f in k.fields.values() for w in f.wrong if w.trap)
    asked = Counter(name for k in KEYS for name in k.asks)
    assert all(traps[t] >= 3 for t in TRAPS), traps
    assert all(asked[f] >= 3 for f in FIELDS), asked


def _answer(name: str, phrase: str) -> str | list[str]:
    return [phrase] if name in LIST_FIELDS else phrase


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.id)
def test_every_accepted_phrasing_grades_correct(key):
    for name, fk in key.fields.items():
        if name not in key.asks:
            continue
        for index, item in enumerate(fk.expected):
            for phrase in item.accept:
                res = grade(key, {name: _answer(name, phrase)}).fields[name]
                if name in LIST_FIELDS:
                    outcome = res.items[0]
                    assert outcome.outcome == "matched", (name, phrase, outcome)
                    assert outcome.matched == fk.expected[index].accept[0]
                elif _activity_of_the_widget(fk, phrase):
                    # The doctrine (issues 11 and 12): "inspection" is the activity whose
                    # result, the inspection report, is the widget, even where a key lists it.
                    assert res.recognized_as == "activity", (name, phrase, res.feedback)
                else:
                    assert res.verdict == "correct", (name, phrase, res.feedback)


def _activity_of_the_widget(fk, phrase: str) -> bool:
    """``phrase`` is an activity noun and the key's widget is that activity's result."""
    r = rules()
    words = tuple(w for w in tokens(phrase) if w != POSSESSIVE)
    return (
        bool(words)
        and words[-1] in r.activity_nouns
        and any(
            tuple(t for t in tokens(p) if t != POSSESSIVE)[:-1] == words
            and tokens(p)[-1] in r.results
            for item in fk.expected
            for p in item.accept
        )
    )


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.id)
def test_every_known_wrong_answer_is_incorrect_with_its_role(key):
    for name, fk in key.fields.items():
        if name not in key.asks:
            continue
        for wrong in fk.wrong:
            for phrase in wrong.answers:
                res = grade(key, {name: _answer(name, phrase)}).fields[name]
                assert res.verdict == "incorrect", (name, phrase, res.verdict)
                assert res.recognized_as == wrong.recognized_as, (name, phrase, res.recognized_as)
                assert res.trap == wrong.trap


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.id)
def test_canonical_answers_pass_and_blanks_fail(key):
    full = {
        n: key.fields[n].canonical if n in LIST_FIELDS else key.fields[n].canonical[0]
        for n in key.asks
    }
    result = grade(key, full)
    assert result.passed and result.score == key.max_score
    blank = grade(key, {})
    assert not blank.passed and blank.score == 0
    assert {f.verdict for f in blank.fields.values()} == {"missing"}


def test_the_published_json_schema_matches_the_models():
    assert json.loads(ANSWER_KEY_SCHEMA.read_text()) == answer_key_schema(), (
        "run: ams-exercises dev schemas"
    )


def test_every_key_validates_against_the_published_json_schema():
    schema = json.loads(ANSWER_KEY_SCHEMA.read_text())
    for path in sorted(KEYS_DIR.glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(colour="blue"),
        lambda d: d.pop("scenario"),
        lambda d: d["fields"]["widget"].update(points=0),
        lambda d: d["fields"]["primary_customer"]["wrong"][0].update(trap="laziness"),
        lambda d: d.update(id="Not A Slug"),
        lambda d: d.update(asks=[]),
    ],
)
def test_the_published_json_schema_refuses_what_the_loader_refuses(change):
    """An editor using the schema flags the same mistakes the loader does."""
    schema = json.loads(ANSWER_KEY_SCHEMA.read_text())
    data = json.loads(json.dumps(GOOD))
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# --- broken keys: the loader names the file, the field and the problem -------------------

GOOD = yaml.safe_load((KEYS_DIR / "environmental-permit.yaml").read_text())


def _broken(tmp_path: Path, change) -> Path:
    data = json.loads(json.dumps(GOOD))
    change(data)
    path = tmp_path / "environmental-permit.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("scenario"), "field 'scenario': is required"),
        (lambda d: d.update(asks="primary_customer"), "field 'asks'"),
        (lambda d: d.update(asks=["primary_customer", "budget"]), "field 'asks.1'"),
        (lambda d: d.update(format_version=2), "format_version 2 is not supported"),
        (lambda d: d.update(id="another-id"), "must match the file name"),
        (lambda d: d.update(module="nowhere"), "field 'module': 'nowhere' is not a module"),
        (lambda d: d.update(colour="blue"), "field 'colour': is not a field of an answer key"),
        (
            lambda d: d["fields"]["primary_customer"]["wrong"][0].update(trap="laziness"),
            "field 'fields.primary_customer.wrong.0.trap': must be one of",
        ),
        (
            lambda d: d["fields"]["primary_customer"].update(items=[{"accept": ["x"]}]),
            "fields.primary_customer: a single-answer field takes 'accept'",
        ),
        (
            lambda d: d["fields"]["investors"].update(min_items=5),
            "fields.investors.min_items: more than the 2 items listed",
        ),
        (
            lambda d: d["fields"]["primary_customer"]["accept"].append("People who BREATHE air!"),
            "is also listed in accept",
        ),
        (lambda d: d.update(asks=["widget", "stakeholders"]), "fields.stakeholders: asked for"),
        (lambda d: d["fields"]["widget"].update(points=0), "field 'fields.widget.points'"),
    ],
)
def test_a_broken_key_names_file_and_field(tmp_path, change, expected):
    path = _broken(tmp_path, change)
    with pytest.raises(KeyFileError) as err:
        load_key(path)
    message = str(err.value)
    assert message.startswith(str(path) + ": ")
    assert expected in message
    assert "\n" not in message


def test_a_key_that_is_not_yaml_or_not_a_mapping(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(KeyFileError, match=r"x.yaml: is not valid YAML at line"):
        load_key(bad)
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(KeyFileError, match="must be a mapping"):
        load_key(bad)


def _revealing_phrases(fk) -> set[str]:
    """Phrasings that give a field's answer away: canonical ones, and any of two words or more."""
    out = {normal(c) for c in fk.canonical}
    out |= {normal(p) for item in fk.expected for p in item.accept if len(normal(p).split()) >= 2}
    return {p for p in out if p}


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.id)
def test_feedback_on_a_wrong_answer_does_not_give_the_right_one_away(key):
    """The solution is shown only when the learner asks: feedback explains and nudges."""
    leaks = []
    for name in key.asks:
        fk = key.fields[name]
        revealing = _revealing_phrases(fk)
        for entry in [*fk.wrong, *fk.partial]:
            said = f" {normal(entry.feedback)} "
            leaks += [(name, p, entry.feedback) for p in revealing if f" {p} " in said]
    assert not leaks, leaks
