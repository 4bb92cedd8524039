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

from ams_exercises.authoring.models import LexiconFile, ModulesFile
from ams_exercises.authoring.sources import (
    ANSWER_KEY_SCHEMA,
    KEYS_DIR,
    LEXICON_FILE,
    LEXICON_SCHEMA,
    MODULES_FILE,
    load_course_file,
    load_key_source,
)
from ams_exercises.cli.dev import answer_key_schema, lexicon_schema
from ams_exercises.errors import KeyFileError
from ams_exercises.grader.grading import grade
from ams_exercises.grader.keys import all_keys, key_ids
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
    traps = Counter(a.trap for k in KEYS for a in k.placed if a.trap)
    traps += Counter(n.trap for k in KEYS for n in k.widget.not_it if n.trap)
    asked = Counter(name for k in KEYS for name in k.asks)
    assert all(traps[t] >= 3 for t in TRAPS), traps
    assert all(asked[f] >= 3 for f in FIELDS), asked


def _answer(name: str, phrase: str) -> str | list[str]:
    return [phrase] if name in LIST_FIELDS else phrase


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.id)
def test_every_accepted_phrasing_grades_correct(key):
    for name in key.asks:
        fk = key.fields[name]
        for index, item in enumerate(fk.expected):
            for phrase in item.accept:
                res = grade(key, {name: _answer(name, phrase)}).fields[name]
                if name in LIST_FIELDS:
                    outcome = res.items[0]
                    assert outcome.outcome == "matched", (name, phrase, outcome)
                    assert outcome.matched == fk.expected[index].accept[0]
                else:
                    assert res.verdict == "correct", (name, phrase, res.feedback)


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.id)
def test_every_known_wrong_answer_is_incorrect_with_its_role(key):
    for name in key.asks:
        for wrong in key.fields[name].wrong:
            for phrase in wrong.answers:
                res = grade(key, {name: _answer(name, phrase)}).fields[name]
                assert res.verdict == "incorrect", (name, phrase, res.verdict, res.feedback)
                assert res.recognized_as == wrong.recognized_as, (name, phrase, res.feedback)
                assert res.trap == wrong.trap, (name, phrase)


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


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.id)
def test_every_key_describes_its_people(key):
    """The people a learner describes ("people who...") can be found: each of the key's own
    actors says what it does."""
    bare = [a.ref for a in key.placed if a.group is None and not a.does]
    assert not bare, bare


def test_the_published_json_schemas_match_the_models():
    assert json.loads(ANSWER_KEY_SCHEMA.read_text()) == answer_key_schema(), (
        "run: ams-exercises dev schemas"
    )
    assert json.loads(LEXICON_SCHEMA.read_text()) == lexicon_schema(), (
        "run: ams-exercises dev schemas"
    )


def test_every_key_and_the_lexicon_validate_against_the_published_json_schemas():
    schema = json.loads(ANSWER_KEY_SCHEMA.read_text())
    for path in sorted(KEYS_DIR.glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    lexicon = json.loads(LEXICON_SCHEMA.read_text())
    jsonschema.validate(yaml.safe_load(LEXICON_FILE.read_text()), lexicon)


def test_every_course_file_reads_the_same_in_any_yaml_reader():
    """PyYAML's C reader accepts what its Python one refuses ("?]" at the end of a list):
    every file must read alike in both, as in an editor's."""
    from ams_exercises.authoring.sources import COURSE_DIR

    for path in sorted(COURSE_DIR.rglob("*.yaml")):
        text = path.read_text("utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        ), path


GOOD = yaml.safe_load((KEYS_DIR / "environmental-permit.yaml").read_text())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(colour="blue"),
        lambda d: d.pop("scenario"),
        lambda d: d["fields"]["primary_customer"].update(points=0),
        lambda d: d["actors"][0].update(trap="laziness"),
        lambda d: d["actors"][0].update(relations=["sells"]),
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
        (lambda d: d.update(format_version=1), "format_version 1 is not supported"),
        (lambda d: d.update(id="another-id"), "must match the file name"),
        (lambda d: d.update(module="nowhere"), "field 'module': 'nowhere' is not a module"),
        (lambda d: d.update(colour="blue"), "field 'colour': is not a field of an answer key"),
        (lambda d: d["actors"][0].update(trap="laziness"), "field 'actors.0.trap': must be one of"),
        (lambda d: d["actors"][0].update(relations=["sells"]), "field 'actors.0.relations.0'"),
        (lambda d: d["actors"][0].update(group="no-such-group"), "field 'actors.0'"),
        (lambda d: d["actors"].append({"group": "nobody-here"}), "is not a group of"),
        (lambda d: d.update(asks=["widget", "stakeholders"]), "fields.stakeholders: asked for"),
        (lambda d: d["fields"]["primary_customer"].update(points=0), "field 'fields.primary"),
    ],
)
def test_a_broken_key_names_file_and_field(tmp_path, change, expected):
    path = _broken(tmp_path, change)
    lexicon = load_course_file(LEXICON_FILE, LexiconFile)
    modules = load_course_file(MODULES_FILE, ModulesFile)
    with pytest.raises(KeyFileError) as err:
        load_key_source(path, lexicon, modules)
    message = str(err.value)
    assert message.startswith(str(path) + ": ")
    assert expected in message
    assert "\n" not in message


def test_a_key_that_is_not_yaml_or_not_a_mapping(tmp_path):
    lexicon = load_course_file(LEXICON_FILE, LexiconFile)
    modules = load_course_file(MODULES_FILE, ModulesFile)
    bad = tmp_path / "x.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(KeyFileError, match=r"x.yaml: is not valid YAML at line"):
        load_key_source(bad, lexicon, modules)
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(KeyFileError, match="must be a mapping"):
        load_key_source(bad, lexicon, modules)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["groups"][0].update(relations=["uses"]), "no group is the primary customer"),
        (lambda d: d["groups"][1].update(id=d["groups"][0]["id"]), "groups.1.id"),
        (lambda d: d["groups"][0].pop("feedback"), "field 'groups.0.feedback': is required"),
        (lambda d: d["sentences"]["relations"].pop("funds"), "no sentence for funds"),
    ],
)
def test_a_broken_lexicon_names_file_and_field(tmp_path, change, expected):
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(KeyFileError) as err:
        load_course_file(path, LexiconFile)
    assert "lexicon.yaml" in str(err.value) and expected in str(err.value)


def _revealing_phrases(fk) -> set[str]:
    """Phrasings that give a field's answer away: canonical ones, and any of two words or more."""
    from ams_exercises.grader.normalize import normal

    out = {normal(c) for c in fk.canonical}
    out |= {normal(p) for item in fk.expected for p in item.accept if len(normal(p).split()) >= 2}
    return {p for p in out if p}


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.id)
def test_feedback_on_a_wrong_answer_does_not_give_the_right_one_away(key):
    """The solution is shown only when the learner asks: feedback explains and nudges."""
    from ams_exercises.grader.normalize import normal

    leaks = []
    for name in key.asks:
        fk = key.fields[name]
        revealing = _revealing_phrases(fk)
        for entry in [*fk.wrong, *fk.partial]:
            said = f" {normal(entry.feedback)} "
            leaks += [(name, p, entry.feedback) for p in revealing if f" {p} " in said]
    assert not leaks, leaks
